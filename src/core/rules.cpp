// SPDX-License-Identifier: Apache-2.0
#include "core/rules.hpp"

#include "util/text.hpp"

namespace mip {

namespace {

// What is wrong, without the words: the predicates below must not allocate.
enum class TextFault { None, TooLong, NotClean };
enum class KeyFault { None, Empty, TooLong, NotPrintable, EdgeSpace };

TextFault text_fault(std::string_view text) {
    if (text.size() > kLongestText) return TextFault::TooLong;
    if (!is_clean_text(text)) return TextFault::NotClean;
    return TextFault::None;
}

KeyFault key_fault(std::string_view key) {
    if (key.empty()) return KeyFault::Empty;
    if (key.size() > kLongestIdempotencyKey) return KeyFault::TooLong;
    for (const char c : key) {
        if (c < 0x20 || c > 0x7E) return KeyFault::NotPrintable;
    }
    if (key.front() == ' ' || key.back() == ' ') return KeyFault::EdgeSpace;
    return KeyFault::None;
}

}  // namespace

bool text_acceptable(std::string_view text) { return text_fault(text) == TextFault::None; }
bool idempotency_key_acceptable(std::string_view key) { return key_fault(key) == KeyFault::None; }
bool in_range(const Range &range, int64_t value) { return value >= range.least && value <= range.most; }

Problem text_problem(std::string_view field, std::string_view text) {
    switch (text_fault(text)) {
        case TextFault::None: return std::nullopt;
        case TextFault::TooLong: return std::string(field) + " longer than " + std::to_string(kLongestText) + " bytes";
        case TextFault::NotClean: return std::string(field) + " is not valid UTF-8 or contains control characters";
    }
    return std::nullopt;
}

Problem job_id_problem(std::string_view job_id) {
    if (job_id.empty()) return std::string("empty job id");
    return text_problem("job id", job_id);
}

Problem idempotency_key_problem(std::string_view key) {
    switch (key_fault(key)) {
        case KeyFault::None: return std::nullopt;
        case KeyFault::Empty: return std::string("empty idempotency key");
        case KeyFault::TooLong:
            return "idempotency key longer than " + std::to_string(kLongestIdempotencyKey) + " bytes";
        case KeyFault::NotPrintable: return std::string("idempotency key is not printable ASCII");
        case KeyFault::EdgeSpace: return std::string("idempotency key begins or ends with a space");
    }
    return std::nullopt;
}

Problem import_request_problem(const ImportRequest &r) {
    if (r.collection.empty()) return std::string("the import request names no collection");
    if (r.files.empty()) return std::string("the import request has no files");
    if (Problem problem = text_problem("collection name", r.collection)) return problem;
    if (Problem problem = text_problem("partition name", r.partition)) return problem;
    for (size_t g = 0; g < r.files.size(); ++g) {
        if (r.files[g].empty()) return "file group " + std::to_string(g + 1) + " is empty";
        for (const std::string &path : r.files[g]) {
            if (path.empty()) return "file group " + std::to_string(g + 1) + " has an empty path";
            if (Problem problem = text_problem("a path", path)) return problem;
        }
    }
    for (const auto &[key, value] : r.options) {
        if (key.empty()) return std::string("an option with an empty key");
        if (Problem problem = text_problem("option key", key)) return problem;
        if (Problem problem = text_problem("option value", value)) return *problem + " (option " + key + ")";
    }
    if (r.access_key.empty() != r.secret_key.empty()) {
        return std::string("object-storage credentials need both an access key and a secret key");
    }
    if (Problem problem = text_problem("access key", r.access_key)) return problem;
    if (text_problem("secret key", r.secret_key)) return std::string("the secret key is too long or not clean text");
    if (!r.idempotency_key.empty()) return idempotency_key_problem(r.idempotency_key);
    return std::nullopt;
}

Problem range_problem(const Range &range, int64_t value) {
    if (in_range(range, value)) return std::nullopt;
    return std::string(range.field) + " must be " + std::to_string(range.least) + " .. " + std::to_string(range.most) +
           ", not " + std::to_string(value);
}

}  // namespace mip
