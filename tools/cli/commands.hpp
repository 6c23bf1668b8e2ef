// SPDX-License-Identifier: Apache-2.0
// The commands that make one call and print its answer: get, list, commit
// and abort. Each returns the process's exit status.
#pragma once

#include <string>

#include <mip.h>

#include "stop_signals.hpp"

namespace mipcli {

// A summary of the job, or with `json` the job as one JSON object.
int get_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool json);

// A table of the jobs the server lists (of one collection when it is not
// empty), or with `json` a JSON array of them.
int list_jobs(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &collection,
              bool json);

// Ends a two-phase import: commits it, or with `abort` aborts it. Quiet on
// success.
int finish_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool abort);

}  // namespace mipcli
