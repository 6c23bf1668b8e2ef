// SPDX-License-Identifier: Apache-2.0
// Out of memory, at every allocation in turn: a whole mip_client_new, one
// call (reading progress, creating a job, listing jobs) and mip_client_free
// against a loopback server, with the Nth allocation failing, for N = 1, 2, 3 ... until a run
// in which nothing failed; once with only the Nth allocation failing, once
// with every allocation from the Nth on failing. Every call must come back
// with MIP_OK or MIP_ERR_NO_MEMORY (two libcurl exceptions aside, see below),
// a success must carry the right job, and nothing the run allocated may
// outlive it.
//
// Allocations are counted by replacing every global operator new / delete
// (the library's own, the standard library's and simdjson's) and by giving
// libcurl counting functions through curl_global_init_mem. Only the test's
// thread counts (a thread_local switch), so the fixture server's threads
// allocate normally.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "fixture_server.hpp"
#include "mip.h"
#include "mip_handles.hpp"

namespace {

// ------------------------------------------------------------ the allocator

// Every block is preceded by a header saying where its memory begins and
// whether it was allocated during a run, so that a free on any thread can
// tell the run's blocks apart from everyone else's.
struct Header {
    void *base;
    uint32_t magic;
    bool tracked;
};
constexpr uint32_t kMagic = 0x6d697061;
// 16: the header fits, and blocks keep malloc's 16-byte alignment.
constexpr size_t kHeaderRoom = 16;
static_assert(sizeof(Header) <= kHeaderRoom, "the header fits before the block");

// The run's switches; only the thread that runs the scenario sets them.
thread_local bool t_armed = false;                // counting (and failing) this thread's allocations
thread_local long t_fail_at = 0;                  // the allocation that fails, counted from 1
thread_local bool t_keep_failing = false;         // and every one after it
thread_local long t_seen = 0;                     // allocations counted in this run
thread_local long t_failed = 0;                   // of which failed
thread_local bool t_in_call = false;              // inside the scenario's call
thread_local bool t_curl_failed_in_call = false;  // a libcurl allocation failed there

// Blocks allocated during runs and not freed yet, whichever thread frees them.
std::atomic<long> g_tracked_live{0};

enum class Source { Cxx, Curl };

bool next_allocation_fails(Source source) {
    if (!t_armed) return false;
    ++t_seen;
    const bool fail = t_seen == t_fail_at || (t_keep_failing && t_seen > t_fail_at);
    if (fail) {
        ++t_failed;
        if (source == Source::Curl && t_in_call) t_curl_failed_in_call = true;
    }
    return fail;
}

Header *header_of(void *block) { return reinterpret_cast<Header *>(static_cast<char *>(block) - kHeaderRoom); }

// `align` 0: malloc's alignment. nullptr when this allocation is to fail.
void *allocate(size_t size, size_t align, Source source = Source::Cxx) {
    if (next_allocation_fails(source)) return nullptr;
    const size_t room = align > kHeaderRoom ? align : kHeaderRoom;
    if (size > SIZE_MAX - room) return nullptr;
    void *base = nullptr;
    if (align > kHeaderRoom) {
        if (posix_memalign(&base, align, size + room) != 0) return nullptr;
    } else {
        base = std::malloc(size + room);
        if (!base) return nullptr;
    }
    void *block = static_cast<char *>(base) + room;
    *header_of(block) = Header{base, kMagic, t_armed};
    if (t_armed) ++g_tracked_live;
    return block;
}

void release(void *block) {
    if (!block) return;
    Header *header = header_of(block);
    if (header->magic != kMagic) std::abort();  // freed twice, or never allocated here
    if (header->tracked) --g_tracked_live;
    header->magic = 0;
    std::free(header->base);
}

void *allocate_or_throw(size_t size, size_t align) {
    if (void *block = allocate(size, align)) return block;
    throw std::bad_alloc();
}

// libcurl's allocation functions (curl_global_init_mem).
void *curl_malloc_hook(size_t size) { return allocate(size, 0, Source::Curl); }
void curl_free_hook(void *block) { release(block); }
void *curl_calloc_hook(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return nullptr;
    void *block = allocate(count * size, 0, Source::Curl);
    if (block) std::memset(block, 0, count * size);
    return block;
}
char *curl_strdup_hook(const char *text) {
    const size_t size = std::strlen(text) + 1;
    void *copy = allocate(size, 0, Source::Curl);
    if (copy) std::memcpy(copy, text, size);
    return static_cast<char *>(copy);
}
void *curl_realloc_hook(void *block, size_t size) {
    if (!block) return allocate(size, 0, Source::Curl);
    if (next_allocation_fails(Source::Curl)) return nullptr;
    const Header old = *header_of(block);
    if (old.magic != kMagic) std::abort();
    void *base = std::realloc(old.base, size + kHeaderRoom);
    if (!base) return nullptr;
    void *moved = static_cast<char *>(base) + kHeaderRoom;
    *header_of(moved) = Header{base, kMagic, old.tracked};
    return moved;
}

}  // namespace

