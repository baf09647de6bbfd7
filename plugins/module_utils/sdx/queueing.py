# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""A job queued exactly once: found if it is queued already, else created; then waited for.

Both modules that queue jobs (altostrat_job, and altostrat_config with the script it plans) go through
queue_and_wait, so that which earlier job counts as this one is decided in one place (existing_job).
"""

from __future__ import annotations

import time

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.async_jobs import find_async, queue_async
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    CANCELLED, COMPLETED, content_differs, create_job, FAILED, job_status, list_jobs, successor_key, wait_for_job)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def existing_job(client, site_id, params, key, repair_drift=False):
    """(key, job): the job already queued for this content, or None, and the key a new one would get.

    A completed job satisfies the script, unless reads show the router has drifted from it since
    (`repair_drift`): then the change is due once more, under a successor key derived from the key and that
    job, so each drift is repaired once and never twice. A key that names a job with other content is refused.
    """
    if params.get("notify_url"):
        return key, find_async(client, site_id, params, key, repair_drift)
    by_key = dict((j.get("idempotency_key"), j) for j in list_jobs(client, site_id))
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


def queue_and_wait(client, site_id, params, key, repair_drift=False, warn=None):
    """Queue the job once (or find it queued already), wait if asked; fail with RouterOS's message if it failed.

    `params` carries the job options (description, script, flags, notify_url, wait...); see existing_job
    for which earlier job counts as this one.
    """
    started = time.monotonic()
    if params.get("notify_url"):
        job, created = queue_async(client, site_id, params, key, repair_drift, warn=warn)
    else:
        key, job = existing_job(client, site_id, params, key, repair_drift)
        created = job is None
        if created:
            job = create_job(client, site_id, params, key)
    result = dict(idempotency_key=job.get("idempotency_key") or key)
    if job.get("id") is None:
        # accepted by SDX but not listed yet: nothing to wait on, said in the warning
        result.update(changed=created, job=job, job_id=None, status=job_status(job), elapsed=round(time.monotonic() - started, 3))
        return result
    if params["wait"]:
        job = wait_for_job(client, site_id, job, params["wait_timeout"], params["poll_interval"])
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
