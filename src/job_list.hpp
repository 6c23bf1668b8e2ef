// The jobs a server lists, gathered from its pages: what mip_list_imports
// hands out.
#pragma once

#include <vector>

#include "job.hpp"
#include "string_arena.hpp"

namespace mip {

struct JobList {
    std::vector<StringArena> strings;  // one per page read; the jobs' own arenas stay empty
    std::vector<Job> jobs;
};

}  // namespace mip
