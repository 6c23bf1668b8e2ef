// An HTTP answer -> the job, or the error it means (wire-protocol.md
// section 2): the JSON envelope decides whatever the HTTP status, and only a
// body that is no envelope falls back to the status.
#pragma once

#include <string>

#include "model.hpp"
#include "parse.hpp"
#include "scrub.hpp"
#include "transport.hpp"

namespace mip {

// `what` names the request in messages ("POST https://host/v2/...");
// `secrets` are kept out of the excerpts of bodies quoted in messages.
Result<Job> read_answer(const Response &response, JsonParser &parser, ParseRules rules, const std::string &what,
                        const Secrets &secrets);

}  // namespace mip
