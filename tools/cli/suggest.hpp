// SPDX-License-Identifier: Apache-2.0
// "did you mean ...?" for a mistyped subcommand.
#pragma once

#include <string>
#include <vector>

namespace mipcli {

// The candidate closest to `word` by edit distance (Levenshtein), or ""
// when even the closest has nothing in common with it (as far from it as
// its own length).
std::string closest(const std::string &word, const std::vector<std::string> &candidates);

}  // namespace mipcli
