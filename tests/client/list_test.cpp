// SPDX-License-Identifier: Apache-2.0
// Listing import jobs: the request per flavor, paging on the cloud flavors
// whatever page size the server keeps to, and where a list stops.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

struct Listed {
    mip_code code = MIP_OK;
    ListPtr list;
    ErrorPtr error;
    std::string message() const { return mip_error_message(error.get()); }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (size_t i = 0; i < mip_job_list_count(list.get()); ++i) {
            out.emplace_back(mip_job_id(mip_job_list_get(list.get(), i)));
        }
        return out;
    }
};

Listed list(mip_client *client, const char *collection = nullptr) {
    mip_job_list *out = reinterpret_cast<mip_job_list *>(0x1);
    mip_error *error = reinterpret_cast<mip_error *>(0x1);
    Listed l;
    l.code = mip_list_imports(client, collection, nullptr, &out, &error);
    l.list.reset(out);
    l.error.reset(error);
    EXPECT_EQ(out == nullptr, l.code != MIP_OK);
    return l;
}

std::string record(int i, const char *state = "Importing") {
    return R"({"jobId":"job-)" + std::to_string(i) + R"(","collectionName":"books","state":")" + state +
           R"(","progress":)" + std::to_string(i % 101) + "}";
}

// `total` jobs served in pages of at most `cap`, whatever is asked, as the
// cloud does; `count` says how many there are (-1: not sent).
FixtureServer::Handler paged(int total, int cap, bool send_count = true) {
    return [=](const httplib::Request &req, httplib::Response &res) {
        int page = 1, asked = 10;
        const std::string &b = req.body;
        if (auto at = b.find("\"currentPage\":"); at != std::string::npos) page = std::stoi(b.substr(at + 14));
        if (auto at = b.find("\"pageSize\":"); at != std::string::npos) asked = std::stoi(b.substr(at + 11));
        if (req.has_param("currentPage")) page = std::stoi(req.get_param_value("currentPage"));
        if (req.has_param("pageSize")) asked = std::stoi(req.get_param_value("pageSize"));
        const int size = std::min(asked, cap);
        std::string records;
        for (int i = (page - 1) * size; i < std::min(total, page * size); ++i) {
            records += (records.empty() ? "" : ",") + record(i);
        }
        std::string data = R"({"currentPage":)" + std::to_string(page) + R"(,"pageSize":)" + std::to_string(size);
        if (send_count) data += R"(,"count":)" + std::to_string(total);
        data += R"(,"records":[)" + records + "]}";
        res.set_content(R"({"code":0,"data":)" + data + "}", "application/json");
    };
}

TEST(List, MilvusAsksOnceWithTheCollectionAndDatabase) {
    FixtureServer server(answer(R"({"code":0,"data":{"records":[)" + record(1, "Completed") + "," +
                                R"({"jobId":"448761313698322012","collectionName":"books","state":"Failed",)"
                                R"("progress":0,"reason":"no such file a.json"}]}})"));
    OptionsPtr o = options_for(server.url(), MIP_API_MILVUS);
    mip_options_set_db_name(o.get(), "shop");
    ClientOutcome made = make_client(o.get());
    Listed l = list(made.client.get(), "books");
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    ASSERT_EQ(mip_job_list_count(l.list.get()), 2u);
    const mip_job *failed = mip_job_list_get(l.list.get(), 1);
    EXPECT_STREQ(mip_job_id(failed), "448761313698322012");
    EXPECT_STREQ(mip_job_collection_name(failed), "books");
    EXPECT_EQ(mip_job_state(failed), MIP_STATE_FAILED);
    EXPECT_EQ(mip_job_progress(failed), 0);
    EXPECT_STREQ(mip_job_reason(failed), "no such file a.json");
    EXPECT_EQ(mip_job_total_rows(failed), -1);
    EXPECT_EQ(mip_job_detail_count(failed), 0u);
    EXPECT_EQ(mip_job_state(mip_job_list_get(l.list.get(), 0)), MIP_STATE_COMPLETED);
    EXPECT_EQ(mip_job_list_get(l.list.get(), 2), nullptr);
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 1);
    ASSERT_EQ(server.request_count(), 1u);
    const SeenRequest seen = server.requests()[0];
    EXPECT_EQ(seen.path, "/v2/vectordb/jobs/import/list");
    EXPECT_EQ(seen.body, R"({"dbName":"shop","collectionName":"books"})");
    EXPECT_EQ(seen.header("DB-Name"), "shop");
    Listed all = list(made.client.get(), "");
    ASSERT_EQ(all.code, MIP_OK) << all.message();
    EXPECT_EQ(server.requests().at(1).body, R"({"dbName":"shop"})");
}

