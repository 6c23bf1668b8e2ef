// SPDX-License-Identifier: Apache-2.0
#include "wire/parse.hpp"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <forward_list>
#include <new>
#include <optional>

#include "model/normalize.hpp"
#include "util/memory_bound.hpp"

namespace mip {

namespace od = simdjson::ondemand;

namespace {

// Bad input is rare and ends the whole parse, so inside this file it travels
// as an exception; parse() turns it into an Error and nothing else sees it.
struct BadInput {
    std::string message;
};

// A job that would take more memory than the parser allows.
struct TooLarge {
    std::string message;
};

// Where a field sits, for messages such as "data.details[3].totalRows" or
// "data.records[7].state".
struct Where {
    static constexpr size_t kEnvelope = SIZE_MAX;
    static constexpr size_t kJob = SIZE_MAX - 1;
    static constexpr size_t kWholeList = SIZE_MAX;
    size_t detail = kJob;        // else the index in "details"
    std::string_view list = {};  // "records" or "tasks" when the job is a record of a page
    size_t record = kWholeList;  // its index there; kWholeList: the array itself

    std::string name(std::string_view key) const {
        if (detail == kEnvelope) return std::string(key);
        std::string s = "data";
        if (!list.empty()) s.append(".").append(list);
        if (!list.empty() && record != kWholeList) s += "[" + std::to_string(record) + "]";
        if (detail != kJob) s += ".details[" + std::to_string(detail) + "]";
        if (!key.empty()) s.append(".").append(key);
        return s;
    }
};

[[noreturn]] void fail(std::string message) { throw BadInput{std::move(message)}; }

[[noreturn]] void fail(simdjson::error_code e, std::string_view context) {
    if (e == simdjson::MEMALLOC) throw std::bad_alloc();
    fail(std::string(context) + ": " + simdjson::error_message(e));
}

// A field's place, for messages; its name is built only when one is needed,
// since every value read passes one along.
struct Place {
    const Where &where;
    std::string_view key;
    std::string name() const { return where.name(key); }
};

template <class T>
T take(simdjson::simdjson_result<T> &&r, const char *context) {
    T value;
    if (auto e = std::move(r).get(value)) fail(e, context);
    return value;
}

template <class T>
T take(simdjson::simdjson_result<T> &&r, const Place &place) {
    T value;
    if (auto e = std::move(r).get(value)) fail(e, place.name());
    return value;
}

const char *type_name(od::json_type t) {
    switch (t) {
        case od::json_type::array: return "an array";
        case od::json_type::object: return "an object";
        case od::json_type::number: return "a number";
        case od::json_type::string: return "a string";
        case od::json_type::boolean: return "a boolean";
        case od::json_type::null: return "null";
    }
    return "something else";
}

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

// Strings are unescaped into a buffer of ours, not simdjson's: simdjson
// 3.0 allocates its own with new(nothrow) and never checks it, so out of
// memory it would write through a null pointer. Ours is allocated with a
// plain new (std::bad_alloc, caught by the C API) before the parse starts.
//
// A NUL ("\u0000") cannot pass through the C API's NUL-terminated strings
// without cutting them short ("12\u00003" would read as "12"), so each one
// becomes U+FFFD, the replacement character: the damage stays visible.
struct Reading {
    const od::parser &parser;
    uint8_t *cursor;  // where the next unescaped string goes
    int64_t max_job_bytes;
    std::forward_list<std::string> repaired = {};  // strings that held a NUL, rewritten; nodes never move

    simdjson::error_code string(od::value &v, std::string_view &out) {
        od::raw_json_string raw;
        if (auto e = v.get_raw_json_string().get(raw)) return e;
        if (auto e = parser.unescape(raw, cursor).get(out)) return e;
        if (out.find('\0') != std::string_view::npos) out = without_nul(out);
        return simdjson::SUCCESS;
    }

