// SPDX-License-Identifier: Apache-2.0
// An HTTP reply -> the data it carries (a job, a page of a list), or the
// error it means (docs/wire-protocol.md section 2): the JSON envelope decides
// whatever the HTTP status, and only a body that is no envelope falls back
// to the status.
#pragma once

#include <string>

#include "model/error.hpp"
#include "net/transport.hpp"
#include "util/scrub.hpp"
#include "wire/parse.hpp"

namespace mip {

// The envelope of a success that carries data, else the error. `request`
// is named in messages ("POST https://host/v2/..."); `secrets` are kept out
// of the excerpts of bodies quoted in messages.
Result<Envelope> data_or_error(const HttpReply &reply, JsonParser &parser, ParseRules rules, const Request &request,
                               const Secrets &secrets);

}  // namespace mip
