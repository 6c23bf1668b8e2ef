// SPDX-License-Identifier: Apache-2.0
#include "net/endpoint.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <new>

#include "util/text.hpp"

namespace mip {

namespace {

struct UrlDeleter {
    void operator()(CURLU *u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
    void operator()(char *s) const { curl_free(s); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// One part of the URL, or null when it is absent. Out of memory is not
// "absent": a lost port would send the token to port 80.
CurlString part(CURLU *url, CURLUPart which) {
    char *value = nullptr;
    const CURLUcode rc = curl_url_get(url, which, &value, 0);
    if (rc == CURLUE_OUT_OF_MEMORY) throw std::bad_alloc();
    if (rc != CURLUE_OK) return nullptr;
    return CurlString(value);
}

std::string lower(std::string s) {
    for (char &c : s) c = ascii_lower(c);
    return s;
}

bool is_ascii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

bool is_loopback(const std::string &host) {
    if (host == "localhost" || host == "[::1]") return true;
    in_addr v4{};
    return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

// The endpoint as a message may quote it: whatever stands before an "@" in
// its authority (a user name and password) replaced by "***".
std::string without_credentials(std::string_view url) {
    const size_t scheme = url.find("://");
    const size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
    const size_t end = std::min(url.find_first_of("/?#", start), url.size());
    const size_t at = url.substr(0, end).rfind('@');
    if (at == std::string_view::npos || at < start) return std::string(url);
    return std::string(url.substr(0, start)) + "***" + std::string(url.substr(at));
}

}  // namespace

Result<Endpoint> parse_endpoint(std::string_view text) {
    if (text.empty()) return invalid_argument("no endpoint set");
    std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
    if (!url) throw std::bad_alloc();
    const std::string copy(text);
    const CURLUcode rc = curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), CURLU_DEFAULT_SCHEME);
    if (rc == CURLUE_OUT_OF_MEMORY) throw std::bad_alloc();
    if (rc != CURLUE_OK) {
        return invalid_argument("endpoint \"" + without_credentials(copy) +
                                "\" is not a valid URL: " + curl_url_strerror(rc));
    }
    Endpoint endpoint;
    const std::string scheme = lower(part(url.get(), CURLUPART_SCHEME).get());
    if (scheme != "http" && scheme != "https") {
        return invalid_argument("endpoint scheme must be http or https, not \"" + scheme + "\"");
    }
    endpoint.https = scheme == "https";
    if (part(url.get(), CURLUPART_USER) || part(url.get(), CURLUPART_PASSWORD)) {
        return invalid_argument("endpoint must not carry user:password@; set the token instead");
    }
    if (part(url.get(), CURLUPART_QUERY) || part(url.get(), CURLUPART_FRAGMENT)) {
        return invalid_argument("endpoint must not have a query string or fragment");
    }
    const CurlString host = part(url.get(), CURLUPART_HOST);
    if (!host || !*host.get()) return invalid_argument("endpoint has no host");
    // An international name must be given as its punycode ("xn--..."), what
    // DNS and TLS certificates hold: libcurl 7.88 cannot convert it reliably
    // (CURLU_PUNYCODE fails there), and a name sent as it was never resolves.
    if (!is_ascii(host.get())) {
        return invalid_argument("endpoint host \"" + std::string(host.get()) +
                                "\" is not ASCII: write an international name in its punycode form (xn--...)");
    }
    endpoint.host = lower(host.get());
    endpoint.loopback = is_loopback(endpoint.host);
    std::string authority = endpoint.host;
    if (const CurlString zone = part(url.get(), CURLUPART_ZONEID)) {  // "[fe80::1%25eth0]": the interface
        authority.insert(authority.size() - 1, std::string("%25") + zone.get());
    }

    endpoint.base = scheme + "://" + authority;
    if (const CurlString port = part(url.get(), CURLUPART_PORT)) {
        if (std::string_view(port.get()) == "0") return invalid_argument("endpoint port 0 cannot be connected to");
        endpoint.base.append(":").append(port.get());
    }
    const CurlString raw_path = part(url.get(), CURLUPART_PATH);
    std::string path = raw_path ? raw_path.get() : "";
    while (!path.empty() && path.back() == '/') path.pop_back();
    endpoint.base += path;
    return endpoint;
}

Api choose_api(const Endpoint &endpoint) {
    const std::string &h = endpoint.host;
    if (h.rfind("controller.api.", 0) == 0) return Api::CloudV1;
    if (h == "api.cloud.zilliz.com" || h == "api.cloud.zilliz.com.cn") return Api::Cloud;
    return Api::Milvus;
}

}  // namespace mip
