// SPDX-License-Identifier: Apache-2.0
// Hostile servers against the calls that are not safe to repeat (create,
// commit, abort): each goes out once per attempt mip counts, every failure
// after which the server may have acted says so, a create's always names
// its Idempotency-Key, and secrets stay masked in every form a server
// echoes them in.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <string>
#include <vector>

#include "create_call.hpp"
#include "fixture_server.hpp"
#include "hostile_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const std::string kJob = R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40}})";
const std::string kCreated = R"({"code":0,"data":{"jobId":"455347834366210001"}})";
const std::string kConcluded = R"({"code":0,"data":{}})";
constexpr size_t npos = std::string::npos;

bool is_route(const RawRequest &r, const std::string &route) {
    const std::string line = r.head.substr(0, r.head.find("\r\n"));
    return line.find(route + " ") != npos;
}

// The value of "collectionName" in a create's body: the tests below name
// the answer they want with it.
std::string collection_of(const RawRequest &r) {
    const std::string key = "\"collectionName\":\"";
    const size_t at = r.body.find(key);
    if (at == npos) return "";
    const size_t start = at + key.size();
    return r.body.substr(start, r.body.find('"', start) - start);
}

RequestPtr request_named(const std::string &collection) {
    RequestPtr r(mip_import_request_new());
    const char *group[] = {"a.parquet"};
    EXPECT_EQ(mip_import_request_set_collection(r.get(), collection.c_str()), MIP_OK);
    EXPECT_EQ(mip_import_request_add_files(r.get(), group, 1), MIP_OK);
    return r;
}

// The keys the server saw on creates, in order.
std::vector<std::string> keys_seen(const HostileServer &server) {
    std::vector<std::string> keys;
    for (const RawRequest &r : server.seen()) {
        if (is_route(r, "/v2/vectordb/jobs/import/create")) keys.push_back(r.header("Idempotency-Key"));
    }
    return keys;
}

size_t count_route(const HostileServer &server, const std::string &route) {
    size_t n = 0;
    for (const RawRequest &r : server.seen()) n += is_route(r, route) ? 1 : 0;
    return n;
}

// ------------------------------------------------ once per counted attempt

enum class HangUp { Fin, Reset };

// Keeps connections alive and answers progress at once; reads the first
// request to `route` whole, then closes its connection without a word.
// Later requests to `route` it answers with `later`: a request sent again
// behind the caller's back would succeed, and be seen.
class DroppingServer {
public:
    DroppingServer(std::string route, HangUp how, std::string later)
        : route_(std::move(route)),
          how_(how),
          later_(std::move(later)),
          server_(KeepAlive{}, [this](int fd, const RawRequest &r, HostileServer &) { return answer(fd, r); }) {}

    const HostileServer &server() const { return server_; }
    std::string url() const { return server_.url(); }

private:
    bool answer(int fd, const RawRequest &r) {
        if (!is_route(r, route_)) return HostileServer::send_all(fd, kept_answer(200, kJob));
        if (dropped_++ > 0) return HostileServer::send_all(fd, kept_answer(200, later_));
        if (how_ == HangUp::Reset) {
            linger hard{1, 0};  // close with a TCP reset
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        }
        return false;
    }

    const std::string route_;
    const HangUp how_;
    const std::string later_;
    std::atomic<int> dropped_{0};
    HostileServer server_;  // last: its threads call answer()
};

