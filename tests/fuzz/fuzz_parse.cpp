// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes as a response body, through the JSON parser
// with both parse rules and through the answer reader with a few HTTP
// statuses. Besides the sanitizers' findings it checks the promises the C
// API makes about a job, so a wrong value is a crash too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "model/options.hpp"
#include "wire/parse.hpp"
#include "wire/reply.hpp"

namespace {

// Reading every byte of a string up to its NUL lets ASan see a string that
// points into freed or foreign memory; the sum keeps the reads alive.
volatile size_t g_sink;

void require(bool promise) {
    if (!promise) std::abort();
}

void touch(const char *s) {
    require(s != nullptr);  // mip.h: strings are never NULL
    size_t sum = 0;
    for (const char *p = s; *p; ++p) sum += static_cast<unsigned char>(*p);
    g_sink = g_sink + sum;
}

bool valid_state(mip::State s) { return s >= mip::State::Unknown && s <= mip::State::Committing; }
bool valid_count(int64_t n) { return n >= -1; }  // -1 = unreported; negative counts read as unknown
bool valid_progress(int p) { return p >= -1 && p <= 100; }

void check_job(const mip::Job &job) {
    for (const char *s :
         {job.id, job.collection_name, job.file_name, job.state_text, job.create_time, job.complete_time, job.reason}) {
        touch(s);
    }
    require(valid_state(job.state));
    require(valid_progress(job.progress));
    require(valid_count(job.imported_rows) && valid_count(job.total_rows) && valid_count(job.file_size));
    for (const mip::Detail &d : job.details) {
        for (const char *s : {d.file_name, d.state_text, d.complete_time, d.reason}) touch(s);
        require(valid_state(d.state));
        require(valid_progress(d.progress));
        require(valid_count(d.imported_rows) && valid_count(d.total_rows) && valid_count(d.file_size));
    }
}

// Every job of a page, and what paging relies on: a count is a count.
void check_page(const mip::JobPage &page) {
    for (const mip::Job &job : page.jobs) check_job(job);
    require(page.listed == page.jobs.size());
    require(page.count >= -1 && page.page_size >= -1);
}

void check_envelope(const mip::Envelope &envelope, mip::ParseRules rules) {
    g_sink = g_sink + envelope.message.size();
    if (!envelope.has_data) return;
    if (rules.page) {
        check_page(envelope.page);
    } else {
        check_job(envelope.job);
    }
}

void check_error(const mip::Error &e) {
    require(e.code != mip::Code::Ok);
    g_sink = g_sink + e.message.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    // One parser for every input, as a client's worker keeps one: state left
    // behind by an earlier body must not leak into the next.
    static mip::JsonParser parser{mip::kDefaults.max_response_bytes};
    const std::string input(reinterpret_cast<const char *>(data), size);

    // Excerpts of bodies are scrubbed of the client's secrets.
    static const mip::Secrets secrets("secret-token-for-fuzzing");
    static const mip::Request kRequest = [] {
        mip::Request r;
        r.post = true;
        r.url = "http://fuzz/describe";
        return r;
    }();
    // Every kind of answer: a job (progress, create), a job without state
    // (cloud-v1) and a page of a list of either.
    for (const bool page : {false, true}) {
        for (const bool derive_state : {false, true}) {
            mip::ParseRules rules;
            rules.derive_state = derive_state;
            rules.page = page;
            std::string body = input;
            mip::Result<mip::Envelope> parsed = parser.parse(body, rules);
            if (parsed.ok()) {
                check_envelope(parsed.value(), rules);
            } else {
                const mip::Code code = parsed.error().code;
                require(code == mip::Code::Protocol || code == mip::Code::NoMemory ||
                        code == mip::Code::ResponseTooLarge);
            }
            require(body == input);  // parse() promises to leave the body's contents alone

            // The envelope decides whatever the status; a body that is not one
            // falls back to the status (docs/wire-protocol.md section 2).
            for (const int status : {200, 404, 502}) {
                std::string answer_body = input;
                mip::HttpReply response;
                response.status = status;
                response.body = &answer_body;
                mip::Result<mip::Envelope> answer = mip::data_or_error(response, parser, rules, kRequest, secrets);
                if (answer.ok()) {
                    check_envelope(answer.value(), rules);
                } else {
                    check_error(answer.error());
                }
            }
        }
    }
    return 0;
}
