// Keeping secrets out of messages: servers and proxies echo what they were
// sent, and messages end up in logs.
#pragma once

#include <string>
#include <string_view>

namespace mip {

// Replaces each occurrence of `secret` in `message` with "***". A secret of
// kWordSecretLength characters or more is replaced wherever it occurs; a
// shorter one only where it stands whole, not run together with ASCII
// letters or digits, so that a one-letter token does not turn "token" into
// "to***en" (and tell, by where the asterisks stand, what the token is).
// An empty secret changes nothing.
void scrub(std::string &message, std::string_view secret);

// Shorter secrets can be parts of ordinary words by chance; longer ones are
// never parts of the server's words.
constexpr size_t kWordSecretLength = 8;

// The token, and for "user:password" the password on its own as well.
void scrub_token(std::string &message, std::string_view token);

}  // namespace mip
