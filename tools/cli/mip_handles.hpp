// SPDX-License-Identifier: Apache-2.0
// C++ ownership of the library's objects, and the CLI's view of an error.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include <mip.h>

namespace mipcli {

struct MipFree {
    void operator()(mip_options *p) const { mip_options_free(p); }
    void operator()(mip_client *p) const { mip_client_free(p); }
    void operator()(mip_cancel *p) const { mip_cancel_free(p); }
    void operator()(mip_job *p) const { mip_job_free(p); }
    void operator()(mip_error *p) const { mip_error_free(p); }
    void operator()(mip_job_list *p) const { mip_job_list_free(p); }
    void operator()(mip_import_request *p) const { mip_import_request_free(p); }
    void operator()(char *p) const { mip_free(p); }  // a string the library made, such as a new job's id
};

template <class T>
using Owned = std::unique_ptr<T, MipFree>;

// A failed call, copied out of its mip_error so the error can be freed at once.
struct Failure {
    mip_code code = MIP_OK;
    std::string message;
};

inline Failure failure_of(mip_code code, const mip_error *err) { return {code, mip_error_message(err)}; }

// Prints "mip: <code name>: <message>" to stderr.
inline void report(const Failure &failure) {
    std::fprintf(stderr, "mip: %s: %s\n", mip_code_name(failure.code), failure.message.c_str());
}

}  // namespace mipcli
