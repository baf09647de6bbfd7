# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""A change applied under an automatic rollback: arm and change in one job, prove the site still reaches
SDX, confirm; or, without proof, let the router restore itself and say so.

The router-side scripts are in rollback.py. This file sequences the jobs and reads around them:

1. preflight (synchronous reads): the RouterOS version, no other rollback armed, uptime, /export;
2. job A (the arm key): the arming script, then the change. The window counts from when A starts;
3. proof, both needed: a probe job queued after A completes (the router took a job from SDX and reported
   back through the tunnel after the change), and a synchronous read answers with no reboot since A.
   `has_pulse` is no proof: SDX shows it for minutes after a site went quiet;
4. job C (the confirm key) disarms the revert; it must complete before the earliest moment the revert
   can run, so waiting for proof stops two check-ins and some seconds before that;
5. without proof, or when C finds nothing armed: wait for the router to restore itself and come back,
   prove it with the probe and reads (no rollback entry or file left, its /export the one from before),
   queue C to record the outcome, and fail the task saying so.

Every job has a key derived from the rollback key, so a re-run finds the attempt in flight and resumes
it; an attempt that ended (rolled back, or confirmed and drifted since) makes way for a successor.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import rollback
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import normalise_items, synchronous
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.rollback_plan import (
    IN_FLIGHT, PROBE, find_attempt, plan, probe_key, rollback_key, window_seconds)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import duration_seconds
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.backups import get_backup, without_export_date
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    CANCELLED, COMPLETED, FAILED, PENDING, create_job, job_status, list_jobs)
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.polling import poll_until
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError

CHECKIN = 30  # SDX's heartbeat: a site checks in about every 30 s
REBOOT_ALLOWANCE = 300  # how long a router may take to load the backup, boot and dial the tunnel again
UPTIME_SLACK = 5  # seconds of rounding and clock drift allowed when uptime is compared with elapsed time


def read_resource(client, site_id):
    items = normalise_items(synchronous(client, site_id, "/system/resource/print") or [{}])
    item = items[0] if items else {}
    return dict(version=item.get("version"), uptime=duration_seconds(item.get("uptime")))


def armed_elsewhere(client, site_id):
    """Names of rollback entries on the router (another change's rollback, still armed)."""
    entries = normalise_items(synchronous(client, site_id, "/system/scheduler/print") or [])
    return sorted({str(e.get("name")) for e in entries if str(e.get("name", "")).startswith(rollback.PREFIX)})


def leftovers(client, site_id, key):
    """What is still on the router of this rollback: entry and file names (empty once it is over)."""
    found = []
    for path, words in rollback.leftovers_query(key):
        found += [str(item.get("name")) for item in normalise_items(synchronous(client, site_id, path, words) or [])]
    return found


def read_export(client, site_id):
    return (synchronous(client, site_id, "/export") or [{}])[0].get("ret", "")


def _export_body(text):
    return without_export_date(text.replace("\r\n", "\n")).strip()


def same_export(before, after):
    """The same configuration, whatever the export's date line says."""
    return _export_body(before) == _export_body(after)


class Clock:
    """Controller time, replaceable in tests."""

    def __init__(self, monotonic=time.monotonic, wall=time.time, sleep=time.sleep):
        self.monotonic, self.wall, self.sleep = monotonic, wall, sleep


class RollbackRun:
    """One attempt on one site: its names, timing and what was learnt before the change."""

    def __init__(self, client, site_id, key, window, params, clock=None):
        self.client, self.site_id, self.key, self.window, self.params = client, site_id, key, window, params
        self.names = rollback.RollbackNames(key)
        _tick, _ticks, self.earliest, self.latest = rollback.timing(window)
        self.clock = clock or Clock()
        self.start = None  # controller time no later than A started: every deadline counts from it
        self.before = None  # the /export before the change (None when resumed: the arm job's backup serves)
        self.interval = params.get("poll_interval") or 1.0
        self.probe = None

    def elapsed(self):
        return self.clock.monotonic() - self.start

    def job(self, key, description, script, backup=False):
        """Create a job once under its key (a replayed key answers the same job)."""
        return create_job(self.client, self.site_id, dict(description=description[:100], script=script,
                                                          make_backup=backup, express_execute=True,
                                                          needs_acknowledgement=True), key)

    def poll(self, job, done, until):
        """Poll a job until done(status) or controller time `until`; (finished, job)."""
        def fetch():
            return self.client.get("/site/%s/job/%s" % (self.site_id, job["id"]), shape=dict)

        return poll_until(fetch, lambda answer: done(job_status(answer)), max(0.0, until - self.clock.monotonic()),
                          self.interval, cap=2.0, value=job, sleep=self.clock.sleep, clock=self.clock.monotonic)

    def rebooted(self):
        """True when the router booted after the change (its uptime is shorter than the time since)."""
        uptime = read_resource(self.client, self.site_id)["uptime"]
        return uptime is not None and uptime + UPTIME_SLACK < self.elapsed()


