# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""An automatic rollback's keys, the attempt a run continues, and its plan (what check mode shows).

The rollback key is derived from the site and the change's own key; the arm, confirm and probe jobs'
keys from the rollback key. A re-run thus finds the same attempt; once it has ended (rolled back, or
confirmed and drifted since) the next one gets a successor key, so each attempt happens exactly once.
"""

from __future__ import annotations

import uuid

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import rollback
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import duration_seconds
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    COMPLETED, PENDING, RUNNING, job_status, successor_key)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError

DEFAULT_WINDOW = 300
_NAMESPACE = uuid.UUID("3c0f5e2a-7b1d-5c4e-8a6f-1e2d3c4b5a69")
PROBE = ":put ok"
IN_FLIGHT = (PENDING, RUNNING)
IN_FLIGHT = (PENDING, RUNNING)


def window_seconds(after):
    """`5m`, `90s`, `1h30m`, `300` (seconds) -> seconds, within the limits the router-side scripts take."""
    text = str(DEFAULT_WINDOW if after is None else after).strip()
    seconds = int(text) if text.isdigit() else duration_seconds(text)
    if seconds is None:
        raise SdxError("rollback.after must be a duration such as 5m, 90s or 300 (seconds) (got %r)" % (after,))
    try:
        rollback.timing(seconds)
    except ValueError as exc:
        raise SdxError("rollback.after: %s" % exc)
    return seconds


def rollback_key(site_id, change_key):
    """The rollback of one change on one site: the same change gives the same key (and the same jobs)."""
    return str(uuid.uuid5(_NAMESPACE, "%s:%s" % (site_id.lower(), change_key)))


def probe_key(key):
    return str(uuid.uuid5(_NAMESPACE, "%s:probe" % key))


def find_attempt(jobs, key, repair=False):
    """(key, arm job, confirm job) of the attempt this run continues; (key, None, None) for a new one.

    An attempt in flight (arm job pending or running, or done and not confirmed yet) is resumed. One that
    ended makes way for a successor: arming failed or was cancelled, the router rolled back (the confirm
    job failed), or it was confirmed and the reads show the router drifted since (`repair`)."""
    by_key = dict((job.get("idempotency_key"), job) for job in jobs)
    while True:
        names = rollback.RollbackNames(key)
        arm, confirm = by_key.get(names.arm_key), by_key.get(names.confirm_key)
        if arm is None:
            return key, None, None
        arm_status = job_status(arm)
        confirm_status = job_status(confirm) if confirm is not None else None
        if arm_status in IN_FLIGHT or (arm_status == COMPLETED and confirm_status in (None, PENDING, RUNNING)):
            return key, arm, confirm
        if arm_status == COMPLETED and confirm_status == COMPLETED and not repair:
            return key, arm, confirm
        key = successor_key(key, arm["id"])


def plan(site_id, change_key, window, version, repair=False, jobs=()):
    """What the rollback will do: its key, job keys, timing, steps and both router-side scripts."""
    key, arm, confirm = find_attempt(jobs, rollback_key(site_id, change_key), repair)
    names = rollback.RollbackNames(key)
    tick, ticks, earliest, latest = rollback.timing(window)
    steps = ["read the RouterOS version, uptime, scheduler and /export (no other rollback may be armed)",
             "job %s: arm (backup %s, scheduler entries %s and %s), then the change" % (
                 names.arm_key, names.file, names.revert, names.cleanup),
             "prove the site still reaches SDX: probe job %s completes and a synchronous read answers, "
             "no reboot" % probe_key(key),
             "job %s: confirm (remove the entries and the backup) within %d s of the change" % (names.confirm_key, earliest),
             "without proof: the router loads the backup %d to %d s after the change and reboots; the task "
             "fails saying so" % (earliest, latest)]
    found = None
    if arm is not None:
        found = "confirmed" if confirm is not None and job_status(confirm) == COMPLETED else "in flight"
    return dict(key=key, id=names.id, window=window, tick=tick, ticks=ticks, earliest=earliest, latest=latest,
                arm_job_key=names.arm_key, confirm_job_key=names.confirm_key, probe_job_key=probe_key(key),
                steps=steps, arm_script=rollback.arm_script(key, window, version) if version else None,
                confirm_script=rollback.confirm_script(key), attempt=found)
