// SPDX-License-Identifier: Apache-2.0
// Waiting for a job to finish, many jobs at once, and the attempt count.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

std::string job_json(const char *state, int progress) {
    return std::string(R"({"code":0,"data":{"jobId":"1","state":")") + state + R"(","progress":)" +
           std::to_string(progress) + "}}";
}

// Answers each request with the next body of `script`, the last one forever.
FixtureServer::Handler scripted(std::vector<std::pair<int, std::string>> script) {
    auto shared = std::make_shared<std::vector<std::pair<int, std::string>>>(std::move(script));
    auto next = std::make_shared<std::atomic<size_t>>(0);
    return [shared, next](const httplib::Request &, httplib::Response &res) {
        const size_t i = std::min((*next)++, shared->size() - 1);
        res.status = (*shared)[i].first;
        res.set_content((*shared)[i].second, "application/json");
    };
}

ClientPtr client_for(const FixtureServer &server, int max_retries = 0, int max_connections = 8) {
    OptionsPtr o = options_for(server.url());
    mip_options_set_max_retries(o.get(), max_retries);
    mip_options_set_max_connections(o.get(), max_connections);
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

struct Seen {
    std::vector<int> progress;
    int stop_after = -1;  // stop once this many polls were seen
};

int record(const mip_job *job, void *user) {
    auto *seen = static_cast<Seen *>(user);
    seen->progress.push_back(mip_job_progress(job));
    return seen->stop_after >= 0 && static_cast<int>(seen->progress.size()) >= seen->stop_after;
}

Outcome wait_for(mip_client *client, int64_t interval_ms, int64_t timeout_ms, Seen *seen,
                 mip_cancel *cancel = nullptr) {
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    Outcome o;
    o.code = mip_wait_import(client, "1", interval_ms, timeout_ms, seen ? record : nullptr, seen, cancel, &job, &error);
    o.job.reset(job);
    o.error.reset(error);
    return o;
}

TEST(Wait, PollsUntilTerminalAndReportsEveryPoll) {
    for (const auto &[state, code] : {std::pair{"Completed", MIP_STATE_COMPLETED},
                                      {"Failed", MIP_STATE_FAILED},
                                      {"Uncommitted", MIP_STATE_UNCOMMITTED}}) {
        FixtureServer server(scripted({{200, job_json("Pending", 0)},
                                       {200, job_json("Importing", 40)},
                                       {200, job_json("Committing", 99)},
                                       {200, job_json(state, 100)}}));
        ClientPtr client = client_for(server);
        Seen seen;
        Outcome out = wait_for(client.get(), 1, 0, &seen);
        ASSERT_EQ(out.code, MIP_OK) << out.message();
        EXPECT_EQ(mip_job_state(out.job.get()), code);
        EXPECT_EQ(seen.progress, (std::vector<int>{0, 40, 99, 100})) << "the last poll is reported too";
        EXPECT_EQ(server.request_count(), 4u);
    }
}

TEST(Wait, TransientErrorsOnlyMeanPollAgain) {
    FixtureServer server(scripted({{503, "busy"},
                                   {200, job_json("Importing", 40)},
                                   {200, R"({"code":1807,"message":"rate limit"})"},
                                   {200, job_json("Completed", 100)}}));
    ClientPtr client = client_for(server);
    Seen seen;
    Outcome out = wait_for(client.get(), 1, 0, &seen);
    ASSERT_EQ(out.code, MIP_OK) << out.message();
    EXPECT_EQ(seen.progress, (std::vector<int>{40, 100}));
}

// The transient failures a wait polls through reach on_error, in order,
// between the polls that succeed.
struct Heard {
    std::vector<std::string> events;
    int stop_on_error = -1;  // stop at this error (0-based), or never
};

int heard_progress(const mip_job *job, void *user) {
    static_cast<Heard *>(user)->events.push_back("progress " + std::to_string(mip_job_progress(job)));
    return 0;
}

int heard_error(const mip_error *error, void *user) {
    auto *heard = static_cast<Heard *>(user);
    const int index = static_cast<int>(std::count_if(heard->events.begin(), heard->events.end(),
                                                     [](const std::string &e) { return e.rfind("error", 0) == 0; }));
    heard->events.push_back(std::string("error ") + mip_code_name(mip_error_code(error)) + " " +
                            std::to_string(mip_error_http_status(error)));
    return index == heard->stop_on_error;
}

TEST(Wait, WithOptionsTransientErrorsReachTheHook) {
    FixtureServer server(scripted({{503, "busy"},
                                   {200, job_json("Importing", 40)},
                                   {200, R"({"code":1807,"message":"rate limit"})"},
                                   {200, job_json("Completed", 100)}}));
    ClientPtr client = client_for(server);
    Heard heard;
    mip_wait_options o;
    mip_wait_options_init(&o, sizeof o);
    o.poll_interval_ms = 1;
    o.on_progress = heard_progress;
    o.on_error = heard_error;
    o.user = &heard;
    mip_job *job = nullptr;
    ASSERT_EQ(mip_wait_import_with_options(client.get(), "1", &o, nullptr, &job, nullptr), MIP_OK);
    JobPtr owned(job);
    EXPECT_EQ(mip_job_state(job), MIP_STATE_COMPLETED);
    EXPECT_EQ(heard.events, (std::vector<std::string>{"error MIP_ERR_HTTP 503", "progress 40",
                                                      "error MIP_ERR_RATE_LIMITED 200", "progress 100"}));
}

TEST(Wait, WithOptionsTheErrorHookCanStopIt) {
    FixtureServer server(scripted({{503, "busy"}, {503, "busy again"}, {200, job_json("Completed", 100)}}));
    ClientPtr client = client_for(server);
    Heard heard;
    heard.stop_on_error = 1;
    mip_wait_options o;
    mip_wait_options_init(&o, sizeof o);
    o.poll_interval_ms = 1;
    o.on_error = heard_error;
    o.user = &heard;
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    EXPECT_EQ(mip_wait_import_with_options(client.get(), "1", &o, nullptr, &job, &error), MIP_ERR_HTTP);
    ErrorPtr owned(error);
    EXPECT_EQ(job, nullptr);
    EXPECT_EQ(mip_error_http_status(error), 503);
    EXPECT_NE(std::string(mip_error_message(error)).find("busy again"), std::string::npos) << mip_error_message(error);
    EXPECT_EQ(server.request_count(), 2u);
}

// A caller built against an older, shorter struct: the fields past its size
// keep their defaults; a size that does not even cover `size` is refused.
TEST(Wait, WithOptionsOfAnOlderSize) {
    FixtureServer server(answer(job_json("Completed", 100)));
    ClientPtr client = client_for(server);
    // An older caller's struct: just size and poll_interval_ms, with
    // whatever memory follows it left alone by init and never read.
    constexpr size_t kOlder = offsetof(mip_wait_options, poll_interval_ms) + sizeof(int64_t);
    mip_wait_options o;
    std::memset(&o, 0xab, sizeof o);
    ASSERT_EQ(mip_wait_options_init(&o, kOlder), MIP_OK);
    EXPECT_EQ(o.size, kOlder);
    EXPECT_EQ(o.poll_interval_ms, MIP_DEFAULT_POLL_INTERVAL_MS);
    const unsigned char *past = reinterpret_cast<const unsigned char *>(&o) + kOlder;
    EXPECT_TRUE(std::all_of(past, past + (sizeof o - kOlder), [](unsigned char b) { return b == 0xab; }));
    o.poll_interval_ms = 5;
    mip_job *job = nullptr;
    ASSERT_EQ(mip_wait_import_with_options(client.get(), "1", &o, nullptr, &job, nullptr), MIP_OK);
    mip_job_free(job);
    o.size = 0;
    EXPECT_EQ(mip_wait_import_with_options(client.get(), "1", &o, nullptr, &job, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_wait_options_init(&o, 1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_wait_options_init(nullptr, sizeof o), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_wait_import_with_options(client.get(), "1", nullptr, nullptr, &job, nullptr), MIP_OK);
    mip_job_free(job);
    mip_wait_options bad;
    mip_wait_options_init(&bad, sizeof bad);
    bad.poll_interval_ms = 0;
    EXPECT_EQ(mip_wait_import_with_options(client.get(), "1", &bad, nullptr, &job, nullptr), MIP_ERR_INVALID_ARGUMENT);
}

TEST(Wait, PermanentErrorsEndTheWait) {
    FixtureServer server(scripted({{200, job_json("Importing", 40)},
                                   {200, R"({"code":2100,"message":"import job does not exist, jobID=1"})"},
                                   {200, job_json("Completed", 100)}}));
    ClientPtr client = client_for(server);
    Outcome out = wait_for(client.get(), 1, 0, nullptr);
    EXPECT_EQ(out.code, MIP_ERR_NOT_FOUND);
    EXPECT_EQ(out.job, nullptr);
    EXPECT_EQ(server.request_count(), 2u);
}

TEST(Wait, TheCallbackCanStopIt) {
    FixtureServer server(answer(job_json("Importing", 40)));
    ClientPtr client = client_for(server);
    Seen seen;
    seen.stop_after = 3;
    Outcome out = wait_for(client.get(), 1, 0, &seen);
    EXPECT_EQ(out.code, MIP_ERR_CANCELLED);
    EXPECT_EQ(seen.progress.size(), 3u);
    EXPECT_EQ(server.request_count(), 3u);
}

TEST(Wait, DeadlineEndsItWithTheLastStateSeen) {
    FixtureServer server(answer(job_json("Importing", 40)));
    ClientPtr client = client_for(server);
    Outcome out = wait_for(client.get(), 50, 300, nullptr);
    EXPECT_EQ(out.code, MIP_ERR_TIMEOUT);
    EXPECT_NE(out.message().find("Importing at 40%"), std::string::npos) << out.message();
    EXPECT_GE(server.request_count(), 2u);
}

TEST(Wait, CancelDuringThePause) {
    FixtureServer server(answer(job_json("Importing", 40)));
    ClientPtr client = client_for(server);
    CancelPtr cancel(mip_cancel_new());
    std::thread canceller([&] {
        ASSERT_TRUE(server.wait_for_requests(1));
        mip_cancel_trigger(cancel.get());
    });
    Outcome out = wait_for(client.get(), 60'000, 0, nullptr, cancel.get());  // a minute's pause, cut short
    canceller.join();
    EXPECT_EQ(out.code, MIP_ERR_CANCELLED);
}

TEST(Wait, BadArguments) {
    FixtureServer server(answer(job_json("Completed", 100)));
    ClientPtr client = client_for(server);
    mip_job *job = nullptr;
    EXPECT_EQ(mip_wait_import(client.get(), "1", 0, 0, nullptr, nullptr, nullptr, &job, nullptr),
              MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_wait_import(nullptr, "1", 10, 0, nullptr, nullptr, nullptr, &job, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_wait_import(client.get(), "", 10, 0, nullptr, nullptr, nullptr, &job, nullptr),
              MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(job, nullptr);
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Attempts, CountEveryRequestOfAFailedCall) {
    {
        FixtureServer server(answer("busy", 503));
        Outcome out = get_progress(client_for(server, 3).get(), "1");
        EXPECT_EQ(out.code, MIP_ERR_HTTP);
        EXPECT_EQ(mip_error_attempts(out.error.get()), 4);
    }
    {  // old server: describe then get_progress
        FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
            res.status = 404;
            if (req.path.find("describe") != std::string::npos) {
                res.set_content("404 page not found", "text/plain");
            } else {
                res.set_content(R"({"code":2100,"message":"import job does not exist"})", "application/json");
            }
        });
        Outcome out = get_progress(client_for(server).get(), "1");
        EXPECT_EQ(out.code, MIP_ERR_NOT_FOUND);
        EXPECT_EQ(mip_error_attempts(out.error.get()), 2);
    }
    {
        FixtureServer server(answer("{}"));
        ClientPtr client = client_for(server);
        EXPECT_EQ(mip_error_attempts(get_progress(client.get(), "").error.get()), 0);
        CancelPtr cancel(mip_cancel_new());
        mip_cancel_trigger(cancel.get());
        EXPECT_EQ(mip_error_attempts(get_progress(client.get(), "1", cancel.get()).error.get()), 0);
        EXPECT_EQ(mip_error_attempts(nullptr), 0);
    }
}

TEST(Many, EveryJobInOrderOverAtMostMaxConnections) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        // jobId echoed back: {"jobId":"N"} -> progress N
        const std::string id = req.body.substr(10, req.body.size() - 12);
        res.set_content(R"({"code":0,"data":{"jobId":")" + id + R"(","progress":)" + id + "}}", "application/json");
    });
    ClientPtr client = client_for(server, 0, 4);
    std::vector<std::string> ids;
    for (int i = 0; i < 100; ++i) ids.push_back(std::to_string(i % 101));
    std::vector<const char *> id_ptrs;
    for (const std::string &id : ids) id_ptrs.push_back(id.c_str());
    std::vector<mip_job *> jobs(ids.size(), reinterpret_cast<mip_job *>(0x1));
    std::vector<mip_error *> errors(ids.size(), reinterpret_cast<mip_error *>(0x1));
    ASSERT_EQ(
        mip_get_import_progress_many(client.get(), id_ptrs.data(), ids.size(), nullptr, jobs.data(), errors.data()),
        MIP_OK);
    for (size_t i = 0; i < ids.size(); ++i) {
        ASSERT_NE(jobs[i], nullptr);
        EXPECT_EQ(errors[i], nullptr);
        EXPECT_STREQ(mip_job_id(jobs[i]), ids[i].c_str());
        EXPECT_EQ(mip_job_progress(jobs[i]), std::stoi(ids[i]));
        mip_job_free(jobs[i]);
    }
    EXPECT_EQ(server.request_count(), 100u);
    EXPECT_LE(server.client_ports().size(), 4u);
}

TEST(Many, FailuresStayWithTheirIndex) {
    FixtureServer server([](const httplib::Request &req, httplib::Response &res) {
        if (req.body.find("\"gone\"") != std::string::npos) {
            res.set_content(R"({"code":2100,"message":"import job does not exist"})", "application/json");
        } else {
            res.set_content(R"({"code":0,"data":{"progress":5}})", "application/json");
        }
    });
    ClientPtr client = client_for(server);
    const char *ids[] = {"1", nullptr, "gone", "2"};
    mip_job *jobs[4];
    mip_error *errors[4];
    EXPECT_EQ(mip_get_import_progress_many(client.get(), ids, 4, nullptr, jobs, errors), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_NE(jobs[0], nullptr);
    EXPECT_EQ(jobs[1], nullptr);
    EXPECT_EQ(mip_error_code(errors[1]), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(jobs[2], nullptr);
    EXPECT_EQ(mip_error_code(errors[2]), MIP_ERR_NOT_FOUND);
    EXPECT_NE(jobs[3], nullptr);
    for (int i = 0; i < 4; ++i) {
        mip_job_free(jobs[i]);
        mip_error_free(errors[i]);
    }
    // Without an errors array the codes still come back.
    mip_job *more[2];
    const char *two[] = {"gone", "1"};
    EXPECT_EQ(mip_get_import_progress_many(client.get(), two, 2, nullptr, more, nullptr), MIP_ERR_NOT_FOUND);
    EXPECT_EQ(more[0], nullptr);
    mip_job_free(more[1]);
    EXPECT_EQ(mip_get_import_progress_many(client.get(), nullptr, 0, nullptr, nullptr, nullptr), MIP_OK);
    EXPECT_EQ(mip_get_import_progress_many(nullptr, two, 2, nullptr, more, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_get_import_progress_many(client.get(), two, 2, nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
}

TEST(Many, OneCancelStopsThemAll) {
    FixtureServer server(stall());
    ClientPtr client = client_for(server, 0, 4);
    CancelPtr cancel(mip_cancel_new());
    std::vector<const char *> ids(20, "1");
    std::vector<mip_job *> jobs(ids.size());
    std::thread canceller([&] {
        ASSERT_TRUE(server.wait_for_requests(4));
        mip_cancel_trigger(cancel.get());
    });
    EXPECT_EQ(mip_get_import_progress_many(client.get(), ids.data(), ids.size(), cancel.get(), jobs.data(), nullptr),
              MIP_ERR_CANCELLED);
    canceller.join();
    server.release_stalls();
    EXPECT_EQ(server.request_count(), 4u) << "nothing new starts once cancelled";
    for (mip_job *j : jobs) EXPECT_EQ(j, nullptr);
}

}  // namespace
}  // namespace mip_test
