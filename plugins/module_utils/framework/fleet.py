# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Fleet mode: one task over many sites, in threads of one controller process, optionally in stages."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.context import Context
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import AUTH_ARGUMENT_SPEC, MAX_CONCURRENCY
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError

# What a fleet result calls its members and where it files them, by how the task named them.
SITES = dict(noun="site", results="per_site", failed="failed_sites")
HOSTS = dict(noun="host", results="per_host", failed="failed_hosts")


def execute_fleet(module_def, params, check_mode=False, diff=False, before_queue=None):
    """site_ids: the module's function for each of these sites, each result under `per_site` by site id."""
    check_site_bound(module_def, params)
    site_ids = list(dict.fromkeys(check_uuid("site_ids", site_id) for site_id in params["site_ids"]))
    targets = [(site_id, dict(params, site_id=site_id)) for site_id in site_ids]
    return run_fleet(module_def, targets, params, SITES, check_mode=check_mode, diff=diff, before_queue=before_queue)


def check_site_bound(module_def, params):
    """Refuse the options that name one site's objects (a job id): they cannot hold for many sites."""
    for option in module_def.site_bound:
        if params.get(option) is not None:
            raise SdxError("%s cannot be used with site_ids or fleet: it names one site's %s; give site_id instead"
                           % (option, option.replace("_", " ")))


def check_fleet_settings(settings):
    """concurrency, batches and max_fail_percentage, checked before any site is worked on."""
    concurrency = 20 if settings.get("concurrency") is None else settings["concurrency"]
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise SdxError("concurrency must be between 1 and %d (got %s)" % (MAX_CONCURRENCY, concurrency))
    for index, size in enumerate(settings.get("batches") or []):
        if not _batch_size(size, 100):
            raise SdxError("batches[%d] must be a number of sites from 1, or a percentage such as \"20%%\" "
                           "from 1%% to 100%% (got %r)" % (index, size))
    limit = settings.get("max_fail_percentage")
    if limit is not None and not 0 <= limit <= 100:
        raise SdxError("max_fail_percentage must be between 0 and 100 (got %s)" % limit)
    return concurrency


def plan_batches(count, batches):
    """The sizes of the stages for `count` sites, as a play's `serial` takes them.

    A number is that many sites, a percentage is that share of all the sites (at least one); the last size
    repeats until every site has a stage. No batches: one stage of every site.
    """
    if not batches:
        return [count] if count else []
    sizes, left = [], count
    for index in range(count):
        if left <= 0:
            break
        size = _batch_size(batches[min(index, len(batches) - 1)], count)
        sizes.append(min(size, left))
        left -= sizes[-1]
    return sizes


def _batch_size(size, count):
    """A stage's size from `3` or `"20%"`; 0 for anything else."""
    if isinstance(size, bool):
        return 0
    text = str(size).strip()
    try:
        if text.endswith("%"):
            share = float(text[:-1])
            return max(1, int(count * share / 100.0)) if 0 < share <= 100 else 0
        number = int(text)
    except ValueError:
        return 0
    return number if number >= 1 else 0


def stage_stops(results, max_fail_percentage):
    """Whether a stage's failures pass the threshold: more than max_fail_percentage of it (0: any failure)."""
    failed = sum(1 for result in results if result.get("failed"))
    limit = max_fail_percentage or 0.0
    return failed > 0 and failed * 100.0 / len(results) > limit


def run_fleet(module_def, targets, settings, names, check_mode=False, diff=False, before_queue=None):
    """The module's function for each (name, params) target, `concurrency` at a time, stage by stage.

    A target's params may instead be an SdxError (its own arguments were refused): it fails alone. Check
    mode plans every target in one stage, since a plan changes nothing a later stage could depend on.
    """
    concurrency = check_fleet_settings(settings)
    shared = Context(None, check_mode=check_mode, diff=diff)
    batches = None if check_mode else settings.get("batches")
    sizes = plan_batches(len(targets), batches)
    runner = _Runner(module_def, concurrency, shared, check_mode, diff, before_queue)
    results, stopped, start = {}, None, 0
    try:
        for number, size in enumerate(sizes, 1):
            stage = targets[start:start + size]
            start += size
            results.update(runner.run(stage))
            if names is HOSTS:  # which site each host is
                for name, params in stage:
                    if isinstance(params, dict):
                        results[name].setdefault("site_id", params.get("site_id"))
            if batches and stage_stops([results[name] for name, _p in stage], settings.get("max_fail_percentage")):
                stopped = (number, stage)
                break
    finally:
        runner.close()
    skipped = [name for name, _params in targets[start:]]
    for name in skipped:
        results[name] = dict(changed=False, skipped=True, not_attempted=True,
                             msg="not attempted: the rollout stopped after stage %d" % stopped[0])
    return _outcome(results, [name for name, _p in targets], names, shared, stopped, skipped, len(sizes))


