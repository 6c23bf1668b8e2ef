// SPDX-License-Identifier: Apache-2.0
// A job's progress copied out of a mip_job, so the job can be freed right
// after the call and two polls can be compared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mip.h>

namespace mipcli {

// Integers are -1 where the server did not report them, as in the library.
struct FileProgress {
    std::string file_name;
    mip_state state = MIP_STATE_UNKNOWN;
    std::string state_text;
    int progress = -1;
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    std::string complete_time;
    std::string reason;
};

struct JobSnapshot {
    std::string job_id;
    std::string collection_name;
    std::string file_name;
    mip_state state = MIP_STATE_UNKNOWN;
    std::string state_text;
    int progress = -1;
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    std::string create_time;
    std::string complete_time;
    std::string reason;
    std::vector<FileProgress> files;
};

JobSnapshot snapshot_of(const mip_job *job);

}  // namespace mipcli
