// SPDX-License-Identifier: Apache-2.0
// Parse + materialize throughput for a 60,000-detail job (about 7 MB), and
// the peak memory one parse adds beyond the body itself.
//
//   bench_parse [details] [repetitions]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "model/options.hpp"
#include "wire/parse.hpp"

namespace {

using Clock = std::chrono::steady_clock;
// A client's default cap (mip_options_set_max_response_bytes), which also
// bounds the job.
constexpr int64_t kJobLimit = mip::kDefaults.max_response_bytes;

// A Milvus `describe` answer with `n` files, keys in Milvus's order.
std::string job_with_details(int n) {
    std::string s = R"({"code":0,"data":{"collectionName":"bench","completeTime":"","details":[)";
    for (int i = 0; i < n; ++i) {
        if (i) s += ',';
        s += R"({"completeTime":"","fileName":"[data/part-)" + std::to_string(100000 + i) +
             R"(.parquet]","fileSize":)" + std::to_string(1000000 + i * 7) + R"(,"importedRows":)" +
             std::to_string(i * 3) + R"(,"progress":)" + std::to_string(i % 101) +
             R"(,"state":"Importing","totalRows":)" + std::to_string(100000 + i) + "}";
    }
    s += R"(],"fileSize":123456789,"importedRows":5000,"jobId":"448761313698322011","progress":45,)"
         R"("state":"Importing","totalRows":9000000}})";
    return s;
}

// kB from /proc/self/status ("VmRSS", "VmHWM").
long status_kb(const char *field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + std::string(field).size() + 1, nullptr, 10);
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0), so the next peak is ours.
bool reset_peak() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    return static_cast<bool>(clear.flush());
}

}  // namespace

int main(int argc, char **argv) {
    const int details = argc > 1 ? std::atoi(argv[1]) : 60000;
    const int repetitions = argc > 2 ? std::atoi(argv[2]) : 30;
    std::string body = job_with_details(details);
    body.reserve(body.size() + 64);  // as the transport leaves it
    const double mb = body.size() / 1e6;

    // Peak memory of one first parse, with a fresh parser, as a client's first call has.
    long peak_extra_kb = -1;
    {
        const long before = status_kb("VmRSS:");
        if (reset_peak()) {
            mip::JsonParser parser{kJobLimit};
            mip::Result<mip::Envelope> r = parser.parse(body, {});
            if (!r.ok() || r.value().job.details.size() != static_cast<size_t>(details)) return 1;
            peak_extra_kb = status_kb("VmHWM:") - before;
        }
    }

    mip::JsonParser parser{kJobLimit};  // reused, as a client's connection reuses it
    std::vector<double> seconds;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = Clock::now();
        mip::Result<mip::Envelope> r = parser.parse(body, {});
        if (!r.ok() || r.value().job.details.size() != static_cast<size_t>(details)) return 1;
        seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf("parse + materialize, %d details, body %.2f MB, %d repetitions\n", details, mb, repetitions);
    std::printf("  median %.2f ms  -> %.0f MB/s   (best %.2f ms -> %.0f MB/s)\n", median * 1e3, mb / median,
                seconds.front() * 1e3, mb / seconds.front());
    if (peak_extra_kb >= 0) {
        std::printf("  peak extra RSS of a first parse: %.2f MB = %.2fx the body\n", peak_extra_kb / 1e3,
                    peak_extra_kb * 1e3 / body.size());
    }
    return 0;
}
