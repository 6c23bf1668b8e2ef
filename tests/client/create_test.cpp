// SPDX-License-Identifier: Apache-2.0
// Creating an import job: the request per flavor, what is refused before
// anything is sent, the id as the server wrote it, and the rule that a
// create is retried only when the server provably took nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "create_call.hpp"
#include "fixture_server.hpp"
#include "hostile_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const char *kCreated = R"({"code":0,"data":{"jobId":"455347834366210001"}})";
const char *kSecretKey = "object-storage-secret-0123456789";

TEST(Create, MilvusRequest) {
    FixtureServer server(answer(kCreated));
    OptionsPtr o = options_for(server.url(), MIP_API_MILVUS);
    mip_options_set_db_name(o.get(), "shop");
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    RequestPtr r = request_for({{"a.parquet"}, {"b/id.npy", "b/vec.npy"}});
    mip_import_request_set_partition(r.get(), "p2024");
    mip_import_request_set_option(r.get(), "timeout", "300s");
    mip_import_request_set_option(r.get(), "sep", ";");
    mip_import_request_set_option(r.get(), "timeout", "600s");  // a key set again keeps the last value
    mip_import_request_set_auto_commit(r.get(), 0);
    Created c = create(made.client.get(), r.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    EXPECT_EQ(c.id, "455347834366210001");
    ASSERT_EQ(server.request_count(), 1u);
    const SeenRequest seen = server.requests()[0];
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, "/v2/vectordb/jobs/import/create");
    EXPECT_EQ(seen.body, R"({"dbName":"shop","collectionName":"books","partitionName":"p2024",)"
                         R"("files":[["a.parquet"],["b/id.npy","b/vec.npy"]],)"
                         R"("options":{"timeout":"600s","sep":";","auto_commit":"false"}})");
    EXPECT_EQ(seen.header("DB-Name"), "shop");
    EXPECT_EQ(seen.header("Content-Type"), "application/json");
    const std::string key = seen.header("Idempotency-Key");
    EXPECT_EQ(key.size(), 36u) << key;  // "mip-" and 128 random bits in hex
}

TEST(Create, CloudRequestCarriesTheKeysAndTheCluster) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"job-01fa0e5d42cjxudhpuehyp"}})"));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    RequestPtr r = request_for({{"s3://bucket/a.parquet"}});
    ASSERT_EQ(mip_import_request_set_object_credentials(r.get(), "AKIA0123", kSecretKey), MIP_OK);
    ASSERT_EQ(mip_import_request_set_idempotency_key(r.get(), "nightly-2026-12-01"), MIP_OK);
    Created c = create(client.get(), r.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    EXPECT_EQ(c.id, "job-01fa0e5d42cjxudhpuehyp");
    const SeenRequest seen = server.requests().at(0);
    EXPECT_EQ(seen.path, "/v2/vectordb/jobs/import/create");
    EXPECT_EQ(seen.body,
              std::string(R"({"clusterId":"in01-abc","collectionName":"books",)"
                          R"("objectUrls":[["s3://bucket/a.parquet"]],"accessKey":"AKIA0123","secretKey":")") +
                  kSecretKey + R"("})");
    EXPECT_EQ(seen.header("Idempotency-Key"), "nightly-2026-12-01");
    EXPECT_EQ(seen.header("Authorization"), "Bearer key-123456789");
}

