// SPDX-License-Identifier: Apache-2.0
// The process's exit status, documented in `mip --help`.
#pragma once

namespace mipcli {

constexpr int kExitCompleted = 0;
constexpr int kExitFailed = 1;
constexpr int kExitError = 2;  // usage, connection or server error
constexpr int kExitUncommitted = 3;
constexpr int kExitInterrupted = 130;  // the shell's convention for death by SIGINT

}  // namespace mipcli
