// One client, many calls: connections are reused, threads share it safely.
#include <gtest/gtest.h>

#include <atomic>
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

TEST(Concurrency, EightThreadsFiveHundredCallsEachOnOneClient) {
    FixtureServer server(answer(kJob));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    constexpr int kThreads = 8;
    constexpr int kCalls = 500;
    std::atomic<int> ok{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kCalls; ++i) {
                Outcome out = get_progress(c.client.get(), "1");
                const bool right = out.code == MIP_OK && mip_job_progress(out.job.get()) == 40 &&
                                   mip_job_detail_count(out.job.get()) == 1 &&
                                   std::string(mip_detail_file_name(mip_job_detail(out.job.get(), 0))) == "[a.parquet]";
                (right ? ok : wrong)++;
            }
        });
    }
    for (std::thread &t : threads) t.join();
    EXPECT_EQ(ok.load(), kThreads * kCalls);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(server.request_count(), static_cast<size_t>(kThreads * kCalls));
    EXPECT_LE(server.client_ports().size(), static_cast<size_t>(kThreads)) << "at most one connection per thread";
}

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
