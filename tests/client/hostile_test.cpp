// SPDX-License-Identifier: Apache-2.0
// Hostile servers and careless callers: answers no honest server sends
// (lying lengths, echoed secrets, escapes, NULs, floods), and arguments that
// cannot work. Each must end in a clear error, keep the promises mip.h
// makes about messages, HTTP status and attempts, and leave the client
// working.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "fixture_server.hpp"
#include "hostile_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const std::string kJob = R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40}})";

ClientPtr client_for(const std::string &url, mip_api api = MIP_API_MILVUS, const char *token = nullptr,
                     int64_t max_response_bytes = 0, int64_t timeout_ms = 5000) {
    OptionsPtr o = options_for(url, api);
    mip_options_set_max_retries(o.get(), 0);
    mip_options_set_timeout_ms(o.get(), timeout_ms);
    if (token) mip_options_set_token(o.get(), token);
    if (api != MIP_API_MILVUS) mip_options_set_cluster_id(o.get(), "c1");
    if (max_response_bytes) mip_options_set_max_response_bytes(o.get(), max_response_bytes);
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

// Answers "ok" jobs honestly, so a test can check the client still works.
bool answered_honestly(int fd, const RawRequest &r) {
    if (r.job_id != "ok") return false;
    HostileServer::send_all(fd, http_answer(200, kJob));
    return true;
}

// No piece of `secret` of 5 bytes or more is in `message`.
void expect_no_piece_of(const std::string &message, const std::string &secret) {
    for (size_t at = 0; at + 5 <= secret.size(); ++at) {
        EXPECT_EQ(message.find(secret.substr(at, 5)), std::string::npos)
            << "\"" << secret.substr(at, 5) << "\" of the secret in: " << message;
    }
}

bool has_control_characters(const std::string &text) {
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return true;
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) return true;  // C1
    }
    return false;
}

// ------------------------------------------------------------ lying lengths

// A Content-Length near INT64_MAX with the caller's "unlimited" cap: the
// body buffer must not be sized from it, and nothing may throw through
// libcurl.
TEST(Hostile, AnAbsurdContentLengthIsAnErrorAndTheClientGoesOn) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        if (answered_honestly(fd, r)) return;
        HostileServer::send_all(fd,
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Content-Length: 5000000000000000000\r\n\r\n{\"code\":0,");
    });
    ClientPtr client = client_for(server.url(), MIP_API_MILVUS, nullptr, INT64_MAX);
    Outcome out = get_progress(client.get(), "huge");
    EXPECT_EQ(out.code, MIP_ERR_CONNECT) << out.message();
    EXPECT_EQ(out.http_status(), 200) << out.message();
    EXPECT_EQ(mip_error_attempts(out.error.get()), 1) << out.message();
    Outcome after = get_progress(client.get(), "ok");
    EXPECT_EQ(after.code, MIP_OK) << after.message();
}

TEST(Hostile, AbsurdLengthsThroughManyHelperThreads) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        if (answered_honestly(fd, r)) return;
        HostileServer::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 5000000000000000000\r\n\r\n{");
    });
    OptionsPtr o = options_for(server.url());
    mip_options_set_max_retries(o.get(), 0);
    mip_options_set_max_response_bytes(o.get(), INT64_MAX);
    mip_options_set_max_connections(o.get(), 4);
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK);
    std::vector<const char *> ids(8, "huge");
    ids.push_back("ok");
    std::vector<mip_job *> jobs(ids.size());
    std::vector<mip_error *> errors(ids.size());
    EXPECT_EQ(mip_get_import_progress_many(c.client.get(), ids.data(), ids.size(), nullptr, jobs.data(), errors.data()),
              MIP_ERR_CONNECT);
    for (size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(jobs[i] != nullptr, i == 8) << i << ": " << mip_error_message(errors[i]);
        mip_job_free(jobs[i]);
        mip_error_free(errors[i]);
    }
}

// ------------------------------------------------------------ secrets