    std::string_view without_nul(std::string_view text) {
        std::string fixed;
        for (const char c : text) {
            if (c == '\0') {
                fixed += "\xEF\xBF\xBD";
            } else {
                fixed.push_back(c);
            }
        }
        repaired.push_front(std::move(fixed));
        return repaired.front();
    }
};

// A key as written between its quotes. Keys with escapes never match the
// plain ASCII names below, which is what we want: no server escapes them.
std::string_view raw_key(od::field &field) {
    const char *start = field.key().raw();
    const char *end = start;
    while (*end != '"') ++end;  // the document validated, so the quote exists
    return {start, static_cast<size_t>(end - start)};
}

// Text: a string, or a number / boolean as written (a numeric jobId keeps
// every digit, even above 2^53); null means absent.
std::string_view read_text(Reading &r, od::value &v, const Where &where, std::string_view key) {
    std::string_view text;
    if (!r.string(v, text)) return text;  // the common case, tried first: a failed try consumes nothing
    const od::json_type type = take(v.type(), Place{where, key});
    switch (type) {
        case od::json_type::string:
            if (auto e = r.string(v, text)) fail(e, where.name(key));
            return text;
        case od::json_type::number:
        case od::json_type::boolean: return trim_right(v.raw_json_token());
        case od::json_type::null: return {};
        default: fail(where.name(key) + ": expected a string, got " + type_name(type));
    }
}

// A job id: a string, or a non-negative integer with every digit kept (ids
// are int64 above 2^53); null means absent. Anything else (true, 1.5, 1e5,
// -5) is no id a server makes: taken as text it would send the caller
// after a job that does not exist.
std::string_view read_id(Reading &r, od::value &v, const Where &where, std::string_view key) {
    std::string_view text;
    if (!r.string(v, text)) return text;
    const od::json_type type = take(v.type(), Place{where, key});
    if (type == od::json_type::null) return {};
    if (type == od::json_type::number) {
        text = trim_right(v.raw_json_token());
        if (text.find_first_not_of("0123456789") == std::string_view::npos) return text;
    }
    fail(where.name(key) + ": expected a string or a whole number, got " +
         (type == od::json_type::number ? std::string(text) : std::string(type_name(type))));
}

// All of `text` as a T (an integer or a double), or nothing.
template <class T>
std::optional<T> number_from_text(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A whole number that must fit in int64_t, from 12, 12.0 or "12". Negative
// counts mean "unknown" to some servers and become -1 like absent ones.
int64_t whole_from_double(double d, const Where &where, std::string_view key) {
    if (d != std::floor(d)) fail(where.name(key) + ": expected a whole number");
    if (!(d > -9.2e18 && d < 9.2e18)) fail(where.name(key) + ": number out of range");
    return d < 0 ? -1 : static_cast<int64_t>(d);
}

int64_t read_count(Reading &r, od::value &v, const Where &where, std::string_view key) {
    int64_t count = 0;
    if (!v.get_int64().get(count)) return count < 0 ? -1 : count;  // the common case, tried first
    const od::json_type type = take(v.type(), Place{where, key});
    switch (type) {
        case od::json_type::null: return -1;
        case od::json_type::number: {
            od::number_type nt;
            if (v.get_number_type().get(nt) || nt == od::number_type::unsigned_integer) {
                fail(where.name(key) + ": number out of range");
            }
            if (nt == od::number_type::signed_integer) {
                const int64_t n = take(v.get_int64(), Place{where, key});
                return n < 0 ? -1 : n;
            }
            return whole_from_double(take(v.get_double(), Place{where, key}), where, key);
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = r.string(v, s)) fail(e, where.name(key));
            if (s.empty()) return -1;
            if (const auto n = number_from_text<int64_t>(s)) return *n < 0 ? -1 : *n;
            if (const auto d = number_from_text<double>(s)) return whole_from_double(*d, where, key);
            fail(where.name(key) + ": expected an integer, got a non-numeric string");
        }
        default: fail(where.name(key) + ": expected an integer, got " + type_name(type));
    }
}

// Any number (or numeric string): progress may arrive as 45.5.
std::optional<double> read_number(Reading &r, od::value &v, const Where &where, std::string_view key) {
    double number = 0;
    if (!v.get_double().get(number)) return number;  // the common case, tried first
    const od::json_type type = take(v.type(), Place{where, key});
    switch (type) {
        case od::json_type::null: return std::nullopt;
        case od::json_type::number: return take(v.get_double(), Place{where, key});
        case od::json_type::string: {
            std::string_view s;
            if (auto e = r.string(v, s)) fail(e, where.name(key));
            if (s.empty()) return std::nullopt;
            if (const auto d = number_from_text<double>(s)) return d;
            fail(where.name(key) + ": expected a number, got a non-numeric string");
        }
        default: fail(where.name(key) + ": expected a number, got " + type_name(type));
    }
}

// The fields a job and each of its details share, read as they come;
// model/normalize.hpp gives them their meaning.
struct Entry : RawEntry {
    // Reads `key` if it is one of the common fields; false when it is not.
    bool read(Reading &r, std::string_view key, od::value &v, const Where &where) {
        switch (key.size()) {
            case 5:
                if (key == "state") {
                    state_text = read_text(r, v, where, key);
                    has_state = true;
                    return true;
                }
                return false;
            case 6:
                if (key == "reason") {
                    reason = read_text(r, v, where, key);
                    return true;
                }
                return false;
            case 8:
                if (key == "fileName") {
                    file_name = read_text(r, v, where, key);
                    return true;
                }
                if (key == "fileSize") {
                    file_size = read_count(r, v, where, key);
                    return true;
                }
                if (key == "progress") {
                    progress = read_number(r, v, where, key);
                    return true;
                }
                return false;
            case 9:
                if (key == "totalRows") {
                    total_rows = read_count(r, v, where, key);
                    return true;
                }
                return false;
            case 12:
                if (key == "importedRows") {
                    imported_rows = read_count(r, v, where, key);
                    return true;
                }
                if (key == "completeTime") {
                    complete_time = read_text(r, v, where, key);
                    return true;
                }
                if (key == "errorMessage") {
                    error_message = read_text(r, v, where, key);
                    return true;
                }
                return false;
            case 15:
                if (key == "readyPercentage") {
                    ready_percentage = read_number(r, v, where, key);
                    return true;
                }
                return false;
            default: return false;
        }
    }
};

// Throws TooLarge when `count` things of `size` bytes each would pass the
// parser's bound: "{}," is 3 bytes of JSON but a whole Detail or Job in
// memory. Named in the message as "<whole> of <count> <parts>".
void check_fits(const Reading &r, size_t count, size_t size, const char *whole, const char *parts) {
    const uint64_t bytes = memory_of(count, size);
    if (bytes <= static_cast<uint64_t>(r.max_job_bytes)) return;  // the message is built only when needed
    throw TooLarge{*beyond_memory_bound(std::string(whole) + " of " + std::to_string(count) + " " + parts, bytes,
                                        r.max_job_bytes)};
}

void read_detail(Reading &r, od::object object, const Where &where, Job &job, StringArena &strings, ParseRules rules) {
    Entry entry;
    for (auto result : object) {
        od::field field = take(std::move(result), Place{where, ""});
        entry.read(r, raw_key(field), field.value(), where);
    }
    job.details.emplace_back();
    normalize(entry, job.details.back(), strings, rules.derive_state);
}

void read_details(Reading &r, od::value &v, const Where &where, Job &job, StringArena &strings, ParseRules rules) {
    const od::json_type type = take(v.type(), Place{where, "details"});
    if (type == od::json_type::null) return;
    if (type != od::json_type::array) fail(where.name("details") + ": expected an array, got " + type_name(type));
    od::array array = take(v.get_array(), Place{where, "details"});
    // Counting first sizes the vector exactly (no doubling, no 1.5x peak)
    // and bounds the job before it is built.
    const size_t count = take(array.count_elements(), Place{where, "details"});
    check_fits(r, count, sizeof(Detail), "a job", "details");
    job.details.reserve(count);
    size_t index = 0;
    for (auto result : array) {
        od::value element = take(std::move(result), Place{where, "details"});
        const Where at{index, where.list, where.record};
        const od::json_type element_type = take(element.type(), Place{at, ""});
        if (element_type == od::json_type::object) {
            read_detail(r, take(element.get_object(), Place{at, ""}), at, job, strings, rules);
        } else if (element_type != od::json_type::null) {
            fail(at.name("") + ": expected an object, got " + type_name(element_type));
        }
        ++index;
    }
}

// A job, its strings kept in `strings` (its own arena, or its page's).
// `where` names it in messages.
void read_job(Reading &r, od::object object, ParseRules rules, const Where &where, Job &job, StringArena &strings) {
    Entry entry;
    for (auto result : object) {
        od::field field = take(std::move(result), Place{where, ""});
        const std::string_view key = raw_key(field);
        od::value &v = field.value();
        if (entry.read(r, key, v, where)) continue;
        // "jobID": very early 2.4 builds answered create with it.
        if (key == "jobId" || key == "jobID") {
            job.id = strings.add(read_id(r, v, where, key));
        } else if (key == "collectionName") {
            job.collection_name = strings.add(read_text(r, v, where, key));
        } else if (key == "createTime") {
            job.create_time = strings.add(read_text(r, v, where, key));
        } else if (key == "details") {
            read_details(r, v, where, job, strings, rules);
        }
    }
    normalize(entry, job, strings, rules.derive_state);
}

// A page's records: "records", or "tasks" in cloud-v1's documented example.
void read_records(Reading &r, od::value &v, ParseRules rules, std::string_view key, JobPage &page) {
    const Where whole{Where::kJob, key};
    const od::json_type type = take(v.type(), Place{whole, ""});
    if (type == od::json_type::null) return;
    if (type != od::json_type::array) fail(whole.name("") + ": expected an array, got " + type_name(type));
    od::array array = take(v.get_array(), Place{whole, ""});
    const size_t count = take(array.count_elements(), Place{whole, ""});
    check_fits(r, page.jobs.size() + count, sizeof(Job), "a page", "jobs");
    page.jobs.reserve(page.jobs.size() + count);
    size_t index = 0;
    for (auto result : array) {
        od::value element = take(std::move(result), Place{whole, ""});
        const Where at{Where::kJob, key, index};
        const od::json_type element_type = take(element.type(), Place{at, ""});
        if (element_type == od::json_type::object) {
            page.jobs.emplace_back();
            read_job(r, take(element.get_object(), Place{at, ""}), rules, at, page.jobs.back(), page.strings);
        } else if (element_type != od::json_type::null) {
            fail(at.name("") + ": expected an object, got " + type_name(element_type));
        }
        ++index;
    }
    page.listed = page.jobs.size();
}

void read_page(Reading &r, od::object object, ParseRules rules, JobPage &page) {
    const Where where{Where::kEnvelope};
    for (auto result : object) {
        od::field field = take(std::move(result), "data");
        const std::string_view key = raw_key(field);
        od::value &v = field.value();
        if (key == "records" || key == "tasks") {
            read_records(r, v, rules, key, page);
        } else if (key == "count") {
            page.count = read_count(r, v, where, "data.count");
        } else if (key == "pageSize") {
            page.page_size = read_count(r, v, where, "data.pageSize");
        }
    }
}

// The envelope's code: 0, 200, "0", 1800.0 ...
int64_t read_code(Reading &r, od::value &v) {
    const od::json_type type = take(v.type(), "code");
    std::string_view text;
    if (type == od::json_type::number) {
        text = trim_right(v.raw_json_token());
    } else if (type == od::json_type::string) {
        if (auto e = r.string(v, text)) fail(e, "code");
    } else {
        fail(std::string("code: expected a number, got ") + type_name(type));
    }
    if (const auto code = number_from_text<int64_t>(text)) return *code;
    const auto d = number_from_text<double>(text);
    if (d && *d == std::floor(*d) && std::fabs(*d) < 9.2e18) return static_cast<int64_t>(*d);
    fail("code: expected an integer");
}

}  // namespace

struct JsonParser::Impl {
    od::parser parser;
    std::unique_ptr<uint8_t[]> strings;  // see Reading
    size_t strings_size = 0;
};

JsonParser::JsonParser(int64_t max_job_bytes) : impl_(std::make_unique<Impl>()), max_job_bytes_(max_job_bytes) {}
JsonParser::~JsonParser() = default;

void JsonParser::trim(size_t keep_capacity) {
    if (impl_->parser.capacity() > keep_capacity) impl_->parser = od::parser();
    if (impl_->strings_size > keep_capacity) {
        impl_->strings.reset();
        impl_->strings_size = 0;
    }
}

static_assert(JsonParser::kPadding == simdjson::SIMDJSON_PADDING, "the padding simdjson reads past the end");

Result<Envelope> JsonParser::parse(std::string &body, ParseRules rules) {
    body.reserve(body.size() + kPadding);
    // Unescaped strings are never longer than the body; simdjson writes up to
    // a padding's worth past the last one.
    const size_t strings_size = body.size() + 2 * simdjson::SIMDJSON_PADDING;
    if (impl_->strings_size < strings_size) {
        impl_->strings.reset();
        impl_->strings.reset(new uint8_t[strings_size]);
        impl_->strings_size = strings_size;
    }
    Reading r{impl_->parser, impl_->strings.get(), max_job_bytes_};
    try {
        od::document doc = take(impl_->parser.iterate(body.data(), body.size(), body.capacity()), "invalid JSON");
        od::object root;
        if (doc.get_object().get(root)) fail("the body is not a JSON object");
        Envelope envelope;
        for (auto result : root) {
            od::field field = take(std::move(result), "invalid JSON");
            const std::string_view key = raw_key(field);
            od::value &v = field.value();
            if (key == "code") {
                envelope.code = read_code(r, v);
                envelope.has_code = true;
            } else if (key == "message") {
                envelope.message = std::string(read_text(r, v, Where{Where::kEnvelope}, "message"));
            } else if (key == "data") {
                od::object data;
                if (!v.get_object().get(data)) {
                    if (rules.page) {
                        read_page(r, data, rules, envelope.page);
                    } else {
                        read_job(r, data, rules, Where{}, envelope.job, envelope.job.strings);
                    }
                    envelope.has_data = true;
                }
            }
        }
        // Past the root object the iterator must be at the end of the input.
        const char *trailing = nullptr;
        if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
            fail("invalid JSON: content after the object");
        return envelope;
    } catch (BadInput &bad) {
        return make_error(Code::Protocol, std::move(bad.message));
    } catch (TooLarge &large) {
        return make_error(Code::ResponseTooLarge, std::move(large.message));
    }
}

}  // namespace mip
