// Sixteen threads, five hundred calls each, on one client: run by the
// sanitizer passes (scripts/check_sanitizers.sh) to shake out races and
// leaks in the connection pool, and in plain builds as a smoke test.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

const char *kJob = R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40,
    "details":[{"fileName":"[a.parquet]","progress":40,"state":"Importing"}]}})";

TEST(Stress, SixteenThreadsFiveHundredCallsEachOnOneClient) {
    constexpr int kThreads = 16;
    constexpr int kCalls = 500;
    FixtureServer server(answer(kJob));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK) << c.message();

    std::atomic<int> right{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kCalls; ++i) {
                Outcome out = get_progress(c.client.get(), "1");
                const mip_job *job = out.job.get();
                const bool ok = out.code == MIP_OK && mip_job_progress(job) == 40 && mip_job_detail_count(job) == 1 &&
                                std::strcmp(mip_detail_file_name(mip_job_detail(job, 0)), "[a.parquet]") == 0;
                if (!ok && wrong.fetch_add(1) < 5) {  // a few messages say enough
                    ADD_FAILURE() << mip_code_name(out.code) << ": " << out.message();
                }
                if (ok) right++;
            }
        });
    }
    for (std::thread &t : threads) t.join();

    EXPECT_EQ(right.load(), kThreads * kCalls);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(server.request_count(), static_cast<size_t>(kThreads * kCalls));
    // A connection per concurrent call at most, kept alive between calls.
    EXPECT_LE(server.client_ports().size(), static_cast<size_t>(kThreads));
}

}  // namespace
}  // namespace mip_test
