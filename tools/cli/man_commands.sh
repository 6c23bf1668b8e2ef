#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes the include file (help2man --include) that gives mip's man page a
# COMMANDS section: each command's help (`mip help COMMAND`), its options as
# tagged paragraphs, the way help2man lays out those of `mip --help`. The
# exit statuses and the note on the environment, which every command's help
# repeats, stand once in the page's DESCRIPTION.
#
#   tools/cli/man_commands.sh PATH/TO/mip OUTPUT
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: man_commands.sh PATH/TO/mip OUTPUT" >&2; exit 2; }
mip=$1
out=$2
# Unwrapped, one line an item: roff fills the text to the reader's width.
export COLUMNS=100000

# The commands, as `mip --help` lists them.
commands=$(awk '/^Subcommands:$/ { listed = 1; next }
                listed && /^  [^ ]/ { print $1; next }
                listed { exit }' <<< "$("$mip" --help)")
[[ -n $commands ]] || { echo "man_commands.sh: no commands in $mip --help" >&2; exit 1; }

# One command's help as roff: the description, the usage, each group's
# heading in bold and each item as a tagged paragraph, its names in bold.
to_roff() {
  awk '
    function roff(text) {
      gsub(/\\/, "\\\\e", text)
      gsub(/-/, "\\\\-", text)
      if (text ~ /^[.'\'']/) text = "\\&" text
      return text
    }
    /^Exit status:$/ { exit }
    /^$/ { next }
    /^Usage: / { print ".PP"; print roff($0); next }
    /^[A-Z][A-Za-z ]*:$/ { print ".PP"; print "\\fB" roff($0) "\\fR"; next }
    /^  [^ ]/ {
      item = substr($0, 3)
      gap = index(item, "  ")
      head = gap ? substr(item, 1, gap - 1) : item
      description = gap ? substr(item, gap) : ""
      sub(/^ +/, "", description)
      space = index(head, " ")
      names = space ? substr(head, 1, space - 1) : head
      rest = space ? substr(head, space) : ""
      print ".TP"
      print "\\fB" roff(names) "\\fR" roff(rest)
      if (description != "") print roff(description)
      next
    }
    /^ / { sub(/^ +/, ""); print roff($0); next }
    { print roff($0) }
  '
}

{
  echo "[COMMANDS]"
  for command in $commands; do
    echo ".SS \"mip $command\""
    to_roff <<< "$("$mip" help "$command")"
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
