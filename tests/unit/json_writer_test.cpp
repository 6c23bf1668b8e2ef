// SPDX-License-Identifier: Apache-2.0
// The writer requests are written with places every comma itself, and
// writes strings as its escape says.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "wire/body.hpp"

namespace mip {
namespace {

TEST(JsonWriter, CommasOnlyBetweenMembers) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().field("a", "1").key("groups").begin_array();
    w.begin_array().value("x").value("y").end_array();
    w.begin_array().end_array();
    w.end_array().key("n").value(int64_t{-7}).key("empty").begin_object().end_object().key("none").null();
    w.end_object();
    EXPECT_EQ(out, R"({"a":"1","groups":[["x","y"],[]],"n":-7,"empty":{},"none":null})");
}

TEST(JsonWriter, WritesOntoTheEndOfItsString) {
    std::string out = "prefix ";
    JsonWriter(out).begin_array().value(int64_t{1}).value(int64_t{2}).end_array();
    EXPECT_EQ(out, "prefix [1,2]");
}

TEST(JsonWriter, RequestStringsAreEscapedAsServersReadThem) {
    std::string out;
    JsonWriter(out).begin_object().field("k\"", "a\\b\n\x01\xc3\xa9\x7f").end_object();
    EXPECT_EQ(out, "{\"k\\\"\":\"a\\\\b\\u000A\\u0001\xc3\xa9\x7f\"}");
}

TEST(JsonWriter, TheEscapeIsTheCallersChoice) {
    struct Upper {
        void operator()(std::string &out, std::string_view s) const {
            out += '"';
            for (char c : s) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
            out += '"';
        }
    };
    std::string out;
    BasicJsonWriter<Upper>(out).begin_object().field("key", "value").end_object();
    EXPECT_EQ(out, R"({"KEY":"VALUE"})");
}

TEST(JsonWriter, SixtyFourLevelsKeepEachLevelsCommas) {
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    for (int i = 0; i < 63; ++i) w.begin_array().value(int64_t{i});
    for (int i = 0; i < 63; ++i) w.end_array().value(int64_t{i});
    w.end_array();
    std::string expected = "[";
    for (int i = 0; i < 63; ++i) expected += (i ? ",[" : "[") + std::to_string(i);
    for (int i = 0; i < 63; ++i) expected += "]," + std::to_string(i);
    EXPECT_EQ(out, expected + "]");
}

}  // namespace
}  // namespace mip
