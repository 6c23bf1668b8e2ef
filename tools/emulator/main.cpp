// SPDX-License-Identifier: Apache-2.0
// mip-emulator: a local stand-in for the Milvus and Zilliz Cloud bulk-import
// progress APIs, with simulated jobs and injectable faults (README.md).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "faults.hpp"
#include "job_store.hpp"
#include "listen_backlog.hpp"
#include "request_deadline.hpp"
#include "routes.hpp"
#include "scenario.hpp"
#include "shutdown.hpp"

namespace {

struct Options {
    std::string host = "127.0.0.1";
    int port = 19530;
    std::string token;
    double speed = 1;
    double duration_s = 10;
    bool uncommitted = false;
    double commit_s = 2;
    int latency_ms = 0;
    bool legacy = false;
    std::string scenario;
    std::string cert;
    std::string key;
    int threads = 80;
    bool verbose = false;
    int64_t max_page_size = 100;
    std::pair<int64_t, std::string> extra_jobs{0, ""};
    double retention_s = 10800;
    size_t idempotency_keys = emu::kMostIdempotencyKeys;
    double request_timeout_s = 10;
};

void describe_options(CLI::App &app, Options &o) {
    app.add_option("--host", o.host, "Address to listen on")->capture_default_str();
    app.add_option("--port", o.port,
                   "Port to listen on; 0 picks a free one. The port is printed on the first line of stdout")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    app.add_option("--token", o.token,
                   "Require 'Authorization: Bearer TOKEN'; each flavor rejects others its own way "
                   "(milvus 401/1800, cloud 21119, cloud-v1 80020). Without it nothing is checked");
    app.add_option("--speed", o.speed, "Simulated seconds per wall-clock second")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--duration", o.duration_s,
                   "Simulated seconds a job takes to reach 100 % unless its scenario says otherwise")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_flag("--uncommitted", o.uncommitted, "Jobs stop at state Uncommitted (progress 99) instead of Completed");
    app.add_option("--commit-seconds", o.commit_s, "Simulated seconds a committed job stays in Committing")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_option("--latency-ms", o.latency_ms, "Delay added before every answer")->check(CLI::NonNegativeNumber);
    app.add_flag("--legacy", o.legacy,
                 "Act as an older Milvus: no describe, commit or abort route (they answer 404 page not found)");
    app.add_option("--scenario", o.scenario, "JSON file of jobs to serve from the start (format in README.md)")
        ->check(CLI::ExistingFile);
    auto *cert = app.add_option("--cert", o.cert, "Serve HTTPS with this PEM certificate")->check(CLI::ExistingFile);
    auto *key = app.add_option("--key", o.key, "Private key for --cert")->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    app.add_option("--threads", o.threads, "Worker threads; each open connection holds one")
        ->capture_default_str()
        ->check(CLI::Range(1, 4096));
    app.add_option("--max-page-size", o.max_page_size, "Cap on the pageSize of a cloud or cloud-v1 list")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{1}, int64_t{1000000}));
    app.add_option("--extra-jobs", o.extra_jobs,
                   "N COLLECTION: also serve N one-file jobs in COLLECTION (database default, every cluster), "
                   "e.g. to measure long lists")
        ->check(CLI::Range(int64_t{0}, int64_t{1000000}).application_index(0));
    app.add_option("--retention", o.retention_s,
                   "Simulated seconds a finished job (Completed, Failed, aborted) is kept before it is forgotten, "
                   "as Milvus's dataCoord.import.taskRetention")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_option("--idempotency-keys", o.idempotency_keys,
                   "Most Idempotency-Key entries kept at once (the oldest leaves first); can only be lowered")
        ->capture_default_str()
        ->check(CLI::Range(size_t{1}, emu::kMostIdempotencyKeys));
    app.add_option("--request-timeout", o.request_timeout_s,
                   "Seconds a client has to send a request's head, and again its body, however it trickles them; "
                   "then its connection is closed")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    app.add_flag("-v,--verbose", o.verbose, "Log each request to stderr (method, path and status only)");
    // Paragraphs apart, as help2man makes them paragraphs of the man page.
    app.footer(
        "Routes: POST /v2/vectordb/jobs/import/{describe,get_progress,getProgress,create,list,commit,abort}, "
        "GET /v1/vector/collections/import/{get,list}, POST /v1/vector/collections/import.\n\n"
        "A body with clusterId (or projectId + regionId) is a cloud request; otherwise milvus.\n\n"
        "Create takes options (strings only, else code 1801); options.auto_commit \"false\" stops the job "
        "at Uncommitted until commit (then Committing, Completed) or abort (then Failed). A repeated "
        "Idempotency-Key header in the same collection and database or cluster answers the first job's id.\n\n"
        "Jobs: created with create, or from --scenario: {\"jobs\":[{\"jobId\",\"collectionName\",\"database\","
        "\"clusterId\",\"durationSeconds\",\"elapsedSeconds\",\"fail\",\"reason\",\"uncommitted\","
        "\"files\":[{\"paths\":[...],\"rows\",\"size\"} or \"name\"]}]}. A file name containing 'fail' "
        "makes its job fail half-way through that file.\n\n"
        "Faults by job id: fault-502, fault-503, fault-429[-SECONDS], fault-1807, fault-408, fault-reset, "
        "fault-truncate, fault-stall, fault-slowdrip[-MS], fault-big[-BYTES], fault-flaky<NAME>[-N]; "
        "anything may follow, e.g. fault-503-job7. Such jobs need no creating.\n\n"
        "Exits 0 on SIGINT or SIGTERM. Details: README.md next to the sources.");
}

}  // namespace

