// Secrets out of messages, and the server's words left readable.
#include <gtest/gtest.h>

#include "scrub.hpp"

namespace mip {
namespace {

std::string scrubbed(std::string message, const char *token) {
    Secrets(token).scrub(message);
    return message;
}

TEST(Scrub, AShortTokenIsMaskedOnlyWhereItStandsWhole) {
    EXPECT_EQ(scrubbed("The token is illegal.", "k"), "The token is illegal.");
    EXPECT_EQ(scrubbed("bad token k", "k"), "bad token ***");
    EXPECT_EQ(scrubbed("Bearer k, k.", "k"), "Bearer ***, ***.");
    EXPECT_EQ(scrubbed("kk k", "k"), "kk ***");
}

TEST(Scrub, ALongTokenIsMaskedWhereverItIs) {
    EXPECT_EQ(scrubbed("denied for Bearer secret-token-42", "secret-token-42"), "denied for Bearer ***");
    EXPECT_EQ(scrubbed("xsecret-token-42y and secret-token-42", "secret-token-42"), "x***y and ***");
}

TEST(Scrub, UserAndPasswordAreMaskedTogetherAndThePasswordAlone) {
    EXPECT_EQ(scrubbed("bad token root:Milvus", "root:Milvus"), "bad token ***");
    EXPECT_EQ(scrubbed("password Milvus is wrong for root", "root:Milvus"), "password *** is wrong for root");
    EXPECT_EQ(scrubbed("Milvusdb is fine", "root:Milvus"), "Milvusdb is fine");
    EXPECT_EQ(scrubbed("no colon, no second secret", "root:"), "no colon, no second secret");
    // The whole token first, then what is left of the password.
    EXPECT_EQ(scrubbed("u:a-long-password and a-long-password", "u:a-long-password"), "*** and ***");
}

TEST(Scrub, NothingToScrub) {
    EXPECT_EQ(scrubbed("message", ""), "message");
    EXPECT_EQ(scrubbed("", "k"), "");
    EXPECT_EQ(Secrets("root:Milvus").longest(), 11u);
    EXPECT_EQ(Secrets().longest(), 0u);
}

}  // namespace
}  // namespace mip
