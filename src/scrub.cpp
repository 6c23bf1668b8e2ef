#include "scrub.hpp"

namespace mip {

namespace {

bool is_word_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool stands_whole(const std::string &message, size_t at, size_t length) {
    const bool starts = at == 0 || !is_word_char(message[at - 1]);
    const bool ends = at + length == message.size() || !is_word_char(message[at + length]);
    return starts && ends;
}

}  // namespace

void scrub(std::string &message, std::string_view secret) {
    if (secret.empty()) return;
    static constexpr std::string_view kMask = "***";
    const bool anywhere = secret.size() >= kWordSecretLength;
    for (size_t at = message.find(secret); at != std::string::npos;) {
        if (anywhere || stands_whole(message, at, secret.size())) {
            message.replace(at, secret.size(), kMask);
            at = message.find(secret, at + kMask.size());
        } else {
            at = message.find(secret, at + 1);
        }
    }
}

void scrub_token(std::string &message, std::string_view token) {
    scrub(message, token);  // the whole first: one mask then hides the user name too
    const size_t colon = token.find(':');
    if (colon != std::string_view::npos) scrub(message, token.substr(colon + 1));
}

}  // namespace mip
