// SPDX-License-Identifier: Apache-2.0
#include "help_format.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "progress_view.hpp"
#include "text.hpp"

namespace mipcli {
namespace {

constexpr size_t kPipeWidth = 80;
// Descriptions stand beside the names only when this much room is left
// right of the description column.
constexpr size_t kLeastDescriptionRoom = 30;
// Narrower, each description goes under its name, this far in.
constexpr size_t kNarrowDescriptionColumn = 6;
constexpr size_t kItemIndent = 2;
// A name too wide for its line (an option's type, default, variable) goes
// on this far in: left of where its description starts.
constexpr size_t kNameContinuation = 4;

bool is_blank(char c) { return c == ' ' || c == '\n'; }

// Ends the last line of `out`, without the spaces that padded it.
void end_line(std::string &out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
}

// `text`'s words after `first`, in lines of at most `width` columns, every
// line after the first starting with `indent` spaces. Words are never split:
// one too wide for a line's room gets a line of its own, starting as much
// further left as it needs, and only a word wider than `width` passes it.
// Ends with a newline.
std::string fill(std::string first, std::string_view text, size_t indent, size_t width) {
    std::string out = std::move(first);
    size_t used = columns(out);
    bool words_on_line = false;
    size_t start = 0;
    while (start < text.size()) {
        if (is_blank(text[start])) {
            ++start;
            continue;
        }
        size_t end = start;
        while (end < text.size() && !is_blank(text[end])) ++end;
        const std::string_view word = text.substr(start, end - start);
        start = end;
        const size_t word_columns = columns(word);
        const size_t new_line_start = std::min(indent, width > word_columns ? width - word_columns : 0);
        // A new line when the word does not fit on this one, unless this one
        // holds no word yet and a new one would give it no more room.
        if (used + (words_on_line ? 1 : 0) + word_columns > width && (words_on_line || used > new_line_start)) {
            end_line(out);
            used = new_line_start;
            out.append(used, ' ');
            words_on_line = false;
        }
        if (words_on_line) {
            out += ' ';
            ++used;
        }
        out += word;
        used += word_columns;
        words_on_line = true;
    }
    end_line(out);
    return out;
}

// One line of running text, continued where its text starts: after its
// leading spaces, and in a table row ("  2    usage, connection ...") after
// the row's first cell and the gap of two or more spaces behind it.
std::string fill_line(std::string_view line, size_t width) {
    size_t text_start = line.find_first_not_of(' ');
    if (text_start == std::string_view::npos) return "\n";
    const size_t gap = line.find("  ", text_start);
    if (gap != std::string_view::npos) text_start = line.find_first_not_of(' ', gap);
    const std::string first(line.substr(0, text_start));
    return fill(first, line.substr(text_start), columns(first), width);
}

// Every line of `text` filled on its own (fill_line).
std::string fill_lines(std::string_view text, size_t width) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        out += fill_line(text.substr(start, end - start), width);
        start = end + 1;
    }
    return out;
}

}  // namespace

size_t help_width(int fd) {
    if (isatty(fd)) return static_cast<size_t>(terminal_size(fd).columns);
    if (const char *text = std::getenv("COLUMNS")) {
        char *end = nullptr;
        errno = 0;
        const long width = std::strtol(text, &end, 10);
        if (end != text && *end == '\0' && errno == 0 && width > 0) return static_cast<size_t>(width);
    }
    return kPipeWidth;
}

std::string HelpFormatter::item(const std::string &name, const std::string &description) const {
    const std::string indent(kItemIndent, ' ');
    const bool beside = width_ >= get_column_width() + kLeastDescriptionRoom;
    const size_t column = beside ? get_column_width() : kNarrowDescriptionColumn;
    const size_t name_columns = kItemIndent + columns(name);
    // Two spaces at least between a name and its description: what help2man
    // (and a reader) takes for the gap between them.
    if (beside && name_columns + 2 <= column) {
        return fill(indent + name + std::string(column - name_columns, ' '), description, column, width_);
    }
    std::string out = fill(indent, name, kNameContinuation, width_);
    if (!description.empty()) out += fill(std::string(column, ' '), description, column, width_);
    return out;
}

std::string HelpFormatter::make_option(const CLI::Option *option, bool is_positional) const {
    return item(make_option_name(option, is_positional) + make_option_opts(option), make_option_desc(option));
}

std::string HelpFormatter::make_subcommand(const CLI::App *command) const {
    return item(command->get_display_name(true), command->get_description());
}

std::string HelpFormatter::make_description(const CLI::App *app) const {
    return fill_lines(CLI::Formatter::make_description(app), width_);
}

std::string HelpFormatter::make_usage(const CLI::App *app, std::string name) const {
    return fill_lines(CLI::Formatter::make_usage(app, std::move(name)), width_);
}

std::string HelpFormatter::make_footer(const CLI::App *app) const {
    return fill_lines(CLI::Formatter::make_footer(app), width_);
}

}  // namespace mipcli
