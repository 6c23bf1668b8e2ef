// `mip watch`: polls a job until it is Completed, Failed or Uncommitted.
#pragma once

#include <cstdint>
#include <string>

#include <mip.h>

#include "stop_signals.hpp"

namespace mipcli {

enum class WatchFormat { Terminal, Plain, JsonLines };

struct WatchOptions {
    std::string job_id;
    int interval_ms = MIP_DEFAULT_POLL_INTERVAL_MS;
    int64_t max_wait_ms = 0;  // 0: wait as long as it takes
    WatchFormat format = WatchFormat::Plain;
};

// The exit status: the job's final state, or an error or interruption.
int watch_job(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options);

}  // namespace mipcli
