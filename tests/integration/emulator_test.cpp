// SPDX-License-Identifier: Apache-2.0
// The library against mip-emulator, flavor by flavor: success shapes, the old
// server fallback, auth, missing jobs and terminal states. Faults are in
// fault_matrix_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "emulator_process.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kScenario = MIP_TEST_SCENARIO;  // tests/emulator/scenario.json
const char *kMilvusJob = "448761313698322999";    // two files, half-way through
const char *kFailedJob = "448761313698323000";    // has a file named bad_fail.parquet
const char *kCloudJob = "job-01fa0e5d42cjxudhpuehyp";

struct Flavor {
    mip_api api;
    const char *name;
};
const Flavor kFlavors[] = {{MIP_API_MILVUS, "milvus"}, {MIP_API_CLOUD, "cloud"}, {MIP_API_CLOUD_V1, "cloud-v1"}};

ClientPtr client_for(const EmulatorProcess &emulator, mip_api api, const char *token = "k", int max_retries = 0,
                     const char *db = nullptr) {
    OptionsPtr o = options_for(emulator.url(), api);
    mip_options_set_token(o.get(), token);
    mip_options_set_max_retries(o.get(), max_retries);
    mip_options_set_db_name(o.get(), db);
    if (api != MIP_API_MILVUS) mip_options_set_cluster_id(o.get(), "in01-scenario");
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

TEST(Emulator, RunningJobOnEveryFlavor) {
    EmulatorProcess emulator({"--scenario", kScenario});
    for (const Flavor &f : kFlavors) {
        Outcome out = get_progress(client_for(emulator, f.api).get(), kMilvusJob);
        ASSERT_EQ(out.code, MIP_OK) << f.name << ": " << out.message();
        const mip_job *job = out.job.get();
        EXPECT_EQ(mip_job_state(job), MIP_STATE_IMPORTING) << f.name;
        EXPECT_GE(mip_job_progress(job), 40) << f.name;
        EXPECT_LE(mip_job_progress(job), 70) << f.name;
        ASSERT_EQ(mip_job_detail_count(job), 2u) << f.name;
        EXPECT_EQ(mip_job_total_rows(job), f.api == MIP_API_CLOUD_V1 ? -1 : 150000) << f.name;
        EXPECT_EQ(mip_job_file_size(job), 3279917 + 1024000) << f.name;
        EXPECT_EQ(mip_detail_file_size(mip_job_detail(job, 0)), 3279917) << f.name;
        if (f.api == MIP_API_MILVUS) {
            EXPECT_STREQ(mip_job_id(job), kMilvusJob);
            EXPECT_STREQ(mip_detail_file_name(mip_job_detail(job, 1)), "[a.npy b.npy]");
            int64_t sum = 0;
            for (size_t i = 0; i < mip_job_detail_count(job); ++i)
                sum += mip_detail_imported_rows(mip_job_detail(job, i));
            EXPECT_EQ(mip_job_imported_rows(job), sum);
        }
    }
}

TEST(Emulator, MilvusDatabaseHeaderSelectsTheJob) {
    EmulatorProcess emulator({"--scenario", kScenario});
    // Not in the default database: Milvus's code 2100 ("parse job id failed" for such an id).
    Outcome elsewhere = get_progress(client_for(emulator, MIP_API_MILVUS).get(), kCloudJob);
    EXPECT_NE(elsewhere.code, MIP_OK);
    EXPECT_EQ(elsewhere.server_code(), 2100);
    Outcome out = get_progress(client_for(emulator, MIP_API_MILVUS, "k", 0, "analytics").get(), kCloudJob);
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_STREQ(mip_job_collection_name(out.job.get()), "medium_articles");
}

TEST(Emulator, FailedJobIsASuccessfulCall) {
    EmulatorProcess emulator({"--scenario", kScenario});
    for (const Flavor &f : kFlavors) {
        Outcome out = get_progress(client_for(emulator, f.api).get(), kFailedJob);
        ASSERT_EQ(out.code, MIP_OK) << f.name << ": " << out.message();
        EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_FAILED) << f.name;
        EXPECT_STREQ(mip_job_reason(out.job.get()), "the data file is corrupted") << f.name;
    }
}

