# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A plan document rendered as Markdown sized for a pull-request comment.

    python -m ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown plan.json [-o plan.md]

A verdict line, a table of the sites that change (or could not be planned), the unknowns called out, and
one collapsed <details> per site; whatever does not fit in `max_chars` (GitHub's comment limit by
default) is left out and counted, never cut in the middle of a table or a script.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import (
    CHANGE, FAILED, NO_CHANGE, PRECEDENCE, SKIPPED, UNKNOWN, check_document, short_name)

COMMENT_LIMIT = 65536  # characters in one GitHub comment
CELL = 160             # characters shown of one table cell
SCRIPT_LINES = 40      # script lines shown per task
ROWS = 30              # change rows shown per task
CLEAN_NAMES = 20       # hosts without changes named one by one, at most
UNKNOWN_LINES = 40     # unknowns called out at the top, at most
STATUS_TEXT = {CHANGE: "change", NO_CHANGE: "no change", UNKNOWN: "unknown", FAILED: "failed", SKIPPED: "skipped"}


def plural(count, word):
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def verdict(document):
    """`12 of 800 sites would change; 0 unknown.`"""
    summary = document.get("summary") or {}
    text = "%d of %s %s; %d unknown" % (
        summary.get("changed", 0), plural(summary.get("sites", 0), "site"),
        "would change" if document.get("check_mode") else "changed", summary.get("unknown", 0))
    if summary.get("failed"):
        text += " (%d failed)" % summary["failed"]
    return text + "."


def cell(value, limit=CELL):
    """Text safe in a table cell: no HTML, no column breaks, one line, at most `limit` characters."""
    text = "" if value is None else str(value)
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return text.replace("\r", "").replace("\n", "<br>")


def properties(value):
    """{k: v} as `k=v, k=v`; a list of them joined with `; `."""
    if isinstance(value, list):
        return "; ".join(properties(item) for item in value)
    if isinstance(value, dict):
        return ", ".join("%s=%s" % (key, "" if item is None else item) for key, item in value.items())
    return "" if value is None else str(value)


def entry_name(change):
    if change.get("command"):
        return ("line %s: %s" % (change["line"], change["command"])) if change.get("line") else change["command"]
    return properties(change.get("entry")) or "(the menu)"


def after_text(change):
    if change.get("action") == "remove":
        return "(removed)"
    if change.get("action") == "move":
        return change.get("line")
    text = properties(change.get("after"))
    if change.get("unset"):
        text += ("; " if text else "") + "unset " + ", ".join(change["unset"])
    return text


def before_text(change):
    return "(missing)" if change.get("action") == "add" else properties(change.get("before"))


def fenced(text, language="routeros"):
    """A code block that no backtick run in `text` can close."""
    longest = max([len(run) for run in re.findall(r"`+", text)] + [2])
    fence = "`" * (longest + 1)
    return "%s%s\n%s\n%s" % (fence, language, text.rstrip("\n"), fence)


def task_heading(record):
    parts = ["**%s**" % cell(record.get("task") or "(unnamed task)")]
    if record.get("item") is not None:
        parts.append("(%s)" % cell(record["item"]))
    parts.append("`%s`" % short_name(record.get("module") or ""))
    if record.get("menu"):
        parts.append("`%s`" % record["menu"])
    if record.get("fleet"):
        parts.append("(one task over many sites, on %s)" % cell(record["fleet"]))
    return " · ".join(parts) + " — %s" % STATUS_TEXT.get(record.get("status"), record.get("status"))


def task_block(record):
    """One task's changes, unknowns and script, each shortened to its share."""
    lines = [task_heading(record), ""]
    if record.get("error"):
        lines += ["Failed: %s" % cell(record["error"], 600), ""]
    changes = record.get("changes") or []
    if changes:
        lines += ["| Action | Entry | Before | After |", "|---|---|---|---|"]
        lines += ["| %s | %s | %s | %s |" % (cell(c.get("action")), cell(entry_name(c)), cell(before_text(c)),
                                             cell(after_text(c))) for c in changes[:ROWS]]
        if len(changes) > ROWS:
            lines.append("| … | %s | | |" % plural(len(changes) - ROWS, "more change"))
        lines.append("")
    for unknown in record.get("unknowns") or []:
        lines += ["Unknown: %s" % unknown_text(unknown), ""]
    script = record.get("script") or ""
    if script:
        shown = script.splitlines()
        text = "\n".join(shown[:SCRIPT_LINES])
        if len(shown) > SCRIPT_LINES:
            text += "\n# ... %s (the full script is in the plan JSON)" % plural(len(shown) - SCRIPT_LINES, "more line")
        lines += ["Script:", "", fenced(text), ""]
    return "\n".join(lines)


def unknown_text(unknown):
    """`line 2 `:foreach ...`: cannot predict: scripting`."""
    where = []
    if unknown.get("line"):
        where.append("line %s" % unknown["line"])
    if unknown.get("command"):
        where.append("`%s`" % cell(unknown["command"], 120).replace("`", "'"))
    reason = cell(unknown.get("reason") or "cannot predict", 300)
    return "%s: %s" % (" ".join(where), reason) if where else reason


def interesting(host):
    return host.get("changed") or host.get("unknown")


