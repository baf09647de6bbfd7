# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""altostrat_job: queue a RouterOS script once, backed up, waited for; planned from reads."""

from __future__ import annotations

import fnmatch
import time

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import (
    FLEET_CONSTRAINT, ModuleDef, check_uuid, fleet_options, site_id_option)
from ansible_collections.altostrat.sdx.plugins.module_utils.jobs import (
    COMPLETED, FAILED, PENDING, cancel_job, check_job_options, create_async, create_job, find_job, idempotency_key,
    job_status, list_jobs, successor_key, wait_for_job)
from ansible_collections.altostrat.sdx.plugins.module_utils.plan import (
    paths_to_read, plan_diff, plan_script, read_state, summarise)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros_console import parse_script


def make_plan(ctx, site_id, script):
    """The plan from one read per menu; None when the site cannot be read (offline)."""
    try:
        state = read_state(ctx.client, site_id, paths_to_read(parse_script(script)))
    except SdxError as exc:
        if exc.details.get("api_code") == "site_offline":
            ctx.warn("site %s is offline, so its state could not be read: the plan is unknown" % site_id)
            return None
        raise
    return plan_script(script, state)


def run_job(params, ctx):
    site_id = check_uuid("site_id", params["site_id"])
    if params["state"] == "absent":
        return run_cancel(params, ctx, site_id)
    check_job_options(params)
    key = params.get("idempotency_key") or idempotency_key(
        site_id, params["description"], params["script"], params["make_backup"], params["express_execute"],
        params["needs_acknowledgement"], params.get("notify_url"))
    result = dict(idempotency_key=key, changed=False)

    plan = None
    if ctx.check_mode or params["converge"]:
        plan = make_plan(ctx, site_id, params["script"])
    if plan is not None:
        would_change, unknown = summarise(plan)
        result["plan"] = plan
        if ctx.diff:
            result["diff"] = plan_diff(plan)
        if unknown and ctx.check_mode:
            ctx.warn("cannot predict what these commands would change: %s" % "; ".join(unknown))
        if not would_change:
            result["msg"] = "the router already matches the script: nothing queued"
            return result
    if ctx.check_mode:
        result.update(changed=True, msg="check mode: the job would be queued")
        return result

    result.update(queue_and_wait(ctx, site_id, params, key, drift_possible=plan is not None))
    return result


def queue_and_wait(ctx, site_id, params, key, drift_possible=False, repair_drift=False):
    """Queue the job once (or find it queued already), wait if asked; fail with RouterOS's message if it failed.

    `params` carries the job options (description, script, flags, notify_url, wait...). When an earlier job
    with this key completed but reads show the router has drifted since, `repair_drift` queues the change
    again under a successor key (derived from the key and that job's id), so each drift is repaired once.
    """
    started = time.monotonic()
    result = dict(idempotency_key=key)
    if params.get("notify_url"):
        job, created = create_async(ctx.client, site_id, params)
        result["idempotency_key"] = job.get("idempotency_key")
    else:
        by_key = {j.get("idempotency_key"): j for j in list_jobs(ctx.client, site_id)}
        job = by_key.get(key)
        while repair_drift and job is not None and job_status(job) == COMPLETED:
            key = successor_key(key, job["id"])
            job = by_key.get(key)
        result["idempotency_key"] = key
        created = job is None
        if created:
            job = create_job(ctx.client, site_id, params, key)
        elif job_status(job) == COMPLETED and drift_possible:
            ctx.warn("job %s with this content already ran (completed %s) but the router no longer matches it; "
                     "it is not queued twice: pass a new idempotency_key to apply it again" % (job["id"], job.get("completed_at")))
    if params["wait"]:
        job = wait_for_job(ctx.client, site_id, job, params["wait_timeout"], params["poll_interval"])
    status = job_status(job)
    result.update(changed=created, job=job, job_id=job.get("id"), status=status, backup=job.get("associated_backup"),
                  elapsed=round(time.monotonic() - started, 3))
    if status == FAILED:
        reason = job.get("error") or "see the job's log in SDX (log_url)"
        raise SdxError("job %s failed on site %s: %s" % (job["id"], site_id, reason),
                       **{k: v for k, v in result.items() if k != "changed"})
    return result


def run_cancel(params, ctx, site_id):
    if not params.get("job_id") and not params.get("idempotency_key"):
        raise SdxError("state=absent needs job_id or idempotency_key to find the job to cancel")
    job = find_job(ctx.client, site_id, key=params.get("idempotency_key"), job_id=params.get("job_id"))
    if job is None:
        return dict(changed=False, msg="no such job: nothing to cancel")
    status = job_status(job)
    if status != PENDING:
        raise SdxError("job %s has already started (status: %s); it can no longer be cancelled" % (job["id"], status),
                       job=job, status=status)
    if not ctx.check_mode:
        cancel_job(ctx.client, site_id, job)
    return dict(changed=True, job=job, job_id=job["id"], status="cancelled")


JOB = ModuleDef(
    name="altostrat_job",
    options=dict(
        fleet_options(),
        description=dict(type="str"),
        script=dict(type="str"),
        make_backup=dict(type="bool", default=False),
        express_execute=dict(type="bool", default=False),
        needs_acknowledgement=dict(type="bool", default=True),
        notify_url=dict(type="str", no_log=True),  # it may carry the receiver's shared secret
        idempotency_key=dict(type="str", no_log=False),
        job_id=dict(type="str"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="float", default=600.0),
        poll_interval=dict(type="float", default=1.0),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        converge=dict(type="bool", default=True),
    ),
    run=run_job,
    required_if=[("state", "present", ("description", "script"))],
    mutually_exclusive=[("job_id", "script")],
    required_one_of=[FLEET_CONSTRAINT],
    site_bound=("job_id", "idempotency_key"),
)


def run_job_info(params, ctx):
    """List a site's jobs, get one, or wait for one to finish."""
    site_id = check_uuid("site_id", params["site_id"])
    if params.get("job_id"):
        job = find_job(ctx.client, site_id, job_id=params["job_id"])
        if job is None:
            raise SdxError("job %s was not found on site %s (a cancelled job is gone)" % (params["job_id"], site_id))
        if params["wait"]:
            job = wait_for_job(ctx.client, site_id, job, params["wait_timeout"], params["poll_interval"])
        jobs = [job]
    else:
        if params["wait"]:
            raise SdxError("wait needs job_id: name the job to wait for")
        jobs = list_jobs(ctx.client, site_id)
    for job in jobs:
        job["status"] = job_status(job)
    if params.get("status"):
        jobs = [job for job in jobs if job["status"] in params["status"]]
    if params.get("description"):
        pattern = params["description"].lower()
        jobs = [job for job in jobs if fnmatch.fnmatchcase((job.get("description") or "").lower(), pattern)]
    result = dict(changed=False, jobs=jobs)
    if params.get("job_id"):
        result["job"] = jobs[0] if jobs else None
    return result


JOB_INFO = ModuleDef(
    name="altostrat_job_info",
    options=dict(
        site_id=site_id_option(),
        job_id=dict(type="str"),
        status=dict(type="list", elements="str", choices=["pending", "running", "completed", "failed"]),
        description=dict(type="str"),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="float", default=600.0),
        poll_interval=dict(type="float", default=1.0),
    ),
    run=run_job_info,
)
