// SPDX-License-Identifier: Apache-2.0
// The whole import job against mip-emulator, flavor by flavor: create,
// wait, commit or abort, list; the server's refusals; a server without the
// two-phase routes. The request shapes and every error path are in
// tests/client; this is the same library against a server that keeps state.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "emulator_process.hpp"
#include "mip_handles.hpp"

namespace mip_test {
namespace {

struct Flavor {
    mip_api api;
    const char *name;
};
const Flavor kTwoPhaseFlavors[] = {{MIP_API_MILVUS, "milvus"}, {MIP_API_CLOUD, "cloud"}};

// Jobs take 0.1 s to stage and commits 0.02 s: the waits below have
// seconds of slack on a busy machine.
const std::vector<std::string> kFast = {"--speed", "100", "--commit-seconds", "2"};

ClientPtr client_for(const EmulatorProcess &emulator, mip_api api) {
    OptionsPtr o = options_for(emulator.url(), api);
    mip_options_set_token(o.get(), "k");
    mip_options_set_max_retries(o.get(), 0);
    if (api != MIP_API_MILVUS) mip_options_set_cluster_id(o.get(), "in01-lifecycle");
    ClientOutcome c = make_client(o.get());
    EXPECT_EQ(c.code, MIP_OK) << c.message();
    return std::move(c.client);
}

struct Created {
    mip_code code = MIP_OK;
    std::string id;
    ErrorPtr error;
    std::string message() const { return mip_error_message(error.get()); }
};

Created create(mip_client *client, const std::vector<std::vector<const char *>> &groups, bool auto_commit,
               const char *key = nullptr) {
    RequestPtr r(mip_import_request_new());
    mip_import_request_set_collection(r.get(), "lifecycle");
    for (const std::vector<const char *> &group : groups) {
        EXPECT_EQ(mip_import_request_add_files(r.get(), group.data(), group.size()), MIP_OK);
    }
    if (!auto_commit) mip_import_request_set_auto_commit(r.get(), 0);
    if (key) mip_import_request_set_idempotency_key(r.get(), key);
    char *id = nullptr;
    mip_error *error = nullptr;
    Created c;
    c.code = mip_create_import(client, r.get(), nullptr, &id, &error);
    c.error.reset(error);
    if (id) c.id = id;
    mip_free(id);
    return c;
}

// Waits (30 s at most) until the job stops at a terminal state.
Outcome wait_for(mip_client *client, const std::string &id) {
    mip_wait_options o;
    mip_wait_options_init(&o, sizeof o);
    o.poll_interval_ms = 10;
    o.timeout_ms = 30000;
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    Outcome out;
    out.code = mip_wait_import_with_options(client, id.c_str(), &o, nullptr, &job, &error);
    out.job.reset(job);
    out.error.reset(error);
    return out;
}

// id -> state of every job listed in collection "lifecycle".
std::vector<std::pair<std::string, mip_state>> listed(mip_client *client) {
    mip_job_list *list = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_list_imports(client, "lifecycle", nullptr, &list, &error);
    ErrorPtr owned(error);
    ListPtr owned_list(list);
    EXPECT_EQ(code, MIP_OK) << mip_error_message(error);
    std::vector<std::pair<std::string, mip_state>> out;
    for (size_t i = 0; i < mip_job_list_count(list); ++i) {
        const mip_job *job = mip_job_list_get(list, i);
        EXPECT_STREQ(mip_job_collection_name(job), "lifecycle");
        out.emplace_back(mip_job_id(job), mip_job_state(job));
    }
    return out;
}

TEST(Lifecycle, CreateWaitCommitOnEveryTwoPhaseFlavor) {
    EmulatorProcess emulator(kFast);
    for (const Flavor &f : kTwoPhaseFlavors) {
        SCOPED_TRACE(f.name);
        ClientPtr client = client_for(emulator, f.api);
        Created job = create(client.get(), {{"a.parquet"}, {"b/id.npy", "b/vec.npy"}}, false);
        ASSERT_EQ(job.code, MIP_OK) << job.message();
        Outcome staged = wait_for(client.get(), job.id);
        ASSERT_EQ(staged.code, MIP_OK) << staged.message();
        EXPECT_EQ(mip_job_state(staged.job.get()), MIP_STATE_UNCOMMITTED);
        EXPECT_EQ(mip_job_progress(staged.job.get()), 99);

        Done committed = conclude(mip_commit_import, client.get(), job.id.c_str());
        ASSERT_EQ(committed.code, MIP_OK) << committed.message();
        Outcome done = wait_for(client.get(), job.id);
        ASSERT_EQ(done.code, MIP_OK) << done.message();
        EXPECT_EQ(mip_job_state(done.job.get()), MIP_STATE_COMPLETED);
        EXPECT_EQ(mip_job_progress(done.job.get()), 100);

        // The server's refusals keep its words; they are not "not found".
        Done again = conclude(mip_commit_import, client.get(), job.id.c_str());
        EXPECT_EQ(again.code, MIP_ERR_SERVER) << again.message();
        EXPECT_NE(again.message().find("cannot commit"), std::string::npos) << again.message();
        Done abort_completed = conclude(mip_abort_import, client.get(), job.id.c_str());
        EXPECT_EQ(abort_completed.code, MIP_ERR_SERVER) << abort_completed.message();
        Done unknown = conclude(mip_commit_import, client.get(), f.api == MIP_API_MILVUS ? "1" : "job-unknown");
        EXPECT_EQ(unknown.code, MIP_ERR_NOT_FOUND) << unknown.message();
    }
}

TEST(Lifecycle, AbortEndsTheJobFailedAndASecondAbortSucceeds) {
    EmulatorProcess emulator(kFast);
    for (const Flavor &f : kTwoPhaseFlavors) {
        SCOPED_TRACE(f.name);
        ClientPtr client = client_for(emulator, f.api);
        Created job = create(client.get(), {{"a.json"}}, false);
        ASSERT_EQ(job.code, MIP_OK) << job.message();
        ASSERT_EQ(mip_job_state(wait_for(client.get(), job.id).job.get()), MIP_STATE_UNCOMMITTED);
        ASSERT_EQ(conclude(mip_abort_import, client.get(), job.id.c_str()).code, MIP_OK);
        EXPECT_EQ(conclude(mip_abort_import, client.get(), job.id.c_str()).code, MIP_OK);
        Outcome aborted = get_progress(client.get(), job.id.c_str());
        ASSERT_EQ(aborted.code, MIP_OK) << aborted.message();
        EXPECT_EQ(mip_job_state(aborted.job.get()), MIP_STATE_FAILED);
        EXPECT_NE(std::string(mip_job_reason(aborted.job.get())).find("abort"), std::string::npos)
            << mip_job_reason(aborted.job.get());
        Done commit_aborted = conclude(mip_commit_import, client.get(), job.id.c_str());
        EXPECT_EQ(commit_aborted.code, MIP_ERR_SERVER) << commit_aborted.message();
    }
}

TEST(Lifecycle, ListShowsEveryJobOfTheCollection) {
    EmulatorProcess emulator({"--speed", "100", "--max-page-size", "3"});
    for (const Flavor &f : kTwoPhaseFlavors) {
        SCOPED_TRACE(f.name);
        ClientPtr client = client_for(emulator, f.api);
        std::vector<std::string> ids;
        for (int i = 0; i < 7; ++i) {
            Created job = create(client.get(), {{"part.parquet"}}, i % 2 == 0);
            ASSERT_EQ(job.code, MIP_OK) << job.message();
            ids.push_back(job.id);
        }
        for (const std::string &id : ids) ASSERT_EQ(wait_for(client.get(), id).code, MIP_OK);
        const std::vector<std::pair<std::string, mip_state>> jobs = listed(client.get());
        ASSERT_EQ(jobs.size(), ids.size());  // the cloud's pages of 3 are all read
        for (size_t i = 0; i < ids.size(); ++i) {
            EXPECT_EQ(jobs[i].first, ids[i]);
            EXPECT_EQ(jobs[i].second, i % 2 == 0 ? MIP_STATE_COMPLETED : MIP_STATE_UNCOMMITTED);
        }
    }
}

TEST(Lifecycle, TheSameIdempotencyKeyGivesTheSameJob) {
    EmulatorProcess emulator(kFast);
    for (const Flavor &f : kTwoPhaseFlavors) {
        SCOPED_TRACE(f.name);
        ClientPtr client = client_for(emulator, f.api);
        Created first = create(client.get(), {{"a.json"}}, true, "nightly-2026-12-01");
        Created second = create(client.get(), {{"a.json"}}, true, "nightly-2026-12-01");
        Created other = create(client.get(), {{"a.json"}}, true);
        ASSERT_EQ(first.code, MIP_OK) << first.message();
        EXPECT_EQ(second.id, first.id);
        EXPECT_NE(other.id, first.id);
    }
}

TEST(Lifecycle, CloudV1CreatesListsAndHasNoTwoPhase) {
    EmulatorProcess emulator(kFast);
    ClientPtr client = client_for(emulator, MIP_API_CLOUD_V1);
    Created job = create(client.get(), {{"s3://bucket/folder/"}}, true);
    ASSERT_EQ(job.code, MIP_OK) << job.message();
    Outcome done = wait_for(client.get(), job.id);
    ASSERT_EQ(done.code, MIP_OK) << done.message();
    EXPECT_EQ(mip_job_state(done.job.get()), MIP_STATE_COMPLETED);
    const std::vector<std::pair<std::string, mip_state>> jobs = listed(client.get());
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_EQ(jobs[0].first, job.id);
    EXPECT_EQ(jobs[0].second, MIP_STATE_COMPLETED);
    Done commit = conclude(mip_commit_import, client.get(), job.id.c_str());
    EXPECT_EQ(commit.code, MIP_ERR_UNSUPPORTED) << commit.message();
    EXPECT_EQ(mip_error_attempts(commit.error.get()), 0);
}

// Milvus 2.x: create works, the job completes on its own, and commit and
// abort are "not supported", never "not found".
TEST(Lifecycle, AServerWithoutTwoPhaseSaysUnsupported) {
    EmulatorProcess emulator({"--speed", "100", "--legacy"});
    ClientPtr client = client_for(emulator, MIP_API_MILVUS);
    Created job = create(client.get(), {{"a.json"}}, true);
    ASSERT_EQ(job.code, MIP_OK) << job.message();
    EXPECT_EQ(mip_job_state(wait_for(client.get(), job.id).job.get()), MIP_STATE_COMPLETED);
    for (auto call : {mip_commit_import, mip_abort_import}) {
        Done d = conclude(call, client.get(), job.id.c_str());
        EXPECT_EQ(d.code, MIP_ERR_UNSUPPORTED) << d.message();
        EXPECT_EQ(mip_error_attempts(d.error.get()), 1);
    }
}

// The server refuses any option value that is not a string (code 1801):
// one it accepts shows they went out as strings.
TEST(Lifecycle, OptionsGoOutAsTheStringsTheServerTakes) {
    EmulatorProcess emulator(kFast);
    ClientPtr client = client_for(emulator, MIP_API_MILVUS);
    RequestPtr r(mip_import_request_new());
    const char *group[] = {"a.json"};
    mip_import_request_set_collection(r.get(), "lifecycle");
    mip_import_request_add_files(r.get(), group, 1);
    mip_import_request_set_option(r.get(), "timeout", "300s");
    char *id = nullptr;
    mip_error *error = nullptr;
    ASSERT_EQ(mip_create_import(client.get(), r.get(), nullptr, &id, &error), MIP_OK) << mip_error_message(error);
    mip_free(id);
}

}  // namespace
}  // namespace mip_test
