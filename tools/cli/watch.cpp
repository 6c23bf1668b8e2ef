// SPDX-License-Identifier: Apache-2.0
#include "watch.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "exit_codes.hpp"
#include "job_output.hpp"
#include "job_snapshot.hpp"
#include "mip_handles.hpp"
#include "progress_view.hpp"
#include "text.hpp"

namespace mipcli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

int exit_code_for(mip_state state) {
    switch (state) {
        case MIP_STATE_COMPLETED: return kExitCompleted;
        case MIP_STATE_FAILED: return kExitFailed;
        default: return kExitUncommitted;
    }
}

// Several jobs: a failure outweighs an uncommitted job, which outweighs a
// completed one.
int exit_code_for(const std::vector<JobSnapshot> &jobs) {
    int code = kExitCompleted;
    for (const JobSnapshot &job : jobs) {
        const int own = exit_code_for(job.state);
        if (own == kExitFailed || (own == kExitUncommitted && code == kExitCompleted)) code = own;
    }
    return code;
}

// Remaining time, extrapolated from the progress made since the first poll
// that saw this progress or less (progress drops when a job fails).
class EtaEstimate {
public:
    std::optional<double> update(int progress, Clock::time_point now) {
        if (progress < 0) return std::nullopt;
        if (!first_ || progress < first_progress_) {
            first_ = now;
            first_progress_ = progress;
        }
        const double gained = progress - first_progress_, spent = seconds_between(*first_, now);
        if (gained <= 0 || spent <= 0) return std::nullopt;
        return (100 - progress) * spent / gained;
    }

private:
    std::optional<Clock::time_point> first_;
    int first_progress_ = 0;
};

// How each poll is shown. Jobs are numbered in the order they were given.
class WatchOutput {
public:
    virtual ~WatchOutput() = default;
    virtual void show(size_t index, const JobSnapshot &job, Clock::time_point now) = 0;
    // Makes room for a message on stderr.
    virtual void before_message() {}
    // The watch ended with every job's final state shown to show().
    virtual void finish() {}
};

// One job: its overall bar and a bar per file; several: a bar per job.
class TerminalOutput : public WatchOutput {
public:
    TerminalOutput(const std::vector<std::string> &job_ids, Clock::time_point start) : start_(start) {
        // A job not read yet shows as Unknown under its id.
        for (const std::string &id : job_ids) jobs_.emplace_back().job_id = id;
    }

    void show(size_t index, const JobSnapshot &job, Clock::time_point now) override {
        jobs_[index] = job;
        const double elapsed = seconds_between(start_, now);
        const TerminalSize size = terminal_size(STDOUT_FILENO);
        if (jobs_.size() == 1) {
            display_.draw(render_progress(job, elapsed, eta_.update(job.progress, now), size));
        } else {
            display_.draw(render_jobs(jobs_, elapsed, size));
        }
    }
    // On a shared terminal a message would land inside the block; take the
    // block away instead, the next poll draws it again below the message.
    void before_message() override {
        if (isatty(STDERR_FILENO)) display_.erase();
    }

private:
    Clock::time_point start_;
    std::vector<JobSnapshot> jobs_;
    EtaEstimate eta_;                 // of a single job only
    InPlaceDisplay display_{stdout};  // leaves the last drawing and the cursor on screen when destroyed
};

// A line per change, for logs and pipes; with several jobs each line starts
// with the job's id.
class PlainOutput : public WatchOutput {
public:
    PlainOutput(size_t jobs, Clock::time_point start) : start_(start), last_(jobs) {}

    void show(size_t index, const JobSnapshot &job, Clock::time_point now) override {
        std::string line = progress_line(job);
        if (line == last_[index]) return;
        const std::string id = last_.size() > 1 ? printable(job.job_id) + " " : "";
        std::printf("%s %s%s\n", clock_text(seconds_between(start_, now)).c_str(), id.c_str(), line.c_str());
        std::fflush(stdout);
        last_[index] = std::move(line);
    }

private:
    Clock::time_point start_;
    std::vector<std::string> last_;
};