int main(int argc, char **argv) {
    // Named, not taken from argv[0]: the help and the man page say
    // `mip-emulator` however it was started.
    CLI::App app{"mip-emulator: local Milvus / Zilliz Cloud bulk-import progress server", "mip-emulator"};
    // The release's version, compiled in: the emulator does not link libmip to ask it.
    app.set_version_flag("--version", "mip-emulator " MIP_EMULATOR_VERSION, "Print the version and exit");
    Options opt;
    describe_options(app, opt);
    CLI11_PARSE(app, argc, argv);

    // SIGINT/SIGTERM are taken by sigwait below, never by a handler; every
    // thread started from here on inherits the block.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // A client hanging up mid-answer must cost an error return, not the process.
    signal(SIGPIPE, SIG_IGN);

    emu::JobStore store(
        {opt.duration_s, opt.commit_s, opt.speed, opt.uncommitted, opt.retention_s, opt.idempotency_keys});
    if (!opt.scenario.empty()) {
        const std::string error = emu::load_scenario(opt.scenario, store);
        if (!error.empty()) {
            std::cerr << "mip-emulator: " << error << "\n";
            return 2;
        }
    }
    emu::add_plain_jobs(store, opt.extra_jobs.first, opt.extra_jobs.second);

    std::unique_ptr<httplib::Server> server;
    if (!opt.cert.empty()) {
        server = std::make_unique<httplib::SSLServer>(opt.cert.c_str(), opt.key.c_str());
    } else {
        server = std::make_unique<httplib::Server>();
    }
    if (!server->is_valid()) {
        std::cerr << "mip-emulator: cannot use the certificate or key\n";
        return 1;
    }
    // Idle keep-alive connections hold a worker and delay shutdown; keep them short.
    server->set_keep_alive_timeout(2);
    // A client that stops sending, or stops reading, loses its worker after
    // this long (one that trickles, after --request-timeout: DeadlineQueue);
    // and no request body is buffered past the largest any real create needs
    // (1024 file groups with long paths).
    server->set_read_timeout(2, 0);
    server->set_write_timeout(5, 0);
    server->set_payload_max_length(size_t{8} << 20);
    // Like Go's net/http behind Milvus: no cap on requests per connection, and
    // no Nagle delay between the headers and the body of an answer.
    server->set_keep_alive_max_count(1000000);
    server->set_tcp_nodelay(true);
    // httplib calls its logger once an answer is out, on the worker.
    const bool verbose = opt.verbose;
    server->set_logger([verbose](const httplib::Request &req, const httplib::Response &res) {
        emu::DeadlineQueue::head_expected();
        if (verbose) std::cerr << req.method << " " << req.target << " -> " << res.status << "\n";
    });

    emu::Shutdown shutdown;
    emu::Faults faults(shutdown);
    emu::install_routes(*server, store, faults, shutdown, {opt.token, opt.legacy, opt.latency_ms, opt.max_page_size});

    const int port =
        opt.port == 0 ? server->bind_to_any_port(opt.host) : (server->bind_to_port(opt.host, opt.port) ? opt.port : -1);
    if (port <= 0) {
        std::cerr << "mip-emulator: cannot listen on " << opt.host << ":" << opt.port << "\n";
        return 1;
    }
    emu::widen_listen_backlog(port);
    const size_t threads = static_cast<size_t>(opt.threads);
    const auto request_timeout = std::chrono::milliseconds(static_cast<int64_t>(opt.request_timeout_s * 1000));
    server->new_task_queue = [threads, port, request_timeout] {
        return new emu::DeadlineQueue(threads, port, request_timeout);
    };
    std::cout << port << std::endl;

    std::atomic<bool> listening_ended{false};
    std::thread listener([&] {
        server->listen_after_bind();
        listening_ended = true;
        kill(getpid(), SIGTERM);  // wakes the sigwait below if the listener failed on its own
    });

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    shutdown.trigger();
    // stop() does nothing until the accept loop has started, so repeat it.
    while (!listening_ended) {
        server->stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    listener.join();
    return 0;
}
