// SPDX-License-Identifier: Apache-2.0
#include "model/import_request.hpp"

#include <algorithm>
#include <random>

#include "util/text.hpp"

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

std::optional<std::string> text_problem(std::string_view text, const char *what) {
    if (text.size() > kLongestText) {
        return std::string(what) + " longer than " + std::to_string(kLongestText) + " bytes";
    }
    if (!is_clean_text(text)) return std::string(what) + " is not valid UTF-8 or contains control characters";
    return std::nullopt;
}

std::optional<std::string> idempotency_key_problem(std::string_view key) {
    if (key.empty()) return std::string("empty idempotency key");
    if (key.size() > kLongestIdempotencyKey) {
        return "idempotency key longer than " + std::to_string(kLongestIdempotencyKey) + " bytes";
    }
    for (const char c : key) {
        if (c < 0x20 || c > 0x7E) return std::string("idempotency key is not printable ASCII");
    }
    // An HTTP header's value loses its leading and trailing spaces on the
    // way (libcurl drops a header of spaces alone): the server would see
    // another key, or none.
    if (key.front() == ' ' || key.back() == ' ') return std::string("idempotency key begins or ends with a space");
    return std::nullopt;
}

namespace {

Error invalid(std::string message) { return make_error(Code::InvalidArgument, std::move(message)); }

}  // namespace

std::optional<Error> check_import_request(const ImportRequest &r) {
    if (r.collection.empty()) return invalid("the import request names no collection");
    if (r.files.empty()) return invalid("the import request has no files");
    if (auto problem = text_problem(r.collection, "collection name")) return invalid(*problem);
    if (auto problem = text_problem(r.partition, "partition name")) return invalid(*problem);
    for (size_t g = 0; g < r.files.size(); ++g) {
        if (r.files[g].empty()) return invalid("file group " + std::to_string(g + 1) + " is empty");
        for (const std::string &path : r.files[g]) {
            if (path.empty()) return invalid("file group " + std::to_string(g + 1) + " has an empty path");
            if (auto problem = text_problem(path, "a path")) return invalid(*problem);
        }
    }
    for (const auto &[key, value] : r.options) {
        if (key.empty()) return invalid("an option with an empty key");
        if (auto problem = text_problem(key, "option key")) return invalid(*problem);
        if (auto problem = text_problem(value, "option value")) return invalid(*problem + " (option " + key + ")");
    }
    if (r.access_key.empty() != r.secret_key.empty()) {
        return invalid("object-storage credentials need both an access key and a secret key");
    }
    if (auto problem = text_problem(r.access_key, "access key")) return invalid(*problem);
    // The secret is never quoted, not even a problem's description of it.
    if (text_problem(r.secret_key, "secret key")) return invalid("the secret key is too long or not clean text");
    if (!r.idempotency_key.empty()) {
        if (auto problem = idempotency_key_problem(r.idempotency_key)) return invalid(*problem);
    }
    return std::nullopt;
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
