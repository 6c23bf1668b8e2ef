// Secrets out of messages, and the server's words left readable.
#include <gtest/gtest.h>

#include "scrub.hpp"

namespace mip {
namespace {

std::string scrubbed(std::string message, const char *token) {
    scrub_token(message, token);
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
}

TEST(Scrub, NothingToScrub) {
    EXPECT_EQ(scrubbed("message", ""), "message");
    EXPECT_EQ(scrubbed("", "k"), "");
}

}  // namespace
}  // namespace mip
