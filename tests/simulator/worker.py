# SPDX-License-Identifier: GPL-3.0-or-later
"""The device side: sites check in, download their oldest pending job, back up, run it, report.

Each online site checks in every `checkin_interval` seconds, at its own phase within the interval
(so a fleet does not check in all at once). A job becomes due at the site's first check-in after
it was created (or after the site's previous job); express jobs are due at once.
"""

import heapq
import itertools
import json
import logging
import queue
import threading
import time
import traceback
import urllib.request

from tests.simulator.common import iso_offset, now
from tests.simulator.platform_jobs import queue_round
from tests.simulator.realism import Realism, wrapper_probe
from tests.simulator.store import shown_key

LOG = logging.getLogger("sdx-simulator")


def job_status(row):
    if row["deleted_at"] is not None:
        return "deleted"
    if row["failed_at"] is not None:
        return "failed"
    if row["completed_at"] is not None:
        return "completed"
    if row["started_at"] is not None:
        return "running"
    return "pending"


class Notifier:
    """Posts job transitions to `notify_url` from one background thread; failures are logged and ignored.

    With the realistic `notify_retries` part, a failed delivery is retried (backing off) and a
    delivered one is sometimes delivered again, as receivers of a retrying sender see it.
    """

    def __init__(self, store, enabled=True, timeout=2.0, realism=None):
        self.store = store
        self.enabled = enabled
        self.timeout = timeout
        self.realism = realism or Realism()
        self.queue = queue.Queue()
        self.later = []  # heap of (due, order, url, payload, attempt)
        self.order = itertools.count()
        self.thread = threading.Thread(target=self._run, name="sim-notifier", daemon=True)
        self.thread.start()

    def job_event(self, row, status=None, tenant_id=None):
        if not row["notify_url"]:
            return
        payload = {
            "job_id": row["id"],
            "customer_id": tenant_id or self._tenant_id(row["site_id"]),
            "description": row["description"],
            "router_id": row["site_id"],
            "idempotency_key": shown_key(row["idempotency_key"]),
            "express_execute": bool(row["express_execute"]),
            "needs_acknowledgement": bool(row["needs_acknowledgement"]),
            "make_backup": bool(row["should_backup"]),
            "seq_id": row["seq"],
            "started_at": iso_offset(row["started_at"]),
            "completed_at": iso_offset(row["completed_at"]),
            "failed_at": iso_offset(row["failed_at"]),
            "deleted_at": iso_offset(row["deleted_at"] or now()) if status == "deleted" else None,
            "status": status or job_status(row),
        }
        self.queue.put((row["notify_url"], payload))

    def _tenant_id(self, site_id):
        site = self.store.get_site(site_id)
        return self.store.tenant_id(site["tenant"]) if site else None

    def _run(self):
        while True:
            wait = max(0.0, self.later[0][0] - time.monotonic()) if self.later else None
            try:
                item = self.queue.get(timeout=wait)
            except queue.Empty:
                item = ()
            if item is None:
                return
            if item:
                heapq.heappush(self.later, (time.monotonic(), next(self.order), item[0], item[1], 0))
            while self.later and self.later[0][0] <= time.monotonic():
                _due, _order, url, payload, attempt = heapq.heappop(self.later)
                self._deliver(url, payload, attempt)

    def _deliver(self, url, payload, attempt):
        if not self.enabled:
            LOG.info("notify %s (not sent: notifications disabled) status=%s", url, payload["status"])
            return
        request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "User-Agent": "sdx-simulator"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec - test callback URL
                LOG.info("notify %s status=%s -> %s", url, payload["status"], response.status)
            delivered = True
        except Exception as exc:  # pylint: disable=broad-exception-caught
            LOG.warning("notify %s status=%s failed: %s", url, payload["status"], exc)
            delivered = False
        if not self.realism.on("notify_retries"):
            return
        backoff = float(self.realism["notify_backoff"])
        if not delivered and attempt < self.realism["notify_retries"]:
            self._again(backoff * 2 ** attempt, url, payload, attempt + 1)
        elif delivered and attempt == 0 and self.realism.chance(self.realism["notify_duplicates"]):
            # The sender did not see the receiver's answer in time and sends the same event again.
            self._again(backoff / 4, url, payload, attempt + 1)

    def _again(self, delay, url, payload, attempt):
        heapq.heappush(self.later, (time.monotonic() + delay, next(self.order), url, payload, attempt))

    def stop(self):
        self.queue.put(None)


