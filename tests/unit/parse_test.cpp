// SPDX-License-Identifier: Apache-2.0
// Response bodies -> Envelope/Job: every variant of docs/wire-protocol.md
// sections 2-4 and the seed documents' examples.
#include <gtest/gtest.h>

#include <string>

#include "wire/parse.hpp"

namespace mip {
namespace {

// Far above any job below.
constexpr int64_t kJobLimit = int64_t{64} << 20;

Result<Envelope> parse(std::string body, ParseRules rules = {}) {
    JsonParser parser{kJobLimit};
    return parser.parse(body, rules);
}

Job job_of(std::string body, ParseRules rules = {}) {
    Result<Envelope> r = parse(std::move(body), rules);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return Job{};
    EXPECT_TRUE(r.value().has_data);
    return std::move(r.value().job);
}

std::string protocol_error(std::string body, ParseRules rules = {}) {
    Result<Envelope> r = parse(std::move(body), rules);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(r.error().code, Code::Protocol);
    return r.error().message;
}

// The REST v2 reference's example response (seed 002), keys as Milvus sorts them.
TEST(Parse, MilvusSeedExample) {
    Job job = job_of(R"({
        "code": 0,
        "data": {
            "collectionName": "quick_setup",
            "completeTime": "2024-04-01T06:17:55Z",
            "details": [
                {
                    "completeTime": "2024-04-01T06:17:53Z",
                    "fileName": "id:448761313698322012 paths:\"a6fb2d1c-7b1b-427c-a8a3-178944e3b66d/1.parquet\" ",
                    "fileSize": 3279917,
                    "importedRows": 100000,
                    "progress": 100,
                    "state": "Completed",
                    "totalRows": 100000
                }
            ],
            "fileSize": 3279917,
            "importedRows": 100000,
            "jobId": "448761313698322011",
            "progress": 100,
            "state": "Completed",
            "totalRows": 100000
        }
    })");
    EXPECT_STREQ(job.id, "448761313698322011");
    EXPECT_STREQ(job.collection_name, "quick_setup");
    EXPECT_STREQ(job.complete_time, "2024-04-01T06:17:55Z");
    EXPECT_EQ(job.state, State::Completed);
    EXPECT_STREQ(job.state_text, "Completed");
    EXPECT_EQ(job.progress, 100);
    EXPECT_EQ(job.imported_rows, 100000);
    EXPECT_EQ(job.total_rows, 100000);
    EXPECT_EQ(job.file_size, 3279917);
    EXPECT_STREQ(job.reason, "");       // milvus omits the key
    EXPECT_STREQ(job.file_name, "");    // not sent by milvus
    EXPECT_STREQ(job.create_time, "");  // newest Milvus only
    ASSERT_EQ(job.details.size(), 1u);
    const Detail &d = job.details[0];
    EXPECT_STREQ(d.file_name, "id:448761313698322012 paths:\"a6fb2d1c-7b1b-427c-a8a3-178944e3b66d/1.parquet\" ");
    EXPECT_EQ(d.state, State::Completed);
    EXPECT_EQ(d.progress, 100);
    EXPECT_EQ(d.imported_rows, 100000);
    EXPECT_EQ(d.total_rows, 100000);
    EXPECT_EQ(d.file_size, 3279917);
    EXPECT_STREQ(d.complete_time, "2024-04-01T06:17:53Z");
}

// pymilvus's get_import_progress example for cloud v1 (seed 001).
TEST(Parse, CloudV1SeedExample) {
    Job job = job_of(R"({
        "code": 200,
        "data": {
            "collectionName": "medium_articles",
            "fileName": "folder/1/",
            "fileSize": 26571700,
            "readyPercentage": 1,
            "completeTime": "2023-10-28T06:51:49Z",
            "errorMessage": null,
            "jobId": "9d0bc230-6b99-4739-a872-0b91cfe2515a",
            "details": [
                {
                    "fileName": "folder/1/",
                    "fileSize": 26571700,
                    "readyPercentage": 1,
                    "completeTime": "2023-10-28T06:51:49Z",
                    "errorMessage": null
                }
            ]
        }
    })",
                     ParseRules{true});
    EXPECT_STREQ(job.id, "9d0bc230-6b99-4739-a872-0b91cfe2515a");
    EXPECT_STREQ(job.file_name, "folder/1/");
    EXPECT_EQ(job.file_size, 26571700);
    EXPECT_EQ(job.progress, 100);
    EXPECT_EQ(job.state, State::Completed);
    EXPECT_STREQ(job.state_text, "");  // derived, not sent
    EXPECT_STREQ(job.reason, "");
    EXPECT_EQ(job.imported_rows, -1);
    ASSERT_EQ(job.details.size(), 1u);
    EXPECT_EQ(job.details[0].state, State::Completed);
    EXPECT_EQ(job.details[0].progress, 100);
}

