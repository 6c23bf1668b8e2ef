// SPDX-License-Identifier: Apache-2.0
// Where C++ meets C frames (libcurl's callbacks) or the top of a thread of
// ours, no exception may pass: unwinding through C is undefined, and one
// leaving a thread ends the process. Every such place runs its work through
// `completes`, which is where the rule is kept.
#pragma once

namespace mip {

// Runs `work`; false when it threw anything at all (what it was no longer
// matters at a boundary: the caller turns it into an error of its own).
template <class Work>
bool completes(Work &&work) noexcept {
    try {
        work();
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace mip
