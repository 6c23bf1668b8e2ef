// SPDX-License-Identifier: Apache-2.0
// mip: starts, lists, follows, commits and aborts Milvus / Zilliz Cloud
// bulk-import jobs.
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <mip.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "completion.hpp"
#include "config.hpp"
#include "exit_codes.hpp"
#include "help_format.hpp"
#include "import_job.hpp"
#include "json_writer.hpp"
#include "mip_handles.hpp"
#include "stop_signals.hpp"
#include "suggest.hpp"
#include "text.hpp"
#include "watch.hpp"

using namespace mipcli;

namespace {

const char *const kFooter =
    "Exit status:\n"
    "  0    every job watched completed; get, list, import, commit, abort: done\n"
    "  1    a job watched failed\n"
    "  2    usage, connection or server error (also `mip` with no command)\n"
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
        std::string json;
        JsonWriter(json).begin_object().key("jobId").value(job_id).end_object();
        std::printf("%s\n", json.c_str());
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

// A subcommand that reads the environment only when it is the one run.
// CLI11 fills every named subcommand's options from the environment, parsed
// or not, and checks them; one with a parse-complete callback is skipped
// there and does its own when (and only when) it has been parsed, so a bad
// MIP_TIMEOUT_MS cannot fail a command given --timeout, nor an unparsed
// subcommand's fill stand beside the parsed one's flags.
CLI::App *add_command(CLI::App &app, const std::string &name, const std::string &description) {
    CLI::App *command = app.add_subcommand(name, description);
    command->parse_complete_callback([] {});
    return command;
}

std::string version_text() { return std::string("mip ") + mip_version(); }

std::vector<std::string> command_names(const CLI::App &app) {
    std::vector<std::string> names;
    for (const CLI::App *command : app.get_subcommands([](const CLI::App *) { return true; }))
        names.push_back(command->get_name());
    return names;
}

// A first argument that names no command: the closest command is suggested.
// Only the first argument is quoted, which is a command word, never a value.
int report_unknown_command(const CLI::App &app, const std::string &word) {
    const std::string suggestion = closest(word, command_names(app));
    std::fprintf(stderr, "mip: unknown command \"%s\"%s\nRun mip --help for the commands.\n", printable(word).c_str(),
                 suggestion.empty() ? "" : ("; did you mean \"" + suggestion + "\"?").c_str());
    return kExitError;
}

}  // namespace

int main(int argc, char **argv) {
    // Named, not taken from argv[0]: the help and the man page say `mip`
    // however it was started.
    CLI::App app{"mip: Milvus / Zilliz Cloud bulk-import jobs: start, list, follow, commit and abort them", "mip"};
    // Before the commands are added: each one takes its parent's formatter.
    const auto formatter = std::make_shared<HelpFormatter>(help_width(STDOUT_FILENO));
    app.formatter(formatter);
    app.footer(kFooter);
    app.require_subcommand(0, 1);  // none: the help, on stderr, and exit 2
    app.set_version_flag("--version", version_text(), "Print the version of libmip and exit");

    // One configuration per subcommand, not one shared, so that no other
    // subcommand's options can write into the one that runs (see
    // add_command). A map's values keep their address for CLI11's bindings.
    std::map<const CLI::App *, ConnectionConfig> connections;
    std::string job_id;
    bool json = false;
    WatchOptions watch_options;
    ImportConfig import_config;
    bool then_watch = false;
    std::string collection;

    CLI::App *import = add_command(app, "import", "Start an import job and print its id");
    add_import_options(*import, import_config);
    import->add_flag("--json", json, "Print the id as {\"jobId\":...}, and with --watch one JSON object per change");
    import->add_flag("--watch", then_watch, "Then follow the job as `mip watch` does");
    add_watch_options(*import, watch_options);
    add_connection_options(*import, connections[import]);

    CLI::App *list = add_command(app, "list", "List the import jobs the server knows");
    list->add_option("--collection", collection, "Only the jobs of this collection");
    list->add_flag("--json", json, "Print the jobs as one JSON array");
    add_connection_options(*list, connections[list]);

    CLI::App *get = add_command(app, "get", "Print a job's progress once");
    get->add_option("JOB_ID", job_id, "The import job's id")->required();
    get->add_flag("--json", json, "Print the job as one JSON object");
    add_connection_options(*get, connections[get]);

    CLI::App *watch = add_command(app, "watch", "Follow jobs until each is Completed, Failed or Uncommitted");
    watch->add_option("JOB_ID", watch_options.job_ids, "The import jobs' ids")->required();
    watch->add_flag("--json", json, "Print one JSON object per change of a job (JSON lines)");
    add_watch_options(*watch, watch_options);
    add_connection_options(*watch, connections[watch]);

    CLI::App *commit = add_command(app, "commit", "Commit an Uncommitted job of a two-phase import");
    commit->add_option("JOB_ID", job_id, "The import job's id")->required();
    add_connection_options(*commit, connections[commit]);

    CLI::App *abort = add_command(app, "abort", "Abort a two-phase import job");
    abort->add_option("JOB_ID", job_id, "The import job's id")->required();
    add_connection_options(*abort, connections[abort]);

    CLI::App *version = app.add_subcommand("version", "Print the version of libmip");
    std::string help_topic;
    CLI::App *help = app.add_subcommand("help", "Print this help, or a command's");
    help->add_option("COMMAND", help_topic, "The command to explain");
    std::string completion_shell;
    CLI::App *completion =
        app.add_subcommand("completion", "Print the bash or zsh completion script (an install puts both in place)");
    completion->add_option("SHELL", completion_shell, "bash or zsh")
        ->required()
        ->check(CLI::IsMember(completion_shells()));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ExtrasError &) {
        if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') return report_unknown_command(app, argv[1]);
        return report_unexpected(app.remaining(true));
    } catch (const CLI::ParseError &e) {
        return app.exit(e) == 0 ? kExitCompleted : kExitError;
    }

    if (app.get_subcommands().empty()) {
        formatter->set_width(help_width(STDERR_FILENO));
        std::fputs(app.help().c_str(), stderr);
        return kExitError;
    }
    if (version->parsed()) {
        std::printf("%s\n", version_text().c_str());
        return kExitCompleted;
    }
    if (help->parsed()) {
        if (help_topic.empty()) {
            // Not app.help(): that one shows the help of the command parsed, `help` itself.
            std::fputs(app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal).c_str(),
                       stdout);
            return kExitCompleted;
        }
        try {
            std::fputs(app.get_subcommand(help_topic)->help(app.get_name()).c_str(), stdout);
        } catch (const CLI::OptionNotFound &) {
            return report_unknown_command(app, help_topic);
        }
        return kExitCompleted;
    }

    if (completion->parsed()) {
        const CompletionChoices choices = {
            {"--api", api_names()}, {"COMMAND", command_names(app)}, {"SHELL", completion_shells()}};
        std::fputs(completion_script(completion_shell, app, choices).c_str(), stdout);
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
    // require_subcommand(0, 1): exactly one ran here, and not `version`, `help` or `completion`.
    const Owned<mip_client> client = connect(connections.at(app.get_subcommands().front()), failure);
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
