// SPDX-License-Identifier: Apache-2.0
// mip_list_imports of 2,000 jobs on loopback: the cloud flavor paging
// through whatever page size the server keeps to, against Milvus's one
// answer. Prints, per case, the requests the list made (counted by the
// server) and the median and best time of the runs.
//
//   bench_list [jobs] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fixture_server.hpp"
#include "mip.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string record(int i) {
    return R"({"jobId":")" + std::to_string(448761313698300000LL + i) +
           R"(","collectionName":"books","state":"Importing","progress":)" + std::to_string(i % 100) + "}";
}

std::string body_of(int first, int end, int jobs, int page, int page_size, bool paged) {
    std::string records;
    for (int i = first; i < end; ++i) records += (records.empty() ? "" : ",") + record(i);
    std::string data = "{";
    if (paged) {
        data += R"("count":)" + std::to_string(jobs) + R"(,"currentPage":)" + std::to_string(page) + R"(,"pageSize":)" +
                std::to_string(page_size) + ",";
    }
    return R"({"code":0,"data":)" + data + R"("records":[)" + records + "]}}";
}

// Pages rendered once, so that the server's own work stays small and the
// same for every run.
std::vector<std::string> pages_of(int jobs, int cap) {
    std::vector<std::string> pages;
    for (int first = 0, page = 1; first < jobs || page == 1; first += cap, ++page) {
        pages.push_back(body_of(first, std::min(jobs, first + cap), jobs, page, cap, true));
    }
    pages.push_back(body_of(0, 0, jobs, static_cast<int>(pages.size()) + 1, cap, true));  // past the end
    return pages;
}

int page_asked(const std::string &body) {
    const size_t at = body.find("\"currentPage\":");
    return at == std::string::npos ? 1 : std::atoi(body.c_str() + at + 14);
}

mip_client *client_for(const std::string &url, mip_api api) {
    mip_options *o = mip_options_new();
    mip_options_set_endpoint(o, url.c_str());
    mip_options_set_api(o, api);
    mip_options_set_token(o, "bench-token-0123456789");
    mip_options_set_cluster_id(o, "in01-bench");
    mip_client *client = nullptr;
    if (mip_client_new(o, &client, nullptr) != MIP_OK) std::exit(1);
    mip_options_free(o);
    return client;
}

void run_case(const char *name, mip_api api, const mip_test::FixtureServer::Handler &handler, int jobs, int runs) {
    mip_test::FixtureServer server(handler);
    mip_client *client = client_for(server.url(), api);
    std::vector<double> ms;
    size_t requests_per_list = 0;
    for (int run = 0; run <= runs; ++run) {  // run 0 warms the connection up and is not counted
        const size_t before = server.request_count();
        const auto start = Clock::now();
        mip_job_list *list = nullptr;
        mip_error *err = nullptr;
        if (mip_list_imports(client, "books", nullptr, &list, &err) != MIP_OK) {
            std::fprintf(stderr, "%s: %s\n", name, mip_error_message(err));
            std::exit(1);
        }
        const double took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (mip_job_list_count(list) != static_cast<size_t>(jobs)) std::exit(1);
        mip_job_list_free(list);
        requests_per_list = server.request_count() - before;
        if (run > 0) ms.push_back(took);
    }
    mip_client_free(client);
    std::sort(ms.begin(), ms.end());
    std::printf("  %-34s %8zu %10.2f %10.2f\n", name, requests_per_list, ms[ms.size() / 2], ms.front());
}

}  // namespace

int main(int argc, char **argv) {
    const int jobs = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
    std::printf("mip_list_imports of %d jobs on loopback, %d runs each\n", jobs, runs);
    std::printf("  %-34s %8s %10s %10s\n", "case", "requests", "median ms", "best ms");
    for (const int cap : {100, 37, 10}) {
        const std::vector<std::string> pages = pages_of(jobs, cap);
        auto handler = [pages](const httplib::Request &req, httplib::Response &res) {
            const size_t page = static_cast<size_t>(std::max(1, page_asked(req.body)));
            res.set_content(pages[std::min(page, pages.size()) - 1], "application/json");
        };
        const std::string name = "cloud, server caps pages at " + std::to_string(cap);
        run_case(name.c_str(), MIP_API_CLOUD, handler, jobs, runs);
    }
    const std::string all = body_of(0, jobs, jobs, 1, jobs, false);
    run_case(
        "milvus, one answer", MIP_API_MILVUS,
        [all](const httplib::Request &, httplib::Response &res) { res.set_content(all, "application/json"); }, jobs,
        runs);
    return 0;
}
