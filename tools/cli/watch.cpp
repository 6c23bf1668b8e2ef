#include "watch.hpp"

#include <unistd.h>

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

// How each poll is shown.
class WatchOutput {
public:
    virtual ~WatchOutput() = default;
    virtual void show(const JobSnapshot &job, Clock::time_point now) = 0;
    // Makes room for a message on stderr.
    virtual void before_message() {}
};

class TerminalOutput : public WatchOutput {
public:
    explicit TerminalOutput(Clock::time_point start) : start_(start) {}

    void show(const JobSnapshot &job, Clock::time_point now) override {
        const auto eta = eta_.update(job.progress, now);
        display_.draw(render_progress(job, seconds_between(start_, now), eta, terminal_size(STDOUT_FILENO)));
    }
    // On a shared terminal a message would land inside the block; take the
    // block away instead, the next poll draws it again below the message.
    void before_message() override {
        if (isatty(STDERR_FILENO)) display_.erase();
    }

private:
    Clock::time_point start_;
    EtaEstimate eta_;
    InPlaceDisplay display_{stdout};  // leaves the last drawing and the cursor on screen when destroyed
};

// A line per change, for logs and pipes.
class PlainOutput : public WatchOutput {
public:
    explicit PlainOutput(Clock::time_point start) : start_(start) {}

    void show(const JobSnapshot &job, Clock::time_point now) override {
        std::string line = progress_line(job);
        if (line == last_) return;
        std::printf("%s %s\n", clock_text(seconds_between(start_, now)).c_str(), line.c_str());
        std::fflush(stdout);
        last_ = std::move(line);
    }

private:
    Clock::time_point start_;
    std::string last_;
};

class JsonLinesOutput : public WatchOutput {
public:
    void show(const JobSnapshot &job, Clock::time_point) override {
        std::printf("%s\n", job_json(job).c_str());
        std::fflush(stdout);
    }
};

std::unique_ptr<WatchOutput> make_output(WatchFormat format, Clock::time_point start) {
    switch (format) {
        case WatchFormat::Terminal: return std::make_unique<TerminalOutput>(start);
        case WatchFormat::JsonLines: return std::make_unique<JsonLinesOutput>();
        default: return std::make_unique<PlainOutput>(start);
    }
}

// What the library's wait tells the watch, on the waiting thread; `user`
// is the WatchOutput.
int on_progress(const mip_job *job, void *user) {
    static_cast<WatchOutput *>(user)->show(snapshot_of(job), Clock::now());
    return 0;
}

// A failure the library polls through (it decides which are): shown, then
// the wait goes on.
int on_transient_error(const mip_error *error, void *user) {
    static_cast<WatchOutput *>(user)->before_message();
    report(failure_of(mip_error_code(error), error));
    return 0;
}

}  // namespace

int watch_job(mip_client *client, mip_cancel *cancel, StopSignals &stop, const WatchOptions &options) {
    const auto output = make_output(options.format, Clock::now());
    mip_wait_options wait;
    mip_wait_options_init(&wait, sizeof wait);
    wait.poll_interval_ms = options.interval_ms;
    wait.timeout_ms = options.max_wait_ms;
    wait.on_progress = on_progress;
    wait.on_error = on_transient_error;
    wait.user = output.get();

    mip_job *job = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_wait_import_with_options(client, options.job_id.c_str(), &wait, cancel, &job, &error);
    const Owned<mip_job> owned_job(job);
    const Owned<mip_error> owned_error(error);
    if (stop.stopped()) {
        std::fputs("mip: interrupted\n", stderr);
        return kExitInterrupted;
    }
    if (code != MIP_OK) {
        output->before_message();
        report(failure_of(code, error));
        return kExitError;
    }
    return exit_code_for(mip_job_state(job));
}

}  // namespace mipcli
