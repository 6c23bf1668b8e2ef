// SPDX-License-Identifier: Apache-2.0
#include "completion.hpp"

#include <cctype>
#include <utility>

namespace mipcli {
namespace {

// An option or positional, as a completion sees it.
struct Argument {
    std::vector<std::string> names;  // "-q", "--quiet"; a positional's own name
    std::string description;
    bool positional = false;
    bool takes_value = false;
    bool repeats = false;
    bool file = false;  // its value is completed with file names
    std::vector<std::string> choices;
};

struct Command {
    std::string name;
    std::string description;
    std::vector<Argument> arguments;
};

// Whether CLI11 checks that the option's value names an existing file
// (CLI::ExistingFile).
bool checks_existing_file(CLI::Option &option) {
    const std::string file = CLI::ExistingFile.get_description();
    // CLI11 gives an option's checks by index and says where they end by throwing.
    for (int i = 0;; ++i) {
        try {
            if (option.get_validator(i)->get_description() == file) return true;
        } catch (const CLI::OptionNotFound &) {
            return false;
        }
    }
}

bool visible(const CLI::Option *option) { return !option->get_group().empty(); }

std::vector<Argument> arguments_of(CLI::App &app, const CompletionChoices &choices) {
    std::vector<Argument> arguments;
    for (CLI::Option *option : app.get_options()) {
        if (!visible(option)) continue;
        Argument argument;
        argument.positional = !option->nonpositional();
        if (argument.positional) {
            argument.names.push_back(option->get_name(true));
        } else {
            for (const std::string &name : option->get_snames()) argument.names.push_back("-" + name);
            for (const std::string &name : option->get_lnames()) argument.names.push_back("--" + name);
        }
        argument.description = option->get_description();
        argument.takes_value = option->get_expected_max() > 0;  // a flag expects no value
        argument.repeats = option->get_expected_max() > 1;
        argument.file = checks_existing_file(*option);
        const auto found = choices.find(option->get_name(argument.positional));
        if (found != choices.end()) argument.choices = found->second;
        arguments.push_back(std::move(argument));
    }
    return arguments;
}

std::vector<Command> commands_of(CLI::App &app, const CompletionChoices &choices) {
    std::vector<Command> commands;
    const auto listed = [](CLI::App *command) { return !command->get_name().empty() && !command->get_group().empty(); };
    for (CLI::App *command : app.get_subcommands(listed)) {
        commands.push_back({command->get_name(), command->get_description(), arguments_of(*command, choices)});
    }
    return commands;
}

std::string joined(const std::vector<std::string> &words, const std::string &separator) {
    std::string out;
    for (const std::string &word : words) out += (out.empty() ? "" : separator) + word;
    return out;
}

// `text` as one shell word, in single quotes (bash and zsh alike).
std::string shell_quoted(const std::string &text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// `text` with a backslash before each of `special`.
std::string escaped(const std::string &text, const std::string &special) {
    std::string out;
    for (const char c : text) {
        if (special.find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

// The shell function that completes `program`: "_" and its name, with
// anything but letters and digits as "_".
std::string function_name(const std::string &program) {
    std::string name = "_";
    for (const char c : program) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

std::vector<std::string> option_names(const std::vector<Argument> &arguments) {
    std::vector<std::string> names;
    for (const Argument &argument : arguments) {
        if (!argument.positional) names.insert(names.end(), argument.names.begin(), argument.names.end());
    }
    return names;
}

std::vector<std::string> positional_choices(const std::vector<Argument> &arguments) {
    std::vector<std::string> choices;
    for (const Argument &argument : arguments) {
        if (argument.positional) choices.insert(choices.end(), argument.choices.begin(), argument.choices.end());
    }
    return choices;
}

std::vector<std::string> value_option_names(const std::vector<Argument> &arguments) {
    std::vector<std::string> names;
    for (const Argument &argument : arguments) {
        if (!argument.positional && argument.takes_value) {
            names.insert(names.end(), argument.names.begin(), argument.names.end());
        }
    }
    return names;
}

// --- bash ----------------------------------------------------------------------

// The `case $prev in` branches that complete the value of an option just
// given: its choices, file names, or nothing (a value of the user's own).
std::string bash_value_branches(const std::vector<Argument> &arguments) {
    const std::string indent(16, ' ');
    std::string out;
    std::vector<std::string> own_values;
    for (const Argument &argument : arguments) {
        if (argument.positional || !argument.takes_value) continue;
        const std::string pattern = joined(argument.names, "|");
        if (!argument.choices.empty()) {
            out += indent + pattern + ") COMPREPLY=($(compgen -W " + shell_quoted(joined(argument.choices, " ")) +
                   " -- \"$cur\")); return ;;\n";
        } else if (argument.file) {
            out += indent + pattern +
                   ") compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
        } else {
            own_values.insert(own_values.end(), argument.names.begin(), argument.names.end());
        }
    }
    if (!own_values.empty()) out += indent + joined(own_values, "|") + ") return ;;\n";
    return out;
}

// One branch of `case $command in`: the program's own level (pattern '') or
// a command's. `nouns` are offered for a word that does not start with "-".
std::string bash_branch(const std::string &pattern, const std::vector<Argument> &arguments,
                        const std::vector<std::string> &nouns) {
    std::string out = "        " + pattern + ")\n";
    const std::string values = bash_value_branches(arguments);
    if (!values.empty()) out += "            case $prev in\n" + values + "            esac\n";
    out += "            options=" + shell_quoted(joined(option_names(arguments), " ")) + "\n";
    if (!nouns.empty()) out += "            nouns=" + shell_quoted(joined(nouns, " ")) + "\n";
    return out + "            ;;\n";
}

std::string bash_script(const std::string &program, const std::vector<Argument> &own,
                        const std::vector<Command> &commands) {
    const std::string function = function_name(program);
    std::vector<std::string> command_names;
    for (const Command &command : commands) command_names.push_back(command.name);

    std::string out = "# bash completion for " + program + ", made by `" + program +
                      " completion bash` from its own definition of its commands and options.\n" + function +
                      "() {\n"
                      "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
                      "    # bash splits --option=value at the =.\n"
                      "    if [[ $cur == = ]]; then\n"
                      "        cur=\n"
                      "    elif [[ $prev == = ]]; then\n"
                      "        prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
                      "    fi\n"
                      "    # The command: the first word that is neither an option nor an option's value.\n"
                      "    local command= i\n"
                      "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                      "        case ${COMP_WORDS[i]} in\n";
    const std::vector<std::string> own_value_options = value_option_names(own);
    if (!own_value_options.empty()) {
        out += "            " + joined(own_value_options, "|") +
               ")\n"
               "                [[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))\n"
               "                ((i++))\n"
               "                ;;\n";
    }
    out +=
        "            -*) ;;\n"
        "            *)\n"
        "                command=${COMP_WORDS[i]}\n"
        "                break\n"
        "                ;;\n"
        "        esac\n"
        "    done\n"
        "    local options= nouns=\n"
        "    case $command in\n";
    out += bash_branch("''", own, command_names);
    for (const Command &command : commands) {
        out += bash_branch(command.name, command.arguments, positional_choices(command.arguments));
    }
    out +=
        "    esac\n"
        "    # Options after a -; else the commands, or the values of a command's positional, if it has any.\n"
        "    if [[ $cur == -* || -z $nouns ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
        "    else\n"
        "        COMPREPLY=($(compgen -W \"$nouns\" -- \"$cur\"))\n"
        "    fi\n"
        "}\n"
        "complete -F " +
        function + " " + program + "\n";
    return out;
}

// --- zsh -----------------------------------------------------------------------

// What completes a value: its choices, file names, or nothing: a space for
// an option's value; for a positional's, its description, and only for a
// word that does not start with "-", so that options are still completed.
std::string zsh_action(const Argument &argument) {
    if (!argument.choices.empty()) return "(" + joined(argument.choices, " ") + ")";
    if (argument.file) return "_files";
    return argument.positional ? "_guard '^-*' " + shell_quoted(argument.description) : " ";
}

// The _arguments specification of an option or positional, quoted for zsh.
std::string zsh_spec(const Argument &argument) {
    const std::string repeat = argument.repeats ? "*" : "";
    if (argument.positional) {
        return shell_quoted(repeat + ":" + escaped(argument.description, ":") + ":" + zsh_action(argument));
    }
    std::string tail = "[" + escaped(argument.description, "[]") + "]";
    if (argument.takes_value) {
        const std::string &value = argument.names.back();  // the long name, if there is one
        tail += ":" + escaped(value.substr(value.find_first_not_of('-')), ":") + ":" + zsh_action(argument);
    }
    // Each name marked for its value: -xVALUE or -x VALUE; --name=VALUE or --name VALUE.
    std::vector<std::string> forms;
    for (const std::string &name : argument.names) {
        const bool is_short = name.size() == 2;
        forms.push_back(!argument.takes_value ? name : name + (is_short ? "+" : "="));
    }
    if (forms.size() == 1) return shell_quoted(repeat + forms.front() + tail);
    // A spec per name, by brace expansion; given once, one name rules out the others.
    const std::string exclusion = argument.repeats ? repeat : "(" + joined(argument.names, " ") + ")";
    return shell_quoted(exclusion) + "{" + joined(forms, ",") + "}" + shell_quoted(tail);
}

std::string zsh_arguments(const std::vector<Argument> &arguments, const std::string &indent) {
    std::string out;
    for (const Argument &argument : arguments) out += " \\\n" + indent + zsh_spec(argument);
    return out;
}

std::string zsh_script(const std::string &program, const std::vector<Argument> &own,
                       const std::vector<Command> &commands) {
    const std::string function = function_name(program);
    std::string out = "#compdef " + program + "\n# zsh completion for " + program + ", made by `" + program +
                      " completion zsh` from its own definition of its commands and options.\n";
    for (const Command &command : commands) {
        out += "\n" + function + "_" + command.name + "() {\n    _arguments" +
               zsh_arguments(command.arguments, "        ") + "\n}\n";
    }
    out += "\n" + function +
           "() {\n"
           "    local curcontext=$curcontext state line\n"
           "    typeset -A opt_args\n"
           "    _arguments -C" +
           zsh_arguments(own, "        ") +
           " \\\n"
           "        ': :->command' \\\n"
           "        '*:: :->argument'\n"
           "    case $state in\n"
           "        command)\n"
           "            local -a commands\n"
           "            commands=(\n";
    for (const Command &command : commands) {
        out += "                " + shell_quoted(escaped(command.name, ":") + ":" + command.description) + "\n";
    }
    out +=
        "            )\n"
        "            _describe -t commands command commands\n"
        "            ;;\n"
        "        argument)\n"
        "            curcontext=${curcontext%:*:*}:" +
        program +
        "-$words[1]:\n"
        "            case $words[1] in\n";
    for (const Command &command : commands) {
        out += "                " + command.name + ") " + function + "_" + command.name + " ;;\n";
    }
    out +=
        "            esac\n"
        "            ;;\n"
        "    esac\n"
        "}\n\n" +
        function + " \"$@\"\n";
    return out;
}

}  // namespace

const std::vector<std::string> &completion_shells() {
    static const std::vector<std::string> shells = {"bash", "zsh"};
    return shells;
}

std::string completion_script(const std::string &shell, CLI::App &app, const CompletionChoices &choices) {
    const std::vector<Argument> own = arguments_of(app, choices);
    const std::vector<Command> commands = commands_of(app, choices);
    return shell == "zsh" ? zsh_script(app.get_name(), own, commands) : bash_script(app.get_name(), own, commands);
}

}  // namespace mipcli