TEST(List, CloudReadsEveryPageTheServerCapsTo) {
    FixtureServer server(paged(2000, 37));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get(), "books");
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    const std::vector<std::string> ids = l.ids();
    ASSERT_EQ(ids.size(), 2000u);
    for (int i = 0; i < 2000; ++i) ASSERT_EQ(ids[i], "job-" + std::to_string(i));
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 1);
    EXPECT_EQ(server.request_count(), (2000u + 36) / 37);
    const SeenRequest first = server.requests()[0];
    EXPECT_EQ(first.path, "/v2/vectordb/jobs/import/list");
    EXPECT_EQ(first.body, R"({"clusterId":"in01-abc","collectionName":"books","pageSize":100,"currentPage":1})");
    EXPECT_NE(server.requests()[1].body.find(R"("currentPage":2)"), std::string::npos);
}

TEST(List, WithoutACountAShortPageEndsIt) {
    FixtureServer server(paged(250, 100, false));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(mip_job_list_count(l.list.get()), 250u);
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 1);
    EXPECT_EQ(server.request_count(), 3u);
}

TEST(List, AnEmptyPageEndsIt) {
    FixtureServer server(paged(0, 100));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(mip_job_list_count(l.list.get()), 0u);
    EXPECT_EQ(server.request_count(), 1u);
}

// A server that ignores currentPage repeats its first page: each job is
// kept once, and the list says it fell short of the server's count.
TEST(List, AJobListedTwiceIsKeptOnce) {
    FixtureServer server(
        answer(R"({"code":0,"data":{"count":3,"pageSize":2,"records":[)" + record(1) + "," + record(2) + "]}}"));
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(l.ids(), (std::vector<std::string>{"job-1", "job-2"}));
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 0);
    EXPECT_EQ(server.request_count(), 2u);
    EXPECT_EQ(mip_job_list_is_complete(nullptr), 0);
}

// An empty page before the count was reached ends the list, short.
TEST(List, AnEmptyPageShortOfTheCountLeavesItIncomplete) {
    const FixtureServer::Handler pages = paged(250, 100);
    FixtureServer server([&](const httplib::Request &req, httplib::Response &res) {
        if (req.body.find(R"("currentPage":2)") != std::string::npos) {
            res.set_content(R"({"code":0,"data":{"count":250,"records":[]}})", "application/json");
            return;
        }
        pages(req, res);
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(mip_job_list_count(l.list.get()), 100u);
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 0);
    EXPECT_EQ(server.request_count(), 2u);
}

// One job a page, each with a long reason: every page fits the limit, and
// the jobs' text together does not.
TEST(List, TheJobsTextCountsAgainstTheLimit) {
    const std::string reason(1 << 20, 'r');
    FixtureServer server([&](const httplib::Request &req, httplib::Response &res) {
        const size_t at = req.body.find(R"("currentPage":)");
        const int page = std::stoi(req.body.substr(at + 14));
        res.set_content(R"({"code":0,"data":{"count":30,"pageSize":1,"records":[{"jobId":"job-)" +
                            std::to_string(page) + R"(","reason":")" + reason + "\"}]}}",
                        "application/json");
    });
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "key-123456789");
    mip_options_set_cluster_id(o.get(), "in01-abc");
    mip_options_set_max_response_bytes(o.get(), 4 << 20);
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    Listed l = list(made.client.get());
    EXPECT_EQ(l.code, MIP_ERR_RESPONSE_TOO_LARGE) << l.message();
    EXPECT_LE(server.request_count(), 5u);
    EXPECT_EQ(mip_error_http_status(l.error.get()), 200) << "the last status that arrived";
}

