// The values the library hands out, as plain C++: a job, its per-file
// details, and an error. They know nothing of HTTP, JSON or the C ABI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mip {

// Numbers equal to the C enums in mip.h (capi.cpp checks that at compile time).
enum class State : uint8_t { Unknown = 0, Pending, Importing, Completed, Failed, Uncommitted, Committing };

enum class Code : uint8_t {
    Ok = 0, InvalidArgument, NoMemory, Connect, Tls, Timeout, Cancelled, Http, Protocol,
    ResponseTooLarge, Auth, NotFound, RateLimited, Server
};

// All the strings of one job live in a few large blocks that never move, so
// that a job with 60,000 details costs a handful of allocations rather than
// 240,000, and the `const char *` handed out stays valid as the job grows
// and when it is moved. Move-only: a copy would point into the original.
class StringArena {
public:
    StringArena() = default;
    StringArena(StringArena &&) = default;
    StringArena &operator=(StringArena &&) = default;
    StringArena(const StringArena &) = delete;
    StringArena &operator=(const StringArena &) = delete;

    // A NUL-terminated copy of s that lives as long as the arena.
    const char *add(std::string_view s);

private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    size_t block_size_ = 0;
    size_t used_ = 0;  // bytes used in blocks_.back()
};

struct Detail {
    const char *file_name = "";
    const char *state_text = "";
    const char *complete_time = "";
    const char *reason = "";
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    State state = State::Unknown;
    int8_t progress = -1;  // 0..100, -1 when not reported
};

struct Job {
    StringArena strings;  // owns every string below, details' included
    const char *id = "";
    const char *collection_name = "";
    const char *file_name = "";
    const char *state_text = "";
    const char *create_time = "";
    const char *complete_time = "";
    const char *reason = "";
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    State state = State::Unknown;
    int progress = -1;  // 0..100, -1 when not reported
    std::vector<Detail> details;
};

struct Error {
    Code code = Code::Ok;
    int http_status = 0;      // 0 when no HTTP response was read
    int64_t server_code = 0;  // the envelope's code; 0 when none
    std::string message;
    int attempts = 0;         // HTTP requests the call made before failing
};

// A value or the error that prevented it.
template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    T &value() { return std::get<0>(v_); }
    Error &error() { return std::get<1>(v_); }
    const Error &error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

inline Error make_error(Code code, std::string message, int http_status = 0, int64_t server_code = 0) {
    return Error{code, http_status, server_code, std::move(message)};
}

}  // namespace mip
