# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apply what was reviewed: hold each task of a run to the reviewed plan (ALTOSTRAT_PLAN, or the variable altostrat_plan).

Per site, for a module that plans from reads (altostrat_config, altostrat_job):
1. the task (name, loop item, module) is in the reviewed plan with the same input fingerprint, or it is refused
   before anything is read;
2. the same run function runs in check mode, in-process, from fresh reads, and its record is built as the plan
   callback builds it (plan_document.site_record);
3. a fresh plan that queues nothing ends there: the router already holds what the plan leads to (so a plan applied
   once changes nothing the second time), or the task fails as the module says;
4. otherwise the fresh plan's state and plan fingerprints must equal the reviewed ones, or the site is refused,
   naming the first difference. A site that matches is applied, and the apply's own reads must still give the same
   state when it is about to queue (the Context's `before_queue`, which the run functions call), or nothing is queued.
Other modules that change something (altostrat_command, altostrat_backup) are held to step 1; read-only ones are not
held. The document itself (format, version, fingerprint, a plan rather than an apply's record) is checked first.
"""

from __future__ import annotations

import json
import os

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import plain
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_compare import first_difference
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import (
    check_document, input_fingerprint, item_label, short_name, site_record)

PLAN_ENV = "ALTOSTRAT_PLAN"
PLAN_VAR = "altostrat_plan"
RECOMPUTED = frozenset(("altostrat_config", "altostrat_job"))
READ_ONLY = frozenset(("altostrat_facts", "altostrat_site_info", "altostrat_job_info"))
AGAIN = "nothing was queued there; plan again and review the new plan"

_LOADED = {}  # (path, mtime, size) -> (document, problem): one read per worker and file
# Sites refused earlier in this run: the plan callback notes them in the controller's main process, and each task's
# worker, forked from it after the earlier tasks' results were processed, inherits them.
REFUSED = {}


def for_task(task, task_vars, templar):
    """The gate of one task when a reviewed plan is given, else None (the run is not held to a plan)."""
    module = getattr(task, "resolved_action", None) or task.action or ""
    if short_name(module) in READ_ONLY:
        return None
    value = task_vars.get(PLAN_VAR)
    value = templar.template(value) if value is not None else os.environ.get(PLAN_ENV)
    value = str(value or "").strip()
    if not value:
        return None
    item = None
    loop_var = task_vars.get("ansible_loop_var")
    if loop_var:  # the label the plan callback names the item by
        label = task.loop_control.label if task.loop_control else None
        item = item_label(plain(templar.template(label) if label else task_vars.get(loop_var)))
    return Gate(os.path.abspath(os.path.expanduser(value)), module, task.get_name(), plain(dict(task.args or {})),
                task_vars.get("inventory_hostname"), item)


def load_plan(path):
    """(document, None) for a reviewed plan this collection can hold a run to; else (None, what is wrong)."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        return None, "cannot read it (%s)" % (exc.strerror or exc)
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as exc:
            _LOADED[key] = None, "it is not a JSON plan (%s)" % exc
        else:
            problem = check_document(document)
            if problem is None and document.get("check_mode") is not True:
                problem = "it is the record of an apply (check_mode is false), not a plan made with --check"
            _LOADED[key] = (None, problem) if problem else (document, None)
    return _LOADED[key]


def note_refusals(result, site_of_host):
    """Called by the plan callback with each task result: remember the sites the reviewed plan refused."""
    per_site = result.get("per_site") if isinstance(result.get("per_site"), dict) else {site_of_host: result}
    for site_id, site_result in per_site.items():
        if site_id and isinstance(site_result, dict) and site_result.get("refused_by_plan"):
            REFUSED.setdefault(str(site_id), site_result.get("msg"))


def refused_before(site_id, name):
    """Why a site refused earlier in the run gets nothing more, or None."""
    if site_id not in REFUSED:
        return None
    return "not applied to %s: the site was refused by the reviewed plan earlier in this run (%s)" % (name, REFUSED[site_id])


def run(module_def, params, check_mode, diff, before_queue=None):
    """execute(), with a failure as a failed result (as the action plugin reports it)."""
    try:
        return execute(module_def, params, check_mode=check_mode, diff=diff, before_queue=before_queue)
    except SdxError as exc:
        return dict(exc.details, failed=True, msg=exc.msg)


def refusal(msg):
    return dict(failed=True, changed=False, msg=msg, refused_by_plan=True)


def queues_nothing(result):
    return bool(result.get("failed") or result.get("skipped") or not result.get("changed"))


class Gate:
    """One task's hold to the reviewed plan at `path`; execute() runs the task as execute() would, held."""

    def __init__(self, path, module, task, args, host, item):
        self.path, self.module, self.task, self.args, self.host, self.item = path, module, task, args, host, item

    def execute(self, module_def, params, check_mode=False, diff=False):
        document, problem = load_plan(self.path)
        if problem:
            return refusal("the reviewed plan %s is refused: %s; nothing was run" % (self.path, problem))
        if params.get("site_ids") is not None:
            return self._fleet(document, module_def, params, check_mode, diff)
        site_id = params.get("site_id")
        name = "%s (site %s)" % (self.host, site_id)
        reviewed, why = self.reviewed(document, self.host, site_id, None, name)
        why = refused_before(site_id, name) or why
        if why:
            return refusal(why)
        if short_name(self.module) not in RECOMPUTED:
            return run(module_def, params, check_mode, diff)
        fresh = run(module_def, params, True, diff)
        if queues_nothing(fresh):
            return fresh
        record, why = self.hold(reviewed, fresh, site_id, None, name)
        if why:
            return refusal(why)
        if check_mode:
            return fresh
        return run(module_def, params, False, diff, before_queue=self.guard({site_id: record}, {site_id: name}))

    def reviewed(self, document, host, site_id, fleet, name):
        """(the reviewed record of this task on this site, None), or (None, why the site is refused)."""
        entry = document["hosts"].get(host) if host else None
        candidates = [record for record in (entry or {}).get("tasks", [])
                      if (record.get("task"), record.get("item"), record.get("module"), record.get("fleet"))
                      == (self.task, self.item, self.module, fleet)]
        where = "task %r%s on %s" % (self.task, "" if self.item is None else " (item %s)" % self.item, name)
        if not candidates:
            return None, "%s is not in the reviewed plan (a plan of %s): nothing was run there" % (
                where, ", ".join(document.get("playbooks") or []) or "no playbook")
        wanted = input_fingerprint(self.module, site_id, self.args)
        for record in candidates:
            if record["fingerprints"]["input"] == wanted:
                return record, None
        return None, ("%s asks for something other than was reviewed: its arguments or variables changed since the "
                      "plan was made (a stale plan); nothing was run there; plan again" % where)

    def hold(self, reviewed, fresh, site_id, fleet, name):
        """(the fresh record, None) when the fresh plan is the reviewed one; else (None, the refusal's message)."""
        record = site_record(self.module, self.task, self.args, fresh, site_id, True, item=self.item, fleet=fleet)
        if all(record["fingerprints"][kind] == reviewed["fingerprints"][kind] for kind in ("state", "plan")):
            return record, None
        return None, "not applied to %s: %s differs from the reviewed plan: %s; %s" % (
            name, "task %r" % self.task, first_difference(reviewed, record) or "its fingerprints differ", AGAIN)

    def guard(self, expected, names):
        """The run functions' last look before they queue: the apply's own reads still give the reviewed state."""
        def before_queue(site_id, result):
            want = expected.get(site_id)
            record = site_record(self.module, self.task, self.args, dict(result, changed=True), site_id, True,
                                 item=self.item, fleet=want and want.get("fleet"))
            if want is None or record["fingerprints"]["state"] != want["fingerprints"]["state"] \
                    or record["script"] != want["script"]:
                raise SdxError("not applied to %s: the router changed between the check against the reviewed plan and "
                               "the apply: %s; %s" % (names.get(site_id, site_id), want and first_difference(want, record)
                                                      or "its state differs", AGAIN), refused_by_plan=True)
        return before_queue

    def _fleet(self, document, module_def, params, check_mode, diff):
        """Per site of a task over many sites: refused sites get a failed result, the others run as held."""
        site_ids = list(dict.fromkeys(str(site_id) for site_id in params["site_ids"]))
        names = {site_id: host_of(document, site_id) for site_id in site_ids}
        per_site, reviewed = {}, {}
        for site_id in site_ids:
            label = "%s (site %s)" % (names[site_id], site_id)
            record, why = self.reviewed(document, names[site_id], site_id, self.host, label)
            why = refused_before(site_id, label) or why
            if why:
                per_site[site_id] = refusal(why)
            else:
                reviewed[site_id] = record
        last = {}
        if reviewed and short_name(self.module) not in RECOMPUTED:
            last = run(module_def, dict(params, site_ids=list(reviewed)), check_mode, diff)
            per_site.update(sites_of(last, reviewed))
        elif reviewed:
            last = run(module_def, dict(params, site_ids=list(reviewed)), True, diff)
            fresh, expected = sites_of(last, reviewed), {}
            for site_id, record in reviewed.items():
                if queues_nothing(fresh[site_id]):
                    per_site[site_id] = fresh[site_id]
                    continue
                held, why = self.hold(record, fresh[site_id], site_id, self.host,
                                      "%s (site %s)" % (names[site_id], site_id))
                per_site[site_id] = refusal(why) if why else fresh[site_id]
                if held is not None:
                    expected[site_id] = held
            if expected and not check_mode:
                labels = {s: "%s (site %s)" % (names[s], s) for s in expected}
                last = run(module_def, dict(params, site_ids=list(expected)), False, diff,
                           before_queue=self.guard(expected, labels))
                per_site.update(sites_of(last, expected))
        return fleet_outcome(site_ids, per_site, last)


def host_of(document, site_id):
    """The inventory host of a site in the plan (the plan names a site the inventory does not by its id)."""
    for host, entry in document["hosts"].items():
        if entry.get("site_id") == site_id:
            return host
    return site_id


def sites_of(outcome, wanted):
    """Each wanted site's result from a fleet outcome; a run that failed as a whole fails each of them."""
    per_site = outcome.get("per_site") or {}
    return {site_id: per_site.get(site_id) or dict(failed=True, changed=False, msg=outcome.get("msg") or "not run")
            for site_id in wanted}


def fleet_outcome(site_ids, per_site, last):
    """The task's result over its sites, shaped as framework.fleet's (per_site, failed_sites, changed)."""
    per_site = {site_id: per_site[site_id] for site_id in site_ids}
    failed = [site_id for site_id in site_ids if per_site[site_id].get("failed")]
    outcome = dict(changed=any(result.get("changed") for result in per_site.values()), per_site=per_site,
                   failed_sites=failed)
    for key in ("diff", "warnings"):
        if last.get(key):
            outcome[key] = last[key]
    refused = [site_id for site_id in failed if per_site[site_id].get("refused_by_plan")]
    if failed:
        msg = "%d of %d sites failed (%d refused by the reviewed plan; per_site[<site id>].msg says why); the first, %s: %s"
        outcome.update(failed=True, msg=msg % (len(failed), len(site_ids), len(refused), failed[0],
                                               per_site[failed[0]]["msg"]))
    return outcome
