// SPDX-License-Identifier: Apache-2.0
// JSON -> Job: one pass over a response body with simdjson's On-Demand API,
// reading the envelope and the job with the loose typing real servers need
// (docs/wire-protocol.md sections 2-4).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/job.hpp"

namespace mip {

// One page of a list of jobs (docs/wire-protocol.md section 6): its records, as
// jobs whose strings live in `strings`, and what the server says of paging.
struct JobPage {
    StringArena strings;
    std::vector<Job> jobs;   // their own arenas stay empty
    size_t listed = 0;       // records the page held, before anyone filtered them
    int64_t count = -1;      // every record the server has; -1 when not sent
    int64_t page_size = -1;  // what the server used, which may be less than asked; -1 when not sent
};

// What a body says, before anyone decides whether it is a success.
struct Envelope {
    bool has_code = false;  // false: valid JSON object but no "code" key
    int64_t code = 0;
    std::string message;
    bool has_data = false;  // "data" was an object
    Job job;                // "data" read as a job, unless the rules ask for a page
    JobPage page;           // "data" read as a page of a list
};

struct ParseRules {
    // cloud-v1 sends no state: derive it from errorMessage, readyPercentage
    // and completeTime (docs/wire-protocol.md section 4).
    bool derive_state = false;
    // "data" is a page of a list: "records" (or cloud-v1's "tasks"), "count"
    // and "pageSize".
    bool page = false;
};

// Parses bodies. Keeps its buffers between calls, which is what makes
// parsing fast; one parser is used by one thread at a time.
class JsonParser {
public:
    // Bytes the parser reads past a body's end: a body with this much spare
    // capacity after it is parsed in place, without a copy.
    static constexpr size_t kPadding = 64;

    // `max_job_bytes` bounds the memory of a job's details, or of a page's
    // jobs: a body of empty ones would otherwise cost some twenty times its
    // size.
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
