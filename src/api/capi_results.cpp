// SPDX-License-Identifier: Apache-2.0
// What the calls return, read by the caller: errors, jobs, their details
// and lists of jobs.
#include <algorithm>
#include <cstddef>

#include "api/handles.hpp"
#include "core/retry.hpp"

using namespace mip::capi;

extern "C" {

/* errors */

mip_code mip_error_code(const mip_error *e) {
    return e ? static_cast<mip_code>(core(e)->code) : MIP_ERR_INVALID_ARGUMENT;
}
int mip_error_http_status(const mip_error *e) { return e ? core(e)->http_status : 0; }
int64_t mip_error_server_code(const mip_error *e) { return e ? core(e)->server_code : 0; }
const char *mip_error_message(const mip_error *e) { return e ? core(e)->message.c_str() : ""; }
int mip_error_attempts(const mip_error *e) { return e ? core(e)->attempts : 0; }
const char *mip_error_job_id(const mip_error *e) { return e ? core(e)->job_id.c_str() : ""; }
int mip_error_is_transient(const mip_error *e) { return e && mip::is_transient(*core(e)) ? 1 : 0; }
void mip_error_free(mip_error *e) { delete core(e); }

size_t mip_job_list_count(const mip_job_list *l) { return l ? core(l)->jobs.size() : 0; }
int mip_job_list_is_complete(const mip_job_list *l) { return l && core(l)->complete ? 1 : 0; }

const mip_job *mip_job_list_get(const mip_job_list *l, size_t index) {
    if (!l || index >= core(l)->jobs.size()) return nullptr;
    return handle<mip_job>(&core(l)->jobs[index]);
}

void mip_job_list_free(mip_job_list *l) { delete core(l); }

/* job */

const char *mip_job_id(const mip_job *j) { return j ? core(j)->id : ""; }
const char *mip_job_collection_name(const mip_job *j) { return j ? core(j)->collection_name : ""; }
const char *mip_job_file_name(const mip_job *j) { return j ? core(j)->file_name : ""; }
mip_state mip_job_state(const mip_job *j) { return j ? static_cast<mip_state>(core(j)->state) : MIP_STATE_UNKNOWN; }
const char *mip_job_state_text(const mip_job *j) { return j ? core(j)->state_text : ""; }
int mip_job_progress(const mip_job *j) { return j ? core(j)->progress : -1; }
int64_t mip_job_imported_rows(const mip_job *j) { return j ? core(j)->imported_rows : -1; }
int64_t mip_job_total_rows(const mip_job *j) { return j ? core(j)->total_rows : -1; }
int64_t mip_job_file_size(const mip_job *j) { return j ? core(j)->file_size : -1; }
const char *mip_job_create_time(const mip_job *j) { return j ? core(j)->create_time : ""; }
const char *mip_job_complete_time(const mip_job *j) { return j ? core(j)->complete_time : ""; }
const char *mip_job_reason(const mip_job *j) { return j ? core(j)->reason : ""; }
size_t mip_job_detail_count(const mip_job *j) { return j ? core(j)->details.size() : 0; }

const mip_detail *mip_job_detail(const mip_job *j, size_t index) {
    if (!j || index >= core(j)->details.size()) return nullptr;
    return handle<mip_detail>(&core(j)->details[index]);
}

namespace {

// The least a caller's mip_detail_info may hold: its size and one field.
constexpr size_t kSmallestDetailInfo = offsetof(mip_detail_info, file_name) + sizeof(const char *);

}  // namespace

size_t mip_job_details_read(const mip_job *j, size_t start, mip_detail_info *out, size_t count) {
    if (!j || !out) return 0;
    const size_t size = out[0].size;
    if (size < kSmallestDetailInfo) return 0;
    const std::vector<mip::Detail> &details = core(j)->details;
    if (start >= details.size()) return 0;
    const size_t n = std::min(count, details.size() - start);
    // The caller's struct may be older (smaller) or newer (larger) than
    // ours: each entry is filled whole here, then as much of it as the
    // caller knows is copied, at the caller's stride.
    auto *base = reinterpret_cast<unsigned char *>(out);
    for (size_t i = 0; i < n; ++i) {
        const mip::Detail &d = details[start + i];
        mip_detail_info info;
        info.size = size;
        info.file_name = d.file_name;
        info.file_name_len = std::strlen(d.file_name);
        info.state_text = d.state_text;
        info.state_text_len = std::strlen(d.state_text);
        info.complete_time = d.complete_time;
        info.complete_time_len = std::strlen(d.complete_time);
        info.reason = d.reason;
        info.reason_len = std::strlen(d.reason);
        info.imported_rows = d.imported_rows;
        info.total_rows = d.total_rows;
        info.file_size = d.file_size;
        info.state = static_cast<mip_state>(d.state);
        info.progress = d.progress;
        std::memcpy(base + i * size, &info, std::min(size, sizeof info));
    }
    return n;
}

void mip_job_free(mip_job *j) { delete core(j); }

/* detail */

const char *mip_detail_file_name(const mip_detail *d) { return d ? core(d)->file_name : ""; }
mip_state mip_detail_state(const mip_detail *d) {
    return d ? static_cast<mip_state>(core(d)->state) : MIP_STATE_UNKNOWN;
}
const char *mip_detail_state_text(const mip_detail *d) { return d ? core(d)->state_text : ""; }
int mip_detail_progress(const mip_detail *d) { return d ? core(d)->progress : -1; }
int64_t mip_detail_imported_rows(const mip_detail *d) { return d ? core(d)->imported_rows : -1; }
int64_t mip_detail_total_rows(const mip_detail *d) { return d ? core(d)->total_rows : -1; }
int64_t mip_detail_file_size(const mip_detail *d) { return d ? core(d)->file_size : -1; }
const char *mip_detail_complete_time(const mip_detail *d) { return d ? core(d)->complete_time : ""; }
const char *mip_detail_reason(const mip_detail *d) { return d ? core(d)->reason : ""; }

}  // extern "C"
