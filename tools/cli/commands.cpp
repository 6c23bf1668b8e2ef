// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <vector>

#include "exit_codes.hpp"
#include "job_output.hpp"
#include "job_snapshot.hpp"
#include "mip_handles.hpp"
#include "progress_view.hpp"

namespace mipcli {
namespace {

// The exit status of a call that failed: an interruption, or the error.
int failed(const StopSignals &stop, mip_code code, const mip_error *error) {
    if (stop.stopped()) {
        std::fputs("mip: interrupted\n", stderr);
        return kExitInterrupted;
    }
    report(failure_of(code, error));
    return kExitError;
}

}  // namespace

int get_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool json) {
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_get_import_progress(client, job_id.c_str(), cancel, &job, &error);
    const Owned<mip_job> owned_job(job);
    const Owned<mip_error> owned_error(error);
    if (code != MIP_OK || stop.stopped()) return failed(stop, code, error);
    const JobSnapshot snapshot = snapshot_of(job);
    if (json) {
        std::printf("%s\n", job_json(snapshot).c_str());
    } else {
        std::fputs(job_summary(snapshot).c_str(), stdout);
    }
    return kExitCompleted;
}

int list_jobs(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &collection,
              bool json) {
    mip_job_list *list = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_list_imports(client, collection.c_str(), cancel, &list, &error);
    const Owned<mip_job_list> owned_list(list);
    const Owned<mip_error> owned_error(error);
    if (code != MIP_OK || stop.stopped()) return failed(stop, code, error);
    std::vector<JobSnapshot> jobs;
    for (size_t i = 0; i < mip_job_list_count(list); ++i) jobs.push_back(snapshot_of(mip_job_list_get(list, i)));
    if (json) {
        std::printf("%s\n", jobs_json(jobs).c_str());
    } else {
        // On a terminal the last column stays empty, as in the watch's display.
        const size_t width = isatty(STDOUT_FILENO) ? static_cast<size_t>(terminal_size(STDOUT_FILENO).columns - 1) : 0;
        std::fputs(jobs_table(jobs, width).c_str(), stdout);
    }
    // On stderr, so that --json stays one array on stdout.
    if (!mip_job_list_is_complete(list)) {
        std::fputs("mip: the list ended short of the job count the server gave: it may be partial; list again\n",
                   stderr);
    }
    return kExitCompleted;
}

int finish_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool abort) {
    mip_error *error = nullptr;
    const mip_code code = abort ? mip_abort_import(client, job_id.c_str(), cancel, &error)
                                : mip_commit_import(client, job_id.c_str(), cancel, &error);
    const Owned<mip_error> owned_error(error);
    if (code != MIP_OK || stop.stopped()) return failed(stop, code, error);
    return kExitCompleted;
}

}  // namespace mipcli