class _Runner:
    """Runs targets in threads, with one client per distinct set of credentials (hosts may differ)."""

    def __init__(self, module_def, concurrency, shared, check_mode, diff, before_queue=None):
        self.module_def, self.concurrency, self.shared = module_def, concurrency, shared
        self.check_mode, self.diff, self.before_queue = check_mode, diff, before_queue
        self.clients, self.lock = {}, threading.Lock()

    def client(self, params):
        key = tuple(str(params.get(name)) for name in sorted(AUTH_ARGUMENT_SPEC))
        with self.lock:
            if key not in self.clients:
                self.clients[key] = SdxClient.from_params(params, check_mode=self.check_mode, warn=self.shared.warn,
                                                          pool_size=self.concurrency)
            return self.clients[key]

    def one(self, target):
        _name, params = target
        if isinstance(params, SdxError):
            return dict(params.details, failed=True, msg=params.msg)
        # the sites are the concurrency: each site's reads go one after another
        ctx = Context(None, check_mode=self.check_mode, diff=self.diff, parallel_reads=1, before_queue=self.before_queue)
        try:
            ctx.client = self.client(params)
            result = self.module_def.run(params, ctx)
            result.setdefault("changed", False)
        except SdxError as exc:
            result = dict(exc.details, failed=True, msg=exc.msg)
        if ctx.warnings:
            result["warnings"] = result.get("warnings", []) + ctx.warnings
        return result

    def run(self, stage):
        if not stage:
            return {}
        with ThreadPoolExecutor(max_workers=max(1, min(self.concurrency, len(stage)))) as pool:
            return dict(zip([name for name, _params in stage], pool.map(self.one, stage)))

    def close(self):
        for client in self.clients.values():
            client.close()


def _outcome(results, order, names, shared, stopped, skipped, stages):
    """The task's result: every target's own, the diffs with their names in the headers, and why it failed."""
    ordered = dict((name, results[name]) for name in order)
    failed = [name for name in order if ordered[name].get("failed")]
    warned = [name for name in order if ordered[name].get("warnings")]
    outcome = {"changed": any(r.get("changed") for r in ordered.values()), names["results"]: ordered,
               names["failed"]: failed}
    if skipped:
        outcome["not_attempted"] = skipped
    diffs = [dict(entry, before_header="%s: %s" % (name, entry.get("before_header", "")),
                  after_header="%s: %s" % (name, entry.get("after_header", "")))
             for name, result in ordered.items() for entry in _diff_entries(result.get("diff"))]
    if diffs:
        outcome["diff"] = diffs
    if warned:
        shown = ", ".join(warned[:5]) + (" ..." if len(warned) > 5 else "")
        shared.warn("%d %s(s) have warnings; see %s[<%s>].warnings: %s"
                    % (len(warned), names["noun"], names["results"], _label(names), shown))
    if shared.warnings:
        outcome["warnings"] = shared.warnings
    if stopped:
        number, stage = stopped
        stage_failed = [name for name, _p in stage if ordered[name].get("failed")]
        raise SdxError("the rollout stopped after stage %d of %d: %d of its %d %ss failed (%s), more than "
                       "max_fail_percentage allows; %d %ss not attempted; %s: %s"
                       % (number, stages, len(stage_failed), len(stage), names["noun"], ", ".join(stage_failed),
                          len(skipped), names["noun"], stage_failed[0], ordered[stage_failed[0]]["msg"]), **outcome)
    if failed:
        messages = {ordered[name]["msg"] for name in failed}
        if len(failed) == len(order) and len(messages) == 1:
            raise SdxError("every %s failed: %s" % (names["noun"], messages.pop()), **outcome)
        raise SdxError("%d of %d %ss failed (%s[<%s>].msg says why); the first, %s: %s"
                       % (len(failed), len(order), names["noun"], names["results"], _label(names), failed[0],
                          ordered[failed[0]]["msg"]), **outcome)
    return outcome


def _label(names):
    return "site id" if names is SITES else "host"


def _diff_entries(diff):
    """A result's diff as a list of entries (Ansible takes one entry or a list)."""
    if not diff:
        return []
    return [diff] if isinstance(diff, dict) else list(diff)
