// SPDX-License-Identifier: Apache-2.0
// Secrets out of messages, in every form a server echoes them, and the
// server's words (and mip's own) left readable.
#include <gtest/gtest.h>

#include "util/scrub.hpp"

namespace mip {
namespace {

std::string server_text(std::string text, const char *token, const char *secret_key = "") {
    Secrets(token).with(secret_key).scrub_server_text(text);
    return text;
}

std::string message(std::string text, const char *token) {
    Secrets(token).scrub_message(text);
    return text;
}

TEST(Scrub, AShortTokenIsMaskedOnlyWhereItStandsWhole) {
    EXPECT_EQ(server_text("The token is illegal.", "k"), "The token is illegal.");
    EXPECT_EQ(server_text("bad token k", "k"), "bad token ***");
    EXPECT_EQ(server_text("Bearer k, k.", "k"), "Bearer ***, ***.");
    EXPECT_EQ(server_text("kk k", "k"), "kk ***");
}

TEST(Scrub, ALongTokenIsMaskedWhereverItIs) {
    EXPECT_EQ(server_text("denied for Bearer secret-token-42", "secret-token-42"), "denied for Bearer ***");
    EXPECT_EQ(server_text("xsecret-token-42y and secret-token-42", "secret-token-42"), "x***y and ***");
    EXPECT_EQ(message("xsecret-token-42y and secret-token-42", "secret-token-42"), "x***y and ***");
}

TEST(Scrub, UserAndPasswordAreMaskedTogetherAndThePasswordAlone) {
    EXPECT_EQ(server_text("bad token root:Milvus", "root:Milvus"), "bad token ***");
    EXPECT_EQ(server_text("password Milvus is wrong for root", "root:Milvus"), "password *** is wrong for root");
    EXPECT_EQ(server_text("Milvusdb is fine", "root:Milvus"), "Milvusdb is fine");
    EXPECT_EQ(server_text("no colon, no second secret", "root:"), "no colon, no second secret");
    // The whole token first, then what is left of the password.
    EXPECT_EQ(server_text("u:a-long-password and a-long-password", "u:a-long-password"), "*** and ***");
}

// mip's own words are never masked for a short secret: the token
// "root:Milvus" (whose password is short) and the token "2" leave them whole.
TEST(Scrub, AShortSecretIsLeftInMipsOwnWords) {
    const std::string words = "retrying is safe on Milvus >= 2.6.24 / 3.0.2";
    EXPECT_EQ(message(words, "root:Milvus"), words);
    EXPECT_EQ(message(words, "2"), words);
    EXPECT_EQ(message("denied: root:Milvus", "root:Milvus"), "denied: ***");
}

// Byte for byte what mip wrote into a JSON body, an HTML page's escapes
// (named and numeric), and percent-encoding in either case.
TEST(Scrub, EveryEchoedFormIsMasked) {
    const char *token = R"(tok"en\with<&>'-1234)";
    const std::pair<const char *, const char *> cases[] = {
        {R"(echo: tok\"en\\with<&>'-1234 end)", "json"},
        {"echo: tok&quot;en\\with&lt;&amp;&gt;&#x27;-1234 end", "html named"},
        {"echo: tok&#34;en\\with&lt;&amp;&gt;&#39;-1234 end", "html numeric"},
        {R"(echo: tok\&quot;en\\with&lt;&amp;&gt;&#x27;-1234 end)", "html of json"},
        {"echo: tok%22en%5Cwith%3C%26%3E%27-1234 end", "percent upper"},
        {"echo: tok%22en%5cwith%3c%26%3e%27-1234 end", "percent lower"},
        {"echo: tok&quot;en\\with&#60;&amp;&#x3E;&#039;-1234 end", "html mixed"},
        {"echo: tok%5C%22en%5C%5Cwith%3C%26%3E%27-1234 end", "percent of json"},
    };
    for (const auto &[text, form] : cases) {
        EXPECT_EQ(server_text(text, token), "echo: *** end") << form;
        EXPECT_EQ(message(text, token), "echo: *** end") << form;
    }
}

TEST(Scrub, TheObjectStorageKeyIsMaskedInEveryFormToo) {
    EXPECT_EQ(server_text("key s3cr%2Fet%2Bkey-99 refused", "token-long-enough", "s3cr/et+key-99"), "key *** refused");
    EXPECT_EQ(server_text("key \"s3cr/et+key-99\" refused", "", "s3cr/et+key-99"), "key \"***\" refused");
}

TEST(Scrub, ABackslashThatCouldBeAnEscapeIsTriedBothWays) {
    EXPECT_EQ(server_text("a\\\\b then a\\b", R"(a\\b)"), "*** then a\\b");
    EXPECT_EQ(server_text("x&amp;&amp;y x&&y", "x&&y"), "*** ***");
}

TEST(Scrub, NothingToScrub) {
    EXPECT_EQ(server_text("message", ""), "message");
    EXPECT_EQ(server_text("", "k"), "");
    EXPECT_EQ(Secrets("root:Milvus").longest(), 11u * kLongestEncodedByte);
    EXPECT_EQ(Secrets().longest(), 0u);
}

}  // namespace
}  // namespace mip