// The request goes out on a connection a call before kept alive; the
// server reads it and closes. libcurl would send it again on a new
// connection by itself: a second job, under one counted attempt.
TEST(SentOnce, ACreateIsSentOncePerAttemptWhenTheServerClosesUnanswered) {
    for (const HangUp how : {HangUp::Fin, HangUp::Reset}) {
        for (const int retries : {0, 3}) {
            SCOPED_TRACE(std::string(how == HangUp::Fin ? "FIN" : "RST") + ", max_retries " + std::to_string(retries));
            DroppingServer server("/v2/vectordb/jobs/import/create", how, kCreated);
            ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, retries);
            ASSERT_EQ(get_progress(client.get(), "1").code, MIP_OK);  // a kept connection for the create to find
            RequestPtr r = request_for({{"a.parquet"}});
            Created c = create(client.get(), r.get());
            EXPECT_EQ(c.code, MIP_ERR_CONNECT) << c.message();
            const std::vector<std::string> keys = keys_seen(server.server());
            ASSERT_EQ(keys.size(), 1u) << "creates the server read";
            EXPECT_EQ(mip_error_attempts(c.error.get()), 1) << c.message();
            EXPECT_NE(c.message().find("may have created the job"), npos) << c.message();
            EXPECT_NE(c.message().find("Idempotency-Key " + keys[0]), npos) << c.message();
            EXPECT_EQ(get_progress(client.get(), "1").code, MIP_OK) << "the client goes on";
        }
    }
}

TEST(SentOnce, CommitAndAbortAreSentOncePerAttempt) {
    const std::pair<const char *, ConcludeCall> calls[] = {{"commit", mip_commit_import}, {"abort", mip_abort_import}};
    for (const auto &[name, call] : calls) {
        for (const HangUp how : {HangUp::Fin, HangUp::Reset}) {
            SCOPED_TRACE(std::string(name) + (how == HangUp::Fin ? " FIN" : " RST"));
            const std::string route = std::string("/v2/vectordb/jobs/import/") + name;
            DroppingServer server(route, how, kConcluded);
            ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 3);
            ASSERT_EQ(get_progress(client.get(), "1").code, MIP_OK);
            Done d = conclude(call, client.get(), "7");
            EXPECT_EQ(d.code, MIP_ERR_CONNECT) << d.message();
            EXPECT_EQ(count_route(server.server(), route), 1u);
            EXPECT_EQ(mip_error_attempts(d.error.get()), 1) << d.message();
            EXPECT_NE(d.message().find(std::string("may have carried out the ") + name), npos) << d.message();
        }
    }
}

// ------------------------------------------------ where the job stands

// Answers a create by its collection's name, and a commit or an abort by
// its job id.
HostileServer::Script answer_by_name() {
    return [](int fd, const RawRequest &r, HostileServer &) {
        const std::string name = r.job_id.empty() ? collection_of(r) : r.job_id;
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        const std::string page = "<html><head><title>500 Internal Server Error</title></head></html>";
        if (name == "500-envelope") {
            HostileServer::send_all(fd, http_answer(500, kCreated));
        } else if (name == "500-page") {
            HostileServer::send_all(fd, http_answer(500, page, "", "text/html"));
        } else if (name == "502-page") {
            HostileServer::send_all(fd, http_answer(502, "<title>502 Bad Gateway</title>", "", "text/html"));
        } else if (name == "cut-200") {
            HostileServer::send_all(fd, head + "Content-Length: 100\r\n\r\n{\"code\":0,\"data\":{\"jobId\":");
        } else if (name == "garbled-200") {
            HostileServer::send_all(fd, http_answer(200, "{\"code\":0,\"data\":{\"jobId\":"));
        } else if (name == "no-id-200") {
            HostileServer::send_all(fd, http_answer(200, kConcluded));
        } else if (name == "bool-id" || name == "float-id" || name == "exp-id" || name == "negative-id") {
            const std::string id = name == "bool-id"    ? "true"
                                   : name == "float-id" ? "1.5"
                                   : name == "exp-id"   ? "1e5"
                                                        : "-5";
            HostileServer::send_all(fd, http_answer(200, R"({"code":0,"data":{"jobId":)" + id + "}}"));
        } else if (name == "http2-frames") {
            // A SETTINGS frame: what an h2c-only server writes first.
            HostileServer::send_all(fd,
                                    std::string("\x00\x00\x06\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64", 15));
        } else if (name == "refused") {
            HostileServer::send_all(fd, http_answer(200, R"({"code":1100,"message":"invalid parameter"})"));
        } else if (name == "long-refusal") {
            HostileServer::send_all(
                fd, http_answer(200, R"({"code":1100,"message":")" + std::string(1 << 20, 'm') + "\"}"));
        } else if (name == "404-page") {
            HostileServer::send_all(fd, http_answer(404, "404 page not found", "", "text/plain"));
        } else if (name == "404-envelope") {
            HostileServer::send_all(fd, http_answer(404, kConcluded));
        } else if (name == "429-page") {
            HostileServer::send_all(fd, http_answer(429, "<title>429 Too Many Requests</title>", "", "text/html"));
        } else {
            HostileServer::send_all(fd, http_answer(200, r.job_id.empty() ? kCreated : kConcluded));
        }
    };
}

