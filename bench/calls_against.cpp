// SPDX-License-Identifier: Apache-2.0
// N sequential calls against a server that is already running, by mip or by
// a bare libcurl loop doing the same POST: the program bench_callgrind.sh
// runs under valgrind to count each one's instructions per call.
//
//   calls_against mip|curl|curl-timeout URL CALLS
//
// curl-timeout is the bare loop with a 30 s CURLOPT_TIMEOUT_MS set before
// each call, as any loop that must not hang would: libcurl then keeps a
// timer per transfer.
#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "mip.h"

namespace {

const char *kJobId = "448761313698322011";

size_t collect(char *data, size_t size, size_t count, void *out) {
    static_cast<std::string *>(out)->append(data, size * count);
    return size * count;
}

int mip_calls(const char *url, int calls) {
    mip_options *options = mip_options_new();
    mip_options_set_endpoint(options, url);
    mip_options_set_api(options, MIP_API_MILVUS);
    mip_client *client = nullptr;
    if (mip_client_new(options, &client, nullptr) != MIP_OK) return 1;
    mip_options_free(options);
    for (int i = 0; i < calls; ++i) {
        mip_job *job = nullptr;
        if (mip_get_import_progress(client, kJobId, nullptr, &job, nullptr) != MIP_OK) {
            std::fprintf(stderr, "mip call %d failed\n", i);
            return 1;
        }
        mip_job_free(job);
    }
    mip_client_free(client);
    return 0;
}

// What mip sends, with nothing but libcurl: one reused handle, the same
// headers and body, the answer collected into a string and its status read.
int curl_calls(const char *url, int calls, bool with_timeout) {
    CURL *curl = curl_easy_init();
    const std::string target = std::string(url) + "/v2/vectordb/jobs/import/describe";
    const std::string body = std::string(R"({"jobId":")") + kJobId + "\"}";
    curl_slist *headers = nullptr;
    for (const char *h :
         {"Accept: application/json", "Content-Type: application/json", "Expect:", "Request-Timeout: 30"}) {
        headers = curl_slist_append(headers, h);
    }
    std::string answer;
    curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "bare-curl");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    for (int i = 0; i < calls; ++i) {
        answer.clear();
        if (with_timeout) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
        long status = 0;
        if (curl_easy_perform(curl) != CURLE_OK || curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) ||
            status != 200) {
            std::fprintf(stderr, "curl call %d failed\n", i);
            return 1;
        }
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    const std::string kind = argc == 4 ? argv[1] : "";
    if (kind != "mip" && kind != "curl" && kind != "curl-timeout") {
        std::fprintf(stderr, "usage: calls_against mip|curl|curl-timeout URL CALLS\n");
        return 2;
    }
    const int calls = std::atoi(argv[3]);
    return kind == "mip" ? mip_calls(argv[2], calls) : curl_calls(argv[2], calls, kind == "curl-timeout");
}
