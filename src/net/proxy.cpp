// SPDX-License-Identifier: Apache-2.0
#include "net/proxy.hpp"

#include <cstdlib>
#include <initializer_list>

namespace mip {

namespace {

// The first of `names` set to something non-empty, or "".
std::string first_set(std::initializer_list<const char *> names) {
    for (const char *name : names) {
        const char *value = std::getenv(name);
        if (value && *value) return value;
    }
    return "";
}

}  // namespace

ProxyChoice choose_proxy(const std::string &option, bool https, bool direct) {
    if (direct) return {"", "*"};
    ProxyChoice choice;
    choice.proxy = !option.empty() ? option
                   : https         ? first_set({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
                                   : first_set({"http_proxy", "all_proxy", "ALL_PROXY"});
    choice.no_proxy = first_set({"no_proxy", "NO_PROXY"});
    return choice;
}

}  // namespace mip
