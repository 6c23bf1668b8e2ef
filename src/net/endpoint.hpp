// SPDX-License-Identifier: Apache-2.0
// The endpoint URL a user gives, checked and taken apart once, when the
// client is created.
#pragma once

#include <string>
#include <string_view>

#include "model/error.hpp"
#include "model/options.hpp"

namespace mip {

struct Endpoint {
    std::string base;  // "https://host[:port][/prefix]", never ending in "/"
    std::string host;  // lower case; IPv6 in brackets
    bool https = true;
    bool loopback = false;  // 127.0.0.0/8, ::1 or localhost
};

// Accepts "https://host[:port][/prefix]", "http://..." and, like pymilvus,
// a bare "host[:port]" meaning https. Refuses other schemes, user:password@
// (credentials belong in the token, where they are kept out of messages),
// query strings and fragments.
Result<Endpoint> parse_endpoint(std::string_view url);

// The flavor MIP_API_AUTO means for this endpoint (docs/wire-protocol.md section 1).
Api choose_api(const Endpoint &endpoint);

}  // namespace mip
