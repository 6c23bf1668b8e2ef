// SPDX-License-Identifier: Apache-2.0
// The fault matrix: every fault mip-emulator can inject, every retry rule,
// and bodies no server should send, each with the exact code, the number of
// requests made and a call that ends in time, on every flavor.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "emulator_process.hpp"
#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Scenario {
    const char *job_id;  // the emulator's fault-<name>... convention (tools/emulator/README.md)
    int max_retries;
    int64_t timeout_ms;
    int64_t max_response_bytes;  // 0: the default
    mip_code code;
    int http_status;
    int attempts;  // requests the failed call made; 0 for a success
};

// A call's deadline where the deadline is not what is tested: room for the
// call's requests and backoff waits (at most 400 ms here) on a slow machine.
constexpr int64_t budget(int64_t quiet_ms) { return quiet_ms * kSlowdown; }

// Deadlines that are tested (the call must run into them) stay short: the
// faults they meet last far longer whatever the machine.
const Scenario kScenarios[] = {
    {"fault-502", 0, budget(2000), 0, MIP_ERR_HTTP, 502, 1},
    {"fault-503", 2, budget(2000), 0, MIP_ERR_HTTP, 503, 3},
    {"fault-429-0", 2, budget(2000), 0, MIP_ERR_RATE_LIMITED, 429, 3},  // Retry-After: 0 honored
    // Retry-After (an hour) past the deadline: no wait, whatever the budget.
    {"fault-429-3600", 2, budget(2000), 0, MIP_ERR_RATE_LIMITED, 429, 1},
    {"fault-1807", 1, budget(2000), 0, MIP_ERR_RATE_LIMITED, 200, 2},
    {"fault-408", 1, budget(2000), 0, MIP_ERR_TIMEOUT, 408, 2},
    {"fault-reset", 2, budget(2000), 0, MIP_ERR_CONNECT, 0, 3},
    {"fault-truncate", 0, budget(2000), 0, MIP_ERR_CONNECT, 0, 1},
    {"fault-stall", 2, 500, 0, MIP_ERR_TIMEOUT, 0, 1},        // never answers; the deadline leaves no time to retry
    {"fault-slowdrip-50", 0, 500, 0, MIP_ERR_TIMEOUT, 0, 1},  // a drip of several seconds, past the deadline
    {"fault-slowdrip-1", 0, budget(3000), 0, MIP_OK, 0, 0},   // a drip that ends in time is fine
    // Over the cap, and not retried: the size itself is not what is tested.
    {"fault-big-300000", 3, budget(2000), 64 << 10, MIP_ERR_RESPONSE_TOO_LARGE, 0, 1},
    {"fault-big-2000000", 0, budget(4000), 0, MIP_OK, 0, 0},  // a large answer, under the default cap
    {"fault-flaky503-2", 2, budget(2000), 0, MIP_OK, 0, 0},
    {"fault-flaky502-2", 1, budget(2000), 0, MIP_ERR_HTTP, 502, 2},
    {"fault-flakyreset-1", 1, budget(2000), 0, MIP_OK, 0, 0},
    {"fault-flakytruncate-1", 1, budget(2000), 0, MIP_OK, 0, 0},
    {"fault-flaky1807-1", 1, budget(2000), 0, MIP_OK, 0, 0},
    {"fault-flaky408-1", 1, budget(2000), 0, MIP_OK, 0, 0},
    {"448761313698399999", 3, budget(2000), 0, MIP_ERR_NOT_FOUND, 0, 1},  // unknown job: never retried
};

// How far past its deadline a call may return: the time to notice it ran out.
constexpr int64_t kLateMs = 2000 * kSlowdown;

const mip_api kApis[] = {MIP_API_MILVUS, MIP_API_CLOUD, MIP_API_CLOUD_V1};
const char *api_name(mip_api api) {
    return api == MIP_API_MILVUS ? "milvus" : api == MIP_API_CLOUD ? "cloud" : "cloud-v1";
}

