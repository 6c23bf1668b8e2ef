// SPDX-License-Identifier: Apache-2.0
// The jobs a server lists, gathered from its pages: what mip_list_imports
// hands out.
#pragma once

#include <vector>

#include "model/job.hpp"
#include "util/string_arena.hpp"

namespace mip {

struct JobList {
    std::vector<StringArena> strings;  // one per page that kept a job; the jobs' own arenas stay empty
    std::vector<Job> jobs;
    // False when the list ended short of the count the server gave (an empty
    // page, a server that repeats its pages instead of going on).
    bool complete = true;
};

}  // namespace mip
