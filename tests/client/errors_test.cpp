// SPDX-License-Identifier: Apache-2.0
// Every way a call can fail, each with its code, HTTP status, server code
// and a message that helps, and never the token.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

ClientPtr client_for(const FixtureServer &server, int max_retries = 0, mip_api api = MIP_API_MILVUS) {
    OptionsPtr o = options_for(server.url(), api);
    mip_options_set_max_retries(o.get(), max_retries);
    if (api != MIP_API_MILVUS) {
        mip_options_set_token(o.get(), "secret-token-42");
        mip_options_set_cluster_id(o.get(), "c1");
    }
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

struct EnvelopeCase {
    int http_status;
    const char *body;
    mip_code code;
    int64_t server_code;
};

TEST(Errors, ServerCodesMapToCodes) {
    const EnvelopeCase cases[] = {
        {401, R"({"code":1800,"message":"user hasn't authenticated"})", MIP_ERR_AUTH, 1800},
        {403, R"({"code":1400,"message":"no permission"})", MIP_ERR_AUTH, 1400},
        {200, R"({"code":1401,"message":"privilege not permitted"})", MIP_ERR_AUTH, 1401},
        {200, R"({"code":21119,"message":"The API key is illegal."})", MIP_ERR_AUTH, 21119},
        {200, R"({"code":40022,"message":"No access to this cluster."})", MIP_ERR_AUTH, 40022},
        {200, R"({"code":80020,"message":"Invalid clusterId"})", MIP_ERR_AUTH, 80020},
        {200, R"({"code":90144,"message":"No jobId record found under this cluster"})", MIP_ERR_NOT_FOUND, 90144},
        {200, R"({"code":40021,"message":"The cluster ID does not exist."})", MIP_ERR_NOT_FOUND, 40021},
        {200, R"({"code":90102,"message":"The cluster does not exist in current region."})", MIP_ERR_NOT_FOUND, 90102},
        {200, R"({"code":2100,"message":"import job does not exist, jobID=7"})", MIP_ERR_NOT_FOUND, 2100},
        {200, R"({"code":2100,"message":"parse job id failed"})", MIP_ERR_SERVER, 2100},
        {200, R"({"code":1807,"message":"rate limit exceeded"})", MIP_ERR_RATE_LIMITED, 1807},
        {408, R"({"code":10001,"message":"request timeout"})", MIP_ERR_TIMEOUT, 10001},
        {200, R"({"code":1801,"message":"can only accept json format request"})", MIP_ERR_SERVER, 1801},
        {500, R"({"code":500})", MIP_ERR_SERVER, 500},
        {403, R"({"code":65535,"message":"denied"})", MIP_ERR_AUTH, 65535},
        {200, R"({"code":"90144","message":"as a string"})", MIP_ERR_NOT_FOUND, 90144},
        {200, R"({"code":200,"message":"The token is illegal."})", MIP_ERR_SERVER, 200},
    };
    for (const EnvelopeCase &k : cases) {
        FixtureServer server(answer(k.body, k.http_status));
        ClientPtr client = client_for(server);
        Outcome out = get_progress(client.get(), "7");
        EXPECT_EQ(out.code, k.code) << k.body << " -> " << out.message();
        EXPECT_EQ(out.job, nullptr);
        EXPECT_EQ(out.server_code(), k.server_code) << k.body;
        EXPECT_EQ(out.http_status(), k.http_status) << k.body;
        EXPECT_EQ(mip_error_code(out.error.get()), k.code);
        EXPECT_NE(out.message().find(std::to_string(k.server_code)), std::string::npos) << out.message();
        EXPECT_NE(out.message().find("/v2/vectordb/jobs/import/describe"), std::string::npos) << out.message();
    }
}

TEST(Errors, ServerMessageIsKept) {
    FixtureServer server(answer(R"({"code":1800,"message":"user hasn't authenticated"})", 401));
    Outcome out = get_progress(client_for(server).get(), "7");
    EXPECT_NE(out.message().find("user hasn't authenticated"), std::string::npos) << out.message();
    EXPECT_NE(out.message().find("401"), std::string::npos) << out.message();
}

struct PlainCase {
    int http_status;
    const char *content_type;
    const char *body;
    mip_code code;
    const char *expected_words;
};

TEST(Errors, HttpErrorsWithoutAnEnvelope) {
    const PlainCase cases[] = {
        {502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", MIP_ERR_HTTP,
         "502 Bad Gateway"},
        {503, "text/html", "<html><body>Service Unavailable</body></html>", MIP_ERR_HTTP, "Service Unavailable"},
        {404, "text/plain", "404 page not found", MIP_ERR_HTTP, "404 page not found"},
        {500, "text/plain", "", MIP_ERR_HTTP, "HTTP 500"},
        {429, "text/plain", "slow down", MIP_ERR_RATE_LIMITED, "slow down"},
        {401, "text/plain", "Unauthorized", MIP_ERR_AUTH, "HTTP 401"},
        {403, "application/json", R"({"error":"forbidden"})", MIP_ERR_AUTH, "HTTP 403"},
        {408, "text/plain", "timeout", MIP_ERR_TIMEOUT, "HTTP 408"},
    };
    for (const PlainCase &k : cases) {
        FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
            res.status = k.http_status;
            res.set_content(k.body, k.content_type);
        });
        // cloud-v1 has no fallback route, so even the 404 is final.
        Outcome out = get_progress(client_for(server, 0, MIP_API_CLOUD_V1).get(), "7");
        EXPECT_EQ(out.code, k.code) << k.body;
        EXPECT_EQ(out.http_status(), k.http_status);
        EXPECT_EQ(out.server_code(), 0);
        EXPECT_NE(out.message().find(k.expected_words), std::string::npos) << out.message();
    }
}

TEST(Errors, SuccessStatusWithABodyThatIsNotOurJson) {
    for (const char *body : {"<html>hello</html>", "", "[]", R"({"status":0,"data":{}})", R"({"code":0})",
                             R"({"code":0,"data":{"totalRows":"many"}})"}) {
        FixtureServer server(answer(body, 200));
        Outcome out = get_progress(client_for(server).get(), "7");
        EXPECT_EQ(out.code, MIP_ERR_PROTOCOL) << body << " -> " << out.message();
        EXPECT_EQ(out.http_status(), 200);
    }
}

// The token must never reach another host, so 3xx ends the call.
TEST(Errors, RedirectsAreNeverFollowed) {
    FixtureServer elsewhere(answer(R"({"code":0,"data":{}})"));
    FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
        res.set_redirect(elsewhere.url() + "/v2/vectordb/jobs/import/describe", 307);
    });
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "secret-token-42");
    mip_options_set_cluster_id(o.get(), "c");
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_HTTP);
    EXPECT_EQ(out.http_status(), 307);
    EXPECT_NE(out.message().find("redirect"), std::string::npos);
    EXPECT_EQ(elsewhere.request_count(), 0u);
}