struct CreateCase {
    const char *name;
    mip_code code;
    bool may_exist;
};

TEST(WhereTheJobStands, EveryFailedCreateSaysWhetherTheJobMayExistAndNamesItsKey) {
    const CreateCase cases[] = {
        {"500-envelope", MIP_ERR_SERVER, true},    {"500-page", MIP_ERR_HTTP, true},
        {"502-page", MIP_ERR_HTTP, true},          {"cut-200", MIP_ERR_CONNECT, true},
        {"garbled-200", MIP_ERR_PROTOCOL, true},   {"no-id-200", MIP_ERR_PROTOCOL, true},
        {"bool-id", MIP_ERR_PROTOCOL, true},       {"float-id", MIP_ERR_PROTOCOL, true},
        {"exp-id", MIP_ERR_PROTOCOL, true},        {"negative-id", MIP_ERR_PROTOCOL, true},
        {"http2-frames", MIP_ERR_PROTOCOL, true},  {"refused", MIP_ERR_SERVER, false},
        {"long-refusal", MIP_ERR_SERVER, false},   {"404-page", MIP_ERR_HTTP, false},
        {"429-page", MIP_ERR_RATE_LIMITED, false},
    };
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    for (const CreateCase &k : cases) {
        SCOPED_TRACE(k.name);
        RequestPtr r = request_named(k.name);
        Created c = create(client.get(), r.get());
        EXPECT_EQ(c.code, k.code) << c.message();
        EXPECT_EQ(mip_error_attempts(c.error.get()), 1) << c.message();
        EXPECT_LE(c.message().size(), 1024u);
        const std::string key = keys_seen(server).back();
        EXPECT_NE(c.message().find("Idempotency-Key " + key), npos) << c.message();
        EXPECT_EQ(c.message().find("may have created the job") != npos, k.may_exist) << c.message();
        EXPECT_EQ(c.message().find("no job was created") != npos, !k.may_exist) << c.message();
        if (k.code != MIP_ERR_CONNECT && k.code != MIP_ERR_PROTOCOL) {
            EXPECT_NE(mip_error_http_status(c.error.get()), 0) << c.message();
        }
    }
}

// The status says failure, the envelope names the job: the call fails (the
// status is what every proxy agrees on) and the id is not lost.
TEST(WhereTheJobStands, AJobNamedUnderAFailingStatusIsKept) {
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    RequestPtr r = request_named("500-envelope");
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_SERVER) << c.message();
    EXPECT_EQ(mip_error_http_status(c.error.get()), 500);
    EXPECT_STREQ(mip_error_job_id(c.error.get()), "455347834366210001");
    EXPECT_NE(c.message().find("naming job 455347834366210001"), npos) << c.message();
    EXPECT_STREQ(mip_error_job_id(nullptr), "");
}

TEST(WhereTheJobStands, AnAnswerWithoutAnIdKeepsItsStatus) {
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    RequestPtr r = request_named("no-id-200");
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_PROTOCOL) << c.message();
    EXPECT_EQ(mip_error_http_status(c.error.get()), 200) << c.message();
}

