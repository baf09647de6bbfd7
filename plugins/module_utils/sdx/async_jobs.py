# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Jobs queued through SDX's asynchronous API (for notify_url), exactly once per content.

That API makes the job's idempotency key itself, and may list the job only some time after it
accepted it. So this controller keeps a ledger (controller_state) of which SDX key it got for which
content (the task's own key: site, description, script, flags and notify_url), and looks and creates
under its lock: two runs at once queue one job, and a re-run finds it even before SDX lists it. A
changed notify_url or key is other content, so a new job.
"""

from __future__ import annotations

import time

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.polling import poll_until
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.controller_state import shared_state
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    CANCELLED, COMPLETED, content_differs, FAILED, job_status, list_jobs, PENDING)

# How long to wait for SDX to list a job it accepted, before reporting it unlisted.
LISTING_WAIT = 10.0
LEDGER_DAYS = 30


def find_async(client, site_id, params, content_key, repair_drift=False, ledger=None):
    """The job already queued for this content, or None (a read: check mode uses it as it is)."""
    if ledger is None:
        with shared_state(client.shared_state_path("async-jobs")) as ledger:
            return find_async(client, site_id, params, content_key, repair_drift, ledger)
    jobs = list_jobs(client, site_id)
    mine = (ledger.get(content_key) or {}).get("key")
    job = next((j for j in jobs if mine and j.get("idempotency_key") == mine), None)
    if job is None and mine is None and not params.get("idempotency_key"):
        # made elsewhere (another controller, an earlier version): the same content, not another task's job
        others = set(entry.get("key") for name, entry in ledger.items() if name != content_key)
        job = next((j for j in jobs if _twin(j, params) and j.get("idempotency_key") not in others), None)
    if job is None and mine is not None:
        return dict(id=None, idempotency_key=mine, status=PENDING, listed=False)  # accepted, not listed yet
    status = job_status(job) if job is not None else None
    if status in (FAILED, CANCELLED) or (repair_drift and status == COMPLETED):
        return None
    return job


def queue_async(client, site_id, params, content_key, repair_drift=False, warn=None, sleep=time.sleep):
    """(job, created): find the job under the ledger's lock, or POST it and record SDX's key for it."""
    with shared_state(client.shared_state_path("async-jobs")) as ledger:
        job = find_async(client, site_id, params, content_key, repair_drift, ledger)
        if job is not None:
            return job, False
        key = _post(client, site_id, params)
        now = time.time()
        for name in [n for n, e in ledger.items() if now - e.get("at", 0) > LEDGER_DAYS * 86400]:
            del ledger[name]
        ledger[content_key] = dict(key=key, at=now)
    return listed_job(client, site_id, key, warn, sleep), True


def listed_job(client, site_id, key, warn=None, sleep=time.sleep, clock=time.monotonic):
    """The job SDX made under `key`, waited for briefly; a placeholder, with a warning, when still unlisted."""
    listed, job = poll_until(lambda: next((j for j in list_jobs(client, site_id) if j.get("idempotency_key") == key), None),
                             lambda answer: answer is not None, LISTING_WAIT, 0.25, cap=2.0, growth=2,
                             sleep=sleep, clock=clock)
    if listed:
        return job
    if warn is not None:
        warn("SDX accepted the job (idempotency key %s) but has not listed it on site %s within %.0f s; it will run "
             "when the site checks in. Follow it with altostrat_job_info or its notify_url" % (key, site_id, LISTING_WAIT))
    return dict(id=None, idempotency_key=key, status=PENDING, listed=False)


def _post(client, site_id, params):
    body = dict(description=params["description"], script=params["script"], make_backup=params["make_backup"],
                express_execute=params["express_execute"], needs_acknowledgement=params["needs_acknowledgement"],
                notify_url=params["notify_url"])
    answer = client.post("/api/asynchronous/%s" % site_id, json_body=body)
    key = answer.get("idempotency_key") if isinstance(answer, dict) else None
    if not isinstance(key, str) or not key:
        raise SdxError("POST /api/asynchronous/%s answered without the job's idempotency_key: the job may have been "
                       "queued; look at the site's jobs before running this task again" % site_id)
    return key


def _twin(job, params):
    if content_differs(job, params):
        return False
    listed_url = job.get("notify_url")
    return listed_url is None or listed_url == params.get("notify_url")