TEST(Errors, ResponseLargerThanTheCap) {
    const std::string big = R"({"code":0,"data":{"reason":")" + std::string(5000, 'x') + "\"}}";
    FixtureServer with_length(answer(big));
    FixtureServer chunked([&](const httplib::Request &, httplib::Response &res) {
        res.set_chunked_content_provider("application/json", [&](size_t, httplib::DataSink &sink) {
            sink.write(big.data(), big.size());
            sink.done();
            return true;
        });
    });
    for (const FixtureServer *server : {&with_length, &chunked}) {
        OptionsPtr o = options_for(server->url());
        mip_options_set_max_response_bytes(o.get(), 1000);
        ClientOutcome c = make_client(o.get());
        Outcome out = get_progress(c.client.get(), "7");
        EXPECT_EQ(out.code, MIP_ERR_RESPONSE_TOO_LARGE) << out.message();
        EXPECT_NE(out.message().find("1000"), std::string::npos);
    }
    OptionsPtr o = options_for(with_length.url());
    mip_options_set_max_response_bytes(o.get(), static_cast<int64_t>(big.size()));
    ClientOutcome exact = make_client(o.get());
    EXPECT_EQ(get_progress(exact.client.get(), "7").code, MIP_OK);
}

TEST(Errors, ClientDeadline) {
    FixtureServer server(stall());
    OptionsPtr o = options_for(server.url());
    mip_options_set_timeout_ms(o.get(), 300);
    ClientOutcome c = make_client(o.get());
    const auto start = Clock::now();
    Outcome out = get_progress(c.client.get(), "7");
    const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    server.release_stalls();
    EXPECT_EQ(out.code, MIP_ERR_TIMEOUT) << out.message();
    EXPECT_EQ(out.http_status(), 0);
    EXPECT_LT(took.count(), 5000) << "the deadline must end the call";
    std::printf("deadline 300 ms: call returned after %lld ms\n", static_cast<long long>(took.count()));
}

