// SPDX-License-Identifier: Apache-2.0
// The C side of converting a 60,000-detail job, for the bindings' figures:
// a job fetched once from mip-emulator (its `fault-big` job, as the
// bindings' benchmarks fetch it), then every field of every detail read
// and its strings copied out, two ways: nine accessor calls per detail, and
// mip_job_details_read 512 at a time. No HTTP in the times.
//
//   bench_details [fault-big-BYTES] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "emulator_process.hpp"
#include "mip.h"

namespace {

using Clock = std::chrono::steady_clock;

// What a binding makes of a detail: its strings copied, its numbers kept.
struct Copied {
    std::string file_name, state_text, complete_time, reason;
    int64_t imported_rows, total_rows, file_size;
    int state, progress;
};

std::vector<Copied> by_accessors(const mip_job *job) {
    const size_t n = mip_job_detail_count(job);
    std::vector<Copied> out(n);
    for (size_t i = 0; i < n; ++i) {
        const mip_detail *d = mip_job_detail(job, i);
        Copied &c = out[i];
        c.file_name = mip_detail_file_name(d);
        c.state_text = mip_detail_state_text(d);
        c.complete_time = mip_detail_complete_time(d);
        c.reason = mip_detail_reason(d);
        c.imported_rows = mip_detail_imported_rows(d);
        c.total_rows = mip_detail_total_rows(d);
        c.file_size = mip_detail_file_size(d);
        c.state = mip_detail_state(d);
        c.progress = mip_detail_progress(d);
    }
    return out;
}

std::vector<Copied> in_bulk(const mip_job *job) {
    const size_t n = mip_job_detail_count(job);
    std::vector<Copied> out(n);
    mip_detail_info chunk[512];
    chunk[0].size = sizeof chunk[0];
    for (size_t start = 0; start < n;) {
        const size_t got = mip_job_details_read(job, start, chunk, 512);
        for (size_t k = 0; k < got; ++k) {
            const mip_detail_info &d = chunk[k];
            Copied &c = out[start + k];
            c.file_name.assign(d.file_name, d.file_name_len);
            c.state_text.assign(d.state_text, d.state_text_len);
            c.complete_time.assign(d.complete_time, d.complete_time_len);
            c.reason.assign(d.reason, d.reason_len);
            c.imported_rows = d.imported_rows;
            c.total_rows = d.total_rows;
            c.file_size = d.file_size;
            c.state = d.state;
            c.progress = d.progress;
        }
        start += got;
    }
    return out;
}

template <class Convert>
double median_ms(const mip_job *job, int runs, Convert convert) {
    std::vector<double> ms;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        std::vector<Copied> copied = convert(job);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (copied.size() != mip_job_detail_count(job)) std::exit(1);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char **argv) {
    const std::string big = argc > 1 ? argv[1] : "fault-big-8160136";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 30;
    mip_test::EmulatorProcess emulator({});
    mip_options *o = mip_options_new();
    mip_options_set_endpoint(o, emulator.url().c_str());
    mip_options_set_api(o, MIP_API_MILVUS);
    mip_client *client = nullptr;
    mip_job *job = nullptr;
    mip_error *err = nullptr;
    if (mip_client_new(o, &client, &err) != MIP_OK ||
        mip_get_import_progress(client, big.c_str(), nullptr, &job, &err)) {
        std::fprintf(stderr, "bench_details: %s\n", mip_error_message(err));
        return 1;
    }
    const size_t n = mip_job_detail_count(job);
    const double accessors = median_ms(job, runs, by_accessors);
    const double bulk = median_ms(job, runs, in_bulk);
    std::printf("C: %zu details copied out, median of %d runs\n", n, runs);
    std::printf("  nine accessor calls per detail : %7.2f ms  (%5.0f ns/detail)\n", accessors, accessors * 1e6 / n);
    std::printf("  mip_job_details_read, 512 each : %7.2f ms  (%5.0f ns/detail)\n", bulk, bulk * 1e6 / n);
    mip_job_free(job);
    mip_client_free(client);
    mip_options_free(o);
    return 0;
}
