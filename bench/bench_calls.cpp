// SPDX-License-Identifier: Apache-2.0
// Sequential calls on one client against a loopback server, side by side
// with a bare libcurl loop posting the same body to the same server: what
// mip's request building, JSON parsing and objects cost per call.
//
//   bench_calls [calls_per_round] [rounds]
#include <curl/curl.h>

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

// A running Milvus job with two files, as `describe` answers it.
const char *kBody =
    R"({"code":0,"data":{"collectionName":"quick_setup","completeTime":"","createTime":"2024-04-01T06:17:00Z",)"
    R"("details":[{"completeTime":"","fileName":"[a/1.parquet]","fileSize":3279917,"importedRows":40000,)"
    R"("progress":52,"state":"Importing","totalRows":100000},{"completeTime":"","fileName":"[a/2.parquet]",)"
    R"("fileSize":3279917,"importedRows":38000,"progress":50,"state":"Importing","totalRows":100000}],)"
    R"("fileSize":6559834,"importedRows":78000,"jobId":"448761313698322011","progress":51,"state":"Importing",)"
    R"("totalRows":200000}})";

size_t collect(char *data, size_t size, size_t count, void *out) {
    static_cast<std::string *>(out)->append(data, size * count);
    return size * count;
}

// calls per second of `calls` sequential mip_get_import_progress calls
double mip_round(mip_client *client, int calls) {
    const auto start = Clock::now();
    for (int i = 0; i < calls; ++i) {
        mip_job *job = nullptr;
        if (mip_get_import_progress(client, "448761313698322011", nullptr, &job, nullptr) != MIP_OK ||
            mip_job_progress(job) != 51 || mip_job_detail_count(job) != 2) {
            std::fprintf(stderr, "mip call failed\n");
            std::exit(1);
        }
        mip_job_free(job);
    }
    return calls / std::chrono::duration<double>(Clock::now() - start).count();
}

// The same requests with nothing but libcurl: one reused handle, the same
// headers and body, the answer collected into a string and its status checked.
double curl_round(CURL *curl, int calls) {
    std::string answer;
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    const auto start = Clock::now();
    for (int i = 0; i < calls; ++i) {
        answer.clear();
        long status = 0;
        if (curl_easy_perform(curl) != CURLE_OK || curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) ||
            status != 200 || answer.size() != std::strlen(kBody)) {
            std::fprintf(stderr, "curl call failed\n");
            std::exit(1);
        }
    }
    return calls / std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char **argv) {
    const int calls = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
    mip_test::FixtureServer server(mip_test::answer(kBody));

    mip_options *options = mip_options_new();
    mip_options_set_endpoint(options, server.url().c_str());
    mip_options_set_api(options, MIP_API_MILVUS);
    mip_client *client = nullptr;
    if (mip_client_new(options, &client, nullptr) != MIP_OK) return 1;
    mip_options_free(options);

    CURL *curl = curl_easy_init();
    const std::string url = server.url() + "/v2/vectordb/jobs/import/describe";
    const std::string body = R"({"jobId":"448761313698322011"})";
    curl_slist *headers = nullptr;
    for (const char *h :
         {"Accept: application/json", "Content-Type: application/json", "Expect:", "Request-Timeout: 30"}) {
        headers = curl_slist_append(headers, h);
    }
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "bare-curl");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);

    mip_round(client, 200);  // warm both up: connections open, buffers sized
    curl_round(curl, 200);
    std::vector<double> mip_rates, curl_rates;
    for (int r = 0; r < rounds; ++r) {  // interleaved, so drift hits both alike
        mip_rates.push_back(mip_round(client, calls));
        curl_rates.push_back(curl_round(curl, calls));
    }
    const double m = median(mip_rates), c = median(curl_rates);
    std::printf("sequential calls, %d rounds x %d calls, body %zu bytes, loopback\n", rounds, calls,
                std::strlen(kBody));
    std::printf("  bare libcurl loop : %8.0f calls/s  (%.1f us/call)\n", c, 1e6 / c);
    std::printf("  mip               : %8.0f calls/s  (%.1f us/call)\n", m, 1e6 / m);
    std::printf("  mip / bare        : %.3f\n", m / c);

    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    mip_client_free(client);
    return 0;
}
