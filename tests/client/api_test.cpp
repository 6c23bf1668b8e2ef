// SPDX-License-Identifier: Apache-2.0
// The C API's own rules: NULL everywhere, setters that refuse bad values,
// names of codes and states, job and detail accessors.
#include <gtest/gtest.h>

#include <atomic>

#include "fixture_server.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

TEST(Api, VersionMatchesTheHeader) {
    const std::string expected = std::to_string(MIP_VERSION_MAJOR) + "." + std::to_string(MIP_VERSION_MINOR) + "." +
                                 std::to_string(MIP_VERSION_PATCH);
    EXPECT_EQ(mip_version(), expected);
    EXPECT_EQ(std::string(MIP_VERSION_STRING), expected);
    EXPECT_EQ(mip_version_number(), static_cast<unsigned>(MIP_VERSION_NUMBER));
    EXPECT_EQ(MIP_VERSION_NUMBER, MIP_VERSION_MAJOR * 10000 + MIP_VERSION_MINOR * 100 + MIP_VERSION_PATCH);
}

TEST(Api, WhichStatesEndAWait) {
    for (mip_state s : {MIP_STATE_COMPLETED, MIP_STATE_FAILED, MIP_STATE_UNCOMMITTED})
        EXPECT_EQ(mip_state_is_terminal(s), 1);
    for (mip_state s : {MIP_STATE_UNKNOWN, MIP_STATE_PENDING, MIP_STATE_IMPORTING, MIP_STATE_COMMITTING}) {
        EXPECT_EQ(mip_state_is_terminal(s), 0) << mip_state_name(s);
    }
    EXPECT_EQ(mip_state_is_terminal(static_cast<mip_state>(99)), 0);
    EXPECT_EQ(mip_state_is_terminal(static_cast<mip_state>(-1)), 0);
}

// What the library retries is what it calls transient, for every failure a
// call can meet; the rule is asked, never copied.
TEST(Api, TransientIsWhatTheLibraryRetries) {
    struct Case {
        int status;
        const char *body;
        int transient;
    };
    const Case cases[] = {
        {502, "<html>bad gateway</html>", 1},
        {503, "busy", 1},
        {504, "gateway timeout", 1},
        {429, "slow down", 1},
        {200, R"({"code":1807,"message":"rate limit"})", 1},
        {408, R"({"code":10001,"message":"request timeout"})", 1},
        {500, "internal", 0},
        {500, R"({"code":500})", 0},
        {404, "404 page not found", 0},
        {401, R"({"code":1800,"message":"no"})", 0},
        {200, R"({"code":2100,"message":"import job does not exist"})", 0},
        {200, "not json", 0},
    };
    for (const Case &k : cases) {
        std::atomic<int> requests{0};
        FixtureServer server([&](const httplib::Request &, httplib::Response &res) {
            ++requests;
            res.status = k.status;
            res.set_content(k.body, "application/json");
        });
        OptionsPtr o = options_for(server.url(), MIP_API_CLOUD);  // no Milvus fallback on a 404
        mip_options_set_token(o.get(), "key-123");
        mip_options_set_cluster_id(o.get(), "c1");
        mip_options_set_max_retries(o.get(), 1);
        mip_options_set_timeout_ms(o.get(), 5000);
        ClientOutcome c = make_client(o.get());
        Outcome out = get_progress(c.client.get(), "1");
        ASSERT_NE(out.code, MIP_OK) << k.status << " " << k.body;
        EXPECT_EQ(mip_error_is_transient(out.error.get()), k.transient)
            << k.status << " " << k.body << ": " << out.message();
        EXPECT_EQ(requests.load(), k.transient ? 2 : 1) << "retried exactly when transient: " << out.message();
    }
    FixtureServer closed(answer("{}"));
    OptionsPtr o = options_for("http://127.0.0.1:" + std::to_string(closed.port()) + "0");  // nothing listens there
    mip_options_set_max_retries(o.get(), 0);
    ClientOutcome c = make_client(o.get());
    Outcome refused = get_progress(c.client.get(), "1");
    EXPECT_EQ(mip_error_is_transient(refused.error.get()), refused.code == MIP_ERR_CONNECT ? 1 : 0);
    EXPECT_EQ(mip_error_is_transient(get_progress(c.client.get(), "").error.get()), 0);
    EXPECT_EQ(mip_error_is_transient(nullptr), 0);
}