TEST(Parse, CloudV2ShapeWithEmptyReason) {
    Job job = job_of(R"({"code":0,"data":{"jobId":"job-01fa0e5d42cjxudhpuehyp","collectionName":"c",
        "fileName":"a/1.parquet","fileSize":10,"state":"Importing","progress":42,"totalRows":5,"reason":"",
        "details":[{"fileName":"a/1.parquet","fileSize":10,"state":"Importing","progress":42,"totalRows":5,"reason":""}]}})");
    EXPECT_STREQ(job.id, "job-01fa0e5d42cjxudhpuehyp");
    EXPECT_EQ(job.state, State::Importing);
    EXPECT_EQ(job.progress, 42);
    EXPECT_STREQ(job.reason, "");
    EXPECT_EQ(job.imported_rows, -1);  // not in the cloud schema
}

TEST(Parse, NumericJobIdKeepsAllDigits) {
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"jobId":44870776388440916}})").id, "44870776388440916");
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"jobId":18446744073709551615 }})").id, "18446744073709551615");
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"jobId":123456789012345678901234567890}})").id,
                 "123456789012345678901234567890");
}

TEST(Parse, IntegersArriveAsNumbersStringsFloatsOrNull) {
    Job job = job_of(R"({"code":0,"data":{"importedRows":"100000","totalRows":100000.0,"fileSize":null,
        "details":[{"importedRows":"7","totalRows":"","fileSize":"1e3","progress":"45"}]}})");
    EXPECT_EQ(job.imported_rows, 100000);
    EXPECT_EQ(job.total_rows, 100000);
    EXPECT_EQ(job.file_size, -1);
    ASSERT_EQ(job.details.size(), 1u);
    EXPECT_EQ(job.details[0].imported_rows, 7);
    EXPECT_EQ(job.details[0].total_rows, -1);
    EXPECT_EQ(job.details[0].file_size, 1000);
    EXPECT_EQ(job.details[0].progress, 45);
}

TEST(Parse, SixtyFourBitCountsAreExact) {
    Job job = job_of(R"({"code":0,"data":{"fileSize":9223372036854775807,"totalRows":"9007199254740993"}})");
    EXPECT_EQ(job.file_size, INT64_MAX);
    EXPECT_EQ(job.total_rows, 9007199254740993);  // 2^53 + 1: a double would lose it
}

TEST(Parse, NegativeCountsMeanUnknown) {
    EXPECT_EQ(job_of(R"({"code":0,"data":{"fileSize":-1,"totalRows":"-5"}})").file_size, -1);
}

TEST(Parse, ImpossibleIntegersAreProtocolErrorsNamingTheField) {
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"totalRows":"abc"}})").find("data.totalRows"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"details":[{},{"importedRows":12.5}]}})")
                  .find("data.details[1].importedRows"),
              std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"fileSize":1e30}})").find("out of range"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"fileSize":18446744073709551615}})").find("out of range"),
              std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"fileSize":{"a":1}}})").find("an object"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"state":["Completed"]}})").find("data.state"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"details":{}}})").find("data.details"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":0,"data":{"details":[1]}})").find("data.details[0]"), std::string::npos);
}

