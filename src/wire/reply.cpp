// SPDX-License-Identifier: Apache-2.0
#include "wire/reply.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace mip {

namespace {

// `needle` in lower case.
bool contains_ignoring_case(const std::string &haystack, const std::string &needle) {
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return ascii_lower(a) == b; });
    return it != haystack.end();
}

// A short, printable excerpt of a body that is not JSON, for the message:
// an HTML page's <title> when it has one ("502 Bad Gateway"), else its start.
// Secrets are scrubbed from the raw text first: once it is cut, or its bytes
// rewritten, a secret echoed in it could no longer be found.
std::string excerpt(const std::string &body, const Secrets &secrets) {
    constexpr size_t kMax = 120;
    // Enough raw text for kMax characters after runs of spaces collapse,
    // and for a secret that straddles the cut.
    constexpr size_t kRawWindow = 4096;
    std::string_view text = body;
    const size_t open = body.find("<title>");
    if (open != std::string::npos) {
        const size_t close = body.find("</title>", open);
        if (close != std::string::npos) text = text.substr(open + 7, close - open - 7);
    }
    std::string raw(text.substr(0, kRawWindow + secrets.longest()));
    secrets.scrub_server_text(raw);
    std::string out;
    for (const char ch : raw) {
        if (out.size() >= kMax) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(ch);
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c < 0x20 || c >= 0x7F ? '?' : ch);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// A status with a body that is no envelope: a proxy's page, gin's 404 text.
Error plain_http_error(int status, const std::string &body, const std::string &what, const Secrets &secrets) {
    Code code = Code::Http;
    if (status == 401 || status == 403) code = Code::Auth;
    if (status == 408) code = Code::Timeout;
    if (status == 429) code = Code::RateLimited;
    std::string message = what + ": HTTP " + std::to_string(status);
    const std::string text = excerpt(body, secrets);
    if (!text.empty()) message += ": " + text;
    return make_error(code, std::move(message), status);
}

Code code_for_server_code(int64_t server_code, const std::string &message, int http_status) {
    // 401 and 403 refuse the caller, whatever the body goes on to say.
    if (http_status == 401 || http_status == 403) return Code::Auth;
    switch (server_code) {
        case 1800:
        case 1400:
        case 1401:
        case 21119:
        case 40022:
        case 80020: return Code::Auth;
        case 90144:
        case 40021:
        case 90102: return Code::NotFound;
        case 1807: return Code::RateLimited;
        case 10001: return Code::Timeout;
        case 2100:  // "import failed", but also a job that was never there or was collected
            if (contains_ignoring_case(message, "does not exist")) return Code::NotFound;
            break;
        default: break;
    }
    // Servers run with standard error statuses say it with the status too.
    if (http_status == 429) return Code::RateLimited;
    if (http_status == 408) return Code::Timeout;
    return Code::Server;
}

}  // namespace

Result<Envelope> data_or_error(const HttpReply &reply, JsonParser &parser, ParseRules rules, const Request &request,
                               const Secrets &secrets) {
    // Named in failures only: a success never pays for the text.
    const auto what = [&request] { return request_line(request); };
    const int status = reply.status;
    std::string &body = *reply.body;
    if (status >= 300 && status < 400) {
        return make_error(Code::Http, what() + ": HTTP " + std::to_string(status) + " redirect, not followed", status);
    }
    const bool http_ok = status >= 200 && status < 300;
    Result<Envelope> parsed = parser.parse(body, rules);
    if (!parsed.ok()) {
        Error &e = parsed.error();
        secrets.scrub_server_text(e.message);  // it may quote the body's keys
        if (e.code == Code::NoMemory) return e;
        if (e.code == Code::ResponseTooLarge) return make_error(e.code, what() + ": " + e.message, status);
        if (!http_ok) return plain_http_error(status, body, what(), secrets);
        return make_error(Code::Protocol,
                          what() + ": HTTP " + std::to_string(status) + " with a body that is not the expected JSON (" +
                              e.message + "): " + excerpt(body, secrets),
                          status);
    }
    Envelope &envelope = parsed.value();
    if (!envelope.has_code) {
        if (!http_ok) return plain_http_error(status, body, what(), secrets);
        return make_error(Code::Protocol, what() + ": JSON without a \"code\" field: " + excerpt(body, secrets),
                          status);
    }
    const int64_t code = envelope.code;
    const bool success = code == 0 || code == 200;
    // A failing status with a success envelope is a failure all the same:
    // the status is the one thing every proxy and server agrees on. It is
    // the server's answer, not a page in front of it (MIP_ERR_SERVER, not
    // MIP_ERR_HTTP), and a job it names is kept: a create answered so may
    // well have made it.
    if (success && !http_ok) {
        Code failure = Code::Server;
        if (status == 401 || status == 403) failure = Code::Auth;
        if (status == 429) failure = Code::RateLimited;
        Error error =
            make_error(failure, what() + ": HTTP " + std::to_string(status) + " with a success envelope", status, code);
        if (envelope.has_data && *envelope.job.id != '\0') {
            error.job_id = envelope.job.id;
            secrets.scrub_server_text(error.job_id);
            error.message += " naming job " + error.job_id;
        }
        return error;
    }
    if (success && envelope.has_data) return std::move(envelope);
    if (success) {
        // {"code":200,"message":"The token is illegal."}: a "success" without data is a failure.
        secrets.scrub_server_text(envelope.message);
        if (envelope.message.empty())
            return make_error(Code::Protocol, what() + ": success code without a \"data\" object", status, code);
        return make_error(Code::Server,
                          what() + ": server code " + std::to_string(code) + " without data: " + envelope.message,
                          status, code);
    }
    secrets.scrub_server_text(envelope.message);
    std::string message = what() + ": server code " + std::to_string(code);
    if (!envelope.message.empty()) message += ": " + envelope.message;
    if (!http_ok) message += " (HTTP " + std::to_string(status) + ")";
    return make_error(code_for_server_code(code, envelope.message, status), std::move(message), status, code);
}

}  // namespace mip
