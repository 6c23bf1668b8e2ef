// SPDX-License-Identifier: Apache-2.0
#include "model/import_request.hpp"

#include <cstddef>
#include <random>

namespace mip {

void ImportRequest::set_option(std::string_view key, std::string_view value) {
    const std::string name(key);
    const auto found = option_index.find(name);
    if (found != option_index.end()) {
        options[found->second].second = std::string(value);
        return;
    }
    options.emplace_back(name, std::string(value));
    try {
        option_index.emplace(name, options.size() - 1);
    } catch (...) {
        options.pop_back();  // the two stay in step
        throw;
    }
}

void ImportRequest::set_auto_commit(bool on) {
    if (!on) {
        set_option("auto_commit", "false");
        return;
    }
    const auto found = option_index.find("auto_commit");
    if (found == option_index.end()) return;
    const size_t at = found->second;
    options.erase(options.begin() + static_cast<std::ptrdiff_t>(at));
    option_index.erase(found);
    for (auto &entry : option_index) {
        if (entry.second > at) --entry.second;
    }
}

std::string random_idempotency_key() {
    thread_local std::mt19937_64 generator{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }()};
    static const char kHex[] = "0123456789abcdef";
    std::string key = "mip-";
    for (int half = 0; half < 2; ++half) {
        uint64_t bits = generator();
        for (int i = 0; i < 16; ++i, bits >>= 4) key.push_back(kHex[bits & 0xF]);
    }
    return key;
}

}  // namespace mip
