// SPDX-License-Identifier: Apache-2.0
#include "util/message.hpp"

namespace mip {

namespace {

void neutralize_controls(std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\t' || c == '\n' || c == '\r') {
            out.push_back(' ');
        } else if (c < 0x20 || c == 0x7f) {
            out.push_back('?');
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0 &&
                   static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            out.push_back('?');  // U+0080..U+009F, the C1 controls, in UTF-8
            ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    text.swap(out);
}

// To at most `limit` bytes, the last three of them "...".
void cut(std::string &text, size_t limit) {
    if (text.size() <= limit) return;
    static constexpr size_t kEllipsis = 3;
    size_t end = limit - kEllipsis;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;  // not inside a character
    text.resize(end);
    text += "...";
}

void clean(std::string &text, const Secrets &secrets) {
    secrets.scrub_message(text);  // first: the cut must not leave a piece of a secret behind
    neutralize_controls(text);
}

}  // namespace

void finish_message(std::string &message, const Secrets &secrets, std::string_view tail) {
    clean(message, secrets);
    std::string last(tail);
    clean(last, secrets);
    cut(last, kMaxMessageBytes / 2);  // mip's own words are short; this only bounds them
    cut(message, kMaxMessageBytes - last.size());
    message += last;
}

}  // namespace mip
