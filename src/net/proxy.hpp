// SPDX-License-Identifier: Apache-2.0
// Which proxy a client's requests go through: the one the caller set, else
// the one the environment names, as libcurl reads it (libcurl-env(3)), but
// read once, when the client is made. Left to libcurl, the environment is
// read again on every transfer: five getenv calls, scanning the whole
// environment each time, on every call's path.
#pragma once

#include <string>

namespace mip {

struct ProxyChoice {
    std::string proxy;     // "" for none
    std::string no_proxy;  // hosts that bypass it, as in NO_PROXY; "*" for all
};

// `option`: the caller's proxy ("" when unset). `https`: the endpoint's
// scheme, which decides the variable: http_proxy (lower case only, as
// libcurl reads it) or https_proxy / HTTPS_PROXY, then all_proxy /
// ALL_PROXY; no_proxy / NO_PROXY apply either way. `direct`: no proxy at
// all, whatever is set.
ProxyChoice choose_proxy(const std::string &option, bool https, bool direct);

}  // namespace mip
