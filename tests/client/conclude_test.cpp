// SPDX-License-Identifier: Apache-2.0
// Commit and abort of a two-phase import: the requests per flavor, a server
// without the routes, the server's refusals, and the rule that these are
// retried only when the server provably did nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const char *kDone = R"({"code":0,"data":{}})";

Done commit(mip_client *client, const char *job_id) { return conclude(mip_commit_import, client, job_id); }
Done abort_job(mip_client *client, const char *job_id) { return conclude(mip_abort_import, client, job_id); }

TEST(Conclude, MilvusRoutesAndBodies) {
    FixtureServer server(answer(kDone));
    ClientPtr client = flavor_client(server.url());
    Done committed = commit(client.get(), "448761313698322011");
    EXPECT_EQ(committed.code, MIP_OK) << committed.message();
    EXPECT_EQ(committed.error, nullptr);
    EXPECT_EQ(abort_job(client.get(), "448761313698322012").code, MIP_OK);
    ASSERT_EQ(server.request_count(), 2u);
    const SeenRequest c = server.requests()[0], a = server.requests()[1];
    EXPECT_EQ(c.method, "POST");
    EXPECT_EQ(c.path, "/v2/vectordb/jobs/import/commit");
    EXPECT_EQ(c.body, R"({"jobId":"448761313698322011"})");
    EXPECT_EQ(c.header("Content-Type"), "application/json");
    EXPECT_EQ(a.path, "/v2/vectordb/jobs/import/abort");
    EXPECT_EQ(a.body, R"({"jobId":"448761313698322012"})");
}

TEST(Conclude, CloudSendsTheCluster) {
    FixtureServer server(answer(kDone));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    EXPECT_EQ(commit(client.get(), "job-01fa0e5d42cjxudhpuehyp").code, MIP_OK);
    const SeenRequest r = server.requests().at(0);
    EXPECT_EQ(r.path, "/v2/vectordb/jobs/import/commit");
    EXPECT_EQ(r.body, R"({"clusterId":"in01-abc","jobId":"job-01fa0e5d42cjxudhpuehyp"})");
    EXPECT_EQ(r.header("Authorization"), "Bearer key-123456789");
}

TEST(Conclude, CloudV1HasNoneAndSendsNothing) {
    FixtureServer server(answer(kDone));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD_V1);
    for (Done (*conclude)(mip_client *, const char *) : {commit, abort_job}) {
        Done d = conclude(client.get(), "1");
        EXPECT_EQ(d.code, MIP_ERR_UNSUPPORTED) << d.message();
        EXPECT_EQ(mip_error_attempts(d.error.get()), 0);
        EXPECT_NE(d.message().find("cloud-v1"), std::string::npos) << d.message();
    }
    EXPECT_EQ(server.request_count(), 0u);
}

// Milvus 2.x: gin's plain-text 404. Not a missing job, not a reason to try
// the describe fallback or to retry.
TEST(Conclude, AServerWithoutTheRoutesIsUnsupported) {
    FixtureServer server([](const httplib::Request &, httplib::Response &res) {
        res.status = 404;
        res.set_content("404 page not found", "text/plain");
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
    Done d = commit(client.get(), "1");
    EXPECT_EQ(d.code, MIP_ERR_UNSUPPORTED) << d.message();
    EXPECT_EQ(mip_error_http_status(d.error.get()), 404);
    EXPECT_NE(d.message().find("no commit route"), std::string::npos) << d.message();
    EXPECT_EQ(mip_error_is_transient(d.error.get()), 0);
    EXPECT_EQ(server.request_count(), 1u);
    EXPECT_STREQ(mip_code_name(MIP_ERR_UNSUPPORTED), "MIP_ERR_UNSUPPORTED");
}

TEST(Conclude, RefusalsKeepTheServersCodeAndMessage) {
    struct Case {
        int64_t server_code;
        const char *text;
        mip_code code;
    };
    const Case cases[] = {
        {2100, "import job 7 is not in Uncommitted state, current state: Completed", MIP_ERR_SERVER},
        {2100, "import job does not exist, jobID=7", MIP_ERR_NOT_FOUND},
        {1100, "parse jobID failed", MIP_ERR_SERVER},
    };
    for (const Case &k : cases) {
        FixtureServer server(
            answer(R"({"code":)" + std::to_string(k.server_code) + R"(,"message":")" + k.text + "\"}"));
        ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 2);
        Done d = abort_job(client.get(), "7");
        EXPECT_EQ(d.code, k.code) << d.message();
        EXPECT_EQ(mip_error_server_code(d.error.get()), k.server_code);
        EXPECT_NE(d.message().find(k.text), std::string::npos) << d.message();
        EXPECT_EQ(server.request_count(), 1u) << "a refusal is never retried";
    }
}

// A 503 may come after the server acted: not retried, and the message says
// where the job may stand. A rate limit proves nothing was done: retried.
TEST(Conclude, RetriedOnlyWhenTheServerProvablyDidNothing) {
    {
        FixtureServer server(answer("<html>busy</html>", 503));
        ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
        Done d = commit(client.get(), "7");
        EXPECT_EQ(d.code, MIP_ERR_HTTP) << d.message();
        EXPECT_EQ(server.request_count(), 1u);
        EXPECT_EQ(mip_error_attempts(d.error.get()), 1);
        EXPECT_NE(d.message().find("may have carried out the commit"), std::string::npos) << d.message();
    }
    {
        std::atomic<int> calls{0};
        FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
            if (calls++ < 2) {
                res.status = 429;
                res.set_header("Retry-After", "0");
                res.set_content("slow down", "text/plain");
            } else {
                res.set_content(kDone, "application/json");
            }
        });
        ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
        Done d = abort_job(client.get(), "7");
        EXPECT_EQ(d.code, MIP_OK) << d.message();
        EXPECT_EQ(server.request_count(), 3u);
    }
}

TEST(Conclude, BadArguments) {
    FixtureServer server(answer(kDone));
    ClientPtr client = flavor_client(server.url());
    EXPECT_EQ(mip_commit_import(nullptr, "1", nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_abort_import(client.get(), nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(commit(client.get(), "").code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(commit(client.get(), "a\nb").code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(server.request_count(), 0u);
    CancelPtr cancel(mip_cancel_new());
    mip_cancel_trigger(cancel.get());
    EXPECT_EQ(mip_commit_import(client.get(), "1", cancel.get(), nullptr), MIP_ERR_CANCELLED);
    EXPECT_EQ(server.request_count(), 0u);
    mip_free(nullptr);
}

}  // namespace
}  // namespace mip_test
