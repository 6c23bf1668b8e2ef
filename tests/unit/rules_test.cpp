// SPDX-License-Identifier: Apache-2.0
// The argument rules, from their one definition: each refusal names the
// field it refuses, and the bounds are those mip.h documents.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <mip.h>

#include "core/rules.hpp"

namespace mip {
namespace {

TEST(Rules, TextIsCleanUtf8WithinItsBoundAndNamesItsField) {
    EXPECT_FALSE(text_problem("collection name", "books_2026"));
    EXPECT_FALSE(text_problem("collection name", "caf\xc3\xa9"));
    EXPECT_FALSE(text_problem("collection name", std::string(kLongestText, 'a')));
    EXPECT_EQ(text_problem("collection name", std::string(kLongestText + 1, 'a')),
              "collection name longer than 8192 bytes");
    EXPECT_EQ(text_problem("option key", "a\r\nInjected: 1"),
              "option key is not valid UTF-8 or contains control characters");
    EXPECT_EQ(text_problem("a path", "\xff"), "a path is not valid UTF-8 or contains control characters");
}

TEST(Rules, AJobIdIsNonEmptyText) {
    EXPECT_FALSE(job_id_problem("448761313698322999"));
    EXPECT_EQ(job_id_problem(""), "empty job id");
    EXPECT_EQ(job_id_problem("1\n2"), "job id is not valid UTF-8 or contains control characters");
}

TEST(Rules, AnIdempotencyKeySurvivesHttpUnchanged) {
    EXPECT_FALSE(idempotency_key_problem("mip-0123456789abcdef"));
    EXPECT_FALSE(idempotency_key_problem(std::string(kLongestIdempotencyKey, 'k')));
    EXPECT_EQ(idempotency_key_problem(""), "empty idempotency key");
    EXPECT_EQ(idempotency_key_problem(std::string(kLongestIdempotencyKey + 1, 'k')),
              "idempotency key longer than 256 bytes");
    EXPECT_EQ(idempotency_key_problem("caf\xc3\xa9"), "idempotency key is not printable ASCII");
    EXPECT_EQ(idempotency_key_problem(" key"), "idempotency key begins or ends with a space");
    EXPECT_EQ(idempotency_key_problem("key "), "idempotency key begins or ends with a space");
    EXPECT_FALSE(idempotency_key_problem("a key"));
}

ImportRequest good_request() {
    ImportRequest r;
    r.collection = "books";
    r.files = {{"a.parquet"}};
    return r;
}

TEST(Rules, AnImportRequestsFirstProblemIsNamed) {
    EXPECT_FALSE(import_request_problem(good_request()));
    struct Case {
        const char *what;
        void (*spoil)(ImportRequest &);
        const char *problem;
    };
    const Case cases[] = {
        {"no collection", [](ImportRequest &r) { r.collection.clear(); }, "the import request names no collection"},
        {"no files", [](ImportRequest &r) { r.files.clear(); }, "the import request has no files"},
        {"an empty group", [](ImportRequest &r) { r.files.push_back({}); }, "file group 2 is empty"},
        {"an empty path", [](ImportRequest &r) { r.files[0].push_back(""); }, "file group 1 has an empty path"},
        {"a bad partition", [](ImportRequest &r) { r.partition = "p\x01"; },
         "partition name is not valid UTF-8 or contains control characters"},
        {"an empty option key", [](ImportRequest &r) { r.set_option("", "v"); }, "an option with an empty key"},
        {"a bad option value", [](ImportRequest &r) { r.set_option("timeout", "1\n"); },
         "option value is not valid UTF-8 or contains control characters (option timeout)"},
        {"half the credentials", [](ImportRequest &r) { r.access_key = "AKIA"; },
         "object-storage credentials need both an access key and a secret key"},
        {"a bad key", [](ImportRequest &r) { r.idempotency_key = " k"; },
         "idempotency key begins or ends with a space"},
    };
    for (const Case &c : cases) {
        ImportRequest r = good_request();
        c.spoil(r);
        EXPECT_EQ(import_request_problem(r), c.problem) << c.what;
    }
}

TEST(Rules, ASecretKeyIsNeverQuotedInItsProblem) {
    ImportRequest r = good_request();
    r.access_key = "AKIA";
    r.secret_key = "s3cr3t\x01-value";
    const Problem problem = import_request_problem(r);
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "the secret key is too long or not clean text");
}

TEST(Rules, NumericSettingsHoldTheirDocumentedBounds) {
    EXPECT_FALSE(range_problem(kTimeoutMs, 1));
    EXPECT_FALSE(range_problem(kTimeoutMs, INT32_MAX));
    EXPECT_EQ(range_problem(kTimeoutMs, 0), "timeout_ms must be 1 .. 2147483647, not 0");
    EXPECT_EQ(range_problem(kConnectTimeoutMs, int64_t{INT32_MAX} + 1),
              "connect_timeout_ms must be 1 .. 2147483647, not 2147483648");
    EXPECT_FALSE(range_problem(kMaxRetries, 0));
    EXPECT_EQ(range_problem(kMaxRetries, 101), "max_retries must be 0 .. 100, not 101");
    EXPECT_EQ(range_problem(kMaxConnections, 0), "max_connections must be 1 .. 256, not 0");
    EXPECT_FALSE(range_problem(kMaxConnections, 256));
    EXPECT_EQ(range_problem(kMaxResponseBytes, -1), "max_response_bytes must be 1 .. 9223372036854775807, not -1");
    EXPECT_EQ(range_problem(kPollIntervalMs, 0), "poll_interval_ms must be 1 .. 2147483647, not 0");
}

TEST(Rules, TheSettersWordlessFormsAgreeWithTheWords) {
    for (const std::string &text : {std::string("books"), std::string(kLongestText + 1, 'a'), std::string("a\nb"),
                                    std::string("\xff"), std::string()}) {
        EXPECT_EQ(text_acceptable(text), !text_problem("t", text)) << text.size();
    }
    for (const std::string &key : {std::string("k-1"), std::string(), std::string(kLongestIdempotencyKey + 1, 'k'),
                                   std::string("caf\xc3\xa9"), std::string(" k"), std::string("a k")}) {
        EXPECT_EQ(idempotency_key_acceptable(key), !idempotency_key_problem(key)) << key.size();
    }
    for (const int64_t value : {int64_t{-1}, int64_t{0}, int64_t{1}, int64_t{100}, int64_t{101}}) {
        EXPECT_EQ(in_range(kMaxRetries, value), !range_problem(kMaxRetries, value)) << value;
    }
}

TEST(Rules, TheDefaultsMeetTheRules) {
    EXPECT_FALSE(range_problem(kTimeoutMs, MIP_DEFAULT_TIMEOUT_MS));
    EXPECT_FALSE(range_problem(kConnectTimeoutMs, MIP_DEFAULT_CONNECT_TIMEOUT_MS));
    EXPECT_FALSE(range_problem(kMaxRetries, MIP_DEFAULT_MAX_RETRIES));
    EXPECT_FALSE(range_problem(kMaxConnections, MIP_DEFAULT_MAX_CONNECTIONS));
    EXPECT_FALSE(range_problem(kMaxResponseBytes, MIP_DEFAULT_MAX_RESPONSE_BYTES));
    EXPECT_FALSE(range_problem(kPollIntervalMs, MIP_DEFAULT_POLL_INTERVAL_MS));
}

}  // namespace
}  // namespace mip
