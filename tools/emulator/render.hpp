// SPDX-License-Identifier: Apache-2.0
// Response bodies, one dialect per server flavor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "job_model.hpp"

namespace emu {

enum class Flavor { Milvus, Cloud, CloudV1 };

using JobView = std::pair<JobSpec, JobState>;

// {"code":N,"message":"..."}: the error envelope all three flavors share.
std::string error_envelope(int64_t code, std::string_view message);

// The whole success answer to a progress request.
std::string render_progress(Flavor flavor, const JobSpec &job, const JobState &state);
// Where a list's records sit among all that matched (the cloud's paging).
struct ListPage {
    int64_t count = 0;  // records matching, on every page
    int64_t current_page = 1;
    int64_t page_size = 0;
};

// A list answer of `jobs`: Milvus's records (no paging), the cloud's page
// of records, or cloud v1's page of tasks.
std::string render_list(Flavor flavor, const std::vector<JobView> &jobs, const ListPage &page);
std::string render_created(Flavor flavor, const std::string &job_id);
// {"code":0,"data":{}}: what commit and abort answer.
std::string render_accepted();

}  // namespace emu
