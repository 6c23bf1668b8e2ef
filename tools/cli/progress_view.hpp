// SPDX-License-Identifier: Apache-2.0
// The terminal display of `mip watch`: for one job an overall bar and a bar
// per file, for several a bar per job, laid out for the terminal's size and
// redrawn in place.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "job_snapshot.hpp"

namespace mipcli {

struct TerminalSize {
    int columns = 80;
    int rows = 24;
};

// The size of the terminal behind `fd`; 80x24 when it cannot be told.
TerminalSize terminal_size(int fd);

// The display's lines, none wider than the terminal and fewer than its rows:
// the overall bar with state, rows, elapsed time and ETA (the figures move
// to a line of their own when they do not fit beside the bar), the reason
// if there is one, then one bar per file.
std::vector<std::string> render_progress(const JobSnapshot &job, double elapsed_s, std::optional<double> eta_s,
                                         TerminalSize size);

// The display of several jobs, none of its lines wider than the terminal and
// fewer than its rows: per job its id, state, a bar and its rows (the bar on
// a line of its own when the terminal is too narrow for all of them on one),
// its reason if there is one; last the elapsed time and how many jobs ended.
std::vector<std::string> render_jobs(const std::vector<JobSnapshot> &jobs, double elapsed_s, TerminalSize size);

// Redraws a block of lines where it was drawn before, moving the cursor up
// rather than clearing the screen, so the display does not flicker.
class InPlaceDisplay {
public:
    explicit InPlaceDisplay(std::FILE *out) : out_(out) {}
    ~InPlaceDisplay() { release(); }
    InPlaceDisplay(const InPlaceDisplay &) = delete;
    InPlaceDisplay &operator=(const InPlaceDisplay &) = delete;

    void draw(const std::vector<std::string> &lines);
    // Removes the block, e.g. to let a message take its place.
    void erase();
    // Leaves the block on screen below the cursor and shows the cursor again.
    void release();

private:
    std::string back_to_top() const;
    void write(const std::string &text);

    std::FILE *out_;
    size_t drawn_ = 0;  // lines of the block on screen, the cursor just below them
    bool cursor_hidden_ = false;
};

}  // namespace mipcli
