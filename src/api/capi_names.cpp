// SPDX-License-Identifier: Apache-2.0
// The C API's names and numbers: the version, and the names of codes,
// states and flavors.
#include <optional>

#include "api/handles.hpp"
#include "model/api_name.hpp"
#include "model/state.hpp"

using namespace mip::capi;

static_assert(static_cast<int>(mip::Code::Unsupported) == MIP_ERR_UNSUPPORTED, "mip::Code mirrors mip_code");
static_assert(static_cast<int>(mip::State::Committing) == MIP_STATE_COMMITTING, "mip::State mirrors mip_state");
static_assert(static_cast<int>(mip::Api::CloudV1) == MIP_API_CLOUD_V1, "mip::Api mirrors mip_api");

extern "C" {

const char *mip_version(void) { return MIP_VERSION_STRING; }
unsigned mip_version_number(void) { return MIP_VERSION_NUMBER; }

const char *mip_code_name(mip_code code) {
    switch (enum_value(code)) {
        case MIP_OK: return "MIP_OK";
        case MIP_ERR_INVALID_ARGUMENT: return "MIP_ERR_INVALID_ARGUMENT";
        case MIP_ERR_NO_MEMORY: return "MIP_ERR_NO_MEMORY";
        case MIP_ERR_CONNECT: return "MIP_ERR_CONNECT";
        case MIP_ERR_TLS: return "MIP_ERR_TLS";
        case MIP_ERR_TIMEOUT: return "MIP_ERR_TIMEOUT";
        case MIP_ERR_CANCELLED: return "MIP_ERR_CANCELLED";
        case MIP_ERR_HTTP: return "MIP_ERR_HTTP";
        case MIP_ERR_PROTOCOL: return "MIP_ERR_PROTOCOL";
        case MIP_ERR_RESPONSE_TOO_LARGE: return "MIP_ERR_RESPONSE_TOO_LARGE";
        case MIP_ERR_AUTH: return "MIP_ERR_AUTH";
        case MIP_ERR_NOT_FOUND: return "MIP_ERR_NOT_FOUND";
        case MIP_ERR_RATE_LIMITED: return "MIP_ERR_RATE_LIMITED";
        case MIP_ERR_SERVER: return "MIP_ERR_SERVER";
        case MIP_ERR_UNSUPPORTED: return "MIP_ERR_UNSUPPORTED";
    }
    return "MIP_ERR_UNKNOWN";
}

const char *mip_state_name(mip_state state) {
    const int value = enum_value(state);
    if (value < MIP_STATE_UNKNOWN || value > MIP_STATE_COMMITTING) return "Unknown";
    return mip::state_name(static_cast<mip::State>(value));
}

const char *mip_api_name(mip_api api) {
    const int value = enum_value(api);
    if (value < MIP_API_AUTO || value > MIP_API_CLOUD_V1) return "unknown";
    return mip::api_name(static_cast<mip::Api>(value));
}

mip_code mip_api_from_name(const char *name, mip_api *out) {
    if (!name || !out) return MIP_ERR_INVALID_ARGUMENT;
    const std::optional<mip::Api> api = mip::api_from_name(name);
    if (!api) return MIP_ERR_INVALID_ARGUMENT;
    *out = static_cast<mip_api>(*api);
    return MIP_OK;
}

int mip_state_is_terminal(mip_state state) {
    const int value = enum_value(state);
    if (value < MIP_STATE_UNKNOWN || value > MIP_STATE_COMMITTING) return 0;
    return mip::is_terminal(static_cast<mip::State>(value)) ? 1 : 0;
}

}  // extern "C"
