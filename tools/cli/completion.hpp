// SPDX-License-Identifier: Apache-2.0
// `mip completion bash|zsh`: a shell completion script made from the
// command line's own definition (its commands, their options and
// positionals), so that it cannot drift from it. The build writes both and
// the packages install them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace mipcli {

// The values to offer for an option or positional, by the name CLI11 gives
// it ("--api", "JOB_ID"). Any other option that takes a value is completed
// with file names when CLI11 checks that it names an existing file, and
// with nothing otherwise.
using CompletionChoices = std::map<std::string, std::vector<std::string>>;

// The shells a script can be made for: bash and zsh.
const std::vector<std::string> &completion_shells();

// The completion script for `shell` (one of completion_shells()) of `app`:
// its visible commands, each with its options, their values and its
// positionals. Hidden ones (no group, as in CLI11's help) are left out.
std::string completion_script(const std::string &shell, CLI::App &app, const CompletionChoices &choices);

}  // namespace mipcli
