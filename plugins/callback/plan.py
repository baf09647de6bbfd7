# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: plan
type: aggregate
short_description: Write what a run would change on each site as a plan (JSON) and a pull-request summary (Markdown)
version_added: 0.2.0
description:
  - Collects the results of this collection's modules (M(altostrat.sdx.altostrat_config), M(altostrat.sdx.altostrat_job),
    M(altostrat.sdx.altostrat_command) and the others) and, when the playbook ends, writes one plan document per run,
    and the same plan rendered as Markdown sized for a pull-request comment.
  - Per inventory host and task, the plan holds the menu, each change with its entry named by its identifying
    properties, the values before and after, the script the site would get, what the plan cannot predict and why,
    and whether anything changes. A task over many sites (O(altostrat.sdx.altostrat_config#module:site_ids)) is split
    into one record per site, under the inventory host of that site.
  - Each record carries fingerprints of the desired input, of the router state its result shows, and of the plan;
    each host and the whole document carry one more, so that a changed or edited plan is recognised.
  - Enable it with C(ANSIBLE_CALLBACKS_ENABLED=altostrat.sdx.plan) (or C(callbacks_enabled) in C(ansible.cfg)); no
    playbook needs to change. It writes nothing to SDX; the console output gains one line naming the files written.
  - Run it with C(--check) for a plan; without, the same document records what the run changed.
  - The schema is in the collection's C(docs/gitops.md); the C(version) field changes when a field changes meaning.
author:
  - Altostrat SDX collection maintainers (@altostrat)
requirements:
  - enabled in C(callbacks_enabled)
options:
  plan_file:
    description:
      - The plan document (JSON) to write when the playbook ends. Relative paths are taken from the directory
        C(ansible-playbook) runs in (also when set in C(ansible.cfg)). An empty value writes none.
    type: str
    default: altostrat-plan.json
    env:
      - name: ALTOSTRAT_PLAN_OUTPUT
    ini:
      - section: callback_altostrat_plan
        key: plan_file
  summary_file:
    description:
      - The Markdown summary of the plan to write when the playbook ends (a verdict, a table of sites and changes,
        one collapsed section per site). Relative paths are taken from the directory C(ansible-playbook) runs in.
        An empty value writes none.
    type: str
    default: altostrat-plan.md
    env:
      - name: ALTOSTRAT_PLAN_SUMMARY
    ini:
      - section: callback_altostrat_plan
        key: summary_file
  summary_max_chars:
    description:
      - The longest summary to write, in characters; what does not fit is left out and counted. The default is the
        length limit of a GitHub comment.
    type: int
    default: 65536
    env:
      - name: ALTOSTRAT_PLAN_SUMMARY_MAX_CHARS
    ini:
      - section: callback_altostrat_plan
        key: summary_max_chars
notes:
  - An apply given the reviewed plan (C(ALTOSTRAT_PLAN=plan.json), or the variable C(altostrat_plan)) holds every task
    of this collection to it and refuses each site whose fresh plan differs; this callback passes a site refused by
    one task on to the later tasks of the run, so that the site gets nothing more. See C(docs/gitops.md).
  - The same summary can be rendered from a saved plan with
    C(python -m ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown plan.json).
seealso:
  - module: altostrat.sdx.altostrat_config
  - module: altostrat.sdx.altostrat_job
"""

import json
import os
import tempfile

from ansible.plugins.callback import CallbackBase

from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import (
    PREFIX, build_document, dumps, item_label, task_records)
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_gate import note_refusals
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown import render


def write_atomically(path, text):
    """Write `text` to `path` through a temporary file in the same directory, so no reader sees half a plan."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".altostrat-plan.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def output_path(value):
    """An option's file, from the working directory; None for an empty value (write none)."""
    value = (value or "").strip()
    return os.path.abspath(os.path.expanduser(value)) if value else None


def site_of(host):
    """(site id, site name) from an inventory host's variables, as the altostrat.sdx.sites inventory sets them."""
    variables = host.get_vars()
    site = variables.get("altostrat_site") if isinstance(variables.get("altostrat_site"), dict) else {}
    site_id = variables.get("altostrat_site_id") or site.get("id")
    return (str(site_id) if site_id else None), (str(site["name"]) if site.get("name") else None)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "altostrat.sdx.plan"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super().__init__(display=display)
        self.hosts = {}
        self.playbooks = []
        self.site_hosts = {}   # site id -> inventory host, for fleet results
        self.site_names = {}   # inventory host -> site name

    def v2_playbook_on_start(self, playbook):
        name = os.path.basename(getattr(playbook, "_file_name", "") or "")
        if name and name not in self.playbooks:
            self.playbooks.append(name)

    def v2_playbook_on_play_start(self, play):
        try:
            inventory = play.get_variable_manager()._inventory  # pylint: disable=protected-access
            hosts = inventory.hosts.values()
        except AttributeError:
            return
        for host in hosts:
            site_id, site_name = site_of(host)
            if site_id:
                self.site_hosts.setdefault(site_id, host.get_name())
            if site_name:
                self.site_names[host.get_name()] = site_name

    def _record(self, result, item=False, outcome=None):
        task = result._task  # pylint: disable=protected-access
        module = getattr(task, "resolved_action", None) or task.action or ""
        if not module.startswith(PREFIX):
            return
        data = result._result  # pylint: disable=protected-access
        if outcome:  # ansible-core keeps failed/skipped/unreachable out of the result it gives callbacks
            data = dict(data, **{outcome: True})
        if not item and isinstance(data.get("results"), list) and task.loop is not None:
            return  # a loop's summary: each item was recorded on its own
        host = result._host  # pylint: disable=protected-access
        site_id, site_name = site_of(host)
        if site_name:
            self.site_names[host.get_name()] = site_name
        args = dict(task.args or {})
        if args.get("site_id"):
            site_id = str(args["site_id"])
        label = None
        if item:
            label = data.get("_ansible_item_label", data.get(task.loop_control.loop_var if task.loop_control else "item"))
            label = item_label(label)
        note_refusals(data, site_id)  # a site the reviewed plan refused gets nothing more in this run
        for name, site, record in task_records(module, task.get_name(), args, data, site_id, task.check_mode, item=label,
                                               host=host.get_name(), site_names=self.site_hosts):
            entry = self.hosts.setdefault(name, dict(site_id=site, site_name=self.site_names.get(name), records=[]))
            entry["site_id"] = entry["site_id"] or site
            entry["records"].append(record)

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, outcome="failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, outcome="skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, outcome="unreachable")

    def v2_runner_item_on_ok(self, result):
        self._record(result, item=True)

    def v2_runner_item_on_failed(self, result):
        self._record(result, item=True, outcome="failed")

    def v2_runner_item_on_skipped(self, result):
        self._record(result, item=True, outcome="skipped")

    def v2_playbook_on_stats(self, stats):
        document = json.loads(dumps(build_document(self.hosts, self.playbooks)))
        plan_file, summary_file = output_path(self.get_option("plan_file")), output_path(self.get_option("summary_file"))
        if plan_file:
            write_atomically(plan_file, dumps(document))
        if summary_file:
            write_atomically(summary_file, render(document, self.get_option("summary_max_chars")))
        self._display.display("altostrat.sdx.plan: %s%s" % (
            ", ".join(path for path in (plan_file, summary_file) if path) or "nothing written",
            "" if not document["hosts"] else " (%d sites)" % len(document["hosts"])))
