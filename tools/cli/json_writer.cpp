// SPDX-License-Identifier: Apache-2.0
#include "json_writer.hpp"

#include <cstdio>

namespace mipcli {

namespace {

// The code point as \u00XX (lowercase hex, as JSON allows).
void escape(std::string &out, unsigned code_point) {
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\u%04x", code_point);
    out += escaped;
}

}  // namespace

void TerminalSafeEscape::operator()(std::string &out, std::string_view text) const {
    out += '"';
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // The C1 controls (U+0080..U+009F, in UTF-8 C2 80..C2 9F; CSI,
        // U+009B, among them) act on terminals as C0 and DEL do: all are
        // escaped, so a server's text shown with --json cannot steer the
        // terminal of whoever reads it.
        const unsigned next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (static_cast<unsigned char>(c) == 0xC2 && next >= 0x80 && next <= 0x9F) {
            escape(out, next);
            ++i;
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    escape(out, static_cast<unsigned char>(c));
                } else {
                    out += c;  // UTF-8 passes through: JSON text is UTF-8
                }
        }
    }
    out += '"';
}

}  // namespace mipcli
