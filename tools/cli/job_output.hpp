// SPDX-License-Identifier: Apache-2.0
// Jobs as text for people (`mip get`, `mip list`, `mip watch` into a pipe)
// and as JSON for programs (`--json`).
#pragma once

#include <string>
#include <vector>

#include "job_snapshot.hpp"

namespace mipcli {

// One JSON object on one line, no newline: every field of the job and of
// each detail; unreported numbers are null.
std::string job_json(const JobSnapshot &job);

// The jobs as one JSON array on one line, no newline, each as job_json.
std::string jobs_json(const std::vector<JobSnapshot> &jobs);

// A table with a header line, a line per job: id, collection, state,
// progress and reason; with a `width` (0: none) the reason is cut so that
// no line is wider (the whole reason is in --json).
std::string jobs_table(const std::vector<JobSnapshot> &jobs, size_t width = 0);

// Several lines, each ending in a newline: one per field, one per file.
std::string job_summary(const JobSnapshot &job);

// One line without newline: state, progress, rows, files done and reason.
std::string progress_line(const JobSnapshot &job);

// "45%", or "-" when unreported.
std::string percent_text(int progress);

}  // namespace mipcli
