# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""SDX jobs: idempotency keys, state from timestamps, creation exactly once, waiting, cancelling."""

from __future__ import annotations

import json
import time
import uuid

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid, on_site, UUID_RE
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.polling import poll_until
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.safety import CONTROL_CHARACTERS, is_loopback_host

# Keys derived from a job's content live in their own UUIDv5 namespace.
KEY_NAMESPACE = uuid.UUID("6f1c2a8e-3d4b-5e6f-8a9b-0c1d2e3f4a5b")
MAX_SCRIPT = 10000
MAX_ASYNC_SCRIPT = 2000
PENDING, RUNNING, COMPLETED, FAILED, CANCELLED = "pending", "running", "completed", "failed", "cancelled"
# The words a job's own `status` field (older job objects, notifications) may use.
STATUS_WORDS = {"pending": PENDING, "queued": PENDING, "loaded": RUNNING, "busy": RUNNING, "running": RUNNING,
                "started": RUNNING, "completed": COMPLETED, "done": COMPLETED, "success": COMPLETED,
                "failed": FAILED, "fail": FAILED, "error": FAILED,
                "deleted": CANCELLED, "cancelled": CANCELLED, "canceled": CANCELLED}


def idempotency_key(site_id, description, script, make_backup, express_execute, needs_acknowledgement, notify_url=None):
    """The same job content on the same site always gives the same key."""
    canonical = json.dumps(dict(site=site_id.lower(), description=description, script=script, make_backup=make_backup,
                                express_execute=express_execute, needs_acknowledgement=needs_acknowledgement,
                                notify_url=notify_url), sort_keys=True, separators=(",", ":"))
    return str(uuid.uuid5(KEY_NAMESPACE, canonical))


def successor_key(key, job_id):
    """The key for applying a change again after the job `job_id` applied it and the router drifted back."""
    return str(uuid.uuid5(KEY_NAMESPACE, "%s after %s" % (key, job_id)))


def job_status(job):
    """A job's state from its timestamps; `deleted_at`, or a status word, marks a cancelled job that stays listed.

    The documented job object has no status field, so the timestamps decide; an older object's `status`
    is read where the timestamps say nothing.
    """
    word = STATUS_WORDS.get(str(job.get("status") or "").strip().lower())
    if job.get("deleted_at") or word == CANCELLED:
        return CANCELLED
    if job.get("failed_at"):
        return FAILED
    if job.get("completed_at"):
        return COMPLETED
    if job.get("started_at"):
        return RUNNING
    return word or PENDING


def clean_description(description):
    """The description without the spaces and final line break that YAML block scalars leave around it."""
    return description.strip() if isinstance(description, str) else description


def check_job_options(params):
    """Every rule about a job's options, checked before any request."""
    check_description(params.get("description"))
    check_script(params.get("script"), params.get("notify_url"))
    if params.get("idempotency_key") is not None and not UUID_RE.match(params["idempotency_key"]):
        raise SdxError("idempotency_key must be a UUID (got %r); leave it out to derive one from the job's content"
                       % params["idempotency_key"])
    if params.get("notify_url"):
        check_notify_url(params["notify_url"])


def check_description(description):
    if description is None or not 3 <= len(description) <= 100:
        raise SdxError("description must be 3 to 100 characters (got %d): %r"
                       % (len(description or ""), description))
    # It travels as an HTTP header: any language's letters do, line breaks and other control characters cannot.
    if CONTROL_CHARACTERS.search(description):
        raise SdxError("description cannot hold line breaks, tabs or other control characters (got %r): give one line "
                       "of text" % description)


def check_script(script, notify_url=None):
    if script is None or not script.strip():
        raise SdxError("script is required and must not be empty (it is the RouterOS script the job runs)")
    limit = MAX_ASYNC_SCRIPT if notify_url else MAX_SCRIPT
    if len(script) > limit:
        raise SdxError("script is %d characters; SDX accepts at most %d%s: split it into several jobs"
                       % (len(script), limit, " with notify_url" if notify_url else ""))