def arm_and_change(run, change_script, version):
    """Job A: arm, then the change. Fails the task when arming fails (nothing changed) or the change fails
    partway (not confirmed: the router restores the configuration from before it)."""
    script = rollback.arm_script(run.key, run.window, version) + "\n" + change_script
    if len(script) > 10000:
        raise SdxError("the change and its rollback arming are %d characters together; SDX accepts at most 10000 in "
                       "one job: split the change (nothing was queued)" % len(script))
    run.start = run.clock.monotonic()
    job = run.job(run.names.arm_key, run.params["description"], script, backup=run.params.get("make_backup", False))
    seen = dict(pending=run.start)

    def done(status):
        if status == PENDING:
            seen["pending"] = run.clock.monotonic()  # A had not started yet: the window starts later
        return status not in IN_FLIGHT

    finished, job = run.poll(job, done, run.start + run.params["wait_timeout"])
    run.start = seen["pending"]
    if not finished:
        raise SdxError("job %s (arm rollback and change) on site %s did not finish within %s s (status: %s); if it "
                       "ran, the router restores the configuration unless a re-run confirms it in time"
                       % (job["id"], run.site_id, run.params["wait_timeout"], job_status(job)), job_id=job["id"])
    if job_status(job) in (FAILED, CANCELLED):
        error = job.get("error") or "see the job's log in SDX"
        if "nothing was changed" in error or "already armed" in error or job_status(job) == CANCELLED:
            raise SdxError("the rollback could not be armed on site %s, so the change was not made: %s"
                           % (run.site_id, error), job_id=job["id"])
        raise SdxError("the change failed on site %s partway (%s); it is not confirmed, so the router restores the "
                       "configuration from before it %d to %d s after the change" % (
                           run.site_id, error, run.earliest, run.latest), job_id=job["id"], rollback_key=run.key)
    return job


def answers(run, read):
    """read() through SDX now, or None when the site does not answer (offline, cut off, rebooting)."""
    try:
        return read()
    except SdxError as exc:
        if exc.details.get("api_code") == "site_offline":
            return None
        raise


def prove(run):
    """True when the site reached SDX after the change: the probe job completed and a synchronous read
    answers with no reboot since the change. Stops two check-ins and some seconds before the revert's
    earliest moment (less on short windows), so the confirm job still has time to run."""
    until = run.start + run.earliest - min(2 * CHECKIN + 10, run.earliest / 2.0)
    run.probe = probe = run.probe or run.job(probe_key(run.key), "altostrat.sdx rollback %s: probe" % run.names.id, PROBE)
    finished, probe = run.poll(probe, lambda status: status not in IN_FLIGHT, until)
    if not finished or job_status(probe) != COMPLETED:
        return False
    while True:
        rebooted = answers(run, run.rebooted)
        if rebooted is not None:
            return not rebooted and run.clock.monotonic() < until  # a late proof confirms nothing
        if run.clock.monotonic() >= until:
            return False
        run.clock.sleep(min(run.interval, max(0.0, until - run.clock.monotonic())))


def confirm(run):
    """Job C, due before the revert's earliest moment. 'confirmed', 'rolled back' (the router restored
    itself first) or 'late' (not done in time: the router restores itself)."""
    job = run.job(run.names.confirm_key, "altostrat.sdx rollback %s: confirm" % run.names.id,
                  rollback.confirm_script(run.key))
    finished, job = run.poll(job, lambda status: status not in IN_FLIGHT, run.start + run.earliest)
    if not finished:
        return "late", job
    if job_status(job) == COMPLETED:
        return "confirmed", job
    if "was not armed" in str(job.get("error") or ""):
        return "rolled back", job
    raise SdxError("the confirm job %s failed on site %s: %s; the router restores the configuration from before "
                   "the change" % (job["id"], run.site_id, job.get("error")), job_id=job["id"])


