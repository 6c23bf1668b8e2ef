// SPDX-License-Identifier: Apache-2.0
// The C setters: a client's options and an import request, each value
// checked by the rules in core/rules.hpp before it is stored.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/handles.hpp"
#include "core/rules.hpp"

using namespace mip::capi;

namespace {

// String options: NULL or "" clears; otherwise what mip::text_acceptable accepts.
mip_code set_text(mip_options *o, std::string mip::Options::*field, const char *value) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    try {
        const std::string_view text = value ? value : "";
        if (!mip::text_acceptable(text)) return MIP_ERR_INVALID_ARGUMENT;
        core(o)->*field = std::string(text);
        return MIP_OK;
    } catch (...) {
        return MIP_ERR_NO_MEMORY;
    }
}

// Text for an import request: NULL only where `nullable` (it reads as "");
// otherwise what mip::text_acceptable accepts. The request is left alone on
// a refusal; mip_create_import names any remaining problem in its error.
bool request_text_ok(const char *value, bool nullable) {
    if (!value) return nullable;
    return mip::text_acceptable(value);
}

// Runs a setter's change, which may allocate.
template <class Change>
mip_code change_request(mip_import_request *r, Change &&change) {
    if (!r) return MIP_ERR_INVALID_ARGUMENT;
    try {
        change(*core(r));
        return MIP_OK;
    } catch (...) {
        return MIP_ERR_NO_MEMORY;
    }
}

// A numeric setting: stored when it is within its range.
template <class Value>
mip_code set_number(mip_options *o, Value mip::Options::*field, const mip::Range &range, int64_t value) {
    if (!o || !mip::in_range(range, value)) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->*field = static_cast<Value>(value);
    return MIP_OK;
}

}  // namespace

extern "C" {

/* options */

mip_options *mip_options_new(void) { return handle<mip_options>(new (std::nothrow) mip::Options()); }
void mip_options_free(mip_options *o) { delete core(o); }

mip_code mip_options_set_endpoint(mip_options *o, const char *url) { return set_text(o, &mip::Options::endpoint, url); }
mip_code mip_options_set_token(mip_options *o, const char *token) { return set_text(o, &mip::Options::token, token); }
mip_code mip_options_set_cluster_id(mip_options *o, const char *id) {
    return set_text(o, &mip::Options::cluster_id, id);
}
mip_code mip_options_set_project_id(mip_options *o, const char *id) {
    return set_text(o, &mip::Options::project_id, id);
}
mip_code mip_options_set_region_id(mip_options *o, const char *id) { return set_text(o, &mip::Options::region_id, id); }
mip_code mip_options_set_db_name(mip_options *o, const char *db) { return set_text(o, &mip::Options::db_name, db); }
mip_code mip_options_set_ca_file(mip_options *o, const char *path) { return set_text(o, &mip::Options::ca_file, path); }
mip_code mip_options_set_proxy(mip_options *o, const char *url) { return set_text(o, &mip::Options::proxy, url); }
mip_code mip_options_set_user_agent(mip_options *o, const char *ua) {
    return set_text(o, &mip::Options::user_agent, ua);
}

mip_code mip_options_set_api(mip_options *o, mip_api api) {
    const int value = enum_value(api);
    if (!o || value < MIP_API_AUTO || value > MIP_API_CLOUD_V1) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->api = static_cast<mip::Api>(value);
    return MIP_OK;
}

mip_code mip_options_set_timeout_ms(mip_options *o, int64_t ms) {
    return set_number(o, &mip::Options::timeout_ms, mip::kTimeoutMs, ms);
}
mip_code mip_options_set_connect_timeout_ms(mip_options *o, int64_t ms) {
    return set_number(o, &mip::Options::connect_timeout_ms, mip::kConnectTimeoutMs, ms);
}
mip_code mip_options_set_max_retries(mip_options *o, int retries) {
    return set_number(o, &mip::Options::max_retries, mip::kMaxRetries, retries);
}
mip_code mip_options_set_max_connections(mip_options *o, int n) {
    return set_number(o, &mip::Options::max_connections, mip::kMaxConnections, n);
}

mip_code mip_options_set_tls_verify(mip_options *o, int on) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->tls_verify = on != 0;
    return MIP_OK;
}

mip_code mip_options_set_max_response_bytes(mip_options *o, int64_t n) {
    return set_number(o, &mip::Options::max_response_bytes, mip::kMaxResponseBytes, n);
}

/* import jobs */

mip_import_request *mip_import_request_new(void) {
    return handle<mip_import_request>(new (std::nothrow) mip::ImportRequest());
}

void mip_import_request_free(mip_import_request *r) { delete core(r); }

mip_code mip_import_request_set_collection(mip_import_request *r, const char *name) {
    if (!request_text_ok(name, false) || !*name) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.collection = name; });
}

mip_code mip_import_request_set_partition(mip_import_request *r, const char *name) {
    if (!request_text_ok(name, true)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.partition = name ? name : ""; });
}

mip_code mip_import_request_add_files(mip_import_request *r, const char *const *paths, size_t count) {
    if (!paths || count == 0) return MIP_ERR_INVALID_ARGUMENT;
    for (size_t i = 0; i < count; ++i) {
        if (!request_text_ok(paths[i], false) || !*paths[i]) return MIP_ERR_INVALID_ARGUMENT;
    }
    return change_request(r, [&](mip::ImportRequest &q) { q.files.emplace_back(paths, paths + count); });
}

mip_code mip_import_request_set_option(mip_import_request *r, const char *key, const char *value) {
    if (!request_text_ok(key, false) || !*key || !request_text_ok(value, false)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.set_option(key, value); });
}

mip_code mip_import_request_set_auto_commit(mip_import_request *r, int on) {
    return change_request(r, [&](mip::ImportRequest &q) { q.set_auto_commit(on != 0); });
}

mip_code mip_import_request_set_object_credentials(mip_import_request *r, const char *access_key,
                                                   const char *secret_key) {
    const bool clear = !access_key && !secret_key;
    if (!clear &&
        (!request_text_ok(access_key, false) || !*access_key || !request_text_ok(secret_key, false) || !*secret_key)) {
        return MIP_ERR_INVALID_ARGUMENT;
    }
    return change_request(r, [&](mip::ImportRequest &q) {
        q.access_key = clear ? "" : access_key;
        q.secret_key = clear ? "" : secret_key;
    });
}

mip_code mip_import_request_set_idempotency_key(mip_import_request *r, const char *key) {
    if (key && !mip::idempotency_key_acceptable(key)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.idempotency_key = key ? key : ""; });
}

}  // extern "C"
