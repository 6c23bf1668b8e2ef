// SPDX-License-Identifier: Apache-2.0
// What goes on the wire for each flavor: routes, bodies, headers, the
// Milvus fallback, and the checks made before anything is sent.
#include <gtest/gtest.h>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const char *kMilvusJob = R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40}})";

TEST(Requests, MilvusDescribeShape) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url() + "/");
    mip_options_set_timeout_ms(o.get(), 2500);
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    Outcome out = get_progress(c.client.get(), "448761313698322011");
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    ASSERT_EQ(server.request_count(), 1u);
    const SeenRequest r = server.requests()[0];
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/v2/vectordb/jobs/import/describe");
    EXPECT_EQ(r.body, R"({"jobId":"448761313698322011"})");  // always a JSON string
    EXPECT_EQ(r.header("Content-Type"), "application/json");
    EXPECT_EQ(r.header("Accept"), "application/json");
    EXPECT_EQ(r.header("Request-Timeout"), "3");  // whole seconds, rounded up
    EXPECT_EQ(r.header("User-Agent"), std::string("mip/") + mip_version());
    EXPECT_FALSE(r.has_header("Authorization"));  // no token: no header at all
    EXPECT_FALSE(r.has_header("DB-Name"));
    EXPECT_FALSE(r.has_header("ContentType"));
}

TEST(Requests, MilvusTokenDatabaseAndEscapedId) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url());
    mip_options_set_token(o.get(), "root:Milvus");
    mip_options_set_db_name(o.get(), "analytics");
    mip_options_set_user_agent(o.get(), "my-app/2.0");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK);
    ASSERT_EQ(get_progress(c.client.get(), "a\"b\\c").code, MIP_OK);
    const SeenRequest r = server.requests().at(0);
    EXPECT_EQ(r.header("Authorization"), "Bearer root:Milvus");
    EXPECT_EQ(r.header("DB-Name"), "analytics");
    EXPECT_EQ(r.header("User-Agent"), "my-app/2.0");
    EXPECT_EQ(r.body, R"({"jobId":"a\"b\\c"})");
}

TEST(Requests, CloudWithClusterId) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"job-1","progress":10}})"));
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "key-123");
    mip_options_set_cluster_id(o.get(), "in01-abc");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    ASSERT_EQ(get_progress(c.client.get(), "job-1").code, MIP_OK);
    const SeenRequest r = server.requests().at(0);
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/v2/vectordb/jobs/import/getProgress");
    EXPECT_EQ(r.body, R"({"clusterId":"in01-abc","jobId":"job-1"})");
    EXPECT_EQ(r.header("Authorization"), "Bearer key-123");
    EXPECT_FALSE(r.has_header("Request-Timeout"));
}

TEST(Requests, CloudWithProjectAndRegion) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"job-1"}})"));
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "key-123");
    mip_options_set_project_id(o.get(), "proj-1");
    mip_options_set_region_id(o.get(), "aws-us-west-2");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    ASSERT_EQ(get_progress(c.client.get(), "job-1").code, MIP_OK);
    EXPECT_EQ(server.requests().at(0).body, R"({"projectId":"proj-1","regionId":"aws-us-west-2","jobId":"job-1"})");
}

// A private endpoint or a proxy in front of the cloud has another host name,
// so MIP_API_AUTO picks the Milvus route; a cluster the caller named still
// goes in the body, as the Go SDK sends it whatever the host.
TEST(Requests, AutoOnAnotherHostSendsTheNamedCluster) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url(), MIP_API_AUTO);
    mip_options_set_token(o.get(), "key-123");
    mip_options_set_cluster_id(o.get(), "in01-abc");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    ASSERT_EQ(get_progress(c.client.get(), "job-1").code, MIP_OK);
    const SeenRequest r = server.requests().at(0);
    EXPECT_EQ(r.path, "/v2/vectordb/jobs/import/describe");
    EXPECT_EQ(r.body, R"({"clusterId":"in01-abc","jobId":"job-1"})");
    EXPECT_EQ(r.header("Authorization"), "Bearer key-123");
}

TEST(Requests, MilvusSendsProjectAndRegionOnlyTogether) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url());
    mip_options_set_project_id(o.get(), "proj-1");
    ClientOutcome alone = make_client(o.get());
    ASSERT_EQ(get_progress(alone.client.get(), "1").code, MIP_OK);
    mip_options_set_region_id(o.get(), "aws-us-west-2");
    ClientOutcome both = make_client(o.get());
    ASSERT_EQ(get_progress(both.client.get(), "1").code, MIP_OK);
    ASSERT_EQ(server.request_count(), 2u);
    EXPECT_EQ(server.requests()[0].body, R"({"jobId":"1"})");
    EXPECT_EQ(server.requests()[1].body, R"({"projectId":"proj-1","regionId":"aws-us-west-2","jobId":"1"})");
}