// However long the server's words, the key to retry with survives the cut.
TEST(WhereTheJobStands, TheKeySurvivesALongServerMessage) {
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    RequestPtr r = request_named("long-refusal");
    ASSERT_EQ(mip_import_request_set_idempotency_key(r.get(), std::string(256, 'k').c_str()), MIP_OK);
    Created c = create(client.get(), r.get());
    EXPECT_EQ(c.code, MIP_ERR_SERVER);
    EXPECT_LE(c.message().size(), 1024u);
    EXPECT_NE(c.message().find("mmm..."), npos) << c.message().substr(0, 200);
    const std::string tail = "(Idempotency-Key " + std::string(256, 'k') + ")";
    ASSERT_GE(c.message().size(), tail.size());
    EXPECT_EQ(c.message().substr(c.message().size() - tail.size()), tail);
}

TEST(WhereTheJobStands, CommitAndAbortSayWhenTheServerMayHaveActed) {
    struct Case {
        const char *job;
        mip_code code;
        bool may_have_acted;
    };
    const Case cases[] = {{"500-page", MIP_ERR_HTTP, true},       {"garbled-200", MIP_ERR_PROTOCOL, true},
                          {"cut-200", MIP_ERR_CONNECT, true},     {"http2-frames", MIP_ERR_PROTOCOL, true},
                          {"refused", MIP_ERR_SERVER, false},     {"404-page", MIP_ERR_UNSUPPORTED, false},
                          {"404-envelope", MIP_ERR_SERVER, false}};
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    const std::pair<const char *, ConcludeCall> calls[] = {{"commit", mip_commit_import}, {"abort", mip_abort_import}};
    for (const auto &[name, call] : calls) {
        for (const Case &k : cases) {
            SCOPED_TRACE(std::string(name) + " " + k.job);
            Done d = conclude(call, client.get(), k.job);
            EXPECT_EQ(d.code, k.code) << d.message();
            EXPECT_EQ(d.message().find(std::string("may have carried out the ") + name) != npos, k.may_have_acted)
                << d.message();
        }
    }
}

// Only gin's plain text is a missing route: a 404 with an envelope is the
// server's answer, and the deprecated route is not asked.
TEST(WhereTheJobStands, A404WithAnEnvelopeIsNoMissingRoute) {
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    Outcome out = get_progress(client.get(), "404-envelope");
    EXPECT_EQ(out.code, MIP_ERR_SERVER) << out.message();
    EXPECT_EQ(out.http_status(), 404);
    EXPECT_EQ(count_route(server, "/v2/vectordb/jobs/import/get_progress"), 0u);
    Outcome text = get_progress(client.get(), "404-page");
    EXPECT_EQ(count_route(server, "/v2/vectordb/jobs/import/get_progress"), 1u) << text.message();
}

TEST(WhereTheJobStands, HttpTwoFramesToAnHttpOneRequestAreAProtocolError) {
    HostileServer server(answer_by_name());
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    Outcome out = get_progress(client.get(), "http2-frames");
    EXPECT_EQ(out.code, MIP_ERR_PROTOCOL) << out.message();
}

// ------------------------------------------------ secrets, every form

// Escapes as a proxy's HTML page would (named entities).
std::string html_escaped(const std::string &s) {
    std::string out;
    for (const char c : s) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '"')
            out += "&quot;";
        else if (c == '\'')
            out += "&#39;";
        else
            out.push_back(c);
    }
    return out;
}

std::string percent_encoded(const std::string &s) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-') {
            out.push_back(ch);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

