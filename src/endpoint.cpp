#include "endpoint.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <memory>
#include <new>

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
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

bool is_loopback(const std::string &host) {
    if (host == "localhost" || host == "[::1]") return true;
    in_addr v4{};
    return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

Error invalid(std::string message) { return make_error(Code::InvalidArgument, std::move(message)); }

}  // namespace

Result<Endpoint> parse_endpoint(std::string_view text) {
    if (text.empty()) return invalid("no endpoint set");
    std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
    if (!url) throw std::bad_alloc();
    const std::string copy(text);
    const CURLUcode rc = curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), CURLU_DEFAULT_SCHEME);
    if (rc == CURLUE_OUT_OF_MEMORY) throw std::bad_alloc();
    if (rc != CURLUE_OK) {
        return invalid("endpoint \"" + copy + "\" is not a valid URL: " + curl_url_strerror(rc));
    }
    Endpoint endpoint;
    const std::string scheme = lower(part(url.get(), CURLUPART_SCHEME).get());
    if (scheme != "http" && scheme != "https") {
        return invalid("endpoint scheme must be http or https, not \"" + scheme + "\"");
    }
    endpoint.https = scheme == "https";
    if (part(url.get(), CURLUPART_USER) || part(url.get(), CURLUPART_PASSWORD)) {
        return invalid("endpoint must not carry user:password@; set the token instead");
    }
    if (part(url.get(), CURLUPART_QUERY) || part(url.get(), CURLUPART_FRAGMENT)) {
        return invalid("endpoint must not have a query string or fragment");
    }
    const CurlString host = part(url.get(), CURLUPART_HOST);
    if (!host || !*host.get()) return invalid("endpoint has no host");
    endpoint.host = lower(host.get());
    endpoint.loopback = is_loopback(endpoint.host);

    endpoint.base = scheme + "://" + endpoint.host;
    if (const CurlString port = part(url.get(), CURLUPART_PORT)) endpoint.base.append(":").append(port.get());
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
