// SPDX-License-Identifier: Apache-2.0
#include "model/normalize.hpp"

#include <cmath>

namespace mip {

int clamp_percent(double pct) {
    // The epsilon keeps 0.29 * 100 (28.999...) at 29.
    const double whole = std::floor(pct + 1e-9);
    if (!(whole > 0)) return 0;  // also NaN
    return whole >= 100 ? 100 : static_cast<int>(whole);
}

std::optional<double> ready_as_percent(const RawEntry &e) {
    if (!e.ready_percentage) return std::nullopt;
    return *e.ready_percentage <= 1.0 ? *e.ready_percentage * 100.0 : *e.ready_percentage;
}

State derived_state(const RawEntry &e) {
    const std::optional<double> pct = ready_as_percent(e);
    if (!merged_reason(e).empty()) return State::Failed;
    if ((pct && *pct >= 100.0) || !e.complete_time.empty()) return State::Completed;
    if (!pct) return State::Unknown;
    return *pct <= 0.0 ? State::Pending : State::Importing;
}

}  // namespace mip
