// SPDX-License-Identifier: Apache-2.0
// Reads a JSON request body the way Milvus's gin binding does, turning every
// malformed body or wrongly typed field into Milvus's own error envelope
// (1801 unreadable, 1802 missing) instead of an exception.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace emu {

struct ApiError {
    int64_t code;
    std::string message;
};

class BodyReader {
public:
    // go_type names the Go request struct in error messages, as Milvus does.
    BodyReader(const std::string &body, std::string go_type);

    // Whether the body is an object with this key (any value but null).
    bool has(std::string_view key) const;
    // A string field; number_ok also takes a JSON integer (kept digit for digit).
    std::string text(std::string_view key, bool required, bool number_ok = false);
    // A [][]string field such as "files": [["a.parquet"], ["b.npy", "c.npy"]].
    std::vector<std::vector<std::string>> path_groups(std::string_view key, bool required);
    // A map[string]string field such as "options": a value of any other
    // JSON type (null too) is 1801, a key given twice 1100.
    std::map<std::string, std::string> string_map(std::string_view key);
    // An int64 field; `fallback` when absent or null.
    int64_t integer(std::string_view key, int64_t fallback);

    // The first problem met, if any.
    const std::optional<ApiError> &error() const { return error_; }

private:
    bool usable();
    std::optional<simdjson::dom::element> field(std::string_view key) const;
    void fail(int64_t code, std::string message);
    void wrong_type(std::string_view key, simdjson::dom::element value, std::string_view go_field_type);
    void missing(std::string_view key);

    std::string go_type_;
    bool empty_ = false;
    std::string parse_error_;
    simdjson::dom::element root_;
    std::optional<ApiError> error_;
};

}  // namespace emu
