# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan document: what a run would change on each site, from the results of this collection's modules.

Data in, data out: `task_records()` turns one task result (a host's, or a fleet task's per_site) into plan
records, `build_document()` groups them by host and adds the fingerprints, `dumps()` writes the JSON text.
The schema is described in docs/gitops.md; `VERSION` changes when a field changes meaning or goes away.
"""

from __future__ import annotations

import hashlib
import json

FORMAT = "altostrat.sdx.plan"
VERSION = 1
PREFIX = "altostrat.sdx."

# Task options that say how to reach SDX or how long to wait, not what a router should hold: they are left
# out of the input fingerprint. api_token and notify_url may carry secrets, so they are never read here.
NOT_DESIRED = frozenset((
    "api_url", "api_token", "validate_certs", "ca_path", "timeout", "retries", "rate_limit", "rate_window",
    "wait", "wait_timeout", "poll_interval", "concurrency", "site_id", "site_ids", "notify_url", "fleet", "batches",
    "max_fail_percentage",
))

CHANGE, NO_CHANGE, UNKNOWN, FAILED, SKIPPED = "change", "no_change", "unknown", "failed", "skipped"
# A host's status is the first of these that any of its tasks has.
PRECEDENCE = (FAILED, UNKNOWN, CHANGE, NO_CHANGE, SKIPPED)


def canonical(value):
    """The one JSON text of a value that every fingerprint is taken over (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def fingerprint(value):
    return "sha256:" + hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def plain_json(value):
    """A value as JSON gives it back (lists for tuples, text keys), so a fingerprint is the same before and after
    the document is written and read."""
    return json.loads(canonical(value))


def dumps(document):
    """The plan file's text: sorted keys, so the same plan is always the same bytes."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n"


def short_name(module):
    return module[len(PREFIX):] if module.startswith(PREFIX) else module


def desired_input(args):
    """The task arguments that describe the desired state (see NOT_DESIRED)."""
    return {key: value for key, value in (args or {}).items() if key not in NOT_DESIRED and not key.startswith("_")}


def input_fingerprint(module, site_id, args):
    """What a task asked for on one site (the `input` fingerprint): a change to the desired state changes it."""
    return fingerprint(dict(module=module, site_id=site_id, args=desired_input(plain_json(args or {}))))


def item_label(value):
    """A loop item's label as the plan names it: text as it is, anything else as canonical JSON."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def _config(result, args):
    """altostrat_config: one change per planned action, its entry named by its key properties."""
    if isinstance(result.get("menus"), list):  # several menus in one task: their changes together
        outcomes = [_config(menu, args) for menu in result["menus"] if isinstance(menu, dict)]
        menus = [outcome["menu"] for outcome in outcomes]
        return dict(menu=menus[0] if len(menus) == 1 else None,
                    changes=[change for outcome in outcomes for change in outcome["changes"]],
                    script="\n".join(outcome["script"] for outcome in outcomes if outcome["script"]), unknowns=[],
                    changed=any(outcome["changed"] for outcome in outcomes),
                    observed=[seen for outcome in outcomes for seen in outcome["observed"]])
    menu = result.get("path")
    if "plan" not in result:  # state=gathered reads only
        return dict(menu=menu, changes=[], script="", unknowns=[], changed=False, observed=[])
    changes = []
    for action in result["plan"]:
        change = dict(action=action.get("action"), menu=menu, entry=action.get("key") or {},
                      before=action.get("before"), after=action.get("after"), line=action.get("line"))
        if action.get("unset"):
            change["unset"] = list(action["unset"])
        changes.append(change)
    observed = [dict(entry=c["entry"], before=c["before"]) for c in changes]
    # the plan itself says whether anything changes (a changed_when on the task does not)
    return dict(menu=menu, changes=changes, script=result.get("script") or "", unknowns=[], changed=bool(changes),
                observed=observed)


def _job(result, args):
    """altostrat_job: the commands that would change something, the ones it cannot predict, and the script."""
    plan = result.get("plan")
    changed = bool(result.get("changed"))
    if plan is None:
        unknowns = []
        if changed:
            why = "; ".join(result.get("warnings") or []) or "the router was not read, so the script was not planned"
            unknowns.append(dict(line=None, command=None, reason=why))
        return dict(menu=None, changes=[], script=args.get("script", "") if changed else "", unknowns=unknowns,
                    changed=changed, observed=[], key=result.get("idempotency_key"))
    changes, unknowns = [], []
    if changed:  # otherwise a job with this content is already there, or the router matches: nothing is queued
        for entry in plan:
            if entry.get("would_change") == "yes":
                changes.append(dict(action=entry.get("action"), menu=entry.get("path"), command=entry.get("command"),
                                    line=entry.get("line"), before=entry.get("before"), after=entry.get("after")))
            elif entry.get("would_change") == "unknown":
                unknowns.append(dict(line=entry.get("line"), command=entry.get("command"), reason=entry.get("reason")))
    observed = [dict(line=e.get("line"), menu=e.get("path"), before=e.get("before")) for e in plan]
    return dict(menu=None, changes=changes, script=args.get("script", "") if changed else "", unknowns=unknowns,
                changed=changed, observed=observed, key=result.get("idempotency_key"))


def _command(result, _args):
    """altostrat_command: a read changes nothing; anything else is sent as it is, with an effect not predicted."""
    if result.get("read", True):
        return dict(menu=None, changes=[], script="", unknowns=[], changed=False, observed=[])
    command = " ".join([result.get("command") or ""] + list(result.get("parameters") or []))
    return dict(menu=None, changes=[dict(action="command", menu=None, command=command, line=None, before=None, after=None)],
                script="", unknowns=[dict(line=None, command=command,
                                          reason="not a read: what it changes on the router is not predicted")],
                changed=True, observed=[])


def _other(result, _args):
    """Every other module: changed as the module says, with its message."""
    changed = bool(result.get("changed"))
    changes = [dict(action="run", menu=None, command=result.get("msg"), line=None, before=None, after=None)] if changed else []
    return dict(menu=None, changes=changes, script="", unknowns=[], changed=changed, observed=[])


EXTRACTORS = dict(altostrat_config=_config, altostrat_job=_job, altostrat_command=_command)


def _status(outcome, result, conditional_skip):
    if result.get("failed") or result.get("unreachable"):
        return FAILED
    if conditional_skip:
        return SKIPPED
    if outcome["unknowns"]:
        return UNKNOWN
    return CHANGE if outcome["changed"] else NO_CHANGE


def _skipped_outcome(result):
    """A module that skipped a site it could not read (if_offline=skip) planned nothing: that is unknown."""
    return dict(menu=result.get("path"), changes=[], script="", changed=False, observed=[],
                unknowns=[dict(line=None, command=None, reason="not planned: %s" % (result.get("msg") or "skipped"))])


def site_record(module, task, args, result, site_id, check_mode, item=None, fleet=None):
    """One task's plan for one site, from the module's result for that site."""
    result, args = plain_json(result), plain_json(args or {})
    # skipped on purpose: a false `when`, or no menus asked of this site (altostrat_config menus: [])
    conditional_skip = bool(result.get("skipped")) and ("skip_reason" in result or result.get("menus") == [])
    if result.get("censored"):
        outcome = dict(menu=None, changes=[], script="", changed=bool(result.get("changed")), observed=[],
                       unknowns=[dict(line=None, command=None, reason="the task has no_log: its result is hidden")])
    elif result.get("failed") or result.get("unreachable") or conditional_skip:
        outcome = dict(menu=result.get("path") or args.get("path"), changes=[], script="", unknowns=[], changed=False,
                       observed=[])
    elif result.get("skipped"):
        outcome = _skipped_outcome(result)
    else:
        outcome = EXTRACTORS.get(short_name(module), _other)(result, args or {})
    status = _status(outcome, result, conditional_skip)
    record = dict(task=task, module=module, item=item, fleet=fleet, check_mode=bool(check_mode), status=status,
                  changed=outcome["changed"], menu=outcome["menu"], changes=outcome["changes"], script=outcome["script"],
                  unknowns=outcome["unknowns"], warnings=list(result.get("warnings") or []),
                  error=(result.get("msg") or "the task failed") if status == FAILED else None)
    if conditional_skip:
        record["note"] = result.get("false_condition") and "skipped: %s is false" % result["false_condition"] or "skipped"
    plan = dict(status=status, changed=record["changed"], changes=record["changes"], script=record["script"],
                unknowns=record["unknowns"], error=record["error"], key=outcome.get("key"))
    record["fingerprints"] = dict(
        input=input_fingerprint(module, site_id, args),
        state=fingerprint(outcome["observed"]),
        plan=fingerprint(plan))
    return record


def task_records(module, task, args, result, site_of_host, check_mode, item=None, host=None, site_names=None):
    """[(host, site_id, record)] for one task result: the host's own, or one per host or site of a fleet task.

    `site_of_host` is the host's site id; `site_names` maps site ids to inventory hosts, for fleet results.
    """
    per_host = result.get("per_host")
    if isinstance(per_host, dict):  # fleet: true, keyed by inventory hostname already
        return [(name, (per_host[name] or {}).get("site_id"),
                 site_record(module, task, args, per_host[name] if isinstance(per_host[name], dict) else {},
                             (per_host[name] or {}).get("site_id"), check_mode, item=item, fleet=host))
                for name in sorted(per_host)]
    per_site = result.get("per_site")
    if isinstance(per_site, dict):
        found = []
        for site_id in sorted(per_site):
            site_result = per_site[site_id] if isinstance(per_site[site_id], dict) else {}
            target = (site_names or {}).get(site_id, site_id)
            found.append((target, site_id, site_record(module, task, args, site_result, site_id, check_mode,
                                                       item=item, fleet=host)))
        return found
    return [(host, site_of_host, site_record(module, task, args, result, site_of_host, check_mode, item=item))]


def host_entry(site_id, site_name, records):
    """A host's part of the document: its records, counts, status and fingerprint."""
    statuses = {record["status"] for record in records}
    status = next(s for s in PRECEDENCE if s in statuses) if statuses else NO_CHANGE
    return dict(
        site_id=site_id, site_name=site_name, status=status,
        changed=any(record["changed"] for record in records),
        unknown=any(record["status"] in (UNKNOWN, FAILED) for record in records),
        changes=sum(len(record["changes"]) for record in records),
        unknowns=sum(len(record["unknowns"]) for record in records) + sum(1 for r in records if r["status"] == FAILED),
        tasks=records,
        fingerprint=fingerprint(dict(site_id=site_id, tasks=[
            dict(task=r["task"], item=r["item"], module=r["module"], fingerprints=r["fingerprints"]) for r in records])),
    )


def build_document(hosts, playbooks=(), check_mode=False):
    """The whole document from {host: {site_id, site_name, records}}; its fingerprint covers all the rest.

    `check_mode` is the run's own (--check); with records, the document is a plan when every task ran in check mode.
    """
    entries = {name: host_entry(info.get("site_id"), info.get("site_name"), info["records"])
               for name, info in sorted(hosts.items())}
    records = [record for entry in entries.values() for record in entry["tasks"]]
    document = dict(
        format=FORMAT, version=VERSION,
        check_mode=all(record["check_mode"] for record in records) if records else bool(check_mode),
        playbooks=list(playbooks),
        summary=dict(
            sites=len(entries),
            changed=sum(1 for e in entries.values() if e["changed"]),
            unknown=sum(1 for e in entries.values() if e["unknown"]),
            failed=sum(1 for e in entries.values() if e["status"] == FAILED),
            unchanged=sum(1 for e in entries.values() if not e["changed"] and not e["unknown"]),
        ),
        hosts=entries,
    )
    document["fingerprint"] = document_fingerprint(document)
    return document


def document_fingerprint(document):
    return fingerprint({key: value for key, value in document.items() if key != "fingerprint"})


def check_document(document):
    """None when `document` is a plan of this version whose fingerprint matches its content; else what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return "not an %s document (format is %r)" % (FORMAT, document.get("format") if isinstance(document, dict) else None)
    if document.get("version") != VERSION:
        return "plan version %r: this collection reads version %d" % (document.get("version"), VERSION)
    if document.get("fingerprint") != document_fingerprint(document):
        return "the plan's fingerprint does not match its content: it was edited after it was written"
    return None