// A JSON line per change of a job; each names its job.
class JsonLinesOutput : public WatchOutput {
public:
    explicit JsonLinesOutput(size_t jobs) : last_(jobs) {}

    void show(size_t index, const JobSnapshot &job, Clock::time_point) override {
        std::string line = job_json(job);
        if (line == last_[index]) return;
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
        last_[index] = std::move(line);
    }

private:
    std::vector<std::string> last_;
};

// --quiet: nothing while the jobs run; at the end each job's final state,
// as a line (named by its id when there are several) or a JSON object.
class QuietOutput : public WatchOutput {
public:
    QuietOutput(size_t jobs, bool json) : json_(json), last_(jobs) {}

    void show(size_t index, const JobSnapshot &job, Clock::time_point) override { last_[index] = job; }
    void finish() override {
        for (const JobSnapshot &job : last_) {
            const std::string id = last_.size() > 1 ? printable(job.job_id) + " " : "";
            std::printf("%s\n", json_ ? job_json(job).c_str() : (id + progress_line(job)).c_str());
        }
        std::fflush(stdout);
    }

private:
    bool json_;
    std::vector<JobSnapshot> last_;
};

std::unique_ptr<WatchOutput> make_output(const WatchOptions &options, Clock::time_point start) {
    if (options.quiet)
        return std::make_unique<QuietOutput>(options.job_ids.size(), options.format == WatchFormat::JsonLines);
    switch (options.format) {
        case WatchFormat::Terminal: return std::make_unique<TerminalOutput>(options.job_ids, start);
        case WatchFormat::JsonLines: return std::make_unique<JsonLinesOutput>(options.job_ids.size());
        default: return std::make_unique<PlainOutput>(options.job_ids.size(), start);
    }
}

int interrupted() {
    std::fputs("mip: interrupted\n", stderr);
    return kExitInterrupted;
}

// A wait's state shared with its callbacks, on the waiting thread.
struct WaitContext {
    WatchOutput &output;
    bool reached = false;  // a poll has succeeded: the server is there
};

int on_progress(const mip_job *job, void *user) {
    auto &context = *static_cast<WaitContext *>(user);
    context.reached = true;
    context.output.show(0, snapshot_of(job), Clock::now());
    return 0;
}

// A failure the library polls through (it decides which are): shown, then
// the wait goes on. Before any poll succeeded, a failure without an HTTP
// answer (refused, unknown host, a connect or read timeout; a TLS failure
// is not transient and ends the wait anyway) ends it instead: a wrong
// endpoint is more likely than a passing outage, and the user should hear
// it now. A server that answered, even 503 or 429, is there: that is
// ridden out.
bool never_reached(bool reached, const mip_error *error) { return !reached && mip_error_http_status(error) == 0; }

int on_transient_error(const mip_error *error, void *user) {
    auto &context = *static_cast<WaitContext *>(user);
    if (never_reached(context.reached, error)) return 1;
    context.output.before_message();
    report(failure_of(mip_error_code(error), error));
    return 0;
}

// One job: the library's own wait.
int watch_one(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options,
              WatchOutput &output) {
    mip_wait_options wait;
    mip_wait_options_init(&wait, sizeof wait);
    wait.poll_interval_ms = options.interval_ms;
    wait.timeout_ms = options.max_wait_ms;
    wait.on_progress = on_progress;
    wait.on_error = on_transient_error;
    WaitContext context{output};
    wait.user = &context;

    mip_job *job = nullptr;
    mip_error *error = nullptr;
    const mip_code code =
        mip_wait_import_with_options(client, options.job_ids.front().c_str(), &wait, cancel, &job, &error);
    const Owned<mip_job> owned_job(job);
    const Owned<mip_error> owned_error(error);
    if (stop.stopped()) return interrupted();
    if (code != MIP_OK) {
        output.before_message();
        report(failure_of(code, error));
        return kExitError;
    }
    return exit_code_for(mip_job_state(job));
}