def confirmed_clean(run):
    """After C: nothing of the rollback left, and no reboot since the change."""
    left = leftovers(run.client, run.site_id, run.key)
    if left:
        raise SdxError("the rollback on site %s was confirmed, but %s is still on the router" % (run.site_id, ", ".join(left)))
    if run.rebooted():
        raise SdxError("the rollback on site %s was confirmed, but the router rebooted after the change: check that "
                       "the change is still there" % run.site_id)


def back_online(run):
    """Wait until the router restored itself and checks in again: the probe completes (it waited in the
    queue while the site was cut off) and reads show no rollback entry or file left."""
    until = run.start + run.latest + REBOOT_ALLOWANCE + 2 * CHECKIN
    probe = run.probe or run.job(probe_key(run.key), "altostrat.sdx rollback %s: probe" % run.names.id, PROBE)
    finished, probe = run.poll(probe, lambda status: status not in IN_FLIGHT, until)
    done, left = poll_until(lambda: answers(run, lambda: leftovers(run.client, run.site_id, run.key)),
                            lambda left: left == [], max(0.0, until - run.clock.monotonic()), run.interval, cap=5.0,
                            sleep=run.clock.sleep, clock=run.clock.monotonic)
    if not (finished and done):
        raise SdxError("the change cut site %s off SDX, and it has not come back within %d s of the change (%s): the "
                       "router should have restored the configuration from before it after %d to %d s; look at the "
                       "router" % (run.site_id, int(run.elapsed()), "still left: %s" % ", ".join(left) if left
                                   else "probe job %s: %s" % (probe.get("id"), job_status(probe)),
                                   run.earliest, run.latest), rollback_key=run.key, rollback_state="unknown")