TEST(Errors, CancelFromAnotherThreadEndsTheCallPromptly) {
    FixtureServer server(stall());
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    CancelPtr cancel(mip_cancel_new());
    Clock::time_point triggered_at;
    std::thread canceller([&] {
        ASSERT_TRUE(server.wait_for_requests(1));  // the call is in flight
        triggered_at = Clock::now();
        mip_cancel_trigger(cancel.get());
    });
    Outcome out = get_progress(c.client.get(), "7", cancel.get());
    const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - triggered_at);
    canceller.join();
    server.release_stalls();
    EXPECT_EQ(out.code, MIP_ERR_CANCELLED) << out.message();
    EXPECT_EQ(mip_cancel_is_triggered(cancel.get()), 1);
    EXPECT_LT(latency.count(), 2'000'000) << "cancellation must not wait for the server";
    std::printf("cancel latency: %lld us\n", static_cast<long long>(latency.count()));
}

TEST(Errors, ATriggeredTokenSendsNothing) {
    FixtureServer server(answer(R"({"code":0,"data":{}})"));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    CancelPtr cancel(mip_cancel_new());
    mip_cancel_trigger(cancel.get());
    mip_cancel_trigger(cancel.get());  // idempotent
    EXPECT_EQ(get_progress(c.client.get(), "7", cancel.get()).code, MIP_ERR_CANCELLED);
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, ConnectionRefused) {
    int port = 0;
    {
        FixtureServer gone(answer("{}"));
        port = gone.port();
    }
    OptionsPtr o = options_for("http://127.0.0.1:" + std::to_string(port));
    mip_options_set_max_retries(o.get(), 0);
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_CONNECT) << out.message();
    EXPECT_EQ(out.http_status(), 0);
    EXPECT_NE(out.message().find("127.0.0.1"), std::string::npos);
}

TEST(Errors, TlsHandshakeWithAPlainServer) {
    FixtureServer server(answer("{}"));
    OptionsPtr o = options_for("https://127.0.0.1:" + std::to_string(server.port()));
    mip_options_set_max_retries(o.get(), 0);
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_TLS) << out.message();
}

TEST(Errors, TheTokenNeverAppearsInAMessage) {
    // A server that echoes what it was sent, in the body and in a header page.
    FixtureServer echo_json([](const httplib::Request &req, httplib::Response &res) {
        res.set_content(
            std::string(R"({"code":1800,"message":"bad token )") + req.get_header_value("Authorization") + "\"}",
            "application/json");
    });
    FixtureServer echo_html([](const httplib::Request &req, httplib::Response &res) {
        res.status = 502;
        res.set_content("<title>" + req.get_header_value("Authorization") + "</title>", "text/html");
    });
    for (const FixtureServer *server : {&echo_json, &echo_html}) {
        Outcome out = get_progress(client_for(*server, 0, MIP_API_CLOUD).get(), "7");
        EXPECT_NE(out.code, MIP_OK);
        EXPECT_EQ(out.message().find("secret-token-42"), std::string::npos) << "token leaked";
        EXPECT_NE(out.message().find("***"), std::string::npos);
    }
}