// Every replaceable global allocation function, so that no allocation in the
// process bypasses the count and every block carries a header.
void *operator new(size_t size) { return allocate_or_throw(size, 0); }
void *operator new[](size_t size) { return allocate_or_throw(size, 0); }
void *operator new(size_t size, const std::nothrow_t &) noexcept { return allocate(size, 0); }
void *operator new[](size_t size, const std::nothrow_t &) noexcept { return allocate(size, 0); }
void *operator new(size_t size, std::align_val_t align) { return allocate_or_throw(size, static_cast<size_t>(align)); }
void *operator new[](size_t size, std::align_val_t align) {
    return allocate_or_throw(size, static_cast<size_t>(align));
}
void *operator new(size_t size, std::align_val_t align, const std::nothrow_t &) noexcept {
    return allocate(size, static_cast<size_t>(align));
}
void *operator new[](size_t size, std::align_val_t align, const std::nothrow_t &) noexcept {
    return allocate(size, static_cast<size_t>(align));
}
void operator delete(void *block) noexcept { release(block); }
void operator delete[](void *block) noexcept { release(block); }
void operator delete(void *block, size_t) noexcept { release(block); }
void operator delete[](void *block, size_t) noexcept { release(block); }
void operator delete(void *block, const std::nothrow_t &) noexcept { release(block); }
void operator delete[](void *block, const std::nothrow_t &) noexcept { release(block); }
void operator delete(void *block, std::align_val_t) noexcept { release(block); }
void operator delete[](void *block, std::align_val_t) noexcept { release(block); }
void operator delete(void *block, size_t, std::align_val_t) noexcept { release(block); }
void operator delete[](void *block, size_t, std::align_val_t) noexcept { release(block); }
void operator delete(void *block, std::align_val_t, const std::nothrow_t &) noexcept { release(block); }
void operator delete[](void *block, std::align_val_t, const std::nothrow_t &) noexcept { release(block); }

