// SPDX-License-Identifier: Apache-2.0
// Formatting helpers shared by the plain and the terminal output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mipcli {

// The text with control characters (C0, DEL, C1) replaced by '?', so that
// a name or reason sent by a server cannot move the cursor or recolour the
// terminal.
std::string printable(std::string_view text);

// 1234567 -> "1,234,567"; a negative (unreported) number -> "-".
std::string grouped(int64_t number);

// 10485760 -> "10.0 MiB"; a negative (unreported) size -> "-".
std::string human_bytes(int64_t bytes);

// Seconds as "m:ss", or "h:mm:ss" from an hour on.
std::string clock_text(double seconds);

// Columns a terminal gives UTF-8 text: two for a wide (CJK, emoji)
// character, none for a combining mark, one for the rest.
size_t columns(std::string_view text);

// The text cut to at most `width` columns, keeping its start and end around
// "..." (file names differ at the end), padded with spaces to `width` when
// `pad` is set. A cut never splits a UTF-8 sequence or a wide character.
std::string fit(std::string_view text, size_t width, bool pad = false);

}  // namespace mipcli
