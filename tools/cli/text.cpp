// SPDX-License-Identifier: Apache-2.0
#include "text.hpp"

#include <cstdio>
#include <iterator>
#include <vector>

namespace mipcli {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The code point starting at `text[i]`, and in `length` its bytes. A byte
// that starts no valid sequence counts as one code point of one byte (a
// terminal shows it as one replacement character), so a cut never splits a
// sequence and a bad one never swallows the next character.
char32_t decode(std::string_view text, size_t i, size_t &length) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t need = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (need <= 1 || i + need > text.size()) {
        length = 1;
        return need == 1 ? byte : 0xFFFD;
    }
    char32_t point = byte & (0x7F >> need);
    for (size_t k = 1; k < need; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if (!is_continuation(next)) {
            length = 1;
            return 0xFFFD;
        }
        point = (point << 6) | (next & 0x3F);
    }
    length = need;
    return point;
}

struct Range {
    char32_t first, last;
};

bool in(const Range *ranges, size_t count, char32_t point) {
    for (size_t i = 0; i < count; ++i) {
        if (point >= ranges[i].first && point <= ranges[i].last) return true;
    }
    return false;
}

// Our own table, not glibc's wcwidth: that one needs a UTF-8 locale set for
// the whole process and its emoji widths change with the glibc release,
// while terminals (and tmux) agree on these ranges: Unicode's East Asian
// Wide and Fullwidth blocks and the emoji shown in colour by default.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440},
    {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
    {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
    {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

// Combining marks, joiners and variation selectors: drawn on the character
// before them, taking no column of their own.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

size_t width_of(char32_t point) {
    if (in(kZero, std::size(kZero), point)) return 0;
    return in(kWide, std::size(kWide), point) ? 2 : 1;
}

// Byte offset of the longest start of `text` at most `width` columns wide.
// A wide character that would straddle the limit is left out whole.
size_t offset_of(std::string_view text, size_t width) {
    size_t i = 0, used = 0;
    while (i < text.size()) {
        size_t length = 0;
        const size_t w = width_of(decode(text, i, length));
        if (used + w > width) break;
        used += w;
        i += length;
    }
    return i;
}

// Byte offset of the shortest end of `text` at most `width` columns wide.
size_t tail_offset(std::string_view text, size_t width) {
    // Code points' starts, walked from the end.
    std::vector<size_t> starts;
    for (size_t i = 0, length = 0; i < text.size(); i += length) {
        decode(text, i, length);
        starts.push_back(i);
    }
    size_t used = 0, offset = text.size();
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
        size_t length = 0;
        const size_t w = width_of(decode(text, *it, length));
        if (used + w > width) break;
        used += w;
        offset = *it;
    }
    return offset;
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool c1 = byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c1) {
            out += '?';
            ++i;
        } else {
            out += byte < 0x20 || byte == 0x7F ? '?' : text[i];
        }
    }
    return out;
}

std::string grouped(int64_t number) {
    if (number < 0) return "-";
    std::string digits = std::to_string(number);
    for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
    return digits;
}

std::string human_bytes(int64_t bytes) {
    if (bytes < 0) return "-";
    if (bytes < 1024) return std::to_string(bytes) + " B";
    const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes) / 1024;
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
}

std::string clock_text(double seconds) {
    const long total = seconds > 0 ? static_cast<long>(seconds + 0.5) : 0;
    char text[32];
    if (total >= 3600) {
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    } else {
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    }
    return text;
}

size_t columns(std::string_view text) {
    size_t count = 0;
    for (size_t i = 0, length = 0; i < text.size(); i += length) count += width_of(decode(text, i, length));
    return count;
}

std::string fit(std::string_view text, size_t width, bool pad) {
    const size_t length = columns(text);
    std::string out;
    if (length <= width) {
        out = std::string(text);
    } else if (width < 8) {
        out = std::string(text.substr(0, offset_of(text, width)));
    } else {
        const size_t head = (width - 3) / 2, tail = width - 3 - head;
        out = std::string(text.substr(0, offset_of(text, head))) + "..." +
              std::string(text.substr(tail_offset(text, tail)));
    }
    // A wide character left out at a cut leaves a column short.
    if (pad) out.append(width - std::min(width, columns(out)), ' ');
    return out;
}

}  // namespace mipcli
