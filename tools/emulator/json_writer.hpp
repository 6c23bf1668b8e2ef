// SPDX-License-Identifier: Apache-2.0
// Minimal JSON output: the emulator must control key order exactly (Milvus
// sorts keys, the cloud keeps its documented order), so it writes by hand.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace emu {

// A JSON string literal, escaped the way Go's encoding/json does (including
// its HTML-safe \u003c \u003e \u0026), since every flavor is served from Go.
inline std::string quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// Builds one object, keys in the order they are added.
class JsonObject {
public:
    JsonObject &raw(std::string_view key, std::string_view json) {
        out_ += out_.empty() ? "{" : ",";
        out_ += quote(key);
        out_ += ':';
        out_ += json;
        return *this;
    }
    JsonObject &str(std::string_view key, std::string_view value) { return raw(key, quote(value)); }
    JsonObject &num(std::string_view key, int64_t value) { return raw(key, std::to_string(value)); }
    // A string, or null when empty (cloud v1's "not yet" / "no error").
    JsonObject &str_or_null(std::string_view key, std::string_view value) {
        return value.empty() ? raw(key, "null") : str(key, value);
    }
    std::string close() const { return out_.empty() ? "{}" : out_ + "}"; }

private:
    std::string out_;
};

}  // namespace emu
