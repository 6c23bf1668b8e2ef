// SPDX-License-Identifier: Apache-2.0
// The help (`mip --help`, `mip help CMD`, `mip CMD --help`) wrapped to the
// width of where it is written. Lines break only at spaces, so a word, and
// with it a UTF-8 sequence, is never split; a continuation line starts where
// the text it continues started: an option's or a command's description
// under its description, a row of the exit-status table under the row's
// text.
#pragma once

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace mipcli {

// The width help written to `fd` is wrapped to: the terminal's when `fd` is
// one; else $COLUMNS when it is a positive number (a pager, a script that
// knows its width); else 80.
size_t help_width(int fd);

// CLI11's help, laid out for a width. At 60 columns and more an item's
// description stands beside its name, at CLI11's column (30), or under it
// at that column when the name is too wide; narrower, every description
// goes under its name, 6 columns in.
class HelpFormatter : public CLI::Formatter {
public:
    explicit HelpFormatter(size_t width) : width_(width) {}
    void set_width(size_t width) { width_ = width; }

    std::string make_option(const CLI::Option *option, bool is_positional) const override;
    std::string make_subcommand(const CLI::App *command) const override;
    std::string make_description(const CLI::App *app) const override;
    std::string make_usage(const CLI::App *app, std::string name) const override;
    std::string make_footer(const CLI::App *app) const override;

private:
    std::string item(const std::string &name, const std::string &description) const;

    size_t width_;
};

}  // namespace mipcli