// Proxies' error pages that echo the Authorization header, long enough that
// the excerpt is cut inside the token, with the token in forms the excerpt
// rewrites (non-ASCII, runs of spaces).
TEST(Hostile, NoPieceOfAnEchoedTokenReachesTheMessage) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        const std::string title = "502 Bad Gateway: the upstream server denied the request for " +
                                  std::string(40, 'x') + " Bearer " + r.header("Authorization").substr(7) +
                                  " (retry later)";
        HostileServer::send_all(
            fd, http_answer(502, "<html><head><title>" + title + "</title></head></html>", "", "text/html"));
    });
    for (const std::string token : {"SECRETTOKEN-0123456789", "p\xc3\xa4ssw\xc3\xb6rd-SECRET", "root:my  secret"}) {
        ClientPtr client = client_for(server.url(), MIP_API_CLOUD, token.c_str());
        Outcome out = get_progress(client.get(), "7");
        EXPECT_EQ(out.code, MIP_ERR_HTTP) << out.message();
        EXPECT_NE(out.message().find("502 Bad Gateway"), std::string::npos) << out.message();
        expect_no_piece_of(out.message(), token);
    }
}

TEST(Hostile, APasswordInTheEndpointIsNeverEchoed) {
    for (const char *endpoint : {"http://root:Milvus1234@127.0.0.1:99999", "http://root:Milvus1234@127.0.0.1:19530",
                                 "root:Milvus1234@[::1:19530"}) {
        OptionsPtr o = options_for(endpoint);
        ClientOutcome c = make_client(o.get());
        EXPECT_EQ(c.code, MIP_ERR_INVALID_ARGUMENT) << endpoint;
        EXPECT_EQ(c.message().find("Milvus1234"), std::string::npos) << c.message();
        EXPECT_NE(c.message(), "");
    }
}

TEST(Hostile, TheTokenIsScrubbedFromClientCreationErrors) {
    OptionsPtr o = options_for("http://tok-secret-123@127.0.0.1:1");
    mip_options_set_token(o.get(), "tok-secret-123");
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(c.message().find("tok-secret"), std::string::npos) << c.message();
}

// ------------------------------------------------------------ status and attempts

TEST(Hostile, TheStatusIsKeptWhenTheBodyFails) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &s) {
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        if (r.job_id == "trickle") {
            HostileServer::send_all(fd, head + "Content-Length: 354\r\n\r\n{\"code\":0,\"data\":{");
            s.hold_until_closed(fd);
        } else if (r.job_id == "truncated") {
            HostileServer::send_all(fd, head + "Content-Length: 100\r\n\r\n{\"code\":0}");
        } else if (r.job_id == "reset") {
            HostileServer::send_all(fd, head + "Content-Length: 100\r\n\r\n{\"code\":0,");
            linger hard{1, 0};  // close with a TCP reset
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        } else {  // too large
            HostileServer::send_all(fd, head + "Content-Length: 2000000\r\n\r\n" + std::string(2000000, ' '));
        }
    });
    const std::pair<const char *, mip_code> cases[] = {{"trickle", MIP_ERR_TIMEOUT},
                                                       {"truncated", MIP_ERR_CONNECT},
                                                       {"reset", MIP_ERR_CONNECT},
                                                       {"large", MIP_ERR_RESPONSE_TOO_LARGE}};
    ClientPtr client = client_for(server.url(), MIP_API_MILVUS, nullptr, 1 << 20, 500);
    for (const auto &[id, code] : cases) {
        Outcome out = get_progress(client.get(), id);
        EXPECT_EQ(out.code, code) << id << ": " << out.message();
        EXPECT_EQ(out.http_status(), 200) << id << ": " << out.message();
        EXPECT_EQ(mip_error_attempts(out.error.get()), 1) << id;
    }
}

TEST(Hostile, AttemptsCountOnlyRequestsSent) {
    FixtureServer server(answer(kJob));
    {  // a 1 ms timeout: too short to send anything
        OptionsPtr o = options_for(server.url());
        mip_options_set_timeout_ms(o.get(), 1);
        ClientOutcome c = make_client(o.get());
        Outcome out = get_progress(c.client.get(), "1");
        if (out.code != MIP_OK) {  // a fast machine may make it
            EXPECT_EQ(out.code, MIP_ERR_TIMEOUT) << out.message();
            if (out.message().find("before") != std::string::npos) EXPECT_EQ(mip_error_attempts(out.error.get()), 0);
        }
    }
    {  // a CA file that is not there: TLS fails before the request
        OptionsPtr o = options_for("https://127.0.0.1:" + std::to_string(server.port()));
        mip_options_set_ca_file(o.get(), "/nonexistent/ca.pem");
        mip_options_set_max_retries(o.get(), 0);
        ClientOutcome c = make_client(o.get());
        Outcome out = get_progress(c.client.get(), "1");
        EXPECT_EQ(out.code, MIP_ERR_TLS) << out.message();
        EXPECT_EQ(mip_error_attempts(out.error.get()), 0) << out.message();
    }
}

