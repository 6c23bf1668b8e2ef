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

// Worth another poll: the server or the network may recover.
bool is_transient(const Failure& failure) {
  switch (failure.code) {
    case MIP_ERR_CONNECT:
    case MIP_ERR_TIMEOUT:
    case MIP_ERR_RATE_LIMITED: return true;
    case MIP_ERR_HTTP:
    case MIP_ERR_SERVER: return failure.http_status >= 500;
    default: return false;
  }
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
  virtual void show(const JobSnapshot& job, Clock::time_point now) = 0;
  // Makes room for a message on stderr.
  virtual void before_message() {}
};

class TerminalOutput : public WatchOutput {
 public:
  explicit TerminalOutput(Clock::time_point start) : start_(start) {}

  void show(const JobSnapshot& job, Clock::time_point now) override {
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

  void show(const JobSnapshot& job, Clock::time_point now) override {
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
  void show(const JobSnapshot& job, Clock::time_point) override {
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

}  // namespace

int watch_job(mip_client* client, mip_cancel* cancel, StopSignals& stop, const WatchOptions& options) {
  const Clock::time_point start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(options.max_wait_ms);
  const auto output = make_output(options.format, start);
  std::string last_state = "no answer";

  for (;;) {
    mip_job* job = nullptr;
    mip_error* error = nullptr;
    const mip_code code = mip_get_import_progress(client, options.job_id.c_str(), cancel, &job, &error);
    const Owned<mip_job> owned_job(job);
    const Owned<mip_error> owned_error(error);
    if (stop.stopped()) break;

    if (code == MIP_OK) {
      const JobSnapshot snapshot = snapshot_of(job);
      output->show(snapshot, Clock::now());
      if (is_final(snapshot.state)) return exit_code_for(snapshot.state);
      last_state = std::string("state ") + mip_state_name(snapshot.state) + " " + percent_text(snapshot.progress);
    } else {
      const Failure failure = failure_of(code, error);
      output->before_message();
      report(failure);
      if (!is_transient(failure)) return kExitError;
      last_state = std::string("last error ") + mip_code_name(code);
    }

    auto pause = std::chrono::milliseconds(options.interval_ms);
    if (options.max_wait_ms > 0) {
      const auto now = Clock::now();
      if (now >= deadline) {
        report({MIP_ERR_TIMEOUT, 0,
                "job " + printable(options.job_id) + " not finished after --max-wait " +
                    std::to_string(options.max_wait_ms) + " ms (" + last_state + ")"});
        return kExitError;
      }
      pause = std::min(pause, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    }
    if (!stop.sleep_for(pause)) break;
  }
  std::fputs("mip: interrupted\n", stderr);
  return kExitInterrupted;
}

}  // namespace mipcli
