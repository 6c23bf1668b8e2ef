// An HTTP reply -> the job, or the error it means (wire-protocol.md
// section 2): the JSON envelope decides whatever the HTTP status, and only a
// body that is no envelope falls back to the status.
#pragma once

#include <string>

#include "error.hpp"
#include "job.hpp"
#include "parse.hpp"
#include "scrub.hpp"
#include "transport.hpp"

namespace mip {

// `request` is named in messages ("POST https://host/v2/..."); `secrets`
// are kept out of the excerpts of bodies quoted in messages.
Result<Job> job_or_error(const HttpReply &reply, JsonParser &parser, ParseRules rules, const Request &request,
                         const Secrets &secrets);

}  // namespace mip
