// JSON -> Job: one pass over a response body with simdjson's On-Demand API,
// reading the envelope and the job with the loose typing real servers need
// (wire-protocol.md sections 2-4).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "error.hpp"
#include "job.hpp"

namespace mip {

// What a body says, before anyone decides whether it is a success.
struct Envelope {
    bool has_code = false;  // false: valid JSON object but no "code" key
    int64_t code = 0;
    std::string message;
    bool has_job = false;  // "data" was an object
    Job job;
};

struct ParseRules {
    // cloud-v1 sends no state: derive it from errorMessage, readyPercentage
    // and completeTime (wire-protocol.md section 4).
    bool derive_state = false;
};

// Parses bodies. Keeps its buffers between calls, which is what makes
// parsing fast; one parser is used by one thread at a time.
class JsonParser {
public:
    // Bytes the parser reads past a body's end: a body with this much spare
    // capacity after it is parsed in place, without a copy.
    static constexpr size_t kPadding = 64;

    // `max_job_bytes` bounds the memory of a job's details: a body of empty
    // details would otherwise cost some twenty times its size.
    explicit JsonParser(int64_t max_job_bytes);
    ~JsonParser();
    JsonParser(const JsonParser &) = delete;
    JsonParser &operator=(const JsonParser &) = delete;

    // `body` gains kPadding bytes of spare capacity when it lacks them (a
    // copy), but its contents are left alone. A body that is not a JSON object, or
    // whose fields have impossible types, is a Code::Protocol error naming the
    // field; a job over the memory bound is Code::ResponseTooLarge; running
    // out of memory is Code::NoMemory. A NUL inside a string becomes U+FFFD.
    Result<Envelope> parse(std::string &body, ParseRules rules);

    // Gives back memory after an unusually large body, so that one big
    // response does not pin tens of megabytes for the life of a client.
    void trim(size_t keep_capacity);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int64_t max_job_bytes_;
};

}  // namespace mip
