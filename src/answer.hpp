// An HTTP answer -> the job, or the error it means (wire-protocol.md
// section 2): the JSON envelope decides whatever the HTTP status, and only a
// body that is no envelope falls back to the status.
#pragma once

#include <string>

#include "model.hpp"
#include "parse.hpp"
#include "transport.hpp"

namespace mip {

// `what` names the request in messages ("POST https://host/v2/...").
Result<Job> read_answer(const Response &response, JsonParser &parser, ParseRules rules, const std::string &what);

}  // namespace mip