// Several jobs: every unfinished one read each round, at once, with the
// library's rules for what has finished and what is worth polling through.
int watch_many(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options,
               WatchOutput &output) {
    const Clock::time_point start = Clock::now();
    const auto interval = std::chrono::milliseconds(options.interval_ms);
    const size_t count = options.job_ids.size();
    std::vector<JobSnapshot> last(count);
    std::vector<size_t> unfinished(count);
    for (size_t i = 0; i < count; ++i) unfinished[i] = i;
    bool reached = false;  // a job was read: the server is there (see on_transient_error)

    while (!unfinished.empty()) {
        std::vector<const char *> ids;
        for (const size_t i : unfinished) ids.push_back(options.job_ids[i].c_str());
        std::vector<mip_job *> jobs(ids.size(), nullptr);
        std::vector<mip_error *> errors(ids.size(), nullptr);
        mip_get_import_progress_many(client, ids.data(), ids.size(), cancel, jobs.data(), errors.data());
        std::vector<Owned<mip_job>> owned_jobs(jobs.begin(), jobs.end());
        std::vector<Owned<mip_error>> owned_errors(errors.begin(), errors.end());
        if (stop.stopped()) return interrupted();

        reached = reached || std::any_of(jobs.begin(), jobs.end(), [](const mip_job *job) { return job != nullptr; });
        std::vector<size_t> still;
        for (size_t k = 0; k < ids.size(); ++k) {
            const size_t i = unfinished[k];
            if (jobs[k] != nullptr) {
                last[i] = snapshot_of(jobs[k]);
                output.show(i, last[i], Clock::now());
                if (!mip_state_is_terminal(last[i].state)) still.push_back(i);
                continue;
            }
            output.before_message();
            const Failure failure{mip_error_code(errors[k]),
                                  "job " + printable(options.job_ids[i]) + ": " + mip_error_message(errors[k])};
            report(failure);
            if (never_reached(reached, errors[k]) || !mip_error_is_transient(errors[k])) return kExitError;
            still.push_back(i);
        }
        unfinished = std::move(still);
        if (unfinished.empty()) break;

        const auto waited = Clock::now() - start;
        if (options.max_wait_ms > 0 && waited + interval >= std::chrono::milliseconds(options.max_wait_ms)) {
            output.before_message();
            report({MIP_ERR_TIMEOUT,
                    std::to_string(unfinished.size()) + " of " + std::to_string(count) +
                        " jobs not finished after waiting " +
                        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()) + " ms"});
            return kExitError;
        }
        if (!stop.sleep_for(interval)) return interrupted();
    }
    return exit_code_for(last);
}

}  // namespace

void add_watch_options(CLI::App &command, WatchOptions &options) {
    command.add_option("--interval-ms", options.interval_ms, "Pause between polls, in milliseconds")
        ->check(CLI::Range(10, 3600000))
        ->capture_default_str();
    command
        .add_option("--max-wait", options.max_wait_ms,
                    "Give up (exit 2) when the jobs have not finished after this many milliseconds; "
                    "0 waits as long as it takes")
        ->check(CLI::Range(int64_t{0}, int64_t{30} * 24 * 3600 * 1000))
        ->capture_default_str();
    command.add_flag("--quiet,-q", options.quiet,
                     "No bars and no line per change: only each job's final state, and errors");
}

WatchFormat watch_format(bool json) {
    if (json) return WatchFormat::JsonLines;
    return isatty(STDOUT_FILENO) ? WatchFormat::Terminal : WatchFormat::Plain;
}

int watch_jobs(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options) {
    const auto output = make_output(options, Clock::now());
    const int code = options.job_ids.size() == 1 ? watch_one(client, cancel, stop, options, *output)
                                                 : watch_many(client, cancel, stop, options, *output);
    if (code == kExitCompleted || code == kExitFailed || code == kExitUncommitted) output->finish();
    return code;
}

}  // namespace mipcli
