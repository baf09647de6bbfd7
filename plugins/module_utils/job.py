# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""altostrat_job: queue a RouterOS script once, backed up, waited for; planned from reads."""

from __future__ import annotations

import fnmatch
import time

from ansible_collections.altostrat.sdx.plugins.module_utils.async_jobs import find_async, queue_async
from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import (
    FLEET_CONSTRAINT, ModuleDef, check_uuid, check_wait_options, fleet_options, site_id_option)
from ansible_collections.altostrat.sdx.plugins.module_utils.jobs import (
    CANCELLED, COMPLETED, FAILED, PENDING, cancel_job, check_job_options, clean_description, content_differs, create_job, find_job,
    idempotency_key, job_status, list_jobs, successor_key, wait_for_job)
from ansible_collections.altostrat.sdx.plugins.module_utils.plan import (
    YES, paths_to_read, plan_diff, plan_script, read_state, summarise)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros_console import parse_script, unbalanced


def make_plan(ctx, site_id, script, if_offline="queue"):
    """The plan from one read per menu; None when the site cannot be read now (offline, or not answering).

    Queued jobs are made for exactly that case: by default the job is queued unplanned and runs when the
    site checks in again; `if_offline` fail or skip stop the task instead.
    """
    try:
        state = read_state(ctx.client, site_id, paths_to_read(parse_script(script)))
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
    if ctx.check_mode:
        key, job = existing_job(ctx, site_id, params, key, repair_drift=known_change)
        result["idempotency_key"] = key
        if job is not None:
            result.update(msg="job %s with this content is already %s: nothing would be queued"
                          % (job.get("id") or job.get("idempotency_key"), job_status(job)), job_id=job.get("id"), status=job_status(job))
            return result
        result.update(changed=True, msg="check mode: the job would be queued")
        return result

    result.update(queue_and_wait(ctx, site_id, params, key, repair_drift=known_change))
    return result


def existing_job(ctx, site_id, params, key, repair_drift=False):
    """(key, job): the job already queued for this content, or None, and the key a new one would get.

    A completed job satisfies the script, unless reads show the router has drifted from it since
    (`repair_drift`): then the change is due once more, under a successor key derived from the key and that
    job, so each drift is repaired once and never twice. A key that names a job with other content is refused.
    """
    if params.get("notify_url"):
        return key, find_async(ctx.client, site_id, params, key, repair_drift)
    by_key = dict((j.get("idempotency_key"), j) for j in list_jobs(ctx.client, site_id))
    job = by_key.get(key)
    while job is not None:
        # A derived key is the content's own digest; only a key the user gave can name other content.
        differs = content_differs(job, params) if key == params.get("idempotency_key") else None
        if differs:
            raise SdxError("idempotency_key %s already names job %s on site %s, whose %s differ%s from this task's: it "
                           "is not queued under that key; give a new idempotency_key, or leave it out to derive one "
                           "from the content" % (key, job["id"], site_id, " and ".join(differs),
                                                 "s" if len(differs) == 1 else ""), job_id=job["id"])
        status = job_status(job)
        # a cancelled job never ran: the script is due again, under a key of its own
        if status != CANCELLED and not (repair_drift and status == COMPLETED):
            return key, job
        key = successor_key(key, job["id"])
        job = by_key.get(key)
    return key, None


def queue_and_wait(ctx, site_id, params, key, repair_drift=False):
    """Queue the job once (or find it queued already), wait if asked; fail with RouterOS's message if it failed.

    `params` carries the job options (description, script, flags, notify_url, wait...); see existing_job
    for which earlier job counts as this one.
    """
    started = time.monotonic()
    if params.get("notify_url"):
        job, created = queue_async(ctx.client, site_id, params, key, repair_drift, warn=ctx.warn)
    else:
        key, job = existing_job(ctx, site_id, params, key, repair_drift)
        created = job is None
        if created:
            job = create_job(ctx.client, site_id, params, key)
    result = dict(idempotency_key=job.get("idempotency_key") or key)
    if job.get("id") is None:
        # accepted by SDX but not listed yet: nothing to wait on, said in the warning
        result.update(changed=created, job=job, job_id=None, status=job_status(job), elapsed=round(time.monotonic() - started, 3))
        return result
    if params["wait"]:
        job = wait_for_job(ctx.client, site_id, job, params["wait_timeout"], params["poll_interval"])
    status = job_status(job)
    result.update(changed=created, job=job, job_id=job.get("id"), status=status, backup=job.get("associated_backup"),
                  elapsed=round(time.monotonic() - started, 3))
    if status == FAILED:
        reason = job.get("error") or "see the job's log in SDX (log_url)"
        raise SdxError("job %s failed on site %s: %s" % (job["id"], site_id, reason),
                       **{k: v for k, v in result.items() if k != "changed"})
    if status == CANCELLED:
        raise SdxError("job %s on site %s was cancelled before it ran (deleted %s); run the task again to queue it anew"
                       % (job["id"], site_id, job.get("deleted_at") or "in SDX"), **{k: v for k, v in result.items() if k != "changed"})
    return result


def run_cancel(params, ctx, site_id):
    if not params.get("job_id") and not params.get("idempotency_key"):
        raise SdxError("state=absent needs job_id or idempotency_key to find the job to cancel")
    job = find_job(ctx.client, site_id, key=params.get("idempotency_key"), job_id=params.get("job_id"))
    if job is None or job_status(job) == CANCELLED:
        return dict(changed=False, msg="no such job, or cancelled already: nothing to cancel")
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
        if_offline=dict(type="str", default="queue", choices=["queue", "fail", "skip"]),
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
    check_wait_options(params)
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
        status=dict(type="list", elements="str", choices=["pending", "running", "completed", "failed", "cancelled"]),
        description=dict(type="str"),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="float", default=600.0),
        poll_interval=dict(type="float", default=1.0),
    ),
    run=run_job_info,
)