TEST(Parse, ProgressIsClampedAndFloored) {
    EXPECT_EQ(job_of(R"({"code":0,"data":{"progress":150}})").progress, 100);
    EXPECT_EQ(job_of(R"({"code":0,"data":{"progress":-5}})").progress, 0);
    EXPECT_EQ(job_of(R"({"code":0,"data":{"progress":"45.9"}})").progress, 45);
    EXPECT_EQ(job_of(R"({"code":0,"data":{"progress":null}})").progress, -1);
    EXPECT_EQ(job_of(R"({"code":0,"data":{}})").progress, -1);
}

TEST(Parse, ReadyPercentageFractionOrPercent) {
    const ParseRules v1{true};
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0.29}})", v1).progress, 29);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0.5}})", v1).progress, 50);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":1.0}})", v1).progress, 100);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":45}})", v1).progress, 45);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":100}})", v1).progress, 100);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":250}})", v1).progress, 100);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":"0.75"}})", v1).progress, 75);
}

TEST(Parse, CloudV1StateIsDerived) {
    const ParseRules v1{true};
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0}})", v1).state, State::Pending);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0.3}})", v1).state, State::Importing);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":1}})", v1).state, State::Completed);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0.3,"completeTime":"2023-10-28T06:51:49Z"}})", v1).state,
              State::Completed);
    EXPECT_EQ(job_of(R"({"code":200,"data":{"readyPercentage":0.5,"completeTime":null}})", v1).state, State::Importing);
    Job failed = job_of(R"({"code":200,"data":{"readyPercentage":0.3,"errorMessage":"bad row 7"}})", v1);
    EXPECT_EQ(failed.state, State::Failed);
    EXPECT_STREQ(failed.reason, "bad row 7");
    EXPECT_EQ(job_of(R"({"code":200,"data":{}})", v1).state, State::Unknown);
    Job details = job_of(R"({"code":200,"data":{"readyPercentage":0.5,"details":[
        {"readyPercentage":1},{"readyPercentage":0},{"readyPercentage":0.2,"errorMessage":"x"}]}})",
                         v1);
    ASSERT_EQ(details.details.size(), 3u);
    EXPECT_EQ(details.details[0].state, State::Completed);
    EXPECT_EQ(details.details[1].state, State::Pending);
    EXPECT_EQ(details.details[2].state, State::Failed);
    // Without the cloud-v1 rule, a missing state stays unknown.
    EXPECT_EQ(job_of(R"({"code":0,"data":{"readyPercentage":1}})").state, State::Unknown);
}

TEST(Parse, StatesAreAnOpenSetMatchedIgnoringCase) {
    const std::pair<const char *, State> cases[] = {
        {"Pending", State::Pending},
        {"Importing", State::Importing},
        {"InProgress", State::Importing},
        {"ImportRunning", State::Importing},
        {"PreImporting", State::Importing},
        {"Sorting", State::Importing},
        {"IndexBuilding", State::Importing},
        {"Retry", State::Importing},
        {"Completed", State::Completed},
        {"ImportCompleted", State::Completed},
        {"Failed", State::Failed},
        {"ImportFailed", State::Failed},
        {"Uncommitted", State::Uncommitted},
        {"Committing", State::Committing},
        {"COMPLETED", State::Completed},
        {"importrunning", State::Importing},
        {"None", State::Unknown},
        {"Exploding", State::Unknown},
        {"", State::Unknown},
    };
    for (const auto &[text, state] : cases) {
        Job job = job_of(std::string(R"({"code":0,"data":{"state":")") + text + R"("}})");
        EXPECT_EQ(job.state, state) << text;
        EXPECT_STREQ(job.state_text, text);  // the raw text is kept
    }
}

TEST(Parse, ReasonAndErrorMessageMerge) {
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"state":"Failed","progress":0,"reason":"no such file"}})").reason,
                 "no such file");
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"reason":"","errorMessage":"quota"}})").reason, "quota");
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"reason":"first","errorMessage":"second"}})").reason, "first");
    EXPECT_STREQ(job_of(R"({"code":0,"data":{"errorMessage":null}})").reason, "");
}