TEST(Api, TheDefaultsAreTheLibrarys) {
    // A timeout of MIP_DEFAULT_TIMEOUT_MS is sent to Milvus in whole seconds.
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"1"}})"));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    EXPECT_EQ(server.requests().at(0).header("Request-Timeout"), std::to_string(MIP_DEFAULT_TIMEOUT_MS / 1000));
    EXPECT_EQ(mip_options_set_max_connections(o.get(), MIP_DEFAULT_MAX_CONNECTIONS), MIP_OK);
    EXPECT_EQ(mip_options_set_max_response_bytes(o.get(), MIP_DEFAULT_MAX_RESPONSE_BYTES), MIP_OK);
    mip_wait_options w;
    ASSERT_EQ(mip_wait_options_init(&w, sizeof w), MIP_OK);
    EXPECT_EQ(w.size, sizeof w);
    EXPECT_EQ(w.poll_interval_ms, MIP_DEFAULT_POLL_INTERVAL_MS);
    EXPECT_EQ(w.timeout_ms, 0);
    EXPECT_EQ(w.on_progress, nullptr);
    EXPECT_EQ(w.on_error, nullptr);
}

TEST(Api, CodeAndStateNames) {
    EXPECT_STREQ(mip_code_name(MIP_OK), "MIP_OK");
    EXPECT_STREQ(mip_code_name(MIP_ERR_TIMEOUT), "MIP_ERR_TIMEOUT");
    EXPECT_STREQ(mip_code_name(MIP_ERR_SERVER), "MIP_ERR_SERVER");
    EXPECT_STREQ(mip_code_name(static_cast<mip_code>(99)), "MIP_ERR_UNKNOWN");
    EXPECT_STREQ(mip_state_name(MIP_STATE_UNKNOWN), "Unknown");
    EXPECT_STREQ(mip_state_name(MIP_STATE_IMPORTING), "Importing");
    EXPECT_STREQ(mip_state_name(MIP_STATE_UNCOMMITTED), "Uncommitted");
    EXPECT_STREQ(mip_state_name(MIP_STATE_COMMITTING), "Committing");
    EXPECT_STREQ(mip_state_name(static_cast<mip_state>(-3)), "Unknown");
}

TEST(Api, FlavorNamesBothWays) {
    const mip_api every[] = {MIP_API_AUTO, MIP_API_MILVUS, MIP_API_CLOUD, MIP_API_CLOUD_V1};
    const char *const names[] = {"auto", "milvus", "cloud", "cloud-v1"};
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_STREQ(mip_api_name(every[i]), names[i]);
        mip_api read = static_cast<mip_api>(-1);
        EXPECT_EQ(mip_api_from_name(names[i], &read), MIP_OK) << names[i];
        EXPECT_EQ(read, every[i]);
    }
    EXPECT_STREQ(mip_api_name(static_cast<mip_api>(4)), "unknown");
    EXPECT_STREQ(mip_api_name(static_cast<mip_api>(-1)), "unknown");
    for (const char *wrong : {"", "Milvus", "cloud_v1", "cloud-v1 ", "unknown", "v1"}) {
        mip_api kept = MIP_API_CLOUD;
        EXPECT_EQ(mip_api_from_name(wrong, &kept), MIP_ERR_INVALID_ARGUMENT) << wrong;
        EXPECT_EQ(kept, MIP_API_CLOUD) << wrong;
    }
    mip_api out = MIP_API_AUTO;
    EXPECT_EQ(mip_api_from_name(nullptr, &out), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_api_from_name("milvus", nullptr), MIP_ERR_INVALID_ARGUMENT);
}