// ------------------------------------------------------------ answers that lie

// A success envelope under a failing status is the server's failure
// (MIP_ERR_SERVER), 401 and 403 refusals whatever the body says.
TEST(Hostile, ANonSuccessStatusIsNeverASuccess) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        const std::string &id = r.job_id;
        if (id == "403-gone") {
            HostileServer::send_all(fd, http_answer(403, R"({"code":2100,"message":"import job does not exist"})"));
        } else {
            HostileServer::send_all(fd, http_answer(std::stoi(id), kJob));
        }
    });
    const std::pair<const char *, mip_code> cases[] = {{"401", MIP_ERR_AUTH},
                                                       {"403", MIP_ERR_AUTH},
                                                       {"403-gone", MIP_ERR_AUTH},
                                                       {"500", MIP_ERR_SERVER},
                                                       {"600", MIP_ERR_SERVER}};
    ClientPtr client = client_for(server.url());
    for (const auto &[id, code] : cases) {
        Outcome out = get_progress(client.get(), id);
        EXPECT_EQ(out.code, code) << id << ": " << out.message();
        EXPECT_EQ(out.http_status(), std::stoi(id)) << id;
    }
}

TEST(Hostile, MessagesCarryNoControlCharacters) {
    FixtureServer server(answer(R"({"code":1100,"message":"\u001b]0;pwned\u0007\u001b[2J\r\nforged line\u0085 end"})"));
    ClientPtr client = client_for(server.url());
    Outcome out = get_progress(client.get(), "1");
    EXPECT_EQ(out.code, MIP_ERR_SERVER);
    EXPECT_FALSE(has_control_characters(out.message())) << out.message();
    EXPECT_NE(out.message().find("forged line"), std::string::npos) << out.message();
}

TEST(Hostile, ANulInAStringIsReplaced) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"12\u00003","state":"Completed\u0000","progress":100}})"));
    ClientPtr client = client_for(server.url());
    Outcome out = get_progress(client.get(), "1");
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_STREQ(mip_job_id(out.job.get()),
                 "12\xef\xbf\xbd"
                 "3");
    EXPECT_STREQ(mip_job_state_text(out.job.get()), "Completed\xef\xbf\xbd");
    EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_UNKNOWN);
}

// ------------------------------------------------------------ floods

// Empty details cost far more as a job than as JSON: the job's memory is
// bounded like the body's.
TEST(Hostile, AFloodOfEmptyDetailsIsTooLarge) {
    std::string body = R"({"code":0,"data":{"jobId":"1","details":[)";
    while (body.size() < (4u << 20) - 16) body += "{},";
    body += "{}]}}";
    FixtureServer server(answer(body));
    ClientPtr client = client_for(server.url(), MIP_API_MILVUS, nullptr, 5 << 20);
    Outcome out = get_progress(client.get(), "1");
    EXPECT_EQ(out.code, MIP_ERR_RESPONSE_TOO_LARGE) << out.message();
}

TEST(Hostile, AHugeHeaderLineIsAProtocolError) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        if (answered_honestly(fd, r)) return;
        HostileServer::send_all(fd, http_answer(200, kJob, "X-Junk: " + std::string(1 << 20, 'j') + "\r\n"));
    });
    ClientPtr client = client_for(server.url());
    Outcome out = get_progress(client.get(), "junk");
    EXPECT_EQ(out.code, MIP_ERR_PROTOCOL) << out.message();
    EXPECT_LE(out.message().size(), 1024u);
    EXPECT_EQ(get_progress(client.get(), "ok").code, MIP_OK);
}

TEST(Hostile, AHugeServerMessageIsCut) {
    FixtureServer server(answer(R"({"code":1100,"message":")" + std::string(1 << 20, 'm') + "\"}"));
    ClientPtr client = client_for(server.url());
    Outcome out = get_progress(client.get(), "1");
    EXPECT_EQ(out.code, MIP_ERR_SERVER);
    EXPECT_LE(out.message().size(), 1024u);
    EXPECT_NE(out.message().find("mmm..."), std::string::npos) << out.message().substr(0, 200);
}

// ------------------------------------------------------------ careless callers

