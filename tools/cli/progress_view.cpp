// SPDX-License-Identifier: Apache-2.0
#include "progress_view.hpp"

#include <sys/ioctl.h>

#include <algorithm>

#include "job_output.hpp"
#include "text.hpp"

namespace mipcli {
namespace {

constexpr int kMinBar = 10;          // narrower than this, figures give way to the bar
constexpr int kMaxBar = 50;          // wider bars only make the eye travel
constexpr size_t kStateColumn = 11;  // "Uncommitted", the longest state name
constexpr int kBarFrame = 8;         // " [" "] " and "100%" around a bar, beside its label
constexpr int kRowsReserve = 22;     // "  1,000,000/1,000,000" after a file's bar

std::string bar(int progress, int width) {
    const int filled = std::clamp(progress, 0, 100) * width / 100;
    std::string inner(static_cast<size_t>(width), ' ');
    std::fill_n(inner.begin(), filled, '=');
    if (filled > 0 && filled < width) inner[static_cast<size_t>(filled - 1)] = '>';
    return "[" + inner + "]";
}

// "label [=====>    ]  45%tail", cut to `room` columns; without a bar when
// there is no space for one.
std::string bar_line(const std::string &label, int progress, int bar_width, const std::string &tail, int room) {
    std::string line = label + " ";
    if (bar_width >= 3) line += bar(progress, bar_width) + " ";
    const std::string percent = percent_text(progress);
    line += std::string(4 - std::min<size_t>(4, percent.size()), ' ') + percent + tail;
    return fit(line, static_cast<size_t>(std::max(room, 1)));
}

// Columns shared by every bar line, so that the bars line up and keep their
// width while the figures beside them grow.
struct Layout {
    int room = 0;           // usable columns
    size_t name_width = 0;  // file names are cut to this
    size_t label_width = 0;
    int bar_width = 0;
};

Layout layout_for(const JobSnapshot &job, int room) {
    Layout layout;
    layout.room = room;
    for (const FileProgress &f : job.files)
        layout.name_width = std::max(layout.name_width, columns(printable(f.file_name)));
    layout.name_width = std::min(layout.name_width, static_cast<size_t>(std::max(8, room / 3)));
    layout.label_width = std::max(kStateColumn, 2 + layout.name_width);
    const int beside_label = room - static_cast<int>(layout.label_width) - kBarFrame;
    // Room for a file's rows after its bar, unless that would squeeze the bar.
    layout.bar_width = beside_label - kRowsReserve >= kMinBar ? beside_label - kRowsReserve : beside_label;
    layout.bar_width = std::min(layout.bar_width, kMaxBar);
    return layout;
}

std::string cut(const std::string &text, const Layout &layout) {
    return fit(text, static_cast<size_t>(std::max(layout.room, 1)));
}

void add_overall(std::vector<std::string> &lines, const JobSnapshot &job, double elapsed_s, std::optional<double> eta_s,
                 const Layout &layout) {
    lines.push_back(bar_line(fit(mip_state_name(job.state), layout.label_width, true), job.progress, layout.bar_width,
                             "", layout.room));
    const std::string rows = grouped(job.imported_rows) + "/" + grouped(job.total_rows);
    const std::string eta =
        mip_state_is_terminal(job.state) ? "" : "  ETA " + (eta_s ? clock_text(*eta_s) : std::string("-"));
    std::string figures = rows + " rows  elapsed " + clock_text(elapsed_s) + eta;
    // Under the bar when there is room, else from the left edge, in fewer words if need be.
    const size_t indent = layout.label_width + 1;
    if (static_cast<int>(indent + columns(figures)) <= layout.room) {
        figures.insert(0, indent, ' ');
    } else if (static_cast<int>(columns(figures)) > layout.room) {
        figures = rows + "  " + clock_text(elapsed_s) + eta;
    }
    lines.push_back(cut(figures, layout));
    if (!job.reason.empty()) lines.push_back(cut("reason: " + printable(job.reason), layout));
}

void add_files(std::vector<std::string> &lines, const JobSnapshot &job, const Layout &layout, int screen_rows) {
    // The block plus the cursor line must fit on the screen, or moving up
    // would not reach the block's top; the rest is summed up in one line.
    const size_t free_rows = static_cast<size_t>(std::max(0, screen_rows - 1 - static_cast<int>(lines.size())));
    if (free_rows == 0) return;
    const size_t shown = job.files.size() <= free_rows ? job.files.size() : free_rows - 1;
    for (size_t i = 0; i < shown; ++i) {
        const FileProgress &f = job.files[i];
        const std::string label = fit("  " + fit(printable(f.file_name), layout.name_width), layout.label_width, true);
        const std::string tail =
            f.state == MIP_STATE_FAILED ? "  Failed" : "  " + grouped(f.imported_rows) + "/" + grouped(f.total_rows);
        const int used = static_cast<int>(layout.label_width) + kBarFrame + layout.bar_width;
        lines.push_back(bar_line(label, f.progress, layout.bar_width,
                                 used + static_cast<int>(columns(tail)) <= layout.room ? tail : "", layout.room));
    }
    if (shown < job.files.size())
        lines.push_back(cut("  ... " + std::to_string(job.files.size() - shown) + " more files", layout));
}

// One job's lines in the display of several; every job's label is as wide,
// so that the bars line up.
std::vector<std::string> job_lines(const JobSnapshot &job, size_t id_width, int room) {
    const size_t width = static_cast<size_t>(std::max(room, 1));
    const std::string id = printable(job.job_id);
    const std::string state = mip_state_name(job.state);
    const std::string rows = "  " + grouped(job.imported_rows) + "/" + grouped(job.total_rows);
    const std::string label = fit(id, id_width, true) + "  " + fit(state, kStateColumn, true);
    const int label_width = static_cast<int>(columns(label));
    const int beside_label = room - label_width - kBarFrame;
    std::vector<std::string> lines;
    if (beside_label >= kMinBar) {
        // Room for the rows after the bar, unless that would squeeze the bar.
        int bar_width = beside_label - kRowsReserve >= kMinBar ? beside_label - kRowsReserve : beside_label;
        bar_width = std::min(bar_width, kMaxBar);
        const bool rows_fit = label_width + kBarFrame + bar_width + static_cast<int>(columns(rows)) <= room;
        lines.push_back(bar_line(label, job.progress, bar_width, rows_fit ? rows : "", room));
    } else {
        // Too narrow for a bar beside the id and the state: it goes below them.
        const int id_room = std::max(8, room - 2 - static_cast<int>(state.size()));
        std::string head = fit(id, static_cast<size_t>(id_room)) + "  " + state;
        if (columns(head) + columns(rows) <= width) head += rows;
        lines.push_back(fit(head, width));
        lines.push_back(bar_line(" ", job.progress, std::min(room - 1 - kBarFrame, kMaxBar), "", room));
    }
    if (!job.reason.empty()) lines.push_back(fit("  reason: " + printable(job.reason), width));
    return lines;
}

}  // namespace

TerminalSize terminal_size(int fd) {
    winsize ws{};
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) return {ws.ws_col, ws.ws_row};
    return {};
}

