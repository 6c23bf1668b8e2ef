// SPDX-License-Identifier: Apache-2.0
#include "body_reader.hpp"

#include <cctype>

namespace emu {
namespace {

constexpr int64_t kBadFormat = 1801;
constexpr int64_t kMissing = 1802;
constexpr int64_t kInvalidParameter = 1100;
const char *const kBadFormatText = "can only accept json format request";

// Each request thread reuses its parser; a parsed element lives until the
// thread's next parse, which is after this request is answered.
simdjson::dom::parser &thread_parser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

// Go's name for the JSON kind in "cannot unmarshal <kind> into ...".
const char *go_kind(simdjson::dom::element value) {
    switch (value.type()) {
        case simdjson::dom::element_type::ARRAY: return "array";
        case simdjson::dom::element_type::OBJECT: return "object";
        case simdjson::dom::element_type::STRING: return "string";
        case simdjson::dom::element_type::BOOL: return "bool";
        case simdjson::dom::element_type::NULL_VALUE: return "null";
        default: return "number";
    }
}

}  // namespace

BodyReader::BodyReader(const std::string &body, std::string go_type) : go_type_(std::move(go_type)) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        empty_ = true;
        return;
    }
    auto parsed = thread_parser().parse(body);
    if (parsed.error()) {
        parse_error_ = simdjson::error_message(parsed.error());
        return;
    }
    root_ = parsed.value_unsafe();
}

void BodyReader::fail(int64_t code, std::string message) {
    if (!error_) error_ = ApiError{code, std::move(message)};
}

bool BodyReader::usable() {
    if (error_) return false;
    if (empty_) {
        fail(kBadFormat, std::string(kBadFormatText) + ", the request body should be nil, however {} is valid");
    } else if (!parse_error_.empty()) {
        fail(kBadFormat, std::string(kBadFormatText) + ", error: " + parse_error_);
    } else if (!root_.is_object() && !root_.is_null()) {  // Go unmarshals null into a struct as a no-op
        fail(kBadFormat, std::string(kBadFormatText) + ", error: json: cannot unmarshal " + go_kind(root_) +
                             " into Go value of type httpserver." + go_type_);
    }
    return !error_;
}

std::optional<simdjson::dom::element> BodyReader::field(std::string_view key) const {
    if (empty_ || !parse_error_.empty() || !root_.is_object()) return std::nullopt;
    simdjson::dom::element value;
    if (root_.get_object().value_unsafe()[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

bool BodyReader::has(std::string_view key) const { return field(key).has_value(); }

void BodyReader::wrong_type(std::string_view key, simdjson::dom::element value, std::string_view go_field_type) {
    fail(kBadFormat, std::string(kBadFormatText) + ", error: json: cannot unmarshal " + go_kind(value) +
                         " into Go struct field " + go_type_ + "." + std::string(key) + " of type " +
                         std::string(go_field_type));
}

void BodyReader::missing(std::string_view key) {
    std::string go_field(key);
    go_field[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(go_field[0])));
    fail(kMissing, "missing required parameters, error: Key: '" + go_type_ + "." + go_field +
                       "' Error:Field validation for '" + go_field + "' failed on the 'required' tag");
}

std::string BodyReader::text(std::string_view key, bool required, bool number_ok) {
    if (!usable()) return {};
    std::string out;
    if (auto value = field(key)) {
        if (value->is_string()) {
            out = std::string(value->get_string().value_unsafe());
        } else if (number_ok && value->is_int64()) {
            out = std::to_string(value->get_int64().value_unsafe());
        } else if (number_ok && value->is_uint64()) {
            out = std::to_string(value->get_uint64().value_unsafe());
        } else {
            wrong_type(key, *value, "string");
            return {};
        }
    }
    if (out.empty() && required) missing(key);
    return out;
}

std::vector<std::vector<std::string>> BodyReader::path_groups(std::string_view key, bool required) {
    std::vector<std::vector<std::string>> groups;
    if (!usable()) return groups;
    auto value = field(key);
    if (!value) {
        if (required) missing(key);
        return groups;
    }
    simdjson::dom::array outer;
    if (value->get(outer) != simdjson::SUCCESS) {
        wrong_type(key, *value, "[][]string");
        return groups;
    }
    for (simdjson::dom::element group : outer) {
        simdjson::dom::array inner;
        if (group.get(inner) != simdjson::SUCCESS) {
            wrong_type(key, group, "[]string");
            return {};
        }
        std::vector<std::string> paths;
        for (simdjson::dom::element path : inner) {
            if (!path.is_string()) {
                wrong_type(key, path, "string");
                return {};
            }
            paths.emplace_back(path.get_string().value_unsafe());
        }
        groups.push_back(std::move(paths));
    }
    return groups;
}

std::map<std::string, std::string> BodyReader::string_map(std::string_view key) {
    std::map<std::string, std::string> out;
    if (!usable()) return out;
    auto value = field(key);
    if (!value) return out;
    simdjson::dom::object object;
    if (value->get(object) != simdjson::SUCCESS) {
        wrong_type(key, *value, "map[string]string");
        return {};
    }
    for (auto [name, item] : object) {
        if (!item.is_string()) {
            wrong_type(key, item, "string");
            return {};
        }
        if (!out.emplace(std::string(name), std::string(item.get_string().value_unsafe())).second) {
            fail(kInvalidParameter,
                 "duplicate key " + std::string(name) + " in " + std::string(key) + ": invalid parameter");
            return {};
        }
    }
    return out;
}

int64_t BodyReader::integer(std::string_view key, int64_t fallback) {
    if (!usable()) return fallback;
    auto value = field(key);
    if (!value) return fallback;
    if (!value->is_int64()) {
        wrong_type(key, *value, "int64");
        return fallback;
    }
    return value->get_int64().value_unsafe();
}

}  // namespace emu
