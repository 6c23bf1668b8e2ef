// SPDX-License-Identifier: Apache-2.0
// A job the server created but the caller could not be handed (out of
// memory for its copy): the failure keeps every rule of a message, with
// the id, the attempts and the key to find the job again.
#include <gtest/gtest.h>

#include <string>

#include "core/client.hpp"
#include "fixture_server.hpp"

namespace mip {
namespace {

bool has_control_characters(const std::string &text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

TEST(CreatedJob, AnIdThatCouldNotBeHandedOverKeepsEveryMessageRule) {
    const std::string token = "created-job-token-31337";
    // An id no server should send, long enough to be cut: controls, the
    // token echoed, and text to push the key out if it came last.
    const std::string id = "job-\\u001b[2J" + token + std::string(3000, 'i');
    mip_test::FixtureServer server(mip_test::answer(R"({"code":0,"data":{"jobId":")" + id + "\"}}"));
    Options options;
    options.endpoint = server.url();
    options.api = Api::Milvus;
    options.token = token;
    options.max_retries = 0;
    Result<std::unique_ptr<Client>> client = Client::create(options);
    ASSERT_TRUE(client.ok());
    ImportRequest request;
    request.collection = "books";
    request.files = {{"a.parquet"}};
    request.idempotency_key = "nightly-load-7";
    int handed = 0;
    Result<std::string> created =
        client.value()->create_import(request, nullptr, [&](std::string_view) { return ++handed, false; });
    ASSERT_FALSE(created.ok());
    const Error &e = created.error();
    EXPECT_EQ(handed, 1);
    EXPECT_EQ(e.code, Code::NoMemory);
    EXPECT_EQ(e.attempts, 1);
    EXPECT_EQ(e.http_status, 200);
    EXPECT_LE(e.message.size(), 1024u);
    EXPECT_FALSE(has_control_characters(e.message));
    EXPECT_EQ(e.message.find("31337"), std::string::npos) << "the token's echo is masked";
    EXPECT_NE(e.message.find("out of memory after the server created job job-?[2J***iii"), std::string::npos)
        << e.message.substr(0, 200);
    EXPECT_NE(e.message.find("Idempotency-Key nightly-load-7 is safe"), std::string::npos) << e.message;
    EXPECT_EQ(e.job_id.substr(0, 4), "job-");
}

}  // namespace
}  // namespace mip