class Worker:
    def __init__(self, store, devices, notifier, config, realism=None):
        self.store = store
        self.devices = devices
        self.notifier = notifier
        self.config = config
        self.realism = realism or Realism()
        self.next_round = 0.0
        self.rounds = 0
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.last_checkin = {}
        self.lock = threading.RLock()  # one tick at a time; a site's clock being advanced holds it too
        self.clock = None  # the site clocks (siteclock.py): what routers do on their own, on wall time
        self.thread = threading.Thread(target=self._run, name="sim-worker", daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout=5)

    def poke(self):
        """Express jobs: check in now instead of at the next tick."""
        self.wake.set()

    def phase(self, site_id):
        interval = self.interval()
        return (int(site_id.replace("-", "")[:8], 16) % 1000) / 1000.0 * interval

    def interval(self):
        return max(0.01, float(self.config["checkin_interval"]))

    def next_checkin(self, site_id, after):
        """The first check-in of the site strictly after `after`."""
        interval = self.interval()
        phase = self.phase(site_id)
        laps = int((after - phase) // interval) + 1
        return phase + laps * interval

    def last_seen(self, site_id, at):
        """When an online site last checked in (for `last_seen_at`)."""
        return self.next_checkin(site_id, at) - self.interval()

    def _run(self):
        while not self.stopping.is_set():
            self.wake.wait(0.02)
            self.wake.clear()
            try:
                self.tick()
            except Exception:  # pylint: disable=broad-exception-caught
                LOG.error("worker tick failed:\n%s", traceback.format_exc())

    def tick(self):
        with self.lock:
            if self.clock is not None:
                self.clock.tick()
            self._tick()

    def _tick(self):
        stamp = now()
        for row in self.store.finishing_jobs(stamp):
            self._finish(row)
        self._platform_round(stamp)
        for row in self.store.pending_jobs():
            if self.stopping.is_set():
                return
            if not row["express_due"]:
                after = max(row["created_at"], self.last_checkin.get(row["site_id"], 0.0))
                if self.next_checkin(row["site_id"], after) > stamp:
                    continue
            self.last_checkin[row["site_id"]] = now()
            self.run_job(row)

    def _platform_round(self, stamp):
        """With `platform_jobs` and `platform_every`, the platform queues its own job on every online site."""
        every = float(self.realism["platform_every"]) if self.realism.on("platform_jobs") else 0.0
        if every <= 0:
            return
        if self.next_round == 0.0:
            self.next_round = stamp + every
        elif stamp >= self.next_round:
            self.next_round = stamp + every
            queue_round(self.store, stamp, self.rounds)
            self.rounds += 1

    def _broken_wrapper(self, row):
        """`job_wrapper`: the script does not parse inside SDX's wrapper, so the job never reports."""
        if not self.realism.on("job_wrapper") or row["kind"] != "script" or not row["needs_acknowledgement"]:
            return False
        with self.devices.router(row["site_id"], save=False) as router:
            return not router.run_script(wrapper_probe(row["script"])).ok

    def run_job(self, row):
        """Download, back up, run; then report (or leave running for `job_duration` seconds)."""
        job_id = row["id"]
        broken = self._broken_wrapper(row)
        if broken and self.realism["wrapper_stuck"] == "pending":
            self.store.update_job(job_id, stuck=1)
            return
        started = now()
        row = self.store.update_job(job_id, started_at=started, stuck=1 if broken else None)
        if self.realism.on("notify_retries"):
            self.notifier.job_event(row, "loaded")
        self.notifier.job_event(row)
        if broken:
            return  # `busy` was reported; neither `done` nor `fail` ever will be
        fields = self._execute(row)
        duration = float(self.config.get("job_duration") or 0.0)
        if not row["needs_acknowledgement"]:
            # Complete as soon as it is downloaded: no success/failure report is awaited.
            fields["completed_at"] = started
            row = self.store.update_job(job_id, **fields)
            self.notifier.job_event(row)
        elif duration > 0:
            fields["finish_at"] = started + duration
            self.store.update_job(job_id, **fields)
        else:
            self._finish(self.store.update_job(job_id, **fields))

    def _execute(self, row):
        """Back up if asked, run the script (platform and backup jobs run none): the job's result fields."""
        job_id, site_id = row["id"], row["site_id"]
        fields = {}
        try:
            with self.devices.router(site_id) as router:
                if row["should_backup"]:
                    filename = self.store.add_backup(site_id, router.export())
                    fields["associated_backup"] = f"{site_id}/{filename}"
                if row["kind"] != "script":
                    ok, output, error = True, "", None
                else:
                    result = router.run_script(row["script"])
                    ok, output, error = bool(result.ok), result.output or "", result.error
        except Exception as exc:  # pylint: disable=broad-exception-caught
            LOG.error("job %s on %s crashed the engine:\n%s", job_id, site_id, traceback.format_exc())
            ok, output, error = False, "", f"simulator engine error: {exc}"
        fields.update(output=output, error=error, finish_ok=int(ok))
        return fields

    def _finish(self, row):
        stamp = now()
        if row["finish_ok"]:
            row = self.store.update_job(row["id"], completed_at=stamp, finish_at=None)
        else:
            row = self.store.update_job(row["id"], failed_at=stamp, finish_at=None)
        self.notifier.job_event(row)
