// SPDX-License-Identifier: Apache-2.0
// 1,000 jobs against mip-emulator with 20 ms of latency per answer:
// mip_get_import_progress_many over 1..64 connections against a sequential
// loop of mip_get_import_progress on one client.
//
//   bench_many [jobs] [latency_ms] [data_file]
// prints a table; with data_file, also writes "connections seconds speedup"
// rows for bench/plot_many.sh.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "emulator_process.hpp"
#include "mip.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string write_scenario(int jobs) {
    char path[] = "/tmp/mip-bench-many-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) std::exit(1);
    close(fd);
    std::ofstream out(path);
    out << R"({"jobs":[)";
    for (int i = 0; i < jobs; ++i) {
        out << (i ? "," : "") << R"({"jobId":")" << 448761313698300000LL + i
            << R"(","durationSeconds":3600,"files":[{"paths":["part-)" << i << R"(.parquet"],"rows":1000}]})";
    }
    out << "]}";
    return path;
}

mip_client *client_for(const std::string &url, int connections) {
    mip_options *o = mip_options_new();
    mip_options_set_endpoint(o, url.c_str());
    mip_options_set_api(o, MIP_API_MILVUS);
    mip_options_set_max_connections(o, connections);
    mip_client *client = nullptr;
    if (mip_client_new(o, &client, nullptr) != MIP_OK) std::exit(1);
    mip_options_free(o);
    return client;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char **argv) {
    const int jobs = argc > 1 ? std::atoi(argv[1]) : 1000;
    const std::string latency = argc > 2 ? argv[2] : "20";
    const char *data_file = argc > 3 ? argv[3] : nullptr;
    const std::string scenario = write_scenario(jobs);
    mip_test::EmulatorProcess emulator({"--latency-ms", latency, "--scenario", scenario});

    std::vector<std::string> ids;
    for (int i = 0; i < jobs; ++i) ids.push_back(std::to_string(448761313698300000LL + i));
    std::vector<const char *> id_ptrs;
    for (const std::string &id : ids) id_ptrs.push_back(id.c_str());

    // The baseline: one call after the other on one client.
    mip_client *sequential_client = client_for(emulator.url(), 1);
    auto start = Clock::now();
    for (const char *id : id_ptrs) {
        mip_job *job = nullptr;
        if (mip_get_import_progress(sequential_client, id, nullptr, &job, nullptr) != MIP_OK) return 1;
        mip_job_free(job);
    }
    const double sequential = seconds_since(start);
    mip_client_free(sequential_client);

    std::printf("%d jobs, emulator latency %s ms per answer\n", jobs, latency.c_str());
    std::printf("  sequential loop            : %7.2f s\n", sequential);
    std::printf("  connections  seconds  speedup\n");
    std::ofstream data;
    if (data_file) data.open(data_file);
    for (int connections : {1, 4, 8, 16, 32, 64}) {
        mip_client *client = client_for(emulator.url(), connections);
        std::vector<mip_job *> out(ids.size());
        start = Clock::now();
        if (mip_get_import_progress_many(client, id_ptrs.data(), ids.size(), nullptr, out.data(), nullptr) != MIP_OK) {
            return 1;
        }
        const double took = seconds_since(start);
        for (mip_job *job : out) mip_job_free(job);
        mip_client_free(client);
        std::printf("  %11d  %7.2f  %6.1fx\n", connections, took, sequential / took);
        if (data) data << connections << ' ' << took << ' ' << sequential / took << '\n';
    }
    std::remove(scenario.c_str());
    return 0;
}
