// SPDX-License-Identifier: Apache-2.0
// What waiting costs the waiting thread: mip_wait_import on a job that runs
// for 10 s on mip-emulator, polled every second, and the CPU time the
// thread used meanwhile.
//
//   bench_wait [job_seconds] [poll_interval_ms]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <httplib.h>

#include "emulator_process.hpp"
#include "mip.h"

namespace {

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int polls = 0;
int count_poll(const mip_job *, void *) {
    ++polls;
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    const std::string job_seconds = argc > 1 ? argv[1] : "10";
    const int64_t interval_ms = argc > 2 ? std::atoll(argv[2]) : 1000;
    // Every new job of the emulator takes --duration simulated seconds.
    mip_test::EmulatorProcess emulator({"--duration", job_seconds});

    mip_options *o = mip_options_new();
    mip_options_set_endpoint(o, emulator.url().c_str());
    mip_options_set_api(o, MIP_API_MILVUS);
    mip_client *client = nullptr;
    if (mip_client_new(o, &client, nullptr) != MIP_OK) return 1;
    mip_options_free(o);

    // A job that starts now, made through Milvus's create route.
    httplib::Client http(emulator.url());
    const auto created =
        http.Post("/v2/vectordb/jobs/import/create",
                  R"({"collectionName":"bench","files":[["a.parquet"],["b.parquet"]]})", "application/json");
    const size_t at = created ? created->body.find("\"jobId\":\"") : std::string::npos;
    if (at == std::string::npos) return 1;
    const std::string id = created->body.substr(at + 9, created->body.find('"', at + 9) - at - 9);
    const char *job_id = id.c_str();
    const auto start = std::chrono::steady_clock::now();
    const double cpu_before = thread_cpu_seconds();
    mip_job *job = nullptr;
    mip_error *err = nullptr;
    if (mip_wait_import(client, job_id, interval_ms, 0, count_poll, nullptr, nullptr, &job, &err) != MIP_OK) {
        std::fprintf(stderr, "%s\n", mip_error_message(err));
        return 1;
    }
    const double cpu = thread_cpu_seconds() - cpu_before;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("mip_wait_import on a %s s job, poll every %lld ms: %s after %.2f s wall, %d polls\n",
                job_seconds.c_str(), static_cast<long long>(interval_ms), mip_state_name(mip_job_state(job)), wall,
                polls);
    std::printf("  CPU time of the waiting thread: %.2f ms (%.4f %% of one core)\n", cpu * 1e3, 100 * cpu / wall);
    mip_job_free(job);
    mip_client_free(client);
    return 0;
}