ClientPtr client_for(const std::string &url, mip_api api, const Scenario &s, const char *token = "k") {
    OptionsPtr o = options_for(url, api);
    mip_options_set_token(o.get(), token);
    mip_options_set_cluster_id(o.get(), "c");
    mip_options_set_max_retries(o.get(), s.max_retries);
    mip_options_set_timeout_ms(o.get(), s.timeout_ms);
    if (s.max_response_bytes) mip_options_set_max_response_bytes(o.get(), s.max_response_bytes);
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

void expect(const Outcome &out, const Scenario &s, const std::string &name, milliseconds took) {
    EXPECT_EQ(out.code, s.code) << name << ": " << out.message();
    if (s.code == MIP_OK) {
        EXPECT_NE(out.job, nullptr) << name;
    } else {
        EXPECT_EQ(out.job, nullptr) << name;
        if (s.http_status) EXPECT_EQ(out.http_status(), s.http_status) << name;
        EXPECT_EQ(mip_error_attempts(out.error.get()), s.attempts) << name << ": " << out.message();
    }
    EXPECT_LT(took.count(), s.timeout_ms + kLateMs) << name << " outlived its deadline";
}

TEST(FaultMatrix, EmulatorFaultsOnEveryFlavor) {
    EmulatorProcess emulator({});
    for (const Scenario &s : kScenarios) {
        for (mip_api api : kApis) {
            ClientPtr client = client_for(emulator.url(), api, s);
            // A fresh id per flavor: flaky faults count requests per id.
            const bool fault = std::string(s.job_id).rfind("fault-", 0) == 0;
            const std::string id = fault ? std::string(s.job_id) + "-" + api_name(api) : s.job_id;
            const auto start = Clock::now();
            Outcome out = get_progress(client.get(), id.c_str());
            expect(out, s, id, std::chrono::duration_cast<milliseconds>(Clock::now() - start));
        }
    }
}

TEST(FaultMatrix, WrongTokenIsNeverRetried) {
    EmulatorProcess emulator({"--token", "right"});
    const Scenario s{"fault-503", 3, budget(2000), 0, MIP_ERR_AUTH, 0, 1};
    for (mip_api api : kApis) {
        const auto start = Clock::now();
        Outcome out = get_progress(client_for(emulator.url(), api, s, "wrong").get(), s.job_id);
        expect(out, s, api_name(api), std::chrono::duration_cast<milliseconds>(Clock::now() - start));
    }
}

TEST(FaultMatrix, CancelDuringAStall) {
    EmulatorProcess emulator({});
    const Scenario s{"fault-stall", 2, budget(30000), 0, MIP_ERR_CANCELLED, 0, 1};
    for (mip_api api : kApis) {
        ClientPtr client = client_for(emulator.url(), api, s);
        CancelPtr cancel(mip_cancel_new());
        // No hook into the emulator: cancel a moment after the call starts;
        // whether the request is then in flight or not, the answer is the
        // same, so the pause orders nothing.
        std::thread canceller([&] {
            std::this_thread::sleep_for(milliseconds(200));
            mip_cancel_trigger(cancel.get());
        });
        const auto start = Clock::now();
        Outcome out = get_progress(client.get(), "fault-stall", cancel.get());
        const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
        canceller.join();
        EXPECT_EQ(out.code, MIP_ERR_CANCELLED) << api_name(api) << ": " << out.message();
        EXPECT_LT(took.count(), 200 + kLateMs) << "cancelled at 200 ms, the stall lasts forever";
    }
}

// describe -> 404 -> get_progress -> 503 -> retried get_progress -> the job.
TEST(FaultMatrix, LegacyFallbackAndARetryInOneCall) {
    EmulatorProcess emulator({"--legacy"});
    const Scenario s{"fault-flaky503-1", 1, budget(2000), 0, MIP_OK, 0, 0};
    ClientPtr client = client_for(emulator.url(), MIP_API_MILVUS, s);
    const auto start = Clock::now();
    expect(get_progress(client.get(), "fault-flaky503-1-legacy"), s, "legacy",
           std::chrono::duration_cast<milliseconds>(Clock::now() - start));
}

// Bodies no real server sends, from a fixture server: never retried, always
// a protocol error, whatever the retry budget.
TEST(FaultMatrix, BodiesThatAreNotOurJson) {
    const std::string deep = R"({"code":0,"data":{"state":)" + std::string(50000, '[') + std::string(50000, ']') + "}}";
    const std::pair<const char *, std::string> bodies[] = {
        {"deep nesting", deep},
        {"integer out of range", R"({"code":0,"data":{"totalRows":99999999999999999999999}})"},
        {"float out of range", R"({"code":0,"data":{"fileSize":1e400}})"},
        {"invalid UTF-8", "{\"code\":0,\"data\":{\"collectionName\":\"\xc3\x28\"}}"},
        {"HTML with 200", "<html><body>maintenance</body></html>"},
        {"truncated JSON", R"({"code":0,"data":{"progress":)"},
        {"NUL inside", std::string("{\"code\":0,\"data\":{\"reason\":\"a\0b\"}}", 33)},
    };
    for (const auto &[name, body] : bodies) {
        FixtureServer server(answer(body));
        const Scenario s{"", 3, budget(2000), 0, MIP_ERR_PROTOCOL, 200, 1};
        const auto start = Clock::now();
        Outcome out = get_progress(client_for(server.url(), MIP_API_MILVUS, s).get(), "1");
        expect(out, s, name, std::chrono::duration_cast<milliseconds>(Clock::now() - start));
        EXPECT_EQ(server.request_count(), 1u) << name;
    }
}

}  // namespace
}  // namespace mip_test