// Masking a one-letter token inside the server's words told the token by
// where the asterisks stood, and mangled the message.
TEST(Errors, AShortTokenLeavesTheServersWordsAlone) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        res.set_content(
            R"({"code":200,"message":"The token is illegal. Sent: )" + req.get_header_value("Authorization") + "\"}",
            "application/json");
    });
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD_V1);
    mip_options_set_token(o.get(), "k");
    mip_options_set_cluster_id(o.get(), "c1");
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_SERVER);
    EXPECT_NE(out.message().find("The token is illegal. Sent: Bearer ***"), std::string::npos) << out.message();
}

TEST(Retries, TransientFailuresAreRetried) {
    for (const char *kind : {"503", "502", "504", "429", "1807"}) {
        std::atomic<int> calls{0};
        FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
            if (calls++ < 2) {
                if (std::string(kind) == "1807") {
                    res.set_content(R"({"code":1807,"message":"rate limit exceeded"})", "application/json");
                } else {
                    res.status = std::stoi(kind);
                    res.set_header("Retry-After", "0");
                    res.set_content("busy", "text/plain");
                }
                return;
            }
            res.set_content(R"({"code":0,"data":{"progress":7}})", "application/json");
        });
        Outcome out = get_progress(client_for(server, 2).get(), "7");
        ASSERT_EQ(out.code, MIP_OK) << kind << ": " << out.message();
        EXPECT_EQ(mip_job_progress(out.job.get()), 7);
        EXPECT_EQ(server.request_count(), 3u) << kind;
    }
}

TEST(Retries, GiveUpAfterMaxRetries) {
    FixtureServer server(answer("busy", 503));
    Outcome out = get_progress(client_for(server, 1).get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_HTTP);
    EXPECT_EQ(out.http_status(), 503);
    EXPECT_EQ(server.request_count(), 2u);
}

TEST(Retries, PermanentFailuresAreNotRetried) {
    for (const EnvelopeCase &k : {EnvelopeCase{401, R"({"code":1800})", MIP_ERR_AUTH, 1800},
                                  EnvelopeCase{200, R"({"code":90144})", MIP_ERR_NOT_FOUND, 90144},
                                  EnvelopeCase{200, R"({"code":1100})", MIP_ERR_SERVER, 1100},
                                  EnvelopeCase{200, "not json", MIP_ERR_PROTOCOL, 0}}) {
        FixtureServer server(answer(k.body, k.http_status));
        EXPECT_EQ(get_progress(client_for(server, 3).get(), "7").code, k.code);
        EXPECT_EQ(server.request_count(), 1u) << k.body;
    }
}

TEST(Retries, ARetryAfterBeyondTheDeadlineEndsTheCall) {
    FixtureServer server([](const httplib::Request &, httplib::Response &res) {
        res.status = 429;
        res.set_header("Retry-After", "3600");
    });
    OptionsPtr o = options_for(server.url());
    mip_options_set_timeout_ms(o.get(), 2000);
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "7");
    EXPECT_EQ(out.code, MIP_ERR_RATE_LIMITED);
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(Retries, CancelDuringTheBackoffWait) {
    FixtureServer server([](const httplib::Request &, httplib::Response &res) {
        res.status = 503;
        res.set_header("Retry-After", "20");
    });
    OptionsPtr o = options_for(server.url());
    mip_options_set_max_retries(o.get(), 3);
    ClientOutcome c = make_client(o.get());
    CancelPtr cancel(mip_cancel_new());
    std::thread canceller([&] {
        ASSERT_TRUE(server.wait_for_requests(1));
        mip_cancel_trigger(cancel.get());
    });
    Outcome out = get_progress(c.client.get(), "7", cancel.get());
    canceller.join();
    EXPECT_EQ(out.code, MIP_ERR_CANCELLED) << out.message();
    EXPECT_EQ(server.request_count(), 1u);
}

}  // namespace
}  // namespace mip_test