def check_notify_url(url):
    """HTTPS, or plain HTTP to a loopback address (for local receivers and tests)."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname:
        return
    if parsed.scheme == "http" and parsed.hostname:
        if is_loopback_host(parsed.hostname):
            return
        raise SdxError("notify_url must use https:// (plain http:// is allowed only to a loopback address): %r" % url)
    raise SdxError("notify_url must be an https:// URL (got %r)" % url)


def list_jobs(client, site_id):
    with on_site(site_id):
        return client.get_all("/site/%s/job" % site_id)


def find_job(client, site_id, key=None, job_id=None):
    """A job of the site by id or by idempotency key, or None."""
    if job_id is not None:
        check_uuid("job_id", job_id)
        try:
            return client.get("/site/%s/job/%s" % (site_id, job_id), shape=dict)
        except SdxApiError as exc:
            if exc.status == 404:
                return None
            raise
    for job in list_jobs(client, site_id):
        if job.get("idempotency_key") == key:
            return job
    return None


def create_job(client, site_id, params, key):
    """POST /site/{id}/job with the key, so a retried request can never make a second job."""
    headers = {
        "X-Idempotency-Key": key,
        "X-Description": params["description"],
        "X-Needs-Ack": _flag(params["needs_acknowledgement"]),
        "X-Backup": _flag(params["make_backup"]),
        "X-Express-Execute": _flag(params["express_execute"]),
        "Content-Type": "text/plain; charset=utf-8",
    }
    try:
        with on_site(site_id):
            return client.post("/site/%s/job" % site_id, data=params["script"], headers=headers, shape=dict)
    except SdxError as exc:
        if exc.details.get("status") == 404:
            raise
        # The answer was lost or refused, but the job may exist: the key says which one it is.
        adopted = _job_with_key(client, site_id, key)
        if adopted is not None:
            differs = content_differs(adopted, params)
            if differs:
                raise SdxError("idempotency_key %s already names job %s on site %s, whose %s differ from this job's: "
                               "give a new idempotency_key, or leave it out to derive one from the content"
                               % (key, adopted.get("id"), site_id, " and ".join(differs)), job_id=adopted.get("id"))
            return adopted
        if getattr(exc, "code", None) == "idempotency_key_reused" or getattr(exc, "status", None) == 409:
            raise SdxError("idempotency_key %s was already used on site %s for a different job; use a new key, or leave "
                           "it out to derive one from the job's content" % (key, site_id), status=exc.details.get("status"))
        raise


def _job_with_key(client, site_id, key):
    """The job with this key, or None, also when the list itself cannot be read now."""
    try:
        return find_job(client, site_id, key=key)
    except SdxError:
        return None


# A job's fields that hold its content, and the task options they come from.
CONTENT_FIELDS = (("script", "script"), ("description", "description"), ("should_backup", "make_backup"),
                  ("express_execute", "express_execute"), ("needs_acknowledgement", "needs_acknowledgement"))


def content_differs(job, params):
    """The names of the content fields in which a listed job differs from the task (fields it lacks are not compared)."""
    differs = []
    for field, option in CONTENT_FIELDS:
        if job.get(field) is None or params.get(option) is None:
            continue
        mine, theirs = params[option], job[field]
        if isinstance(mine, bool):
            theirs = str(theirs).lower() in ("1", "true", "yes")
        elif field == "script":
            # the API may store the body with other line endings or without its final newline
            mine, theirs = (str(text).replace("\r\n", "\n").strip() for text in (mine, theirs))
        if mine != theirs:
            differs.append(field)
    return differs


def _flag(value):
    return "true" if value else "false"


# What a job still pending or running at the end of the wait most likely means.
WAIT_HINTS = {
    PENDING: "the site has not taken it yet (it is probably offline, or checks in rarely); it runs at its next check-in",
    RUNNING: "the router took it but has not reported back, as happens when it cannot parse the script inside SDX's "
             "job wrapper or when the change cut the site off (look at the router's log)",
}


def wait_for_job(client, site_id, job, timeout, interval, sleep=time.sleep, clock=time.monotonic):
    """Poll the job until it completes or fails; raise with the job id and last status on timeout."""
    finished, job = poll_until(lambda: client.get("/site/%s/job/%s" % (site_id, job["id"]), shape=dict),
                               lambda answer: job_status(answer) not in (PENDING, RUNNING), timeout, interval,
                               value=job, sleep=sleep, clock=clock)
    if not finished:
        status = job_status(job)
        raise SdxError("job %s on site %s did not finish within %s s (last status: %s): %s; wait for it later with "
                       "altostrat_job_info" % (job["id"], site_id, timeout, status, WAIT_HINTS[status]),
                       job=job, status=status)
    return job


def cancel_job(client, site_id, job):
    """Cancel a pending job (callers check it is pending: one that has started can no longer be cancelled)."""
    try:
        client.delete("/site/%s/job/%s" % (site_id, job["id"]))
    except SdxApiError as exc:
        if exc.code == "job_already_started":  # it started between the read and the cancel
            raise already_started(job, RUNNING)
        raise


def already_started(job, status):
    return SdxError("job %s has already started (status: %s); it can no longer be cancelled" % (job["id"], status),
                    job=job, status=status)