namespace mip_test {
namespace {

// ------------------------------------------------------------- the scenario

// One call of the C API against a server that answers `body`. `call`
// makes it on `client` and says whether what came back is right; with
// memory running out it may return MIP_ERR_NO_MEMORY instead, from any of
// the library calls it makes.
struct Scenario {
    const char *name;
    mip_api api;
    const char *body;
    mip_code (*call)(mip_client *client, mip_cancel *cancel, mip_error **err, bool *right);
};

bool job_is_right(const mip_job *job) {
    const mip_detail *detail = mip_job_detail(job, 0);
    return job && mip_job_progress(job) == 40 && mip_job_detail_count(job) == 1 && detail &&
           std::strcmp(mip_detail_file_name(detail), "a.parquet") == 0 && std::strcmp(mip_job_id(job), "1") == 0;
}

// The server's answer: 40 %, one detail "a.parquet".
mip_code read_progress(mip_client *client, mip_cancel *cancel, mip_error **err, bool *right) {
    mip_job *job = nullptr;
    const mip_code code = mip_get_import_progress(client, "1", cancel, &job, err);
    *right = (code == MIP_OK) == (job != nullptr) && job_is_right(job);
    mip_job_free(job);
    return code;
}

// Setters refusing what the rules refuse, in the run: a refusal allocates
// nothing, so it is MIP_ERR_INVALID_ARGUMENT (never an exception) whatever
// the allocator does.
bool refusals_hold(mip_import_request *request) {
    mip_options *options = mip_options_new();
    if (!options) return true;  // nothing to refuse with
    const char *group[] = {"a\nb"};
    const bool held = mip_options_set_timeout_ms(options, 0) == MIP_ERR_INVALID_ARGUMENT &&
                      mip_options_set_max_retries(options, 101) == MIP_ERR_INVALID_ARGUMENT &&
                      mip_options_set_token(options, "a\r\nInjected: 1") == MIP_ERR_INVALID_ARGUMENT &&
                      mip_import_request_set_idempotency_key(request, " key") == MIP_ERR_INVALID_ARGUMENT &&
                      mip_import_request_set_collection(request, "\xff") == MIP_ERR_INVALID_ARGUMENT &&
                      mip_import_request_add_files(request, group, 1) == MIP_ERR_INVALID_ARGUMENT;
    mip_options_free(options);
    return held;
}

// The request is built in the run too: its setters share the allocator.
mip_code create_job(mip_client *client, mip_cancel *cancel, mip_error **err, bool *right) {
    *right = false;
    *err = nullptr;
    mip_import_request *request = mip_import_request_new();
    if (!request) return MIP_ERR_NO_MEMORY;
    if (!refusals_hold(request)) {
        mip_import_request_free(request);
        return MIP_ERR_INVALID_ARGUMENT;  // not a code a run may end with: reported as a finding
    }
    const char *group[] = {"a.parquet", "b.parquet"};
    mip_code code = mip_import_request_set_collection(request, "books");
    if (code == MIP_OK) code = mip_import_request_add_files(request, group, 2);
    if (code == MIP_OK) code = mip_import_request_set_option(request, "timeout", "300s");
    if (code == MIP_OK) code = mip_import_request_set_object_credentials(request, "AKIA0123", "secret-0123456789");
    char *id = nullptr;
    if (code == MIP_OK) {
        code = mip_create_import(client, request, cancel, &id, err);
        *right = (code == MIP_OK) == (id != nullptr) && (!id || std::strcmp(id, "455347834366210001") == 0);
    }
    mip_free(id);
    mip_import_request_free(request);
    return code;
}

// The server's page holds both jobs and says so.
mip_code list_jobs(mip_client *client, mip_cancel *cancel, mip_error **err, bool *right) {
    mip_job_list *list = nullptr;
    const mip_code code = mip_list_imports(client, "books", cancel, &list, err);
    *right =
        (code == MIP_OK) == (list != nullptr) &&
        (!list || (mip_job_list_count(list) == 2 && std::strcmp(mip_job_id(mip_job_list_get(list, 1)), "job-2") == 0 &&
                   mip_job_state(mip_job_list_get(list, 1)) == MIP_STATE_UNCOMMITTED));
    mip_job_list_free(list);
    return code;
}

const Scenario kMilvus{"milvus", MIP_API_MILVUS,
                       R"({"code":0,"data":{"jobId":"1","state":"Importing","progress":40,
                          "details":[{"fileName":"a.parquet","progress":40,"state":"Importing"}]}})",
                       read_progress};
const Scenario kCloudV1{"cloud_v1", MIP_API_CLOUD_V1,
                        R"({"code":200,"data":{"jobId":"1","readyPercentage":0.4,"completeTime":null,
                           "details":[{"fileName":"a.parquet","readyPercentage":0.4}]}})",
                        read_progress};
const Scenario kCreate{"create_cloud", MIP_API_CLOUD, R"({"code":0,"data":{"jobId":455347834366210001}})", create_job};
const Scenario kList{"list_cloud", MIP_API_CLOUD,
                     R"({"code":0,"data":{"count":2,"currentPage":1,"pageSize":100,"records":[
                         {"jobId":"job-1","collectionName":"books","state":"Completed","progress":100},
                         {"jobId":"job-2","collectionName":"books","state":"Uncommitted","progress":99}]}})",
                     list_jobs};

struct Mode {
    const char *name;
    bool keep_failing;  // false: only the Nth allocation fails; true: the Nth and all after it
};

const Mode kOneFailure{"one_failure", false};
const Mode kFromNOn{"all_from_n_on", true};

