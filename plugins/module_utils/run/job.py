# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_job: queue a RouterOS script once, backed up, waited for; planned from reads."""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import (
    FLEET_CONSTRAINT, fleet_options, rollback_option, wait_options)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import parse_script, unbalanced
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.rollback_job import with_rollback
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.script_plan import (
    YES, paths_to_read, plan_diff, plan_script, read_state, summarise)
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    CANCELLED, PENDING, already_started, cancel_job, check_job_options, clean_description, find_job, idempotency_key,
    job_status)
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.queueing import existing_job, queue_and_wait
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def make_plan(ctx, site_id, script, if_offline="queue"):
    """The plan from one read per menu; None when the site cannot be read now (offline, or not answering).

    Queued jobs are made for exactly that case: by default the job is queued unplanned and runs when the
    site checks in again; `if_offline` fail or skip stop the task instead.
    """
    try:
        state = read_state(ctx.client, site_id, paths_to_read(parse_script(script)), ctx.parallel_reads)
    except SdxError as exc:
        if exc.details.get("api_code") != "site_offline" or if_offline == "fail":
            raise
        ctx.warn("%s; so the plan is unknown for every command%s" % (
            exc.msg.split(":", 1)[0], ", and the job is queued to run when the site checks in" if if_offline == "queue" else ""))
        return None
    return plan_script(script, state)


def run_job(params, ctx):
    """Plan from reads (converge), or go by the key alone (converge: false, run once); check mode and apply
    decide the same way, from the same reads, so the plan is a promise the apply keeps."""
    site_id = check_uuid("site_id", params["site_id"])
    if params["state"] == "absent":
        return run_cancel(params, ctx, site_id)
    params = dict(params, description=clean_description(params.get("description")))
    check_job_options(params)
    problem = unbalanced(params["script"])
    if problem:
        raise SdxError("script line %d: %s. SDX runs a job's script inside its own :do { } wrapper, which such a script "
                       "breaks, and the job would never be reported: fix the script (nothing was queued)" % problem)
    key = params.get("idempotency_key") or idempotency_key(
        site_id, params["description"], params["script"], params["make_backup"], params["express_execute"],
        params["needs_acknowledgement"], params.get("notify_url"))
    result = dict(idempotency_key=key, changed=False)

    plan = make_plan(ctx, site_id, params["script"], params["if_offline"]) if params["converge"] else None
    if plan is None and params["converge"] and params["if_offline"] == "skip":
        result.update(skipped=True, msg="site %s is offline: skipped (if_offline=skip), nothing queued" % site_id)
        return result
    known_change = False
    if plan is not None:
        would_change, unknown = summarise(plan)
        known_change = any(entry["would_change"] == YES for entry in plan)
        result["plan"] = plan
        if ctx.diff:
            result["diff"] = plan_diff(plan)
        if unknown and ctx.check_mode:
            ctx.warn("cannot predict what these commands would change: %s" % "; ".join(unknown))
        if not would_change:
            result["msg"] = "the router already matches the script: nothing queued"
            return result
    if ctx.before_queue is not None and not ctx.check_mode:  # an apply held to a reviewed plan: its last look
        ctx.before_queue(site_id, result)
    if params.get("rollback"):
        result.update(with_rollback(ctx.client, site_id, params, key, ctx.check_mode, repair=known_change, warn=ctx.warn))
        return result
    if ctx.check_mode:
        key, job = existing_job(ctx.client, site_id, params, key, repair_drift=known_change)
        result["idempotency_key"] = key
        if job is not None:
            result.update(msg="job %s with this content is already %s: nothing would be queued"
                          % (job.get("id") or job.get("idempotency_key"), job_status(job)), job_id=job.get("id"), status=job_status(job))
            return result
        result.update(changed=True, msg="check mode: the job would be queued")
        return result

    result.update(queue_and_wait(ctx.client, site_id, params, key, repair_drift=known_change, warn=ctx.warn))
    return result


def run_cancel(params, ctx, site_id):
    job = find_job(ctx.client, site_id, key=params.get("idempotency_key"), job_id=params.get("job_id"))
    if job is None or job_status(job) == CANCELLED:
        return dict(changed=False, msg="no such job, or cancelled already: nothing to cancel")
    if job_status(job) != PENDING:
        raise already_started(job, job_status(job))
    if not ctx.check_mode:
        cancel_job(ctx.client, site_id, job)
    return dict(changed=True, job=job, job_id=job["id"], status="cancelled")


JOB = ModuleDef(
    name="altostrat_job",
    options=dict(
        fleet_options(),
        **dict(wait_options(), **rollback_option()),
        description=dict(type="str"),
        script=dict(type="str"),
        make_backup=dict(type="bool", default=False),
        express_execute=dict(type="bool", default=False),
        needs_acknowledgement=dict(type="bool", default=True),
        notify_url=dict(type="str", no_log=True),  # it may carry the receiver's shared secret
        idempotency_key=dict(type="str", no_log=False),
        job_id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        converge=dict(type="bool", default=True),
        if_offline=dict(type="str", default="queue", choices=["queue", "fail", "skip"]),
    ),
    run=run_job,
    required_if=[("state", "present", ("description", "script")),
                 ("state", "absent", ("job_id", "idempotency_key"), True)],
    mutually_exclusive=[("job_id", "script"), ("rollback", "notify_url")],
    required_one_of=[FLEET_CONSTRAINT],
    site_bound=("job_id", "idempotency_key"),
)
