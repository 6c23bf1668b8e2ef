// mip: reports the progress of a Milvus / Zilliz Cloud bulk-import job.
#include <unistd.h>

#include <cstdio>

#include <curl/curl.h>
#include <mip.h>
#include <CLI/CLI.hpp>

#include "config.hpp"
#include "exit_codes.hpp"
#include "job_output.hpp"
#include "job_snapshot.hpp"
#include "mip_handles.hpp"
#include "stop_signals.hpp"
#include "watch.hpp"

using namespace mipcli;

namespace {

const char *const kFooter =
    "Exit status:\n"
    "  0    the job completed (mip get: the job was read, whatever its state)\n"
    "  1    the job failed\n"
    "  2    usage, connection or server error\n"
    "  3    the job is uncommitted: it waits for a commit or abort\n"
    "  130  interrupted (Ctrl-C or SIGTERM)\n"
    "\n"
    "Every connection option can come from its environment variable instead,\n"
    "which keeps an API key out of the command line and the shell history.";

int get_job(mip_client *client, mip_cancel *cancel, const StopSignals &stop, const std::string &job_id, bool json) {
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_get_import_progress(client, job_id.c_str(), cancel, &job, &error);
    const Owned<mip_job> owned_job(job);
    const Owned<mip_error> owned_error(error);
    if (stop.stopped()) {
        std::fputs("mip: interrupted\n", stderr);
        return kExitInterrupted;
    }
    if (code != MIP_OK) {
        report(failure_of(code, error));
        return kExitError;
    }
    const JobSnapshot snapshot = snapshot_of(job);
    if (json) {
        std::printf("%s\n", job_json(snapshot).c_str());
    } else {
        std::fputs(job_summary(snapshot).c_str(), stdout);
    }
    return kExitCompleted;
}

// CLI11 quotes every unexpected argument, and one of them may be the value
// of a mistyped --token ("--tokenx SECRET"): name the options, count the rest.
int report_unexpected(const std::vector<std::string> &extras) {
    std::string options;
    size_t values = 0;
    for (const std::string &extra : extras) {
        if (extra.size() > 1 && extra[0] == '-') {
            options += (options.empty() ? "" : " ") + extra.substr(0, extra.find('='));
        } else {
            ++values;
        }
    }
    std::string message = "mip: unexpected arguments:";
    if (!options.empty()) message += " " + options;
    if (values > 0) {
        message += (options.empty() ? " " : " and ") + std::to_string(values) + (values == 1 ? " value" : " values") +
                   " (not shown: it could be a secret)";
    }
    std::fprintf(stderr, "%s\nRun with --help for more information.\n", message.c_str());
    return kExitError;
}

void print_versions() {
    std::printf("mip %s\nlibcurl %s\n", mip_version(), curl_version_info(CURLVERSION_NOW)->version);
}

}  // namespace

int main(int argc, char **argv) {
    CLI::App app{"mip: progress of a Milvus / Zilliz Cloud bulk-import job"};
    app.footer(kFooter);
    app.require_subcommand(1);

    ConnectionConfig connection;
    std::string job_id;
    bool json = false;
    WatchOptions watch_options;

    CLI::App *get = app.add_subcommand("get", "Print a job's progress once");
    get->add_option("JOB_ID", job_id, "The import job's id")->required();
    get->add_flag("--json", json, "Print the job as one JSON object");
    add_connection_options(*get, connection);

    CLI::App *watch = app.add_subcommand("watch", "Follow a job until it is Completed, Failed or Uncommitted");
    watch->add_option("JOB_ID", job_id, "The import job's id")->required();
    watch->add_flag("--json", json, "Print one JSON object per poll (JSON lines)");
    watch->add_option("--interval-ms", watch_options.interval_ms, "Pause between polls, in milliseconds")
        ->check(CLI::Range(10, 3600000))
        ->capture_default_str();
    watch
        ->add_option("--max-wait", watch_options.max_wait_ms,
                     "Give up (exit 2) when the job has not finished after this many milliseconds; "
                     "0 waits as long as it takes")
        ->check(CLI::Range(int64_t{0}, int64_t{30} * 24 * 3600 * 1000))
        ->capture_default_str();
    add_connection_options(*watch, connection);

    CLI::App *version = app.add_subcommand("version", "Print the versions of libmip and libcurl");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ExtrasError &) {
        return report_unexpected(app.remaining(true));
    } catch (const CLI::ParseError &e) {
        return app.exit(e) == 0 ? kExitCompleted : kExitError;
    }

    if (version->parsed()) {
        print_versions();
        return kExitCompleted;
    }

    Owned<mip_cancel> cancel(mip_cancel_new());
    if (!cancel) {
        report({MIP_ERR_NO_MEMORY, "out of memory"});
        return kExitError;
    }
    // Before the client exists: any thread libcurl starts must inherit the
    // blocked signals.
    StopSignals stop(cancel.get());

    Failure failure;
    const Owned<mip_client> client = connect(connection, failure);
    if (!client) {
        report(failure);
        return kExitError;
    }

    if (get->parsed()) return get_job(client.get(), cancel.get(), stop, job_id, json);

    watch_options.job_id = job_id;
    watch_options.format = json                    ? WatchFormat::JsonLines
                           : isatty(STDOUT_FILENO) ? WatchFormat::Terminal
                                                   : WatchFormat::Plain;
    return watch_job(client.get(), cancel.get(), stop, watch_options);
}