// What one run did, read after the run's memory is gone.
struct RunResult {
    long allocations = 0;
    long failed = 0;  // allocations made to fail
    mip_code client_code = MIP_OK;
    mip_code call_code = MIP_OK;
    bool job_right = false;  // MIP_OK with the right answer
    bool errors_consistent = true;
    bool curl_failed_in_call = false;  // a libcurl allocation inside the call failed
    bool client_recovered = true;      // a call on the same client, memory back, succeeds
    std::string message;               // the first error's message, if there was an error object
    long leaked = 0;                   // blocks the run allocated that are still live
};

// An error object, when there is one, says the code the call returned; only
// MIP_ERR_NO_MEMORY may come without one (the error object itself could not
// be allocated).
bool error_matches(mip_code code, const mip_error *error) {
    if (code == MIP_OK) return error == nullptr;
    if (!error) return code == MIP_ERR_NO_MEMORY;
    return mip_error_code(error) == code;
}

RunResult run_once(const Scenario &scenario, const mip_options *options, long fail_at, bool keep_failing) {
    mip_error *client_error = nullptr;
    mip_error *call_error = nullptr;
    RunResult run;
    // Made before the run: with a token, the call also registers a cancel
    // watcher, one more allocation that can fail mid-transfer set-up.
    CancelPtr cancel(mip_cancel_new());

    t_seen = 0;
    t_failed = 0;
    t_curl_failed_in_call = false;
    t_fail_at = fail_at;
    t_keep_failing = keep_failing;
    t_armed = true;
    // Nothing between here and `t_armed = false` may allocate but the library.
    mip_client *client = nullptr;
    run.client_code = mip_client_new(options, &client, &client_error);
    run.errors_consistent =
        error_matches(run.client_code, client_error) && (run.client_code == MIP_OK) == (client != nullptr);
    if (client) {
        t_in_call = true;
        bool right = false;
        run.call_code = scenario.call(client, cancel.get(), &call_error, &right);
        t_in_call = false;
        run.errors_consistent = run.errors_consistent && error_matches(run.call_code, call_error);
        run.job_right = run.call_code == MIP_OK && right;
        // Memory is back: whatever failed, the client (its pooled worker
        // included) must work again.
        t_armed = false;
        mip_error *again_error = nullptr;
        bool again_right = false;
        run.client_recovered = scenario.call(client, cancel.get(), &again_error, &again_right) == MIP_OK && again_right;
        mip_error_free(again_error);
        mip_client_free(client);
    }
    t_armed = false;

    run.allocations = t_seen;
    run.failed = t_failed;
    run.curl_failed_in_call = t_curl_failed_in_call;
    if (const mip_error *first = client_error ? client_error : call_error) run.message = mip_error_message(first);
    mip_error_free(client_error);
    mip_error_free(call_error);
    cancel.reset();  // its list of watchers grew during the run
    run.leaked = g_tracked_live.exchange(0);
    return run;
}

// Past this many allocations a run is surely not ending: stop, and fail.
constexpr long kMaxAllocations = 20000;

class AllocFailure : public testing::TestWithParam<std::tuple<Scenario, Mode>> {};

