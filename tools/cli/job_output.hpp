// The job as text for people (`mip get`, `mip watch` into a pipe) and as
// JSON for programs (`--json`).
#pragma once

#include <string>

#include "job_snapshot.hpp"

namespace mipcli {

// One JSON object on one line, no newline: every field of the job and of
// each detail; unreported numbers are null.
std::string job_json(const JobSnapshot &job);

// Several lines, each ending in a newline: one per field, one per file.
std::string job_summary(const JobSnapshot &job);

// One line without newline: state, progress, rows, files done and reason.
std::string progress_line(const JobSnapshot &job);

// "45%", or "-" when unreported.
std::string percent_text(int progress);

}  // namespace mipcli
