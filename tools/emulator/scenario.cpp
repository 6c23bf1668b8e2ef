// SPDX-License-Identifier: Apache-2.0
#include "scenario.hpp"

#include <functional>
#include <type_traits>

#include <simdjson.h>

namespace emu {
namespace {

using simdjson::dom::element;

// Reads the optional member `key` into `out`; false (with `error` set) when
// it is present with the wrong type.
template <class T>
bool optional_member(element object, const char *key, T &out, std::string &error) {
    element value;
    if (object[key].get(value) != simdjson::SUCCESS || value.is_null()) return true;
    if constexpr (std::is_same_v<T, std::string>) {
        std::string_view text;
        if (value.get(text) == simdjson::SUCCESS) {
            out = std::string(text);
            return true;
        }
    } else if (value.get(out) == simdjson::SUCCESS) {
        return true;
    }
    error = std::string("\"") + key + "\" has the wrong type";
    return false;
}

bool read_file(element item, FileSpec &file, std::string &error) {
    std::string_view single;
    if (item.get(single) == simdjson::SUCCESS) {  // shorthand: "a.parquet"
        file = synthesized_file({std::string(single)});
        return true;
    }
    simdjson::dom::array paths;
    if (item["paths"].get(paths) != simdjson::SUCCESS) {
        error = "a file needs \"paths\": [\"...\"]";
        return false;
    }
    std::vector<std::string> names;
    for (element p : paths) {
        if (p.get(single) != simdjson::SUCCESS) {
            error = "\"paths\" must hold strings";
            return false;
        }
        names.emplace_back(single);
    }
    file = synthesized_file(names);
    return optional_member(item, "rows", file.rows, error) && optional_member(item, "size", file.size, error);
}

bool read_job(element item, JobStore &store, std::string &error) {
    JobSpec job;
    std::string_view text;
    int64_t numeric_id = 0;
    if (item["jobId"].get(text) == simdjson::SUCCESS) {
        job.id = std::string(text);
    } else if (item["jobId"].get(numeric_id) == simdjson::SUCCESS) {
        job.id = std::to_string(numeric_id);
    } else {
        job.id = store.new_milvus_id();
    }
    job.collection = "scenario";
    const bool ok = optional_member(item, "collectionName", job.collection, error) &&
                    optional_member(item, "database", job.database, error) &&
                    optional_member(item, "clusterId", job.cluster, error) &&
                    optional_member(item, "durationSeconds", job.duration_s, error) &&
                    optional_member(item, "elapsedSeconds", job.elapsed_s, error) &&
                    optional_member(item, "fail", job.fail, error) &&
                    optional_member(item, "reason", job.reason, error) &&
                    optional_member(item, "uncommitted", job.uncommitted, error);
    if (!ok) return false;
    simdjson::dom::array files;
    if (item["files"].get(files) != simdjson::SUCCESS || files.size() == 0) {
        error = "job " + job.id + " needs a non-empty \"files\" array";
        return false;
    }
    for (element f : files) {
        FileSpec file;
        if (!read_file(f, file, error)) return false;
        job.files.push_back(std::move(file));
    }
    store.add(std::move(job));
    return true;
}

}  // namespace

FileSpec synthesized_file(std::vector<std::string> paths) {
    std::string joined;
    for (const auto &p : paths) joined += p + '\n';
    const auto h = std::hash<std::string>{}(joined);
    FileSpec file;
    file.paths = std::move(paths);
    file.rows = 10000 * static_cast<int64_t>(1 + h % 20);
    file.size = file.rows * 33 + static_cast<int64_t>(h % 4096);
    return file;
}

void add_plain_jobs(JobStore &store, int64_t count, const std::string &collection) {
    for (int64_t i = 0; i < count; ++i) {
        JobSpec job;
        job.id = store.new_milvus_id();
        job.collection = collection;
        job.files.push_back(synthesized_file({collection + "-" + std::to_string(i) + ".parquet"}));
        store.add(std::move(job));
    }
}

std::string load_scenario(const std::string &path, JobStore &store) {
    simdjson::dom::parser parser;
    element root;
    if (auto err = parser.load(path).get(root)) return path + ": " + simdjson::error_message(err);
    simdjson::dom::array jobs;
    if (root["jobs"].get(jobs) != simdjson::SUCCESS) return path + ": expected {\"jobs\": [...]}";
    std::string error;
    for (element item : jobs) {
        if (!item.is_object()) return path + ": each job must be an object";
        if (!read_job(item, store, error)) return path + ": " + error;
    }
    return "";
}

}  // namespace emu
