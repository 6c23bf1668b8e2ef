// Jobs described in a JSON scenario file given at start (format: README.md).
#pragma once

#include <string>

#include "job_store.hpp"

namespace emu {

// Adds the file's jobs to the store; returns an error text, "" on success.
std::string load_scenario(const std::string &path, JobStore &store);

// Row count and size for a file the request named without them: stable
// per name, so repeated runs show the same numbers.
FileSpec synthesized_file(std::vector<std::string> paths);

}  // namespace emu
