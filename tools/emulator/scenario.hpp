// SPDX-License-Identifier: Apache-2.0
// Jobs served from the start: those of a JSON scenario file (format:
// README.md), and as many plain ones as a benchmark wants.
#pragma once

#include <cstdint>
#include <string>

#include "job_store.hpp"

namespace emu {

// Adds the file's jobs to the store; returns an error text, "" on success.
std::string load_scenario(const std::string &path, JobStore &store);

// Adds `count` jobs of one file each to `collection`, visible in database
// default and every cluster, in the order of their numbers.
void add_plain_jobs(JobStore &store, int64_t count, const std::string &collection);

// Row count and size for a file the request named without them: stable
// per name, so repeated runs show the same numbers.
FileSpec synthesized_file(std::vector<std::string> paths);

}  // namespace emu
