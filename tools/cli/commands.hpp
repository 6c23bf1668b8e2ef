// The commands that make one call and print its answer: get, commit and
// abort. Each returns the process's exit status.
#pragma once

#include <string>

#include <mip.h>

#include "stop_signals.hpp"

namespace mipcli {

// A summary of the job, or with `json` the job as one JSON object.
int get_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool json);

// Ends a two-phase import: commits it, or with `abort` aborts it. Quiet on
// success.
int finish_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool abort);

}  // namespace mipcli
