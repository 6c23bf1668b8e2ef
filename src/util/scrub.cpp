// SPDX-License-Identifier: Apache-2.0
#include "util/scrub.hpp"

#include <algorithm>

namespace mip {

namespace {

bool is_word_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool stands_whole(std::string_view text, size_t at, size_t end) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const bool ends = end == text.size() || !is_word_char(text[end]);
    return starts && ends;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The longest HTML character reference looked for: "&#x0000005c;".
constexpr size_t kLongestEntity = 12;

// The length of an HTML character reference at text[at] ('&') that stands
// for `c`: named (&quot; &amp; &lt; &gt; &apos;) or numeric (&#34; &#x22;),
// else 0.
size_t entity_for(std::string_view text, size_t at, char c) {
    const size_t semicolon = text.substr(0, at + kLongestEntity).find(';', at);
    if (semicolon == std::string_view::npos) return 0;
    const std::string_view name = text.substr(at + 1, semicolon - at - 1);
    const size_t length = semicolon - at + 1;
    if (name.size() >= 2 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        long value = 0;
        for (const char d : digits) {
            const int v = hex ? hex_value(d) : (d >= '0' && d <= '9' ? d - '0' : -1);
            if (v < 0) return 0;
            value = value * (hex ? 16 : 10) + v;
        }
        return value == static_cast<unsigned char>(c) ? length : 0;
    }
    const bool named = (c == '"' && name == "quot") || (c == '&' && name == "amp") || (c == '<' && name == "lt") ||
                       (c == '>' && name == "gt") || (c == '\'' && name == "apos");
    return named ? length : 0;
}

// Every end of a way of writing the byte `c` from text[at]: itself,
// percent-encoded (either case; '+' for a space, as forms write it), or as
// an HTML character reference. Several can match ('&' is itself and the
// start of "&amp;"): each is tried.
void ends_of_plain_byte(std::string_view text, size_t at, char c, std::vector<size_t> &ends) {
    if (at >= text.size()) return;
    if (text[at] == c || (text[at] == '+' && c == ' ')) ends.push_back(at + 1);
    if (text[at] == '%' && at + 2 < text.size()) {
        const int high = hex_value(text[at + 1]);
        const int low = hex_value(text[at + 2]);
        if (high >= 0 && low >= 0 && high * 16 + low == static_cast<unsigned char>(c)) ends.push_back(at + 3);
    }
    if (text[at] == '&') {
        if (const size_t n = entity_for(text, at, c)) ends.push_back(at + n);
    }
}

// The same, and for the bytes JSON escapes with a backslash (`"`, `\`,
// `/`), with one before it, itself written any of those ways (`\"` in a
// JSON body, `\&quot;` once that body is quoted in an HTML page).
void ends_of_byte(std::string_view text, size_t at, char c, std::vector<size_t> &ends) {
    ends_of_plain_byte(text, at, c, ends);
    if (c != '"' && c != '\\' && c != '/') return;
    std::vector<size_t> slashes;
    ends_of_plain_byte(text, at, '\\', slashes);
    for (const size_t after : slashes) ends_of_plain_byte(text, after, c, ends);
}

// Where an echo of `secret`, written any of the ways above byte by byte,
// that begins at text[at] ends: the furthest end, so that the mask covers
// all of it; npos when none begins there. `reached` and `next` are scratch
// space, kept by the caller so that trying every position allocates once.
size_t echo_end(std::string_view text, size_t at, std::string_view secret, std::vector<size_t> &reached,
                std::vector<size_t> &next) {
    reached.assign(1, at);  // where the bytes matched so far can end; a few at most
    for (const char c : secret) {
        next.clear();
        for (const size_t from : reached) ends_of_byte(text, from, c, next);
        if (next.empty()) return std::string_view::npos;
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
        reached.swap(next);
    }
    return reached.back();
}

}  // namespace

Secrets::Secrets(std::string_view token) {
    if (token.empty()) return;
    add(token);
    const size_t colon = token.find(':');
    if (colon != std::string_view::npos && colon + 1 < token.size()) add(token.substr(colon + 1));
}

Secrets Secrets::with(std::string_view more) const {
    Secrets all = *this;
    if (!more.empty()) all.add(more);
    return all;
}

void Secrets::add(std::string_view secret) {
    secrets_.emplace_back(secret);
    // The longest first, so that the whole token's mask also hides the
    // user name before the password's.
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const std::string &a, const std::string &b) { return a.size() > b.size(); });
}

void Secrets::mask(std::string &text, bool short_ones) const {
    if (secrets_.empty()) return;
    static constexpr std::string_view kMask = "***";
    std::string out;
    size_t copied = 0;  // text before this is in `out`
    std::vector<size_t> reached, next;
    for (size_t at = 0; at < text.size();) {
        size_t end = std::string_view::npos;
        for (const std::string &secret : secrets_) {
            const bool long_secret = secret.size() >= kWordSecretLength;
            if (!long_secret && !short_ones) continue;
            end = echo_end(text, at, secret, reached, next);
            if (end != std::string_view::npos && !long_secret && !stands_whole(text, at, end)) {
                end = std::string_view::npos;
            }
            if (end != std::string_view::npos) break;
        }
        if (end == std::string_view::npos) {
            ++at;
            continue;
        }
        out.append(text, copied, at - copied);
        out += kMask;
        copied = at = end;
    }
    if (copied == 0) return;  // nothing masked: the text stays as it is
    out.append(text, copied, std::string::npos);
    text.swap(out);
}

void Secrets::scrub_server_text(std::string &text) const { mask(text, true); }

void Secrets::scrub_message(std::string &text) const { mask(text, false); }

size_t Secrets::longest() const { return secrets_.empty() ? 0 : secrets_.front().size() * kLongestEncodedByte; }

}  // namespace mip
