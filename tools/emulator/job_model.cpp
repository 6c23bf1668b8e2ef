// SPDX-License-Identifier: Apache-2.0
// The simulated life of a job. Milvus weighs its phases as Pending 0-10,
// pre-import 10-40, import 40-70, sort 70-80, index build 80-90 and
// completion 100; the emulator moves linearly from 0 to 90 over the job's
// duration and then jumps to 100 (or stops at Uncommitted, 99, until a
// commit takes it through Committing, 99, to 100).
// Files import one after another, each for a share of the import phase equal
// to its share of the rows, so row counts grow steadily.
#include "job_model.hpp"

#include <algorithm>
#include <ctime>

namespace emu {
namespace {

constexpr double kImportStart = 40;  // progress where rows start to land
constexpr double kImportSpan = 30;
constexpr double kRunningEnd = 90;  // progress just before completion

// Fraction of the duration at which the import phase has done `share`.
double time_of_import_share(double share) { return (kImportStart + kImportSpan * share) / kRunningEnd; }

bool names_failure(const FileSpec &file) {
    return std::any_of(file.paths.begin(), file.paths.end(),
                       [](const std::string &p) { return p.find("fail") != std::string::npos; });
}

// Where a failing job breaks: its failing file (the first named so, else
// the first) and the share of the duration at which it fails, half-way
// through that file's import. None for a job that does not fail.
struct FailurePoint {
    size_t file;
    double at;
};
std::optional<FailurePoint> failure_point(const JobSpec &job) {
    auto failing = std::find_if(job.files.begin(), job.files.end(), names_failure);
    if (failing == job.files.end() && !(job.fail && !job.files.empty())) return std::nullopt;
    const size_t k = failing != job.files.end() ? static_cast<size_t>(failing - job.files.begin()) : 0;
    int64_t all_rows = 0, rows_before = 0;
    for (size_t i = 0; i < job.files.size(); ++i) {
        all_rows += job.files[i].rows;
        if (i < k) rows_before += job.files[i].rows;
    }
    const double middle = static_cast<double>(rows_before) + job.files[k].rows / 2.0;
    return FailurePoint{k, time_of_import_share(all_rows > 0 ? middle / static_cast<double>(all_rows) : 1.0)};
}

std::string rfc3339(WallTime t) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

}  // namespace

std::string go_list(const std::vector<std::string> &items) {
    std::string out = "[";
    for (const auto &item : items) out += (out.size() > 1 ? " " : "") + item;
    return out + "]";
}

JobState simulate(const JobSpec &job, SteadyTime now, double speed) {
    const double elapsed = std::chrono::duration<double>(now - job.started).count() * speed;
    const double t = job.duration_s > 0 ? elapsed / job.duration_s : 1.0;  // share of the duration
    auto wall_after = [&](double wall_s) {
        return rfc3339(job.started_wall + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                              std::chrono::duration<double>(wall_s)));
    };
    auto wall_at = [&](double share) { return wall_after(share * std::max(job.duration_s, 0.0) / speed); };

    int64_t all_rows = 0;
    JobState s;
    for (const auto &f : job.files) {
        all_rows += f.rows;
        s.file_size += f.size;
    }
    s.create_time = wall_at(0);

    // Milvus reports progress 0 and no rows once a job failed, aborted or not.
    auto failed = [&](std::string reason) {
        s.state = "Failed";
        s.reason = std::move(reason);
        for (size_t i = 0; i < job.files.size(); ++i) s.files.push_back({"Failed", 0, 0, 0, "", s.reason});
        return s;
    };
    if (job.aborted) return failed(kAbortedReason);

    // Where each file's rows start within the job's row sequence.
    std::vector<int64_t> first_row;
    int64_t before = 0;
    for (const auto &f : job.files) {
        first_row.push_back(before);
        before += f.rows;
    }
    auto share_of = [&](double rows) { return all_rows > 0 ? rows / static_cast<double>(all_rows) : 1.0; };

    if (const auto failure = failure_point(job); failure && t >= failure->at) {
        return failed(!job.reason.empty() ? job.reason
                                          : "failed to read file " + go_list(job.files[failure->file].paths) +
                                                ": unexpected EOF, file may be corrupted");
    }

    const double progress = std::min(t, 1.0) * kRunningEnd;
    const bool counted = progress >= kImportStart;  // pre-import has counted the rows
    const double imported_target =
        std::clamp((progress - kImportStart) / kImportSpan, 0.0, 1.0) * static_cast<double>(all_rows);

    for (size_t i = 0; i < job.files.size(); ++i) {
        const FileSpec &spec = job.files[i];
        const double end_row = static_cast<double>(first_row[i] + spec.rows);
        const bool done = counted && (t >= 1.0 || imported_target >= end_row);
        FileState f;
        f.total_rows = counted ? spec.rows : 0;
        f.imported_rows =
            done ? spec.rows
                 : std::clamp<int64_t>(static_cast<int64_t>(imported_target) - first_row[i], 0, f.total_rows);
        f.progress = f.total_rows > 0 ? static_cast<int>(f.imported_rows * 100 / f.total_rows) : (done ? 100 : 0);
        f.state = progress < 10 ? "Pending" : done ? "Completed" : "InProgress";
        if (done) f.complete_time = wall_at(time_of_import_share(share_of(end_row)));
        s.imported_rows += f.imported_rows;
        s.total_rows += f.total_rows;
        s.files.push_back(std::move(f));
    }

    if (t < 1.0) {
        s.state = progress < 10 ? "Pending" : "Importing";
        s.progress = static_cast<int>(progress);
    } else if (job.uncommitted && !job.committed) {
        s.state = "Uncommitted";
        s.progress = 99;
    } else if (job.uncommitted) {
        // A commit publishes the staged data in commit_s simulated seconds.
        const double commit_wall_s = std::chrono::duration<double>(*job.committed - job.started).count();
        const double committing_s = std::chrono::duration<double>(now - *job.committed).count() * speed;
        if (committing_s < job.commit_s) {
            s.state = "Committing";
            s.progress = 99;
        } else {
            s.state = "Completed";
            s.progress = 100;
            s.complete_time = wall_after(commit_wall_s + std::max(job.commit_s, 0.0) / speed);
        }
    } else {
        s.state = "Completed";
        s.progress = 100;
        s.complete_time = wall_at(1.0);
    }
    return s;
}

std::optional<double> finished_after(const JobSpec &job, double speed) {
    const double duration = std::max(job.duration_s, 0.0) / speed;
    auto since_start = [&](SteadyTime t) { return std::chrono::duration<double>(t - job.started).count(); };
    std::optional<double> end;
    if (const auto failure = failure_point(job)) {
        end = failure->at * duration;
    } else if (!job.uncommitted) {
        end = duration;
    } else if (job.committed) {
        end = since_start(*job.committed) + std::max(job.commit_s, 0.0) / speed;
    }
    // An abort ends the job then, unless it had already failed by itself.
    if (job.aborted) end = std::min(end.value_or(since_start(*job.aborted)), since_start(*job.aborted));
    return end;
}

}  // namespace emu
