// SPDX-License-Identifier: Apache-2.0
// mip_job_details_read: details copied out in bulk, as the accessors read
// them, at the caller's stride, for callers built against an older or a
// newer header.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

// A job of `n` details: detail i is "f<i>.parquet", i rows of 2*i, and
// every tenth failed with a reason.
JobPtr job_of(size_t n) {
    std::string details;
    for (size_t i = 0; i < n; ++i) {
        details += (i ? "," : "") + std::string(R"({"fileName":"f)") + std::to_string(i) + R"(.parquet","fileSize":)" +
                   std::to_string(i * 10) + R"(,"importedRows":)" + std::to_string(i) + R"(,"totalRows":)" +
                   std::to_string(2 * i) + R"(,"progress":50,"state":")" + (i % 10 == 9 ? "Failed" : "Importing") +
                   "\"" + (i % 10 == 9 ? R"(,"reason":"bad row")" : "") + "}";
    }
    FixtureServer server(
        answer(R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":50,"details":[)" + details + "]}}"));
    ClientOutcome made = make_client(options_for(server.url(), MIP_API_MILVUS).get());
    Outcome out = get_progress(made.client.get(), "1");
    EXPECT_EQ(out.code, MIP_OK) << out.message();
    return std::move(out.job);
}

TEST(DetailsRead, EveryFieldAsTheAccessorsReadIt) {
    JobPtr job = job_of(25);
    std::vector<mip_detail_info> out(30);
    out[0].size = sizeof(mip_detail_info);
    ASSERT_EQ(mip_job_details_read(job.get(), 0, out.data(), out.size()), 25u);
    for (size_t i = 0; i < 25; ++i) {
        const mip_detail *d = mip_job_detail(job.get(), i);
        const mip_detail_info &info = out[i];
        EXPECT_EQ(info.size, sizeof(mip_detail_info));
        EXPECT_EQ(info.file_name, mip_detail_file_name(d)) << "borrowed from the job, not copied";
        EXPECT_EQ(info.file_name_len, std::strlen(mip_detail_file_name(d)));
        EXPECT_EQ(info.state_text, mip_detail_state_text(d));
        EXPECT_EQ(info.state_text_len, std::strlen(mip_detail_state_text(d)));
        EXPECT_EQ(info.complete_time, mip_detail_complete_time(d));
        EXPECT_EQ(info.complete_time_len, 0u);
        EXPECT_EQ(info.reason, mip_detail_reason(d));
        EXPECT_EQ(info.reason_len, i % 10 == 9 ? 7u : 0u);
        EXPECT_EQ(info.imported_rows, static_cast<int64_t>(i));
        EXPECT_EQ(info.total_rows, static_cast<int64_t>(2 * i));
        EXPECT_EQ(info.file_size, static_cast<int64_t>(10 * i));
        EXPECT_EQ(info.state, mip_detail_state(d));
        EXPECT_EQ(info.progress, 50);
    }
}

TEST(DetailsRead, FromAStartAndAtMostCount) {
    JobPtr job = job_of(25);
    mip_detail_info out[4];
    out[0].size = sizeof out[0];
    ASSERT_EQ(mip_job_details_read(job.get(), 20, out, 4), 4u);
    EXPECT_STREQ(out[0].file_name, "f20.parquet");
    EXPECT_STREQ(out[3].file_name, "f23.parquet");
    EXPECT_EQ(mip_job_details_read(job.get(), 23, out, 4), 2u);
    EXPECT_STREQ(out[1].file_name, "f24.parquet");
    EXPECT_EQ(mip_job_details_read(job.get(), 25, out, 4), 0u);
    EXPECT_EQ(mip_job_details_read(job.get(), 0, out, 0), 0u);
}

// An older caller knows the struct up to file_name_len: its array's stride
// is that, and nothing past it is written.
TEST(DetailsRead, AnOlderCallersStructIsFilledOnlyAsFarAsItGoes) {
    JobPtr job = job_of(3);
    constexpr size_t kOld = offsetof(mip_detail_info, state_text);
    std::vector<unsigned char> buffer(3 * kOld + 16, 0xAB);
    auto *first = reinterpret_cast<mip_detail_info *>(buffer.data());
    first->size = kOld;
    ASSERT_EQ(mip_job_details_read(job.get(), 0, first, 3), 3u);
    for (size_t i = 0; i < 3; ++i) {
        mip_detail_info seen;
        std::memcpy(&seen, buffer.data() + i * kOld, kOld);
        EXPECT_EQ(seen.size, kOld);
        EXPECT_EQ(std::string(seen.file_name, seen.file_name_len), "f" + std::to_string(i) + ".parquet");
    }
    for (size_t b = 3 * kOld; b < buffer.size(); ++b) EXPECT_EQ(buffer[b], 0xAB) << "byte " << b;
}

// A newer caller's struct is larger: the fields it has that we do not are
// left as they were.
TEST(DetailsRead, ANewerCallersExtraFieldsAreLeftAlone) {
    struct Newer {
        mip_detail_info known;
        int64_t added_later;
    };
    JobPtr job = job_of(2);
    Newer out[2];
    out[0].known.size = sizeof(Newer);
    out[0].added_later = out[1].added_later = 77;
    ASSERT_EQ(mip_job_details_read(job.get(), 0, &out[0].known, 2), 2u);
    EXPECT_STREQ(out[1].known.file_name, "f1.parquet");
    EXPECT_EQ(out[0].added_later, 77);
    EXPECT_EQ(out[1].added_later, 77);
}

TEST(DetailsRead, BadArgumentsReadNothing) {
    JobPtr job = job_of(2);
    mip_detail_info out[2];
    out[0].size = sizeof(size_t);  // no room for a field
    EXPECT_EQ(mip_job_details_read(job.get(), 0, out, 2), 0u);
    out[0].size = sizeof out[0];
    EXPECT_EQ(mip_job_details_read(nullptr, 0, out, 2), 0u);
    EXPECT_EQ(mip_job_details_read(job.get(), 0, nullptr, 2), 0u);
}

}  // namespace
}  // namespace mip_test