std::string json_string_body(const std::string &s) {
    std::string out;
    for (const char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

// Secrets with every character an escape rewrites; each ends in digits no
// word of a message has, so that any form of either that leaks shows.
const std::string kToken = R"(tok"en\with<&>'-sec-90817)";
const std::string kSecretKey = R"(s3"cr\et<&>'-key-64523)";

TEST(Secrets, EveryEchoedFormIsMasked) {
    HostileServer server([](int fd, const RawRequest &r, HostileServer &) {
        const std::string echoed = r.header("Authorization") + " " + r.body;
        const std::string form = collection_of(r);
        if (form == "html") {
            HostileServer::send_all(
                fd, http_answer(500, "<title>500 for " + html_escaped(echoed) + "</title>", "", "text/html"));
        } else if (form == "percent") {
            HostileServer::send_all(
                fd, http_answer(200, R"({"code":1100,"message":"refused )" + percent_encoded(echoed) + "\"}"));
        } else {  // the request body as the server read it, inside its own JSON
            HostileServer::send_all(
                fd, http_answer(200, R"({"code":1100,"message":"refused )" + json_string_body(echoed) + "\"}"));
        }
    });
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), kToken.c_str());
    mip_options_set_cluster_id(o.get(), "in01-abc");
    mip_options_set_max_retries(o.get(), 0);
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    for (const char *form : {"json", "html", "percent"}) {
        SCOPED_TRACE(form);
        RequestPtr r = request_named(form);
        ASSERT_EQ(mip_import_request_set_object_credentials(r.get(), "AKIA-access", kSecretKey.c_str()), MIP_OK);
        Created c = create(made.client.get(), r.get());
        EXPECT_NE(c.code, MIP_OK);
        EXPECT_NE(c.message().find(form == std::string("html") ? "500 for" : "refused"), npos)
            << "the server's words are quoted";
        // Never print a message that failed: it could hold the secret.
        EXPECT_EQ(c.message().find("90817"), npos) << "a form of the token leaked";
        EXPECT_EQ(c.message().find("64523"), npos) << "a form of the secret key leaked";
    }
}

// A short secret is masked in the server's words only: mip's own ("safe on
// Milvus >= 2.6.24 / 3.0.2") stay whole.
TEST(Secrets, AShortSecretNeverGarblesMipsOwnWords) {
    HostileServer server([](int fd, const RawRequest &, HostileServer &) {
        HostileServer::send_all(
            fd, http_answer(502, "<title>502: password Milvus and code 2 refused</title>", "", "text/html"));
    });
    for (const char *token : {"root:Milvus", "2"}) {
        SCOPED_TRACE(token);
        OptionsPtr o = options_for(server.url());
        mip_options_set_token(o.get(), token);
        mip_options_set_max_retries(o.get(), 0);
        ClientOutcome made = make_client(o.get());
        ASSERT_EQ(made.code, MIP_OK);
        RequestPtr r = request_for({{"a.parquet"}});
        Created c = create(made.client.get(), r.get());
        EXPECT_EQ(c.code, MIP_ERR_HTTP);
        EXPECT_NE(c.message().find("safe on Milvus >= 2.6.24 / 3.0.2"), npos) << c.message();
        const std::string masked = token == std::string("2") ? "code *** refused" : "password *** and";
        EXPECT_NE(c.message().find(masked), npos) << c.message();
    }
}

// ------------------------------------------------ careless callers

TEST(CarelessCallers, AnIdempotencyKeyHttpWouldChangeIsRefused) {
    RequestPtr r(mip_import_request_new());
    for (const char *key : {" ", "   ", " key", "key ", "\tkey", ""}) {
        EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), key), MIP_ERR_INVALID_ARGUMENT) << "[" << key << "]";
    }
    EXPECT_EQ(mip_import_request_set_idempotency_key(r.get(), "nightly load 7"), MIP_OK);
}

// Each option set once: the body holds them all, in order. (Setting them
// took quadratic time once; the figure is in bench/README.md.)
TEST(CarelessCallers, EightyThousandOptionsAreAllSent) {
    FixtureServer server(answer(kCreated));
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 0);
    RequestPtr r = request_for({{"a.parquet"}});
    constexpr int kOptions = 80000;
    for (int i = 0; i < kOptions; ++i) {
        const std::string key = "k" + std::to_string(i);
        ASSERT_EQ(mip_import_request_set_option(r.get(), key.c_str(), "v"), MIP_OK);
    }
    ASSERT_EQ(mip_import_request_set_option(r.get(), "k7", "again"), MIP_OK);
    Created c = create(client.get(), r.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    const std::string body = server.requests().at(0).body;
    EXPECT_NE(body.find(R"("options":{"k0":"v","k1":"v",)"), npos);
    EXPECT_NE(body.find(R"("k7":"again","k8":"v")"), npos);
    EXPECT_NE(body.find(R"("k79999":"v"})"), npos);
}

}  // namespace
}  // namespace mip_test
