// SPDX-License-Identifier: Apache-2.0
// One client, many calls: connections are reused, threads share it safely.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const char *kJob = R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40,
    "details":[{"fileName":"[a.parquet]","progress":40,"state":"Importing"}]}})";

TEST(Concurrency, SequentialCallsReuseOneConnection) {
    FixtureServer server(answer(kJob));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    for (int i = 0; i < 20; ++i) ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    EXPECT_EQ(server.request_count(), 20u);
    EXPECT_EQ(server.client_ports().size(), 1u) << "keep-alive: one TCP connection for all calls";
}

// `threads` threads make `calls` calls each on one client; every answer must
// be right and every thread must reuse its connection.
void hammer(int threads, int calls) {
    FixtureServer server(answer(kJob));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();
    std::atomic<int> right{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (int i = 0; i < calls; ++i) {
                Outcome out = get_progress(c.client.get(), "1");
                const mip_job *job = out.job.get();
                const bool ok = out.code == MIP_OK && mip_job_progress(job) == 40 && mip_job_detail_count(job) == 1 &&
                                std::string(mip_detail_file_name(mip_job_detail(job, 0))) == "[a.parquet]";
                if (!ok && wrong.fetch_add(1) < 5) {  // a few messages say enough
                    ADD_FAILURE() << mip_code_name(out.code) << ": " << out.message();
                }
                if (ok) right++;
            }
        });
    }
    for (std::thread &t : workers) t.join();
    EXPECT_EQ(right.load(), threads * calls);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(server.request_count(), static_cast<size_t>(threads * calls));
    EXPECT_LE(server.client_ports().size(), static_cast<size_t>(threads)) << "at most one connection per thread";
}

TEST(Concurrency, EightThreadsFiveHundredCallsEachOnOneClient) { hammer(8, 500); }

// What the sanitizer passes (scripts/check_sanitizers.sh) lean on to shake
// out races and leaks in the connection pool.
TEST(Concurrency, SixteenThreadsFiveHundredCallsEachOnOneClient) { hammer(16, 500); }

TEST(Concurrency, OneTokenCancelsCallsOnManyThreads) {
    FixtureServer server(stall());
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    CancelPtr cancel(mip_cancel_new());
    constexpr int kThreads = 4;
    std::atomic<int> cancelled{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            if (get_progress(c.client.get(), "1", cancel.get()).code == MIP_ERR_CANCELLED) cancelled++;
        });
    }
    ASSERT_TRUE(server.wait_for_requests(kThreads));
    mip_cancel_trigger(cancel.get());
    for (std::thread &t : threads) t.join();
    server.release_stalls();
    EXPECT_EQ(cancelled.load(), kThreads);
}

}  // namespace
}  // namespace mip_test
