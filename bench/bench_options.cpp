// SPDX-License-Identifier: Apache-2.0
// mip_import_request_set_option for many distinct keys, and once more for a
// key already set: what building a request with many options costs. Prints
// one line per size: the whole time and the time per option.
#include <mip.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main() {
    for (const int count : {1000, 10000, 80000}) {
        std::vector<std::string> keys;
        keys.reserve(count);
        for (int i = 0; i < count; ++i) keys.push_back("option-" + std::to_string(i));
        mip_import_request *request = mip_import_request_new();
        const auto started = std::chrono::steady_clock::now();
        for (const std::string &key : keys) {
            if (mip_import_request_set_option(request, key.c_str(), "v") != MIP_OK) return 1;
        }
        if (mip_import_request_set_option(request, keys.front().c_str(), "again") != MIP_OK) return 1;
        const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
        mip_import_request_free(request);
        std::printf("%6d options: %9.2f ms, %7.1f ns an option\n", count, took.count(),
                    took.count() * 1e6 / (count + 1));
    }
    return 0;
}