TEST(Parse, EnvelopeCodeAsNumberOrString) {
    for (const char *body : {R"({"code":0,"data":{}})", R"({"code":"0","data":{}})", R"({"code":200,"data":{}})",
                             R"({"code":"200","data":{}})", R"({"code":200.0,"data":{}})"}) {
        Result<Envelope> r = parse(body);
        ASSERT_TRUE(r.ok()) << body;
        EXPECT_TRUE(r.value().has_code);
        EXPECT_TRUE(r.value().code == 0 || r.value().code == 200) << body;
    }
    EXPECT_NE(protocol_error(R"({"code":"zero"})").find("code"), std::string::npos);
    EXPECT_NE(protocol_error(R"({"code":true})").find("code"), std::string::npos);
}

TEST(Parse, ErrorEnvelope) {
    Result<Envelope> r = parse(R"({"code":1800,"message":"user hasn't authenticated"})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().code, 1800);
    EXPECT_EQ(r.value().message, "user hasn't authenticated");
    EXPECT_FALSE(r.value().has_data);
}

TEST(Parse, KeysInAnyOrderUnknownFieldsAndNestingIgnored) {
    Result<Envelope> r = parse(R"({"data":{"extra":{"deep":[1,{"x":[[[]]]}]},"state":"Importing","progress":40,
        "details":[{"nested":{"progress":1},"progress":30}],"more":null},"requestId":"abc","code":0})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().code, 0);
    const Job &job = r.value().job;
    EXPECT_EQ(job.state, State::Importing);
    EXPECT_EQ(job.progress, 40);
    ASSERT_EQ(job.details.size(), 1u);
    EXPECT_EQ(job.details[0].progress, 30);
}

TEST(Parse, NullsAndAbsentFieldsAreNeutral) {
    Job job = job_of(R"({"code":0,"data":{"jobId":null,"collectionName":null,"state":null,"completeTime":null,
        "details":null}})");
    EXPECT_STREQ(job.id, "");
    EXPECT_STREQ(job.collection_name, "");
    EXPECT_EQ(job.state, State::Unknown);
    EXPECT_STREQ(job.complete_time, "");
    EXPECT_TRUE(job.details.empty());
    EXPECT_EQ(job_of(R"({"code":0,"data":{"details":[null,{"progress":5}]}})").details.size(), 1u);
}

TEST(Parse, EscapedStringsAreUnescaped) {
    Job job = job_of(R"({"code":0,"data":{"collectionName":"caf\u00e9 \"q\"","reason":"line\nbreak"}})");
    EXPECT_STREQ(job.collection_name, "caf\xc3\xa9 \"q\"");
    EXPECT_STREQ(job.reason, "line\nbreak");
}

TEST(Parse, DataThatIsNoObjectMeansNoJob) {
    for (const char *body :
         {R"({"code":0})", R"({"code":0,"data":null})", R"({"code":0,"data":[]})", R"({"code":0,"data":"x"})"}) {
        Result<Envelope> r = parse(body);
        ASSERT_TRUE(r.ok()) << body;
        EXPECT_FALSE(r.value().has_data) << body;
    }
}

TEST(Parse, BodiesThatAreNotOurJson) {
    protocol_error("");
    protocol_error("404 page not found");
    protocol_error("<html><title>502 Bad Gateway</title></html>");
    protocol_error("[1,2]");
    protocol_error(R"({"code":0,"data":{"progress":1})");             // truncated
    protocol_error(R"({"code":0} {"code":1})");                       // trailing content
    protocol_error("{\"code\":0,\"message\":\"\xff\xfe\"}");          // invalid UTF-8
    protocol_error(std::string(5000, '[') + std::string(5000, ']'));  // too deep
}

