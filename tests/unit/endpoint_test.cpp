// SPDX-License-Identifier: Apache-2.0
// Endpoint URLs: schemes, trailing slashes, prefixes, loopback, and the
// flavor MIP_API_AUTO picks from the host.
#include <gtest/gtest.h>

#include "net/endpoint.hpp"
#include "util/text.hpp"
#include "wire/body.hpp"

namespace mip {
namespace {

Endpoint endpoint(const char *url) {
    Result<Endpoint> r = parse_endpoint(url);
    EXPECT_TRUE(r.ok()) << url << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : Endpoint{};
}

TEST(Endpoint, SchemeDefaultsToHttps) {
    Endpoint e = endpoint("controller.api.gcp-us-west1.zillizcloud.com");
    EXPECT_EQ(e.base, "https://controller.api.gcp-us-west1.zillizcloud.com");
    EXPECT_TRUE(e.https);
    EXPECT_EQ(endpoint("localhost:19530").base, "https://localhost:19530");
}

TEST(Endpoint, TrailingSlashesAndPrefixes) {
    EXPECT_EQ(endpoint("http://host:19530/").base, "http://host:19530");
    EXPECT_EQ(endpoint("http://host:19530//").base, "http://host:19530");
    EXPECT_EQ(endpoint("https://gw.example.com/milvus/").base, "https://gw.example.com/milvus");
    EXPECT_EQ(endpoint("HTTPS://API.Cloud.Zilliz.COM").base, "https://api.cloud.zilliz.com");
}

TEST(Endpoint, Loopback) {
    EXPECT_TRUE(endpoint("http://localhost:1").loopback);
    EXPECT_TRUE(endpoint("http://127.0.0.1:1").loopback);
    EXPECT_TRUE(endpoint("http://127.255.0.9").loopback);
    EXPECT_TRUE(endpoint("http://[::1]:8080").loopback);
    EXPECT_FALSE(endpoint("http://128.0.0.1").loopback);
    EXPECT_FALSE(endpoint("http://localhost.example.com").loopback);
    EXPECT_FALSE(endpoint("http://10.0.0.1").loopback);
}

TEST(Endpoint, Refused) {
    for (const char *bad : {"", "ftp://host", "file:///etc/passwd", "https://user:pw@host", "https://host/?a=1",
                            "https://host/#frag", "http://"}) {
        Result<Endpoint> r = parse_endpoint(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, Code::InvalidArgument) << bad;
    }
    EXPECT_EQ(parse_endpoint("https://user:secret@host").error().message.find("secret"), std::string::npos);
}

TEST(Endpoint, AutoChoosesByHost) {
    EXPECT_EQ(choose_api(endpoint("https://controller.api.gcp-us-west1.zillizcloud.com")), Api::CloudV1);
    EXPECT_EQ(choose_api(endpoint("https://api.cloud.zilliz.com")), Api::Cloud);
    EXPECT_EQ(choose_api(endpoint("https://api.cloud.zilliz.com.cn/")), Api::Cloud);
    EXPECT_EQ(choose_api(endpoint("https://in01-abc.api.gcp-us-west1.zillizcloud.com")), Api::Milvus);
    EXPECT_EQ(choose_api(endpoint("http://localhost:19530")), Api::Milvus);
    EXPECT_EQ(choose_api(endpoint("https://api.cloud.zilliz.com.evil.example")), Api::Milvus);
}

TEST(RequestText, JsonStringsAreEscaped) {
    std::string out;
    append_json_string(out, "a\"b\\c\n\x01\xc3\xa9");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\u000A\\u0001\xc3\xa9\"");
}

TEST(RequestText, UrlValuesAreEncoded) {
    std::string out;
    append_url_encoded(out, "job 1&x=2/\xc3\xa9~._-");
    EXPECT_EQ(out, "job%201%26x%3D2%2F%C3%A9~._-");
}

TEST(RequestText, CleanText) {
    EXPECT_TRUE(is_clean_text("job-01fa0e5d42cjxudhpuehyp"));
    EXPECT_TRUE(is_clean_text("caf\xc3\xa9"));
    EXPECT_FALSE(is_clean_text("a\r\nInjected: 1"));
    EXPECT_FALSE(is_clean_text("\xff"));
    EXPECT_FALSE(is_clean_text(std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace mip
