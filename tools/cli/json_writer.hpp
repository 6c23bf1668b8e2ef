// SPDX-License-Identifier: Apache-2.0
// A minimal JSON writer: objects, arrays, strings, integers and null, written
// compactly on one line, with commas placed automatically. Strings come out
// with every control character escaped (C0, DEL and C1), so the output is
// plain printable text whatever a server sent.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace mipcli {

class JsonWriter {
public:
    JsonWriter &begin_object() { return open('{'); }
    JsonWriter &end_object() { return close('}'); }
    JsonWriter &begin_array() { return open('['); }
    JsonWriter &end_array() { return close(']'); }

    JsonWriter &key(std::string_view name) {
        value(name);
        out_ += ':';
        after_key_ = true;
        return *this;
    }

    JsonWriter &value(std::string_view text) {
        separate();
        out_ += '"';
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            // The C1 controls (U+0080..U+009F, in UTF-8 C2 80..C2 9F; CSI,
            // U+009B, among them) act on terminals as C0 and DEL do: all are
            // escaped, so a server's text shown with --json cannot steer
            // the terminal of whoever reads it.
            const unsigned next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
            if (static_cast<unsigned char>(c) == 0xC2 && next >= 0x80 && next <= 0x9F) {
                escape(next);
                ++i;
                continue;
            }
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\n': out_ += "\\n"; break;
                case '\r': out_ += "\\r"; break;
                case '\t': out_ += "\\t"; break;
                case '\b': out_ += "\\b"; break;
                case '\f': out_ += "\\f"; break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                        escape(static_cast<unsigned char>(c));
                    } else {
                        out_ += c;  // UTF-8 passes through: JSON text is UTF-8
                    }
            }
        }
        out_ += '"';
        return *this;
    }

    JsonWriter &value(int64_t number) {
        separate();
        out_ += std::to_string(number);
        return *this;
    }

    JsonWriter &null() {
        separate();
        out_ += "null";
        return *this;
    }

    // The library reports "not sent by the server" as -1; JSON says that with null.
    JsonWriter &reported(int64_t number) { return number < 0 ? null() : value(number); }

    const std::string &str() const { return out_; }

private:
    // The code point as \u00XX (lowercase hex, as JSON allows).
    void escape(unsigned code_point) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", code_point);
        out_ += escaped;
    }

    JsonWriter &open(char bracket) {
        separate();
        out_ += bracket;
        first_.push_back(true);
        return *this;
    }

    JsonWriter &close(char bracket) {
        out_ += bracket;
        first_.pop_back();
        return *this;
    }

    // Writes the comma before every member but the first of its container.
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (first_.empty()) return;
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }

    std::string out_;
    std::vector<bool> first_;  // per open container: nothing written into it yet
    bool after_key_ = false;
};

}  // namespace mipcli