// Polls until the job reads `wanted` (or something goes wrong): at most
// kMostPolls times and kEmulatorHang long.
Outcome poll_until(mip_client *client, const char *job_id, mip_state wanted) {
    constexpr int kMostPolls = 1000;
    const auto give_up = Clock::now() + kEmulatorHang;
    Outcome out;
    for (int i = 0; i < kMostPolls && Clock::now() < give_up; ++i) {
        out = get_progress(client, job_id);
        if (out.code != MIP_OK || mip_job_state(out.job.get()) == wanted) break;
    }
    return out;
}

TEST(Emulator, CompletedAndUncommitted) {
    // A million simulated seconds per wall second: the scenario's running job
    // is done after 2 ms, and a retention of 10^15 simulated seconds keeps it
    // for some 30 years of wall time.
    const std::vector<std::string> at_once = {"--scenario", kScenario, "--speed", "1000000", "--retention", "1e15"};
    EmulatorProcess fast(at_once);
    std::vector<std::string> staged_flags = at_once;
    staged_flags.push_back("--uncommitted");
    EmulatorProcess staged(staged_flags);
    for (const Flavor &f : kFlavors) {
        ClientPtr client = client_for(fast, f.api);
        Outcome out = poll_until(client.get(), kMilvusJob, MIP_STATE_COMPLETED);
        ASSERT_EQ(out.code, MIP_OK) << f.name << ": " << out.message();
        EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_COMPLETED) << f.name;
        EXPECT_EQ(mip_job_progress(out.job.get()), 100) << f.name;
        EXPECT_STRNE(mip_job_complete_time(out.job.get()), "") << f.name;
    }
    ClientPtr client = client_for(staged, MIP_API_MILVUS);
    Outcome out = poll_until(client.get(), kMilvusJob, MIP_STATE_UNCOMMITTED);
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_UNCOMMITTED);
    EXPECT_EQ(mip_job_progress(out.job.get()), 99);
}

TEST(Emulator, LegacyServerFallback) {
    EmulatorProcess emulator({"--scenario", kScenario, "--legacy"});
    ClientPtr client = client_for(emulator, MIP_API_MILVUS);
    for (int i = 0; i < 2; ++i) {
        Outcome out = get_progress(client.get(), kMilvusJob);
        ASSERT_EQ(out.code, MIP_OK) << out.message();
        EXPECT_EQ(mip_job_state(out.job.get()), MIP_STATE_IMPORTING);
    }
}

TEST(Emulator, WrongTokenIsAnAuthErrorOnEveryFlavor) {
    EmulatorProcess emulator({"--scenario", kScenario, "--token", "right-token"});
    const std::pair<Flavor, int64_t> cases[] = {{kFlavors[0], 1800}, {kFlavors[1], 21119}, {kFlavors[2], 80020}};
    for (const auto &[f, server_code] : cases) {
        Outcome out = get_progress(client_for(emulator, f.api, "wrong-token").get(), kMilvusJob);
        EXPECT_EQ(out.code, MIP_ERR_AUTH) << f.name << ": " << out.message();
        EXPECT_EQ(out.server_code(), server_code) << f.name;
        EXPECT_EQ(out.message().find("wrong-token"), std::string::npos);
        EXPECT_EQ(get_progress(client_for(emulator, f.api, "right-token").get(), kMilvusJob).code, MIP_OK) << f.name;
    }
}

TEST(Emulator, UnknownJobIsNotFoundOnEveryFlavor) {
    EmulatorProcess emulator({"--scenario", kScenario});
    for (const Flavor &f : kFlavors) {
        Outcome out = get_progress(client_for(emulator, f.api).get(), "448761313698399999");
        EXPECT_EQ(out.code, MIP_ERR_NOT_FOUND) << f.name << ": " << out.message();
    }
}

TEST(Emulator, StopsCleanly) {
    EmulatorProcess emulator({});
    EXPECT_EQ(emulator.stop(), 0);
}

}  // namespace
}  // namespace mip_test
