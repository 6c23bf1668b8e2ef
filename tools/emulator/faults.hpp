// SPDX-License-Identifier: Apache-2.0
// Fault injection, chosen by job id: a job id "fault-<name>[-<number>][-anything]"
// gets the named misbehavior on every progress route (see README.md).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <httplib.h>

#include "shutdown.hpp"

namespace emu {

enum class FaultKind {
    None,
    BadGateway,       // 502, HTML page
    Unavailable,      // 503, HTML page
    TooManyRequests,  // 429 + Retry-After
    RateLimited,      // 200 + {"code":1807}
    Timeout,          // 408 + {"code":10001}
    Reset,            // headers, half the body, then a TCP reset
    Truncate,         // Content-Length beyond the body, then close
    Stall,            // never answers
    SlowDrip,         // body trickled 8 bytes at a time
    Big,              // a valid job padded with details to about N bytes
};

struct Fault {
    FaultKind kind = FaultKind::None;
    int64_t param = 0;        // Retry-After seconds, drip interval ms, body bytes
    int64_t flaky_times = 0;  // > 0: only the first N requests for the id misbehave
};

// The largest answer fault-big makes, and the longest drip or Retry-After:
// whoever reaches the port must not be able to make the emulator allocate
// gigabytes or hold a worker for days.
constexpr int64_t kBiggestFaultBody = int64_t{16} << 20;
constexpr int64_t kLongestFaultParam = 3600;

// Parameters beyond those bounds are clamped to them.
Fault parse_fault(const std::string &job_id);

class Faults {
public:
    explicit Faults(Shutdown &shutdown) : shutdown_(shutdown) {}

    // Replaces or reshapes the already-built answer `res` for `job_id`.
    void apply(const std::string &job_id, const httplib::Request &req, httplib::Response &res);

private:
    bool still_flaky(const std::string &job_id, int64_t times);
    void stall(const httplib::Request &req);

    Shutdown &shutdown_;
    std::mutex mutex_;
    std::map<std::string, int64_t> seen_;  // requests so far per flaky job id
};

}  // namespace emu
