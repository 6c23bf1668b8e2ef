#include "scrub.hpp"

#include <algorithm>

namespace mip {

namespace {

bool is_word_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool stands_whole(const std::string &text, size_t at, size_t length) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const bool ends = at + length == text.size() || !is_word_char(text[at + length]);
    return starts && ends;
}

}  // namespace

void scrub(std::string &text, std::string_view secret) {
    if (secret.empty()) return;
    static constexpr std::string_view kMask = "***";
    const bool anywhere = secret.size() >= kWordSecretLength;
    for (size_t at = text.find(secret); at != std::string::npos;) {
        if (anywhere || stands_whole(text, at, secret.size())) {
            text.replace(at, secret.size(), kMask);
            at = text.find(secret, at + kMask.size());
        } else {
            at = text.find(secret, at + 1);
        }
    }
}

Secrets::Secrets(std::string_view token) {
    if (token.empty()) return;
    secrets_.emplace_back(token);
    const size_t colon = token.find(':');
    if (colon != std::string_view::npos && colon + 1 < token.size()) secrets_.emplace_back(token.substr(colon + 1));
    longest_first();
}

Secrets Secrets::with(std::string_view more) const {
    Secrets all = *this;
    if (more.empty()) return all;
    all.secrets_.emplace_back(more);
    all.longest_first();
    return all;
}

void Secrets::longest_first() {
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const std::string &a, const std::string &b) { return a.size() > b.size(); });
}

void Secrets::scrub(std::string &text) const {
    for (const std::string &secret : secrets_) mip::scrub(text, secret);
}

}  // namespace mip