TEST_P(AllocFailure, EveryAllocationFailingInTurnIsNoMemoryOrSuccess) {
    const Scenario &scenario = std::get<0>(GetParam());
    const Mode &mode = std::get<1>(GetParam());
    FixtureServer server(answer(scenario.body));
    OptionsPtr options = options_for(server.url(), scenario.api);
    mip_options_set_token(options.get(), "key");
    mip_options_set_cluster_id(options.get(), "in01-test");
    // A failed attempt must show its own code, not be hidden by a retry
    // that succeeds (or slowed down by the backoff).
    mip_options_set_max_retries(options.get(), 0);
    // An allocation failure that made a call hang would show as a timeout.
    mip_options_set_timeout_ms(options.get(), 5000);

    // Once without failures first: what is set up once per process (libcurl's
    // and simdjson's one-time state) is not the run's to free.
    t_armed = false;
    {
        ClientOutcome warm = make_client(options.get());
        ASSERT_EQ(warm.code, MIP_OK) << warm.message();
        mip_error *error = nullptr;
        bool right = false;
        ASSERT_EQ(scenario.call(warm.client.get(), nullptr, &error, &right), MIP_OK);
        mip_error_free(error);
        ASSERT_TRUE(right);
    }

    std::map<std::string, int> outcomes;  // "client code / call code" -> runs
    std::vector<std::string> findings;
    long allocations = 0;  // in a run where none failed
    long fail_at = 1;
    for (;; ++fail_at) {
        const RunResult run = run_once(scenario, options.get(), fail_at, mode.keep_failing);
        const bool client_ok = run.client_code == MIP_OK;
        const std::string outcome =
            std::string(mip_code_name(run.client_code)) + " / " + (client_ok ? mip_code_name(run.call_code) : "-");
        ++outcomes[outcome];

        std::vector<std::string> problems;
        if (run.failed == 0) {
            // Nothing was failed: the run must simply work.
            if (!client_ok || run.call_code != MIP_OK || !run.job_right)
                problems.push_back("fails with no failure injected");
        } else if (!client_ok && run.client_code != MIP_ERR_NO_MEMORY) {
            problems.push_back(std::string("mip_client_new returned ") + mip_code_name(run.client_code));
        } else if (client_ok && (run.call_code == MIP_ERR_CONNECT || run.call_code == MIP_ERR_PROTOCOL) &&
                   run.curl_failed_in_call) {
            // Tolerated: libcurl (7.88) reports some of its own allocation
            // failures during a transfer as "Could not resolve host", which
            // mip cannot tell from a real connection failure; and its
            // out-of-memory after a status line is what it also says of a
            // header line over its limit, which mip reports as a protocol
            // error (see transport.cpp).
        } else if (client_ok && run.call_code != MIP_OK && run.call_code != MIP_ERR_NO_MEMORY) {
            problems.push_back(std::string(scenario.name) + " returned " + mip_code_name(run.call_code));
        } else if (client_ok && run.call_code == MIP_OK && !run.job_right) {
            problems.push_back("MIP_OK with a wrong job");
        }
        if (!run.errors_consistent) problems.push_back("the code, the out-parameter and the error object disagree");
        if (!run.client_recovered) problems.push_back("the client fails after memory came back");
        if (run.leaked != 0) problems.push_back(std::to_string(run.leaked) + " blocks leaked");
        if (!problems.empty()) {
            std::string finding = "N=" + std::to_string(fail_at) + ":";
            for (const std::string &p : problems) finding += " " + p + ";";
            if (!run.message.empty()) finding += " message \"" + run.message + "\"";
            findings.push_back(finding);
        }
        if (run.failed == 0) {
            allocations = run.allocations;
            break;
        }
        if (fail_at >= kMaxAllocations) break;
    }

    std::ostringstream summary;
    summary << scenario.name << ", " << mode.name << ": " << fail_at << " runs; the whole scenario makes "
            << allocations << " allocations";
    for (const auto &[outcome, count] : outcomes) summary << "\n  " << outcome << ": " << count;
    std::printf("%s\n", summary.str().c_str());
    EXPECT_LT(fail_at, kMaxAllocations) << "a run never ended without a failure";
    for (const std::string &finding : findings) ADD_FAILURE() << finding;
}

std::string param_name(const testing::TestParamInfo<std::tuple<Scenario, Mode>> &info) {
    return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(AllFlavorsAndModes, AllocFailure,
                         testing::Combine(testing::Values(kMilvus, kCloudV1, kCreate, kList),
                                          testing::Values(kOneFailure, kFromNOn)),
                         param_name);

}  // namespace
}  // namespace mip_test

int main(int argc, char **argv) {
    // Before anything else touches libcurl, so that all of its allocations
    // (mip's own curl_global_init then only counts a reference) go through
    // the counting functions.
    if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_malloc_hook, curl_free_hook, curl_realloc_hook, curl_strdup_hook,
                             curl_calloc_hook) != CURLE_OK) {
        std::fprintf(stderr, "curl_global_init_mem failed\n");
        return 1;
    }
    testing::InitGoogleTest(&argc, argv);
    const int result = RUN_ALL_TESTS();
    curl_global_cleanup();
    return result;
}
