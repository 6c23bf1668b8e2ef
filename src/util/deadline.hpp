// SPDX-License-Identifier: Apache-2.0
// Time as the library counts it: one monotonic clock, and the instant by
// which a call must end.
#pragma once

#include <chrono>

namespace mip {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

}  // namespace mip