// simdjson skips unread values without recursing, so even absurd nesting in
// a field nobody reads costs a linear scan and nothing else.
TEST(Parse, DeepNestingInUnknownFieldsIsSkipped) {
    Job job = job_of(R"({"code":0,"data":{"x":)" + std::string(100000, '[') + std::string(100000, ']') +
                     R"(,"progress":12}})");
    EXPECT_EQ(job.progress, 12);
    EXPECT_NE(
        protocol_error(R"({"code":0,"data":{"state":)" + std::string(100000, '[') + std::string(100000, ']') + "}}")
            .find("data.state"),
        std::string::npos);
}

TEST(Parse, ManyDetailsAndAParserReusedAcrossBodies) {
    std::string body = R"({"code":0,"data":{"details":[)";
    for (int i = 0; i < 10000; ++i) {
        if (i) body += ',';
        body += R"({"fileName":"[part-)" + std::to_string(i) + R"(.parquet]","progress":)" + std::to_string(i % 101) +
                R"(,"importedRows":)" + std::to_string(i) + "}";
    }
    body += "]}}";
    JsonParser parser{kJobLimit};
    for (int round = 0; round < 3; ++round) {
        std::string copy = body;
        Result<Envelope> r = parser.parse(copy, {});
        ASSERT_TRUE(r.ok());
        const Job &job = r.value().job;
        ASSERT_EQ(job.details.size(), 10000u);
        EXPECT_STREQ(job.details[9999].file_name, "[part-9999.parquet]");
        EXPECT_EQ(job.details[9999].progress, 9999 % 101);
        EXPECT_EQ(job.details[1234].imported_rows, 1234);
    }
    std::string small = R"({"code":0,"data":{"jobId":"1"}})";
    ASSERT_TRUE(parser.parse(small, {}).ok());
}

// "{}," is 3 bytes of JSON and a whole Detail in memory: the parser's bound
// is on the job, not only on the body.
TEST(Parse, AJobOverTheMemoryBoundIsTooLarge) {
    std::string body = R"({"code":0,"data":{"details":[)";
    for (int i = 0; i < 100; ++i) body += i ? ",{}" : "{}";
    body += "]}}";
    JsonParser small{static_cast<int64_t>(99 * sizeof(Detail))};
    std::string copy = body;
    Result<Envelope> refused = small.parse(copy, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, Code::ResponseTooLarge);
    EXPECT_NE(refused.error().message.find("100 details"), std::string::npos) << refused.error().message;
    JsonParser enough{static_cast<int64_t>(100 * sizeof(Detail))};
    copy = body;
    EXPECT_TRUE(enough.parse(copy, {}).ok());
}

// A NUL would cut the C API's strings short without a word: it becomes
// U+FFFD, in every string read, the message included.
TEST(Parse, ANulInsideAStringBecomesTheReplacementCharacter) {
    Result<Envelope> r = parse(R"({"code":0,"message":"a\u0000b","data":{"jobId":"12\u00003","state":"Completed\u0000",
        "details":[{"fileName":"\u0000x\u0000"}]}})");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Job &job = r.value().job;
    EXPECT_STREQ(job.id,
                 "12\xEF\xBF\xBD"
                 "3");
    EXPECT_STREQ(job.state_text, "Completed\xEF\xBF\xBD");
    EXPECT_EQ(job.state, State::Unknown);
    EXPECT_STREQ(job.details.at(0).file_name, "\xEF\xBF\xBDx\xEF\xBF\xBD");
    EXPECT_EQ(r.value().message,
              "a\xEF\xBF\xBD"
              "b");
}

}  // namespace
}  // namespace mip