def rolled_back_at(run):
    """The router's own time of the restore (the cleanup entry logs it after the reboot), or its uptime."""
    entries = normalise_items(synchronous(run.client, run.site_id, "/log/print") or [])
    for entry in entries:
        if run.names.revert in str(entry.get("message")) and "restored" in str(entry.get("message")):
            return "%s (router clock)" % entry.get("time")
    uptime = read_resource(run.client, run.site_id)["uptime"] or 0
    return datetime.fromtimestamp(run.clock.wall() - uptime, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC (boot time)")


def before_export(run, arm):
    """The /export from before the change: read before it, or (resumed) the arm job's SDX backup."""
    if run.before is not None:
        return run.before
    if arm.get("associated_backup"):
        return str(get_backup(run.client, run.site_id, arm["associated_backup"]).get("content") or "") or None
    return None


def report_rollback(run, arm, why):
    """The failure path: the router restored itself; prove it, record it (job C), fail the task saying so."""
    back_online(run)
    when = rolled_back_at(run)
    rebooted = run.rebooted()
    before, after = before_export(run, arm), read_export(run.client, run.site_id)
    matches = None if before is None else same_export(before, after)
    finished, confirm_job = run.poll(run.job(run.names.confirm_key, "altostrat.sdx rollback %s: confirm" % run.names.id,
                                             rollback.confirm_script(run.key)),
                                     lambda status: status not in IN_FLIGHT, run.clock.monotonic() + run.params["wait_timeout"])
    if finished and job_status(confirm_job) == COMPLETED:  # armed after all: it is confirmed now, not rolled back
        raise SdxError("site %s answered only after the proof deadline, and its rollback was still armed; the confirm "
                       "job kept the change: check it" % run.site_id, rollback_key=run.key, rollback_state="confirmed late")
    verified = ("its configuration is the one from before the change (verified by a read of /export)" if matches
                else "its /export differs from the one before the change: look at the router" if matches is False
                else "it rebooted into the saved configuration (no export from before the change to compare)")
    details = dict(rollback=dict(key=run.key, state="rolled back", rolled_back_at=when, rebooted=rebooted,
                                 export_matches=matches, arm_job_id=arm.get("id"), confirm_job_id=confirm_job.get("id")),
                   job_id=arm.get("id"), changed=True)
    raise SdxError("the change cut site %s off SDX (%s): the router rolled back at %s, and %s"
                   % (run.site_id, why, when, verified), **details)


def resume(run, arm):
    """A re-run finds A (and maybe C) already queued: count the window from when A started."""
    started = parse_time(arm.get("started_at"))
    run.start = run.clock.monotonic() - (run.clock.wall() - started if started else run.latest + REBOOT_ALLOWANCE)
    if job_status(arm) in IN_FLIGHT:
        finished, arm = run.poll(arm, lambda status: status not in IN_FLIGHT, run.clock.monotonic() + run.params["wait_timeout"])
        if not finished:
            raise SdxError("job %s (arm rollback and change) on site %s is still %s" % (arm["id"], run.site_id, job_status(arm)))
    return arm


def parse_time(text):
    """An SDX timestamp (ISO 8601, `Z` or an offset) as a Unix time, or None."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(re.sub(r"Z$", "+00:00", str(text).replace(" ", "T"))).timestamp()
    except ValueError:
        return None


def apply_with_rollback(client, site_id, params, change_key, window, repair=False, clock=None):
    """Apply `params["script"]` under an automatic rollback; the result part for the module, or SdxError."""
    key, arm, confirm_job = find_attempt(list_jobs(client, site_id), rollback_key(site_id, change_key), repair)
    run = RollbackRun(client, site_id, key, window, params, clock)
    summary = dict(key=key, window=window, earliest=run.earliest, latest=run.latest,
                   arm_job_key=run.names.arm_key, confirm_job_key=run.names.confirm_key)
    if confirm_job is not None and job_status(confirm_job) == COMPLETED:
        return dict(changed=False, job_id=arm.get("id"), rollback=dict(summary, state="confirmed earlier"),
                    msg="the change was applied and confirmed earlier (job %s): nothing queued" % arm.get("id"))
    if arm is None:
        resource = read_resource(client, site_id)
        rollback.check_version(resource["version"])
        others = armed_elsewhere(client, site_id)
        if others:
            raise SdxError("another rollback is armed on site %s (%s): let it be confirmed or revert first (nothing was "
                           "queued)" % (site_id, ", ".join(others)))
        run.before = read_export(client, site_id)
        arm = arm_and_change(run, params["script"], resource["version"])
    else:
        arm = resume(run, arm)
    outcome = "no proof"
    if confirm_job is not None or prove(run):
        outcome, confirm_job = confirm(run)
    if outcome != "confirmed":
        why = {"no proof": "no check-in and synchronous answer after it",
               "late": "the confirm job did not run in time",
               "rolled back": "the router restored itself before the confirm job ran"}[outcome]
        report_rollback(run, arm, why)
    confirmed_clean(run)
    return dict(changed=True, job=arm, job_id=arm.get("id"), status=job_status(arm), backup=arm.get("associated_backup"),
                idempotency_key=run.names.arm_key, elapsed=round(run.elapsed(), 3),
                rollback=dict(summary, state="confirmed", confirm_job_id=confirm_job.get("id")))


def with_rollback(client, site_id, params, change_key, check_mode, repair=False, warn=None, clock=None):
    """The one entry point for the modules: the plan in check mode (reads only), else the change applied
    under the rollback. `params` has the job's description, script, make_backup, rollback, wait options."""
    window = window_seconds((params.get("rollback") or {}).get("after"))
    if params.get("wait") is False:
        raise SdxError("rollback needs wait: true (the task waits for the proof and confirms the change); nothing was queued")
    if not check_mode:
        return apply_with_rollback(client, site_id, params, change_key, window, repair, clock)
    version = None
    try:
        version = read_resource(client, site_id)["version"]
        rollback.check_version(version)
    except ValueError as exc:
        raise SdxError("rollback on site %s: %s" % (site_id, exc))
    except SdxError as exc:
        if exc.details.get("api_code") != "site_offline":
            raise
        if warn:
            warn("site %s is offline: the arming script is not shown (it depends on the RouterOS version), and an "
                 "apply needs the site online" % site_id)
    planned = plan(site_id, change_key, window, version, repair, list_jobs(client, site_id))
    done = planned["attempt"] == "confirmed"
    return dict(changed=not done, rollback=planned, msg="check mode: %s" % (
        "the change was applied and confirmed earlier: nothing would be queued" if done else
        "the change would be queued with its rollback armed first (see rollback.steps)"))
