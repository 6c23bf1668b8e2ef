// Keeping secrets out of messages: servers and proxies echo what they were
// sent, and messages end up in logs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mip {

// Shorter secrets can be parts of ordinary words by chance; longer ones are
// never parts of the server's words.
constexpr size_t kWordSecretLength = 8;

// Replaces each occurrence of `secret` in `text` with "***". A secret of
// kWordSecretLength characters or more is replaced wherever it occurs; a
// shorter one only where it stands whole, not run together with ASCII
// letters or digits, so that a one-letter token does not turn "token" into
// "to***en" (and tell, by where the asterisks stand, what the token is).
// An empty secret changes nothing.
void scrub(std::string &text, std::string_view secret);

// The secrets of one client: the token, and for "user:password" the
// password on its own as well.
class Secrets {
public:
    Secrets() = default;
    explicit Secrets(std::string_view token);

    // These secrets and `more` as well (an object-storage secret key for one
    // call); an empty `more` adds nothing.
    Secrets with(std::string_view more) const;

    // Every secret scrubbed from `text`, the longest first, so that the
    // whole token's mask also hides the user name before the password's.
    void scrub(std::string &text) const;
    // The longest secret's length: how far a cut can reach into one.
    size_t longest() const { return secrets_.empty() ? 0 : secrets_.front().size(); }

private:
    void longest_first();
    std::vector<std::string> secrets_;  // longest first, none empty
};

}  // namespace mip
