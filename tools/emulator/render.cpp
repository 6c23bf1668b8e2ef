// SPDX-License-Identifier: Apache-2.0
// Milvus (gin + Go maps) prints keys sorted and leaves out an empty `reason`;
// the cloud keeps its documented order, has no importedRows and always sends
// `reason`; cloud v1 has no state (but in its list, prefixed with Import),
// a 0..1 readyPercentage and nulls for "not yet" and "no error".
#include "render.hpp"

#include <cstdio>

#include "json_writer.hpp"

namespace emu {
namespace {

std::string comma_list(const std::vector<std::string> &items) {
    std::string out;
    for (const auto &item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

// Cloud v1's readyPercentage: a fraction, 1 when complete.
std::string fraction(int percent) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", percent / 100.0);
    return buf;
}

std::string milvus_job(const JobSpec &job, const JobState &s) {
    std::string details = "[";
    for (size_t i = 0; i < job.files.size(); ++i) {
        const FileState &f = s.files[i];
        JsonObject d;
        d.str("completeTime", f.complete_time)
            .str("fileName", go_list(job.files[i].paths))
            .num("fileSize", job.files[i].size)
            .num("importedRows", f.imported_rows)
            .num("progress", f.progress);
        if (!f.reason.empty()) d.str("reason", f.reason);
        d.str("state", f.state).num("totalRows", f.total_rows);
        details += (i ? "," : "") + d.close();
    }
    details += "]";
    JsonObject o;
    o.str("collectionName", job.collection)
        .str("completeTime", s.complete_time)
        .str("createTime", s.create_time)
        .raw("details", details)
        .num("fileSize", s.file_size)
        .num("importedRows", s.imported_rows)
        .str("jobId", job.id)
        .num("progress", s.progress);
    if (!s.reason.empty()) o.str("reason", s.reason);
    return o.str("state", s.state).num("totalRows", s.total_rows).close();
}

// The cloud names "the file being processed": the first one not yet done.
std::string current_file(const JobSpec &job, const JobState &s) {
    for (size_t i = 0; i < job.files.size(); ++i)
        if (s.files[i].state != "Completed") return comma_list(job.files[i].paths);
    return job.files.empty() ? "" : comma_list(job.files.back().paths);
}

std::string cloud_job(const JobSpec &job, const JobState &s) {
    std::string details = "[";
    for (size_t i = 0; i < job.files.size(); ++i) {
        const FileState &f = s.files[i];
        details += (i ? "," : "") + JsonObject()
                                        .str("fileName", comma_list(job.files[i].paths))
                                        .num("fileSize", job.files[i].size)
                                        .str("state", f.state)
                                        .num("progress", f.progress)
                                        .str("completeTime", f.complete_time)
                                        .str("reason", f.reason)
                                        .num("totalRows", f.total_rows)
                                        .close();
    }
    details += "]";
    return JsonObject()
        .str("jobId", job.id)
        .str("collectionName", job.collection)
        .str("fileName", current_file(job, s))
        .num("fileSize", s.file_size)
        .str("state", s.state)
        .num("progress", s.progress)
        .str("completeTime", s.complete_time)
        .str("reason", s.reason)
        .num("totalRows", s.total_rows)
        .raw("details", details)
        .close();
}

std::string cloud_v1_job(const JobSpec &job, const JobState &s) {
    std::string details = "[";
    for (size_t i = 0; i < job.files.size(); ++i) {
        const FileState &f = s.files[i];
        details += (i ? "," : "") + JsonObject()
                                        .str("fileName", comma_list(job.files[i].paths))
                                        .num("fileSize", job.files[i].size)
                                        .raw("readyPercentage", fraction(f.progress))
                                        .str_or_null("completeTime", f.complete_time)
                                        .str_or_null("errorMessage", f.reason)
                                        .close();
    }
    details += "]";
    return JsonObject()
        .str("collectionName", job.collection)
        .str("fileName", current_file(job, s))
        .num("fileSize", s.file_size)
        .raw("readyPercentage", fraction(s.progress))
        .str_or_null("completeTime", s.complete_time)
        .str_or_null("errorMessage", s.reason)
        .str("jobId", job.id)
        .raw("details", details)
        .close();
}

// Cloud v1 names states with an Import prefix, and Importing "running".
std::string v1_state(const std::string &state) { return state == "Importing" ? "ImportRunning" : "Import" + state; }

std::string data_envelope(int64_t code, std::string_view data_json) {
    return JsonObject().num("code", code).raw("data", data_json).close();
}

}  // namespace

std::string error_envelope(int64_t code, std::string_view message) {
    return JsonObject().num("code", code).str("message", message).close();
}

std::string render_progress(Flavor flavor, const JobSpec &job, const JobState &state) {
    switch (flavor) {
        case Flavor::Milvus: return data_envelope(0, milvus_job(job, state));
        case Flavor::Cloud: return data_envelope(0, cloud_job(job, state));
        case Flavor::CloudV1: break;
    }
    return data_envelope(200, cloud_v1_job(job, state));
}

std::string render_list(Flavor flavor, const std::vector<JobView> &jobs, const ListPage &page) {
    std::string records = "[";
    for (const auto &[job, s] : jobs) {
        JsonObject r;
        if (flavor == Flavor::Milvus) {
            r.str("collectionName", job.collection).str("jobId", job.id).num("progress", s.progress);
            if (!s.reason.empty()) r.str("reason", s.reason);
            r.str("state", s.state);
        } else {
            r.str("jobId", job.id).str("collectionName", job.collection);
            r.str("state", flavor == Flavor::CloudV1 ? v1_state(s.state) : s.state).num("progress", s.progress);
        }
        records += (records.size() > 1 ? "," : "") + r.close();
    }
    records += "]";
    if (flavor == Flavor::Milvus) return data_envelope(0, JsonObject().raw("records", records).close());
    return data_envelope(flavor == Flavor::CloudV1 ? 200 : 0,
                         JsonObject()
                             .num("count", page.count)
                             .num("currentPage", page.current_page)
                             .num("pageSize", page.page_size)
                             .raw(flavor == Flavor::CloudV1 ? "tasks" : "records", records)
                             .close());
}

std::string render_created(Flavor flavor, const std::string &job_id) {
    return data_envelope(flavor == Flavor::CloudV1 ? 200 : 0, JsonObject().str("jobId", job_id).close());
}

std::string render_accepted() { return data_envelope(0, "{}"); }

}  // namespace emu