TEST(Api, NullArgumentsNeverCrash) {
    mip_job *job = reinterpret_cast<mip_job *>(0x1);
    mip_error *err = nullptr;
    EXPECT_EQ(mip_get_import_progress(nullptr, "1", nullptr, &job, &err), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(job, nullptr);
    ASSERT_NE(err, nullptr);
    EXPECT_EQ(mip_error_code(err), MIP_ERR_INVALID_ARGUMENT);
    mip_error_free(err);
    EXPECT_EQ(mip_get_import_progress(nullptr, nullptr, nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);

    mip_client *client = reinterpret_cast<mip_client *>(0x1);
    EXPECT_EQ(mip_client_new(nullptr, &client, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(client, nullptr);
    OptionsPtr o(mip_options_new());
    EXPECT_EQ(mip_client_new(o.get(), nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);

    FixtureServer server(answer("{}"));
    OptionsPtr ok = options_for(server.url());
    ClientOutcome c = make_client(ok.get());
    EXPECT_EQ(mip_get_import_progress(c.client.get(), nullptr, nullptr, &job, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_get_import_progress(c.client.get(), "1", nullptr, nullptr, nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(server.request_count(), 0u);

    EXPECT_EQ(mip_error_code(nullptr), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_error_http_status(nullptr), 0);
    EXPECT_EQ(mip_error_server_code(nullptr), 0);
    EXPECT_STREQ(mip_error_message(nullptr), "");
    EXPECT_STREQ(mip_job_id(nullptr), "");
    EXPECT_STREQ(mip_job_state_text(nullptr), "");
    EXPECT_EQ(mip_job_state(nullptr), MIP_STATE_UNKNOWN);
    EXPECT_EQ(mip_job_progress(nullptr), -1);
    EXPECT_EQ(mip_job_total_rows(nullptr), -1);
    EXPECT_EQ(mip_job_detail_count(nullptr), 0u);
    EXPECT_EQ(mip_job_detail(nullptr, 0), nullptr);
    EXPECT_STREQ(mip_detail_file_name(nullptr), "");
    EXPECT_EQ(mip_detail_state(nullptr), MIP_STATE_UNKNOWN);
    EXPECT_EQ(mip_detail_progress(nullptr), -1);
    EXPECT_EQ(mip_detail_file_size(nullptr), -1);
    EXPECT_EQ(mip_cancel_is_triggered(nullptr), 0);
    mip_cancel_trigger(nullptr);
    mip_cancel_free(nullptr);
    mip_job_free(nullptr);
    mip_error_free(nullptr);
    mip_client_free(nullptr);
    mip_options_free(nullptr);
}

TEST(Api, SettersRefuseBadValuesAndKeepTheOldOne) {
    OptionsPtr o(mip_options_new());
    EXPECT_EQ(mip_options_set_endpoint(nullptr, "http://x"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_token(o.get(), "abc\r\nX-Evil: 1"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_db_name(o.get(), "db\n"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_user_agent(o.get(), "\xff"), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_api(o.get(), static_cast<mip_api>(7)), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_api(o.get(), static_cast<mip_api>(-1)), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_timeout_ms(o.get(), 0), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_timeout_ms(o.get(), -5), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_timeout_ms(o.get(), INT64_MAX), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_connect_timeout_ms(o.get(), 0), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_max_retries(o.get(), -1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_max_response_bytes(o.get(), 0), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_tls_verify(nullptr, 1), MIP_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(mip_options_set_timeout_ms(o.get(), 1500), MIP_OK);
    EXPECT_EQ(mip_options_set_max_retries(o.get(), 0), MIP_OK);
    EXPECT_EQ(mip_options_set_tls_verify(o.get(), 0), MIP_OK);
    EXPECT_EQ(mip_options_set_ca_file(o.get(), nullptr), MIP_OK);

    // The endpoint refused above is still unset; the refused token never stuck.
    FixtureServer server(answer(R"({"code":0,"data":{}})"));
    EXPECT_EQ(mip_options_set_endpoint(o.get(), server.url().c_str()), MIP_OK);
    EXPECT_EQ(mip_options_set_token(o.get(), "good"), MIP_OK);
    EXPECT_EQ(mip_options_set_token(o.get(), "bad\n"), MIP_ERR_INVALID_ARGUMENT);
    ClientOutcome c = make_client(o.get());
    ASSERT_EQ(c.code, MIP_OK);
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    EXPECT_EQ(server.requests().at(0).header("Authorization"), "Bearer good");
    EXPECT_EQ(server.requests().at(0).header("Request-Timeout"), "2");
}

TEST(Api, OptionsAreCopiedIntoTheClient) {
    FixtureServer server(answer(R"({"code":0,"data":{}})"));
    OptionsPtr o = options_for(server.url());
    mip_options_set_db_name(o.get(), "first");
    ClientOutcome c = make_client(o.get());
    mip_options_set_db_name(o.get(), "second");
    o.reset();
    ASSERT_EQ(get_progress(c.client.get(), "1").code, MIP_OK);
    EXPECT_EQ(server.requests().at(0).header("DB-Name"), "first");
}

TEST(Api, SuccessClearsTheErrorOutParameter) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"1"}})"));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    mip_job *job = nullptr;
    mip_error *err = reinterpret_cast<mip_error *>(0x1);
    ASSERT_EQ(mip_get_import_progress(c.client.get(), "1", nullptr, &job, &err), MIP_OK);
    EXPECT_EQ(err, nullptr);
    mip_job_free(job);
}

TEST(Api, JobAndDetailAccessors) {
    FixtureServer server(answer(R"({"code":0,"data":{"jobId":"9","collectionName":"c","state":"Failed",
        "progress":0,"importedRows":5,"totalRows":10,"fileSize":99,"createTime":"2024-04-01T06:00:00Z",
        "completeTime":"","reason":"bad file","details":[
          {"fileName":"[a.parquet]","state":"Completed","progress":100,"importedRows":5,"totalRows":5,"fileSize":50,
           "completeTime":"2024-04-01T06:10:00Z"},
          {"fileName":"[fail.parquet]","state":"Failed","progress":0,"totalRows":5,"fileSize":49,"reason":"bad file"}]}})"));
    OptionsPtr o = options_for(server.url());
    ClientOutcome c = make_client(o.get());
    Outcome out = get_progress(c.client.get(), "9");
    ASSERT_EQ(out.code, MIP_OK);
    const mip_job *j = out.job.get();
    EXPECT_STREQ(mip_job_id(j), "9");
    EXPECT_STREQ(mip_job_collection_name(j), "c");
    EXPECT_STREQ(mip_job_file_name(j), "");
    EXPECT_EQ(mip_job_state(j), MIP_STATE_FAILED);
    EXPECT_STREQ(mip_job_state_text(j), "Failed");
    EXPECT_EQ(mip_job_progress(j), 0);
    EXPECT_EQ(mip_job_imported_rows(j), 5);
    EXPECT_EQ(mip_job_total_rows(j), 10);
    EXPECT_EQ(mip_job_file_size(j), 99);
    EXPECT_STREQ(mip_job_create_time(j), "2024-04-01T06:00:00Z");
    EXPECT_STREQ(mip_job_complete_time(j), "");
    EXPECT_STREQ(mip_job_reason(j), "bad file");
    ASSERT_EQ(mip_job_detail_count(j), 2u);
    EXPECT_EQ(mip_job_detail(j, 2), nullptr);
    const mip_detail *a = mip_job_detail(j, 0);
    const mip_detail *b = mip_job_detail(j, 1);
    EXPECT_STREQ(mip_detail_file_name(a), "[a.parquet]");
    EXPECT_EQ(mip_detail_state(a), MIP_STATE_COMPLETED);
    EXPECT_STREQ(mip_detail_state_text(a), "Completed");
    EXPECT_EQ(mip_detail_progress(a), 100);
    EXPECT_EQ(mip_detail_imported_rows(a), 5);
    EXPECT_EQ(mip_detail_total_rows(a), 5);
    EXPECT_EQ(mip_detail_file_size(a), 50);
    EXPECT_STREQ(mip_detail_complete_time(a), "2024-04-01T06:10:00Z");
    EXPECT_STREQ(mip_detail_reason(a), "");
    EXPECT_EQ(mip_detail_state(b), MIP_STATE_FAILED);
    EXPECT_EQ(mip_detail_imported_rows(b), -1);
    EXPECT_STREQ(mip_detail_reason(b), "bad file");
}

}  // namespace
}  // namespace mip_test
