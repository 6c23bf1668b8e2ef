#include "message.hpp"

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

void cut(std::string &text) {
    if (text.size() <= kMaxMessageBytes) return;
    static constexpr size_t kEllipsis = 3;
    size_t end = kMaxMessageBytes - kEllipsis;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;  // not inside a character
    text.resize(end);
    text += "...";
}

}  // namespace

void finish_message(std::string &message, const Secrets &secrets) {
    secrets.scrub(message);  // first: the cut must not leave a piece of a secret behind
    neutralize_controls(message);
    cut(message);
}

}  // namespace mip
