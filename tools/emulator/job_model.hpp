// SPDX-License-Identifier: Apache-2.0
// What a simulated import job is, and how far it has got at a given moment.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace emu {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// One import unit. Milvus imports a group of paths (one .npy per field, say)
// as a single file and reports one detail for it.
struct FileSpec {
    std::vector<std::string> paths;
    int64_t rows = 0;
    int64_t size = 0;
};

struct JobSpec {
    std::string id;
    std::string collection;
    std::string partition;                       // as created; "" for the default one
    std::map<std::string, std::string> options;  // create's options, as sent
    // Who can see the job: Milvus requests in this database (none if empty),
    // cloud requests for this cluster (none if empty, every one if "*").
    std::string database = "default";
    std::string cluster = "*";
    std::vector<FileSpec> files;
    double duration_s = -1;    // simulated seconds to 100 %; < 0: the server default
    double commit_s = -1;      // simulated seconds in Committing; < 0: the server default
    double elapsed_s = 0;      // simulated seconds already behind the job at creation
    bool fail = false;         // also implied by a path containing "fail"
    std::string reason;        // failure text; a default one names the file
    bool uncommitted = false;  // stop at Uncommitted (99 %) instead of Completed
    SteadyTime started;        // set by the store
    WallTime started_wall;
    // Set by commit and abort (the store's, which check the state first);
    // `aborted` keeps the first abort's time.
    std::optional<SteadyTime> committed;
    std::optional<SteadyTime> aborted;
};

// The reason an aborted job reads with.
inline const char *const kAbortedReason = "import job aborted by request";

struct FileState {
    std::string state;  // Pending, InProgress, Completed, Failed
    int progress = 0;
    int64_t imported_rows = 0;
    int64_t total_rows = 0;
    std::string complete_time;  // RFC 3339; "" until the file is done
    std::string reason;
};

struct JobState {
    std::string state;  // Pending, Importing, Completed, Failed, Uncommitted, Committing
    int progress = 0;
    int64_t imported_rows = 0;
    int64_t total_rows = 0;
    int64_t file_size = 0;
    std::string create_time;
    std::string complete_time;  // "" until completed
    std::string reason;
    std::vector<FileState> files;  // one per FileSpec
};

// The job as seen at `now` when `speed` simulated seconds pass per wall second.
JobState simulate(const JobSpec &job, SteadyTime now, double speed);

// Wall seconds after job.started at which the job reads Completed or Failed
// for good (what Milvus's retention counts from); none while only a commit
// or an abort can end it.
std::optional<double> finished_after(const JobSpec &job, double speed);

// A path list printed the way Go's %v prints a []string: "[a.npy b.npy]".
std::string go_list(const std::vector<std::string> &items);

}  // namespace emu