// A server that repeats one job on every page: what a page of jobs all
// listed before held is let go, so that it cannot pile up (it would pass
// the limit above 40 times over).
TEST(List, ARepeatedPageKeepsNothingOfItsText) {
    FixtureServer server(answer(R"({"code":0,"data":{"count":200,"pageSize":1,"records":[{"jobId":"job-1",)"
                                R"("reason":")" +
                                std::string(100 << 10, 'r') + "\"}]}}"));
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "key-123456789");
    mip_options_set_cluster_id(o.get(), "in01-abc");
    mip_options_set_max_response_bytes(o.get(), 512 << 10);
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    Listed l = list(made.client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(l.ids(), (std::vector<std::string>{"job-1"}));
    EXPECT_EQ(mip_job_list_is_complete(l.list.get()), 0);
    EXPECT_EQ(server.request_count(), 200u);
}

// A failure after some pages says how far the list got.
TEST(List, AFailedPageSaysWhereTheListStopped) {
    const FixtureServer::Handler pages = paged(250, 100);
    FixtureServer server([&](const httplib::Request &req, httplib::Response &res) {
        if (req.body.find(R"("currentPage":2)") != std::string::npos) {
            res.status = 500;
            res.set_content("<title>500 Internal Server Error</title>", "text/html");
            return;
        }
        pages(req, res);
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD);
    Listed l = list(client.get());
    EXPECT_EQ(l.code, MIP_ERR_HTTP) << l.message();
    EXPECT_NE(l.message().find("page 2 of the list, after 1 pages (100 records)"), std::string::npos) << l.message();
    EXPECT_EQ(mip_error_http_status(l.error.get()), 500);
}

// However the deadline falls between pages, a list that sent requests never
// says it timed out before sending one. Each answer takes a while, so that
// the deadline lands somewhere in the middle: where exactly is the
// machine's business, and every place must read true.
TEST(List, ATimeoutBetweenPagesNeverSaysNothingWasSent) {
    const FixtureServer::Handler pages = paged(100000, 100);
    FixtureServer server([&](const httplib::Request &req, httplib::Response &res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));  // a slow server, not synchronization
        pages(req, res);
    });
    for (const int64_t timeout_ms : {20, 35, 50, 80}) {
        OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
        mip_options_set_token(o.get(), "key-123456789");
        mip_options_set_cluster_id(o.get(), "in01-abc");
        mip_options_set_timeout_ms(o.get(), timeout_ms);
        ClientOutcome made = make_client(o.get());
        Listed l = list(made.client.get());
        EXPECT_EQ(l.code, MIP_ERR_TIMEOUT) << l.message();
        if (mip_error_attempts(l.error.get()) > 0) {
            EXPECT_EQ(l.message().find("before a request was sent"), std::string::npos) << l.message();
        }
    }
}

TEST(List, CloudV1ReadsTasksAndPicksTheCollection) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        const std::string page = req.get_param_value("currentPage");
        std::string tasks = page == "1" ? R"({"jobId":"job-1","collectionName":"books","state":"ImportRunning"},)"
                                          R"({"jobId":"job-2","collectionName":"films","state":"ImportCompleted"})"
                                        : R"({"jobId":"job-3","collectionName":"books","state":"ImportFailed",)"
                                          R"("errorMessage":"bad file"})";
        res.set_content(
            R"({"code":200,"data":{"count":3,"currentPage":)" + page + R"(,"pageSize":2,"tasks":[)" + tasks + "]}}",
            "application/json");
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD_V1);
    Listed l = list(client.get(), "books");
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(l.ids(), (std::vector<std::string>{"job-1", "job-3"}));
    EXPECT_EQ(mip_job_state(mip_job_list_get(l.list.get(), 0)), MIP_STATE_IMPORTING);
    EXPECT_EQ(mip_job_state(mip_job_list_get(l.list.get(), 1)), MIP_STATE_FAILED);
    EXPECT_STREQ(mip_job_reason(mip_job_list_get(l.list.get(), 1)), "bad file");
    ASSERT_EQ(server.request_count(), 2u);
    const SeenRequest first = server.requests()[0];
    EXPECT_EQ(first.method, "GET");
    EXPECT_EQ(first.path, "/v1/vector/collections/import/list");
    EXPECT_EQ(first.param("clusterId"), "in01-abc");
    EXPECT_EQ(first.param("pageSize"), "100");
    EXPECT_EQ(first.param("currentPage"), "1");
}

