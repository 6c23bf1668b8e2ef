// SPDX-License-Identifier: Apache-2.0
// mip: starts, lists, follows, commits and aborts Milvus / Zilliz Cloud
// bulk-import jobs.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <mip.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "config.hpp"
#include "exit_codes.hpp"
#include "import_job.hpp"
#include "json_writer.hpp"
#include "mip_handles.hpp"
#include "stop_signals.hpp"
#include "text.hpp"
#include "watch.hpp"

using namespace mipcli;

namespace {

const char *const kFooter =
    "Exit status:\n"
    "  0    every job watched completed; get, list, import, commit, abort: done\n"
    "  1    a job watched failed\n"
    "  2    usage, connection or server error\n"
    "  3    a job watched is uncommitted (it waits for a commit or abort), none failed\n"
    "  130  interrupted (Ctrl-C or SIGTERM)\n"
    "\n"
    "Every connection option can come from its environment variable instead,\n"
    "which keeps an API key out of the command line and the shell history.";

// After a create that may have reached the server, the key that makes a
// retry return the job it may have created. The CLI chose or was given the
// key, so it does not depend on the library's message naming it; the
// command itself is not repeated, as it may hold the token or secret key.
void print_retry_key(const std::string &key) {
    std::fprintf(stderr,
                 "mip: to retry safely (Milvus >= 2.6.24 / 3.0.2), repeat the import with --idempotency-key %s\n",
                 key.c_str());
}

// Prints the new job's id, then watches it when asked.
int import_job(mip_client *client, mip_cancel *cancel, StopSignals &stop, const ImportConfig &config, bool json,
               bool then_watch, WatchOptions watch_options) {
    const CreateResult created = create_job(client, cancel, config);
    if (!created.job_id) {
        const bool interrupted = stop.stopped();
        if (interrupted) {
            std::fputs("mip: interrupted\n", stderr);
        } else {
            report(created.failure);
        }
        if (retry_needs_key(created)) print_retry_key(created.idempotency_key);
        return interrupted ? kExitInterrupted : kExitError;
    }
    // Printed even when interrupted now: the job exists, and its id is the
    // one handle on it the user has.
    const std::string &job_id = *created.job_id;
    if (json) {
        JsonWriter w;
        w.begin_object().key("jobId").value(job_id).end_object();
        std::printf("%s\n", w.str().c_str());
    } else {
        std::printf("%s\n", printable(job_id).c_str());
    }
    std::fflush(stdout);
    if (stop.stopped()) {
        std::fputs("mip: interrupted\n", stderr);
        return kExitInterrupted;
    }
    if (!then_watch) return kExitCompleted;
    watch_options.job_ids = {job_id};
    return watch_jobs(client, cancel, stop, watch_options);
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
    CLI::App app{"mip: Milvus / Zilliz Cloud bulk-import jobs: start, list, follow, commit and abort them"};
    app.footer(kFooter);
    app.require_subcommand(1);

    ConnectionConfig connection;
    std::string job_id;
    bool json = false;
    WatchOptions watch_options;
    ImportConfig import_config;
    bool then_watch = false;
    std::string collection;

    CLI::App *import = app.add_subcommand("import", "Start an import job and print its id");
    add_import_options(*import, import_config);
    import->add_flag("--json", json, "Print the id as {\"jobId\":...}, and with --watch one JSON object per change");
    import->add_flag("--watch", then_watch, "Then follow the job as `mip watch` does");
    add_watch_options(*import, watch_options);
    add_connection_options(*import, connection);

    CLI::App *list = app.add_subcommand("list", "List the import jobs the server knows");
    list->add_option("--collection", collection, "Only the jobs of this collection");
    list->add_flag("--json", json, "Print the jobs as one JSON array");
    add_connection_options(*list, connection);

    CLI::App *get = app.add_subcommand("get", "Print a job's progress once");
    get->add_option("JOB_ID", job_id, "The import job's id")->required();
    get->add_flag("--json", json, "Print the job as one JSON object");
    add_connection_options(*get, connection);

    CLI::App *watch = app.add_subcommand("watch", "Follow jobs until each is Completed, Failed or Uncommitted");
    watch->add_option("JOB_ID", watch_options.job_ids, "The import jobs' ids")->required();
    watch->add_flag("--json", json, "Print one JSON object per change of a job (JSON lines)");
    add_watch_options(*watch, watch_options);
    add_connection_options(*watch, connection);

    CLI::App *commit = app.add_subcommand("commit", "Commit an Uncommitted job of a two-phase import");
    commit->add_option("JOB_ID", job_id, "The import job's id")->required();
    add_connection_options(*commit, connection);

    CLI::App *abort = app.add_subcommand("abort", "Abort a two-phase import job");
    abort->add_option("JOB_ID", job_id, "The import job's id")->required();
    add_connection_options(*abort, connection);

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

    watch_options.format = watch_format(json);
    if (import->parsed())
        return import_job(client.get(), cancel.get(), stop, import_config, json, then_watch, watch_options);
    if (list->parsed()) return list_jobs(client.get(), cancel.get(), stop, collection, json);
    if (get->parsed()) return get_job(client.get(), cancel.get(), stop, job_id, json);
    if (commit->parsed() || abort->parsed()) {
        return finish_job(client.get(), cancel.get(), stop, job_id, abort->parsed());
    }
    return watch_jobs(client.get(), cancel.get(), stop, watch_options);
}
