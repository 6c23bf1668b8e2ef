// SPDX-License-Identifier: Apache-2.0
// Raw requests to mip-emulator for its own tests, and the few bits of its
// JSON answers they check: the wire as a client sees it, no library between.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>

#include <httplib.h>

#include "emulator_process.hpp"

namespace mip_test {

struct Answer {
    int status = 0;  // 0: no answer at all
    std::string body;
};

class EmulatorWire {
public:
    explicit EmulatorWire(const std::string &url) : client_(url) {
        // A bound against a hang only: every answer comes at once.
        client_.set_connection_timeout(kEmulatorHang);
        client_.set_read_timeout(kEmulatorHang);
        client_.set_write_timeout(kEmulatorHang);
    }

    Answer post(const std::string &path, const std::string &body, const httplib::Headers &headers = {}) {
        return answer_of(client_.Post(path.c_str(), headers, body, "application/json"));
    }
    Answer get(const std::string &path) { return answer_of(client_.Get(path.c_str())); }

    // Milvus's route for the job's progress, and the cloud's and cloud v1's.
    Answer milvus_progress(const std::string &id) { return post(kV2 + "describe", R"({"jobId":")" + id + R"("})"); }
    Answer cloud_progress(const std::string &cluster, const std::string &id) {
        return post(kV2 + "getProgress", R"({"clusterId":")" + cluster + R"(","jobId":")" + id + R"("})");
    }
    Answer v1_progress(const std::string &cluster, const std::string &id) {
        return get("/v1/vector/collections/import/get?clusterId=" + cluster + "&jobId=" + id);
    }

    static inline const std::string kV2 = "/v2/vectordb/jobs/import/";

private:
    static Answer answer_of(const httplib::Result &result) {
        if (!result) return {};
        return {result->status, result->body};
    }
    httplib::Client client_;
};

// The text of the first "key":"..." in a body, "" if none; with `last`,
// of the last one (Milvus sorts keys, so its job's "state" follows its
// details' own).
inline std::string text_field(const std::string &body, const std::string &key, bool last = false) {
    const std::string start = "\"" + key + "\":\"";
    const size_t from = last ? body.rfind(start) : body.find(start);
    if (from == std::string::npos) return "";
    const size_t begin = from + start.size();
    return body.substr(begin, body.find('"', begin) - begin);
}

// The envelope's code: the number after the first "code":.
inline int64_t code_of(const std::string &body) {
    const size_t at = body.find("\"code\":");
    if (at == std::string::npos) return -1;
    return std::strtoll(body.c_str() + at + 7, nullptr, 10);
}

// Asks again until `done` holds: at most 10,000 times and kEmulatorHang
// long, for states the emulator's simulated clock reaches in milliseconds.
inline bool eventually(const std::function<bool()> &done) {
    const auto give_up = std::chrono::steady_clock::now() + kEmulatorHang;
    for (int i = 0; i < 10000 && std::chrono::steady_clock::now() < give_up; ++i) {
        if (done()) return true;
    }
    return false;
}

}  // namespace mip_test