TEST(Hostile, WhatCannotBeSentIsRefusedByTheSetter) {
    OptionsPtr o(mip_options_new());
    const std::string huge(1 << 20, 'a');
    EXPECT_EQ(mip_options_set_token(o.get(), huge.c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_db_name(o.get(), huge.c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_user_agent(o.get(), huge.c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_cluster_id(o.get(), huge.c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_endpoint(o.get(), ("http://" + huge).c_str()), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_token(o.get(), std::string(4096, 'a').c_str()), MIP_OK);
}

TEST(Hostile, EndpointsThatCouldNeverWorkAreRefusedAtCreation) {
    for (const char *endpoint : {"http://127.0.0.1:0", "http://[::1]:0/"}) {
        OptionsPtr o = options_for(endpoint);
        ClientOutcome c = make_client(o.get());
        EXPECT_EQ(c.code, MIP_ERR_INVALID_ARGUMENT) << endpoint;
    }
    // An international name is asked for in its punycode form.
    OptionsPtr idn = options_for(
        "http://b\xc3\xbc"
        "cher.example:19530");
    ClientOutcome c = make_client(idn.get());
    EXPECT_EQ(c.code, MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(c.message().find("punycode"), std::string::npos) << c.message();
    OptionsPtr punycode = options_for("http://xn--bcher-kva.example:19530");
    EXPECT_EQ(make_client(punycode.get()).code, MIP_OK);
}

// A link-local IPv6 address needs its zone (the interface): it is kept.
TEST(Hostile, AnIpv6ZoneIsKept) {
    FixtureServer server(answer(kJob));
    OptionsPtr zone = options_for("http://[::1%25lo]:" + std::to_string(server.port()));
    ClientOutcome c = make_client(zone.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    Outcome out = get_progress(c.client.get(), "1");
    EXPECT_NE(out.message().find("[::1%25lo]"), std::string::npos) << out.message();
}

// The cloud's key must not cross the network in clear text: over plain
// http (loopback only) no proxy is used, from the options or the
// environment.
TEST(Hostile, ACloudKeyNeverGoesToAProxyInClearText) {
    FixtureServer proxy(answer(kJob));
    FixtureServer server(answer(kJob));
    const std::string local = "http://localhost:" + std::to_string(server.port());
    {
        OptionsPtr o = options_for(local, MIP_API_CLOUD);
        mip_options_set_token(o.get(), "cloud-key-123");
        mip_options_set_cluster_id(o.get(), "c1");
        mip_options_set_proxy(o.get(), proxy.url().c_str());
        EXPECT_EQ(make_client(o.get()).code, MIP_ERR_INVALID_ARGUMENT);
    }
    setenv("http_proxy", proxy.url().c_str(), 1);
    setenv("HTTP_PROXY", proxy.url().c_str(), 1);
    ClientPtr client = client_for(local, MIP_API_CLOUD, "cloud-key-123");
    Outcome out = get_progress(client.get(), "1");
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    EXPECT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_EQ(proxy.request_count(), 0u);
    EXPECT_EQ(server.request_count(), 1u);
}

// The environment's proxy is read when the client is made, as libcurl
// would read it on every call: it is used after the variable is gone, and
// no_proxy keeps a host away from it.
TEST(Hostile, TheEnvironmentsProxyIsReadOnceAndUsed) {
    HostileServer proxy(
        [](int fd, const RawRequest &, HostileServer &) { HostileServer::send_all(fd, http_answer(200, kJob)); });
    FixtureServer server(answer(kJob));
    for (const char *name : {"http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"}) unsetenv(name);
    setenv("http_proxy", proxy.url().c_str(), 1);
    ClientPtr via_proxy = client_for(server.url());
    setenv("no_proxy", "127.0.0.1", 1);
    ClientPtr direct = client_for(server.url());
    unsetenv("http_proxy");
    unsetenv("no_proxy");

    Outcome out = get_progress(via_proxy.get(), "1");
    EXPECT_EQ(out.code, MIP_OK) << out.message();
    ASSERT_EQ(proxy.requests(), 1);
    const std::string target = "POST " + server.url() + "/v2/vectordb/jobs/import/describe HTTP/1.1";
    EXPECT_EQ(proxy.seen().at(0).head.rfind(target, 0), 0u) << proxy.seen().at(0).head;
    EXPECT_EQ(get_progress(direct.get(), "1").code, MIP_OK);
    EXPECT_EQ(proxy.requests(), 1);
    EXPECT_EQ(server.request_count(), 1u);
}

}  // namespace
}  // namespace mip_test
