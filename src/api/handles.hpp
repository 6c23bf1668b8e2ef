// SPDX-License-Identifier: Apache-2.0
// What every extern "C" shim shares: the handle casts, handing an error to
// the caller, and the catch-all that keeps exceptions inside.
#pragma once

#include <cstring>
#include <new>
#include <utility>

#include "mip.h"

#include "core/client.hpp"
#include "model/error.hpp"
#include "model/import_request.hpp"
#include "model/job.hpp"
#include "model/job_list.hpp"
#include "model/options.hpp"
#include "net/cancel.hpp"

namespace mip::capi {

// Every C handle is the C++ object itself: mip.h declares the handle types
// and nothing defines them, so a handle is only ever converted, here, in
// both directions, by these two functions.
template <class Handle>
struct CoreOf;
// MIP_CORE_OF(mip_job, mip::Job): a mip_job * is a mip::Job *.
#define MIP_CORE_OF(Handle, Core) \
  template <>                     \
  struct CoreOf<Handle> {         \
    using type = Core;            \
  }
MIP_CORE_OF(mip_options, mip::Options);
MIP_CORE_OF(mip_client, mip::Client);
MIP_CORE_OF(mip_job, mip::Job);
MIP_CORE_OF(mip_detail, mip::Detail);
MIP_CORE_OF(mip_error, mip::Error);
MIP_CORE_OF(mip_cancel, mip::CancelToken);
MIP_CORE_OF(mip_import_request, mip::ImportRequest);
MIP_CORE_OF(mip_job_list, mip::JobList);
#undef MIP_CORE_OF

template <class Handle>
typename CoreOf<Handle>::type *core(Handle *h) {
    return reinterpret_cast<typename CoreOf<Handle>::type *>(h);
}
template <class Handle>
const typename CoreOf<Handle>::type *core(const Handle *h) {
    return reinterpret_cast<const typename CoreOf<Handle>::type *>(h);
}
template <class Handle>
Handle *handle(typename CoreOf<Handle>::type *object) {
    return reinterpret_cast<Handle *>(object);
}
template <class Handle>
const Handle *handle(const typename CoreOf<Handle>::type *object) {
    return reinterpret_cast<const Handle *>(object);
}

// Hands `error` to the caller (when it wants it) and returns its code.
inline mip_code fail(mip_error **err, mip::Error error) {
    const auto code = static_cast<mip_code>(error.code);
    if (err) {
        try {
            *err = handle<mip_error>(new mip::Error(std::move(error)));
        } catch (...) {
            *err = nullptr;  // the code still tells what happened
        }
    }
    return code;
}

inline mip_code fail(mip_error **err, mip_code code, const char *message) {
    try {
        return fail(err, mip::make_error(static_cast<mip::Code>(code), message));
    } catch (...) {
        if (err) *err = nullptr;
        return code;
    }
}

// Runs `body` so that nothing escapes: std::bad_alloc becomes
// MIP_ERR_NO_MEMORY, and so does any other resource failure of the standard
// library (a mutex or thread that could not be had).
template <class Body>
mip_code guarded(mip_error **err, Body &&body) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(err, MIP_ERR_NO_MEMORY, "out of memory");
    } catch (...) {
        return fail(err, MIP_ERR_NO_MEMORY, "out of system resources");
    }
}

inline mip_code succeed(mip_error **err) {
    if (err) *err = nullptr;
    return MIP_OK;
}

// A C caller may pass any int as an enum; in C++, reading an enum object
// that holds a value outside the enum's range is undefined. Read its bytes.
// By reference: passing it on by value would itself be such a read.
template <class Enum>
int enum_value(const Enum &e) {
    static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized here");
    int value;
    std::memcpy(&value, &e, sizeof value);
    return value;
}

}  // namespace mip::capi