TEST(Create, CloudV1TakesOneUrlAndNoOptions) {
    FixtureServer server(answer(R"({"code":200,"data":{"jobId":"job-0123"}})"));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD_V1);
    RequestPtr one = request_for({{"s3://bucket/folder/"}});
    mip_import_request_set_partition(one.get(), "p");
    Created c = create(client.get(), one.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    EXPECT_EQ(c.id, "job-0123");
    const SeenRequest seen = server.requests().at(0);
    EXPECT_EQ(seen.path, "/v1/vector/collections/import");
    EXPECT_EQ(
        seen.body,
        R"({"clusterId":"in01-abc","collectionName":"books","partitionName":"p","objectUrl":"s3://bucket/folder/"})");

    RequestPtr two = request_for({{"s3://b/a.json"}, {"s3://b/c.json"}});
    Created refused = create(client.get(), two.get());
    EXPECT_EQ(refused.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(refused.message().find("exactly one path"), std::string::npos) << refused.message();
    RequestPtr with_option = request_for({{"s3://b/a.json"}});
    mip_import_request_set_auto_commit(with_option.get(), 0);
    Created no_options = create(client.get(), with_option.get());
    EXPECT_EQ(no_options.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(no_options.message().find("no import options"), std::string::npos) << no_options.message();
    EXPECT_EQ(server.request_count(), 1u);
}

// Numbers keep every digit; early 2.4 spelled the field jobID.
TEST(Create, TheIdAsTheServerWroteIt) {
    const std::pair<const char *, const char *> cases[] = {
        {R"({"code":0,"data":{"jobId":455347834366210001123}})", "455347834366210001123"},
        {R"({"code":0,"data":{"jobID":"455347834366210001"}})", "455347834366210001"},
        {R"({"code":0,"data":{"jobID":9007199254740993}})", "9007199254740993"},
    };
    for (const auto &[body, id] : cases) {
        FixtureServer server(answer(body));
        ClientPtr client = flavor_client(server.url());
        RequestPtr r = request_for({{"a.json"}});
        Created c = create(client.get(), r.get());
        ASSERT_EQ(c.code, MIP_OK) << c.message();
        EXPECT_EQ(c.id, id);
    }
    FixtureServer no_id(answer(R"({"code":0,"data":{}})"));
    ClientPtr client = flavor_client(no_id.url());
    RequestPtr r = request_for({{"a.json"}});
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_PROTOCOL);
    EXPECT_NE(c.message().find("without a job id"), std::string::npos) << c.message();
    EXPECT_EQ(mip_error_attempts(c.error.get()), 1);
}

TEST(Create, BadInputIsRefusedBeforeAnythingIsSent) {
    FixtureServer server(answer(kCreated));
    ClientPtr client = flavor_client(server.url());
    RequestPtr r(mip_import_request_new());
    const char *empty_path[] = {""};
    const char *null_path[] = {nullptr};
    const char *good[] = {"a.json"};
    EXPECT_EQ(mip_import_request_set_collection(nullptr, "c"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_collection(r.get(), nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_collection(r.get(), ""), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_collection(r.get(), "a\tb"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_add_files(r.get(), empty_path, 1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_add_files(r.get(), null_path, 1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_add_files(r.get(), good, 0), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_add_files(r.get(), nullptr, 1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_option(r.get(), "", "v"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_option(r.get(), "sep", nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_option(r.get(), "se\np", ","), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_option(r.get(), "sep", "\x01"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), ""), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), "caf\xC3\xA9"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), std::string(257, 'k').c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), std::string(256, 'k').c_str()), MIP_OK);
    EXPECT_EQ(mip_import_request_set_object_credentials(r.get(), "ak", nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_object_credentials(r.get(), "", "sk"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_import_request_set_object_credentials(r.get(), nullptr, nullptr), MIP_OK);

    // What the setters could not see is named by the create.
    Created no_collection = create(client.get(), r.get());
    EXPECT_EQ(no_collection.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(no_collection.message().find("no collection"), std::string::npos) << no_collection.message();
    mip_import_request_set_collection(r.get(), "books");
    Created no_files = create(client.get(), r.get());
    EXPECT_EQ(no_files.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(no_files.message().find("no files"), std::string::npos) << no_files.message();
    mip_import_request_add_files(r.get(), good, 1);
    mip_import_request_set_object_credentials(r.get(), "AKIA0123", kSecretKey);
    Created keys_on_milvus = create(client.get(), r.get());
    EXPECT_EQ(keys_on_milvus.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(keys_on_milvus.message().find("cloud flavors"), std::string::npos) << keys_on_milvus.message();
    EXPECT_EQ(keys_on_milvus.message().find(kSecretKey), std::string::npos);

    char *id = nullptr;
    EXPECT_EQ(mip_create_import(nullptr, r.get(), nullptr, &id, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_create_import(client.get(), nullptr, nullptr, &id, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_create_import(client.get(), r.get(), nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(id, nullptr);
    EXPECT_EQ(server.request_count(), 0u);
    mip_import_request_free(nullptr);
}

// A proxy's 504 or a reset after the body went out may come after the job
// was made: one request, and a message that tells how to retry safely.
TEST(Create, NotRetriedOnceTheServerMayHaveTakenIt) {
    FixtureServer server(answer("<html><title>504 Gateway Time-out</title></html>", 504));
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
    RequestPtr r = request_for({{"a.json"}});
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_HTTP) << c.message();
    EXPECT_EQ(server.request_count(), 1u);
    EXPECT_EQ(mip_error_attempts(c.error.get()), 1);
    const std::string key = server.requests()[0].header("Idempotency-Key");
    EXPECT_NE(c.message().find("may have created the job"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find("Idempotency-Key " + key + " is safe on Milvus >= 2.6.24 / 3.0.2"), std::string::npos)
        << c.message();
}

TEST(Create, NotRetriedAfterAResetOnceTheRequestWasSent) {
    HostileServer server([](int fd, const RawRequest &, HostileServer &) {
        linger hard{1, 0};  // close with a TCP reset, the request read and no answer
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    });
    OptionsPtr o = options_for(server.url(), MIP_API_MILVUS);
    mip_options_set_max_retries(o.get(), 3);
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    RequestPtr r = request_for({{"a.json"}});
    Created c = create(made.client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_CONNECT) << c.message();
    EXPECT_EQ(server.requests(), 1);
    EXPECT_NE(c.message().find("may have created the job"), std::string::npos) << c.message();
}

// A rate limit is answered before anything is done: retried, with the same
// key on every try; the next create gets a key of its own.
TEST(Create, RetriedAfterARateLimitWithTheSameKey) {
    std::atomic<int> calls{0};
    FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
        if (calls++ == 0) {
            res.set_content(R"({"code":1807,"message":"rate limit exceeded"})", "application/json");
        } else {
            res.set_content(kCreated, "application/json");
        }
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 2);
    RequestPtr r = request_for({{"a.json"}});
    Created c = create(client.get(), r.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    ASSERT_EQ(create(client.get(), r.get()).code, MIP_OK);
    const std::vector<SeenRequest> seen = server.requests();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].header("Idempotency-Key"), seen[1].header("Idempotency-Key"));
    EXPECT_NE(seen[1].header("Idempotency-Key"), seen[2].header("Idempotency-Key"));
}

TEST(Create, RefusalsKeepTheServersCodeAndMessage) {
    FixtureServer server(answer(R"({"code":2100,"message":"not allow to set partition name for collection with )"
                                R"(partition key: importing data failed"})"));
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
    RequestPtr r = request_for({{"a.json"}});
    mip_import_request_set_partition(r.get(), "p");
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_SERVER) << c.message();
    EXPECT_EQ(mip_error_server_code(c.error.get()), 2100);
    EXPECT_NE(c.message().find("not allow to set partition name"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("may have created"), std::string::npos) << "a refusal created nothing";
    EXPECT_EQ(server.request_count(), 1u);
}

// A server that echoes the request back quotes the secret key: the
// message never does.
TEST(Create, TheSecretKeyNeverReachesAMessage) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        res.status = 400;
        res.set_content("bad request: " + req.body, "text/plain");
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    RequestPtr r = request_for({{"s3://b/a.json"}});
    mip_import_request_set_object_credentials(r.get(), "AKIA0123", kSecretKey);
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_HTTP) << c.message();
    EXPECT_EQ(c.message().find(kSecretKey), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("key-123456789"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find("AKIA0123"), std::string::npos) << "the access key is no secret: " << c.message();
}

// Cancelled while the server holds the request: it may have made the job.
TEST(Create, CancelledInFlightSaysTheJobMayExist) {
    FixtureServer server(stall());
    ClientPtr client = flavor_client(server.url());
    RequestPtr r = request_for({{"a.json"}});
    CancelPtr cancel(mip_cancel_new());
    std::thread canceller([&] {
        EXPECT_TRUE(server.wait_for_requests(1));  // the request is in flight (or the call ends by itself)
        mip_cancel_trigger(cancel.get());
    });
    Created c = create(client.get(), r.get(), cancel.get());
    canceller.join();
    server.release_stalls();
    EXPECT_EQ(c.code, MIP_ERR_CANCELLED) << c.message();
    EXPECT_NE(c.message().find("may have created the job"), std::string::npos) << c.message();
}

TEST(Create, CancelledBeforeSending) {
    FixtureServer server(answer(kCreated));
    ClientPtr client = flavor_client(server.url());
    RequestPtr r = request_for({{"a.json"}});
    CancelPtr cancel(mip_cancel_new());
    mip_cancel_trigger(cancel.get());
    EXPECT_EQ(create(client.get(), r.get(), cancel.get()).code, MIP_ERR_CANCELLED);
    EXPECT_EQ(server.request_count(), 0u);
}

}  // namespace
}  // namespace mip_test
