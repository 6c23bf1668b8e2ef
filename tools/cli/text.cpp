// SPDX-License-Identifier: Apache-2.0
#include "text.hpp"

#include <cstdio>
#include <iterator>

namespace mipcli {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Byte offset where code point number `n` starts (or the size).
size_t offset_of(std::string_view text, size_t n) {
    size_t i = 0;
    for (; i < text.size(); ++i) {
        if (is_continuation(static_cast<unsigned char>(text[i]))) continue;
        if (n == 0) break;
        --n;
    }
    return i;
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
    for (const char c : text) count += is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
    return count;
}

std::string fit(std::string_view text, size_t width, bool pad) {
    const size_t length = columns(text);
    std::string out;
    if (length <= width) {
        out = std::string(text);
        if (pad) out.append(width - length, ' ');
    } else if (width < 8) {
        out = std::string(text.substr(0, offset_of(text, width)));
    } else {
        const size_t head = (width - 3) / 2, tail = width - 3 - head;
        out = std::string(text.substr(0, offset_of(text, head))) + "..." +
              std::string(text.substr(offset_of(text, length - tail)));
    }
    return out;
}

}  // namespace mipcli
