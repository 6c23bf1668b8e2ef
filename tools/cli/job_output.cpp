// SPDX-License-Identifier: Apache-2.0
#include "job_output.hpp"

#include <algorithm>

#include "json_writer.hpp"
#include "text.hpp"

namespace mipcli {
namespace {

constexpr size_t kMaxNameColumn = 40;

std::string state_text(mip_state state, const std::string &raw) {
    std::string text = mip_state_name(state);
    if (!raw.empty() && raw != text) text += " (" + printable(raw) + ")";
    return text;
}

std::string or_dash(const std::string &text) { return text.empty() ? "-" : printable(text); }

std::string rows_fraction(int64_t imported, int64_t total) { return grouped(imported) + "/" + grouped(total); }

std::string rows_text(int64_t imported, int64_t total) { return rows_fraction(imported, total) + " rows"; }

void write_job(JsonWriter &w, const JobSnapshot &job) {
    w.begin_object();
    w.key("jobId").value(job.job_id);
    w.key("collectionName").value(job.collection_name);
    w.key("fileName").value(job.file_name);
    w.key("state").value(mip_state_name(job.state));
    w.key("stateText").value(job.state_text);
    reported(w.key("progress"), job.progress);
    reported(w.key("importedRows"), job.imported_rows);
    reported(w.key("totalRows"), job.total_rows);
    reported(w.key("fileSize"), job.file_size);
    w.key("createTime").value(job.create_time);
    w.key("completeTime").value(job.complete_time);
    w.key("reason").value(job.reason);
    w.key("details").begin_array();
    for (const FileProgress &f : job.files) {
        w.begin_object();
        w.key("fileName").value(f.file_name);
        w.key("state").value(mip_state_name(f.state));
        w.key("stateText").value(f.state_text);
        reported(w.key("progress"), f.progress);
        reported(w.key("importedRows"), f.imported_rows);
        reported(w.key("totalRows"), f.total_rows);
        reported(w.key("fileSize"), f.file_size);
        w.key("completeTime").value(f.complete_time);
        w.key("reason").value(f.reason);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

std::string percent_text(int progress) { return progress < 0 ? "-" : std::to_string(progress) + "%"; }

std::string job_json(const JobSnapshot &job) {
    std::string json;
    JsonWriter w(json);
    write_job(w, job);
    return json;
}

std::string jobs_json(const std::vector<JobSnapshot> &jobs) {
    std::string json;
    JsonWriter w(json);
    w.begin_array();
    for (const JobSnapshot &job : jobs) write_job(w, job);
    w.end_array();
    return json;
}

std::string jobs_table(const std::vector<JobSnapshot> &jobs, size_t width) {
    const std::vector<std::string> header{"JOB ID", "COLLECTION", "STATE", "PROGRESS", "REASON"};
    std::vector<std::vector<std::string>> rows{header};
    for (const JobSnapshot &job : jobs) {
        rows.push_back({printable(job.job_id), or_dash(job.collection_name), state_text(job.state, job.state_text),
                        percent_text(job.progress), printable(job.reason)});
    }
    // Every column but the last (the reason, as long as it is) padded to its
    // longest cell, names cut to kMaxNameColumn.
    std::vector<size_t> widths(header.size() - 1, 0);
    for (const auto &row : rows) {
        for (size_t c = 0; c < widths.size(); ++c) widths[c] = std::max(widths[c], columns(row[c]));
    }
    for (size_t &width : widths) width = std::min(width, kMaxNameColumn);
    std::string out;
    for (const auto &row : rows) {
        std::string line;
        for (size_t c = 0; c < widths.size(); ++c) line += fit(row[c], widths[c], true) + "  ";
        const size_t used = columns(line);
        line += width == 0 ? row.back() : fit(row.back(), width > used ? width - used : 0);
        out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    }
    return out;
}

std::string job_summary(const JobSnapshot &job) {
    std::string out;
    auto field = [&out](const char *name, const std::string &value) { out += fit(name, 12, true) + value + "\n"; };
    field("Job", printable(job.job_id));
    field("Collection", or_dash(job.collection_name));
    if (!job.file_name.empty()) field("File", printable(job.file_name));
    field("State", state_text(job.state, job.state_text));
    field("Progress", percent_text(job.progress));
    field("Rows", rows_fraction(job.imported_rows, job.total_rows));
    field("File size",
          human_bytes(job.file_size) + (job.file_size >= 1024 ? " (" + grouped(job.file_size) + " bytes)" : ""));
    field("Created", or_dash(job.create_time));
    field("Completed", or_dash(job.complete_time));
    if (!job.reason.empty()) field("Reason", printable(job.reason));
    field("Files", std::to_string(job.files.size()));

    // Names and states padded to their longest, so the files read as a table.
    size_t name_width = 0, state_width = 0;
    for (const FileProgress &f : job.files) {
        name_width = std::max(name_width, columns(printable(f.file_name)));
        state_width = std::max(state_width, columns(state_text(f.state, f.state_text)));
    }
    name_width = std::min(name_width, kMaxNameColumn);
    for (const FileProgress &f : job.files) {
        out += "  " + fit(printable(f.file_name), name_width, true) + "  " +
               fit(state_text(f.state, f.state_text), state_width, true) + "  " +
               fit(percent_text(f.progress), 4, true) + "  " + rows_text(f.imported_rows, f.total_rows) + "  " +
               human_bytes(f.file_size);
        if (!f.complete_time.empty()) out += "  completed " + printable(f.complete_time);
        if (!f.reason.empty()) out += "  reason: " + printable(f.reason);
        out += "\n";
    }
    return out;
}

std::string progress_line(const JobSnapshot &job) {
    const auto done = std::count_if(job.files.begin(), job.files.end(),
                                    [](const FileProgress &f) { return f.state == MIP_STATE_COMPLETED; });
    std::string line = std::string(mip_state_name(job.state)) + " " + percent_text(job.progress) + " " +
                       rows_text(job.imported_rows, job.total_rows);
    if (!job.files.empty())
        line += ", " + std::to_string(done) + "/" + std::to_string(job.files.size()) + " files done";
    if (!job.reason.empty()) line += ": " + printable(job.reason);
    return line;
}

}  // namespace mipcli