std::vector<std::string> render_progress(const JobSnapshot &job, double elapsed_s, std::optional<double> eta_s,
                                         TerminalSize size) {
    // The last column stays empty: a line that fills it would wrap on some
    // terminals and throw the cursor arithmetic off.
    const Layout layout = layout_for(job, size.columns - 1);
    std::vector<std::string> lines;
    add_overall(lines, job, elapsed_s, eta_s, layout);
    add_files(lines, job, layout, size.rows);
    return lines;
}

std::vector<std::string> render_jobs(const std::vector<JobSnapshot> &jobs, double elapsed_s, TerminalSize size) {
    const int room = size.columns - 1;  // the last column stays empty, as in render_progress
    const size_t width = static_cast<size_t>(std::max(room, 1));
    size_t id_width = 0;
    for (const JobSnapshot &job : jobs) id_width = std::max(id_width, columns(printable(job.job_id)));
    id_width = std::min(id_width, static_cast<size_t>(std::max(8, room / 3)));

    const auto ended = std::count_if(jobs.begin(), jobs.end(),
                                     [](const JobSnapshot &job) { return mip_state_is_terminal(job.state) != 0; });
    const std::string footer = fit("elapsed " + clock_text(elapsed_s) + "  " + std::to_string(ended) + "/" +
                                       std::to_string(jobs.size()) + " jobs ended",
                                   width);
    // The block plus the cursor line must fit on the screen (see add_files);
    // jobs that do not are counted on a line of their own.
    const size_t free_rows = static_cast<size_t>(std::max(0, size.rows - 2));
    std::vector<std::string> lines;
    size_t shown = 0;
    for (; shown < jobs.size(); ++shown) {
        std::vector<std::string> more = job_lines(jobs[shown], id_width, room);
        const bool last = shown + 1 == jobs.size();
        if (lines.size() + more.size() + (last ? 0 : 1) > free_rows) break;
        lines.insert(lines.end(), more.begin(), more.end());
    }
    if (shown < jobs.size()) lines.push_back(fit("... " + std::to_string(jobs.size() - shown) + " more jobs", width));
    lines.push_back(footer);
    return lines;
}

void InPlaceDisplay::draw(const std::vector<std::string> &lines) {
    std::string out = cursor_hidden_ ? "" : "\x1b[?25l";
    cursor_hidden_ = true;
    out += back_to_top();
    for (const auto &line : lines) out += line + "\x1b[K\n";  // [K: clear what a longer old line left
    if (lines.size() < drawn_) out += "\x1b[J";               // the old block was taller
    drawn_ = lines.size();
    write(out);
}

void InPlaceDisplay::erase() {
    if (drawn_ == 0) return;
    write(back_to_top() + "\x1b[J");
    drawn_ = 0;
}

void InPlaceDisplay::release() {
    if (cursor_hidden_) write("\x1b[?25h");
    cursor_hidden_ = false;
    drawn_ = 0;
}

std::string InPlaceDisplay::back_to_top() const { return drawn_ == 0 ? "" : "\x1b[" + std::to_string(drawn_) + "A\r"; }

void InPlaceDisplay::write(const std::string &text) {
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
}

}  // namespace mipcli
