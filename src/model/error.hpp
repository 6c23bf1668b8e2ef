// SPDX-License-Identifier: Apache-2.0
// An error as a plain C++ value, and a value-or-error: what every fallible
// step of a call returns.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace mip {

// Numbers equal to mip_code (api/capi_names.cpp checks that at compile time).
enum class Code : uint8_t {
    Ok = 0,
    InvalidArgument,
    NoMemory,
    Connect,
    Tls,
    Timeout,
    Cancelled,
    Http,
    Protocol,
    ResponseTooLarge,
    Auth,
    NotFound,
    RateLimited,
    Server,
    Unsupported
};

struct Error {
    Code code = Code::Ok;
    int http_status = 0;      // 0 when no HTTP response was read
    int64_t server_code = 0;  // the envelope's code; 0 when none
    std::string message;
    int attempts = 0;  // HTTP requests the call sent before failing
    // A job the failing answer named (a create answered HTTP 500 with the
    // new job's id); empty when none.
    std::string job_id;
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
    return Error{code, http_status, server_code, std::move(message), 0, {}};
}

// The caller's input is wrong; nothing was sent.
inline Error invalid_argument(std::string message) { return make_error(Code::InvalidArgument, std::move(message)); }

}  // namespace mip
