// SPDX-License-Identifier: Apache-2.0
// `mip watch`: polls jobs until each is Completed, Failed or Uncommitted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mip.h>
#include <CLI/CLI.hpp>

#include "stop_signals.hpp"

namespace mipcli {

enum class WatchFormat { Terminal, Plain, JsonLines };

struct WatchOptions {
    std::vector<std::string> job_ids;
    int interval_ms = MIP_DEFAULT_POLL_INTERVAL_MS;
    int64_t max_wait_ms = 0;  // 0: wait as long as it takes
    WatchFormat format = WatchFormat::Plain;
    bool quiet = false;  // no bars, no line per change: each job's last state only
};

// --interval-ms, --max-wait and --quiet, shared by `mip watch` and `mip import --watch`.
void add_watch_options(CLI::App &command, WatchOptions &options);

// Bars on a terminal, JSON lines when asked, else a line per change.
WatchFormat watch_format(bool json);

// The exit status: 0 when every job completed, 1 when one failed, 3 when one
// is uncommitted and none failed; or that of an error or interruption.
int watch_jobs(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options);

}  // namespace mipcli
