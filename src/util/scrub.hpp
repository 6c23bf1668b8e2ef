// SPDX-License-Identifier: Apache-2.0
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

// The most bytes one byte of a secret takes in any form it is looked for
// in: a JSON backslash and the byte, each as an HTML numeric reference of
// up to 12 bytes ("&#x0000005c;").
constexpr size_t kLongestEncodedByte = 24;

// The secrets of one call: the token (and for "user:password" the password
// on its own as well), and an object-storage secret key. Each is looked for
// in every form a server may echo it in, byte by byte: as sent, as mip
// wrote it into a JSON body (`"` and `\` escaped), HTML-escaped (named or
// numeric references: an error page quoting the request), percent-encoded
// (either case), and the JSON form escaped again those ways; one matcher,
// not a list of forms, so that mixed escapes (`&quot;` beside `&#39;`) are
// found too.
class Secrets {
public:
    Secrets() = default;
    explicit Secrets(std::string_view token);

    // These secrets and `more` as well (an object-storage secret key for one
    // call); an empty `more` adds nothing.
    Secrets with(std::string_view more) const;

    // For text a server sent (an excerpt of a page, an envelope's message,
    // an id): every secret, in every form, the longest first so that the
    // whole token's mask also hides the user name before the password's.
    // A secret shorter than kWordSecretLength only where it stands whole.
    void scrub_server_text(std::string &text) const;
    // For a whole message, mip's own words included: only secrets of
    // kWordSecretLength or more, wherever they occur. A short secret ("2",
    // "Milvus") is an ordinary word there: masking it would garble mip's
    // words ("Milvus >= 2.6.24") and, by where the asterisks stand, tell the
    // secret. mip's own words never hold a secret; this is the net under
    // them.
    void scrub_message(std::string &text) const;
    // The longest echo of a secret in any form: how far a cut can reach
    // into one.
    size_t longest() const;

private:
    void add(std::string_view secret);
    // Every echo replaced with "***"; secrets shorter than
    // kWordSecretLength only when `short_ones`, and only where they stand
    // whole (not run together with ASCII letters or digits), so that a
    // one-letter token does not turn "token" into "to***en".
    void mask(std::string &text, bool short_ones) const;
    std::vector<std::string> secrets_;  // longest first, none empty
};

}  // namespace mip