TEST(Requests, CloudV1GetWithEncodedQuery) {
    FixtureServer server(answer(R"({"code":200,"data":{"readyPercentage":0.5}})"));
    OptionsPtr o = options_for(server.url() + "/prefix/", MIP_API_CLOUD_V1);
    mip_options_set_token(o.get(), "key-123");
    mip_options_set_cluster_id(o.get(), "in01 &x");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    Outcome out = get_progress(c.client.get(), "9d0b c230&y=1");
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_EQ(mip_job_progress(out.job.get()), 50);
    EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_IMPORTING);
    const SeenRequest r = server.requests().at(0);
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.path, "/prefix/v1/vector/collections/import/get");
    EXPECT_EQ(r.param("jobId"), "9d0b c230&y=1");
    EXPECT_EQ(r.param("clusterId"), "in01 &x");
    EXPECT_EQ(r.params.size(), 2u);
    EXPECT_EQ(r.body, "");
    EXPECT_EQ(r.header("Authorization"), "Bearer key-123");
}

// gin answers a plain "404 page not found" on servers without `describe`.
TEST(Requests, OldMilvusFallsBackToGetProgressAndRemembers) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        if (req.path == "/v2/vectordb/jobs/import/describe") {
            res.status = 404;
            res.set_content("404 page not found", "text/plain");
        } else {
            res.set_content(kMilvusJob, "application/json");
        }
    });
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    const auto seen = server.requests();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].path, "/v2/vectordb/jobs/import/describe");
    EXPECT_EQ(seen[1].path, "/v2/vectordb/jobs/import/get_progress");
    EXPECT_EQ(seen[1].body, seen[0].body);
    EXPECT_EQ(seen[2].path, "/v2/vectordb/jobs/import/get_progress");  // remembered
}

TEST(Requests, A404WithAnEnvelopeIsAnAnswerNotAMissingRoute) {
    FixtureServer server(answer(R"({"code":2100,"message":"import job does not exist, jobID=7"})", 404));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_NOT_FOUND);
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(Requests, CloudFlavorsNeedTheirPiecesBeforeSending) {
    struct Case {
        const char *endpoint;
        mip_api api;
        const char *token, *cluster, *project, *region;
        const char *expected_words;
    };
    const Case cases[] = {
        {"https://api.cloud.zilliz.com", MIP_API_AUTO, nullptr, "c", nullptr, nullptr, "token"},
        {"https://api.cloud.zilliz.com", MIP_API_AUTO, "k", nullptr, nullptr, nullptr, "cluster id"},
        {"https://api.cloud.zilliz.com", MIP_API_AUTO, "k", nullptr, "p", nullptr, "region"},
        {"controller.api.gcp-us-west1.zillizcloud.com", MIP_API_AUTO, "k", nullptr, "p", "r", "cluster id"},
        {"controller.api.gcp-us-west1.zillizcloud.com", MIP_API_AUTO, nullptr, "c", nullptr, nullptr, "token"},
        {"http://api.cloud.zilliz.com", MIP_API_AUTO, "k", "c", nullptr, nullptr, "https"},
        {"http://10.1.2.3:8080", MIP_API_CLOUD_V1, "k", "c", nullptr, nullptr, "https"},
        {"", MIP_API_MILVUS, nullptr, nullptr, nullptr, nullptr, "endpoint"},
        {"ftp://host", MIP_API_MILVUS, nullptr, nullptr, nullptr, nullptr, "scheme"},
    };
    for (const Case &k : cases) {
        OptionsPtr o = options_for(k.endpoint, k.api);
        mip_options_set_token(o.get(), k.token);
        mip_options_set_cluster_id(o.get(), k.cluster);
        mip_options_set_project_id(o.get(), k.project);
        mip_options_set_region_id(o.get(), k.region);
        ClientOutcome c = make_client(o.get());
        EXPECT_EQ(c.code, MIP_ERR_INVALID_ARGUMENT) << k.endpoint;
        EXPECT_EQ(c.client, nullptr);
        EXPECT_NE(c.message().find(k.expected_words), std::string::npos) << c.message();
    }
}

TEST(Requests, CloudOverPlainHttpOnlyToLoopback) {
    for (const char *host : {"http://localhost:1", "http://127.0.0.2:1", "http://[::1]:1"}) {
        OptionsPtr o = options_for(host, MIP_API_CLOUD);
        mip_options_set_token(o.get(), "k");
        mip_options_set_cluster_id(o.get(), "c");
        EXPECT_EQ(make_client(o.get()).code, MIP_OK) << host;
    }
}

TEST(Requests, AutoPicksMilvusForOtherHosts) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url(), MIP_API_AUTO);
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    EXPECT_EQ(server.requests().at(0).path, "/v2/vectordb/jobs/import/describe");
}

TEST(Requests, BadJobIdsAreRefusedBeforeSending) {
    FixtureServer server(answer(kMilvusJob));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    for (const char *bad : {"", "a\r\nX-Injected: 1", "\xff\xfe"}) {
        Outcome out = get_progress(c.client.get(), bad);
        EXPECT_EQ(out.code, MIP_ERR_INVALID_ARGUMENT);
        EXPECT_EQ(out.job, nullptr);
    }
    EXPECT_EQ(server.request_count(), 0u);
}

}  // namespace
}  // namespace mip_test
