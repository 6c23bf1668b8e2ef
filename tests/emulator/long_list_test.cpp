// SPDX-License-Identifier: Apache-2.0
// A long list through the library: 100,000 jobs on the cloud flavor, asked
// page after page (100 a page) within the client's default timeout for the
// whole list, since the emulator copies out only each page's jobs.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "emulator_process.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

TEST(EmulatorLongList, AHundredThousandJobsPageByPage) {
    constexpr size_t kJobs = 100000;
    EmulatorProcess emulator({"--extra-jobs", std::to_string(kJobs), "bulk"});
    OptionsPtr o = options_for(emulator.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "k");
    mip_options_set_cluster_id(o.get(), "in01-bulk");
    ClientOutcome c = make_client(o.get());  // the default timeout, MIP_DEFAULT_TIMEOUT_MS, for the whole list
    ASSERT_EQ(c.code, MIP_OK) << c.message();

    mip_job_list *raw = nullptr;
    mip_error *raw_error = nullptr;
    const auto start = std::chrono::steady_clock::now();
    const mip_code code = mip_list_imports(c.client.get(), "bulk", nullptr, &raw, &raw_error);
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ListPtr list(raw);
    ErrorPtr error(raw_error);
    ASSERT_EQ(code, MIP_OK) << mip_error_message(error.get());
    std::cout << "listed " << mip_job_list_count(list.get()) << " jobs in " << took << " s\n";
    RecordProperty("list_seconds", std::to_string(took));

    ASSERT_EQ(mip_job_list_count(list.get()), kJobs);
    // Every job once, in the order they were made (ids counting up by one).
    const long long first = std::atoll(mip_job_id(mip_job_list_get(list.get(), 0)));
    for (size_t i = 0; i < kJobs; ++i) {
        const mip_job *job = mip_job_list_get(list.get(), i);
        ASSERT_EQ(std::atoll(mip_job_id(job)), first + static_cast<long long>(i)) << "at " << i;
        ASSERT_STREQ(mip_job_collection_name(job), "bulk") << "at " << i;
    }
}

}  // namespace
}  // namespace mip_test