// A page that fails transiently is asked again; the pages before it stay.
TEST(List, APageIsRetriedOnItsOwn) {
    std::atomic<int> calls{0};
    const FixtureServer::Handler pages = paged(150, 100);
    FixtureServer server([&](const httplib::Request &req, httplib::Response &res) {
        if (calls++ == 1) {
            res.status = 503;
            res.set_content("busy", "text/plain");
            return;
        }
        pages(req, res);
    });
    ClientPtr client = flavor_client(server.url(), MIP_API_CLOUD, 2);
    Listed l = list(client.get());
    ASSERT_EQ(l.code, MIP_OK) << l.message();
    EXPECT_EQ(mip_job_list_count(l.list.get()), 150u);
    EXPECT_EQ(server.request_count(), 3u);
}

TEST(List, ErrorsAndBadArguments) {
    FixtureServer server(answer(R"({"code":1800,"message":"token invalid"})", 401));
    ClientPtr client = flavor_client(server.url(), MIP_API_MILVUS, 2);
    Listed l = list(client.get());
    EXPECT_EQ(l.code, MIP_ERR_AUTH) << l.message();
    EXPECT_EQ(server.request_count(), 1u);

    FixtureServer bad(answer(R"({"code":0,"data":{"records":{"jobId":"1"}}})"));
    ClientPtr bad_client = flavor_client(bad.url(), MIP_API_MILVUS);
    Listed garbled = list(bad_client.get());
    EXPECT_EQ(garbled.code, MIP_ERR_PROTOCOL);
    EXPECT_NE(garbled.message().find("data.records: expected an array"), std::string::npos) << garbled.message();

    FixtureServer wrong_state(answer(R"({"code":0,"data":{"records":[{"jobId":"1","progress":"much"}]}})"));
    ClientPtr wrong_client = flavor_client(wrong_state.url(), MIP_API_MILVUS);
    Listed wrong = list(wrong_client.get());
    EXPECT_EQ(wrong.code, MIP_ERR_PROTOCOL);
    EXPECT_NE(wrong.message().find("data.records[0].progress"), std::string::npos) << wrong.message();

    mip_job_list *out = reinterpret_cast<mip_job_list *>(0x1);
    EXPECT_EQ(mip_list_imports(nullptr, nullptr, nullptr, &out, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(out, nullptr);
    EXPECT_EQ(mip_list_imports(client.get(), nullptr, nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_list_imports(client.get(), "a\nb", nullptr, &out, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(server.request_count(), 1u);
    EXPECT_EQ(mip_job_list_count(nullptr), 0u);
    EXPECT_EQ(mip_job_list_get(nullptr, 0), nullptr);
    mip_job_list_free(nullptr);
}

// Each page fits, the whole does not.
TEST(List, AListLargerThanTheLimitIsRefused) {
    FixtureServer server(paged(3000, 100));
    OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);
    mip_options_set_token(o.get(), "key-123456789");
    mip_options_set_cluster_id(o.get(), "in01-abc");
    mip_options_set_max_response_bytes(o.get(), 200 * 1024);
    ClientOutcome made = make_client(o.get());
    ASSERT_EQ(made.code, MIP_OK) << made.message();
    Listed l = list(made.client.get());
    EXPECT_EQ(l.code, MIP_ERR_RESPONSE_TOO_LARGE) << l.message();
    EXPECT_NE(l.message().find("a list of"), std::string::npos) << l.message();
}

}  // namespace
}  // namespace mip_test