def ordered_hosts(document):
    """Hosts that fail first, then the unknown, then those that change; by name within each."""
    hosts = document.get("hosts") or {}
    rank = dict((status, index) for index, status in enumerate(PRECEDENCE))
    return sorted(hosts.items(), key=lambda kv: (rank.get(kv[1].get("status"), len(rank)), kv[0]))


def site_row(name, host):
    tasks = []
    for record in host.get("tasks") or []:
        if record.get("changed") or record.get("status") in (UNKNOWN, FAILED):
            label = record.get("task") or short_name(record.get("module") or "")
            if label not in tasks:
                tasks.append(label)
    return "| %s | %s | %d | %d | %s |" % (cell(name), STATUS_TEXT.get(host.get("status"), host.get("status")),
                                           host.get("changes", 0), host.get("unknowns", 0), cell("; ".join(tasks), 300))


def site_block(name, host):
    title = cell(name) + (" (%s)" % cell(host["site_name"]) if host.get("site_name") and host["site_name"] != name else "")
    summary = "%s: %s, %s" % (title, plural(host.get("changes", 0), "change"), "%d unknown" % host.get("unknowns", 0))
    blocks = [task_block(r) for r in host.get("tasks") or [] if r.get("changed") or r.get("status") in (UNKNOWN, FAILED)]
    return "<details><summary>%s</summary>\n\n%s\n</details>\n" % (summary, "\n".join(blocks))


def unknown_callouts(hosts):
    """`- host, task: why`, for every failure and unknown, in host order."""
    lines = []
    for name, host in hosts:
        for record in host.get("tasks") or []:
            texts = [cell(record["error"], 400)] if record.get("error") else []
            texts += [unknown_text(unknown) for unknown in record.get("unknowns") or []]
            lines += ["- %s, %s: %s" % (cell(name), cell(record.get("task") or "(unnamed task)"), text) for text in texts]
    return lines


def head(document, hosts, budget):
    """The verdict, the table of the sites that change or are unknown, and the unknowns, within `budget`."""
    shown = [(name, host) for name, host in hosts if interesting(host)]
    clean = [name for name, host in hosts if not interesting(host)]
    lines = ["### Altostrat SDX plan" if document.get("check_mode") else "### Altostrat SDX run", "",
             "**%s**" % verdict(document), ""]
    if not hosts:
        lines += ["No task of the altostrat.sdx collection ran.", ""]
    if shown:
        rows = ["| Site | Status | Changes | Unknown | Tasks |", "|---|---|---|---|---|"]
        for index, (name, host) in enumerate(shown):
            row = site_row(name, host)
            if len("\n".join(lines + rows)) + len(row) > budget // 2:
                rows.append("| … | %s, in the plan JSON | | | |" % plural(len(shown) - index, "more site"))
                break
            rows.append(row)
        lines += rows + [""]
    if clean:
        names = ", ".join(cell(name) for name in clean[:CLEAN_NAMES]) + (", …" if len(clean) > CLEAN_NAMES else "")
        lines += ["%s with no change: %s" % (plural(len(clean), "site"), names), ""]
    callouts = unknown_callouts(shown)
    if callouts:
        lines += ["**Unknown** (the plan cannot tell what these would do):", ""]
        for index, line in enumerate(callouts):
            if index == UNKNOWN_LINES or len("\n".join(lines)) + len(line) > budget * 3 // 4:
                lines.append("- … %s, in the details below and in the plan JSON" % plural(len(callouts) - index, "more unknown"))
                break
            lines.append(line)
        lines.append("")
    return "\n".join(lines) + "\n"


def left_out_note(count):
    return "\n_The details of %s are left out to fit in one comment; the plan JSON has them all._\n" % plural(count, "more site")


def render(document, max_chars=COMMENT_LIMIT):
    """The summary of a plan document, at most `max_chars` characters long."""
    hosts = ordered_hosts(document)
    footer = "\nPlan fingerprint: `%s`\n" % document.get("fingerprint", "")
    budget = max_chars - len(footer) - len(left_out_note(len(hosts)))
    text = head(document, hosts, budget)
    left_out = 0
    for name, host in hosts:
        if not interesting(host):
            continue
        block = site_block(name, host)
        if left_out or len(text) + len(block) + 1 > budget:
            left_out += 1
            continue
        text += "\n" + block
    if left_out:
        text += left_out_note(left_out)
    text += footer
    return text[:max_chars]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown",
                                     description="Render a plan written by the altostrat.sdx.plan callback as Markdown.")
    parser.add_argument("plan", help="the plan JSON file")
    parser.add_argument("-o", "--output", help="write the Markdown here (default: standard output)")
    parser.add_argument("--max-chars", type=int, default=COMMENT_LIMIT,
                        help="the longest summary to write (default %d, a GitHub comment)" % COMMENT_LIMIT)
    args = parser.parse_args(argv)
    try:
        with open(args.plan, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as exc:
        sys.stderr.write("cannot read the plan %s: %s\n" % (args.plan, exc))
        return 2
    problem = check_document(document)
    if problem:
        sys.stderr.write("%s: %s\n" % (args.plan, problem))
        return 2
    text = render(document, args.max_chars)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
