# SPDX-License-Identifier: GPL-3.0-or-later
"""The device side: sites check in, download their oldest pending job, back up, run it, report.

Each online site checks in every `checkin_interval` seconds, at its own phase within the interval
(so a fleet does not check in all at once). A job becomes due at the site's first check-in after
it was created (or after the site's previous job); express jobs are due at once.
"""

import json
import logging
import queue
import threading
import traceback
import urllib.request

from tests.simulator.common import iso_offset, now

LOG = logging.getLogger("sdx-simulator")


def job_status(row):
    if row["failed_at"] is not None:
        return "failed"
    if row["completed_at"] is not None:
        return "completed"
    if row["started_at"] is not None:
        return "running"
    return "pending"


class Notifier:
    """Posts job transitions to `notify_url` from one background thread; failures are logged and ignored."""

    def __init__(self, store, enabled=True, timeout=2.0):
        self.store = store
        self.enabled = enabled
        self.timeout = timeout
        self.queue = queue.Queue()
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
            "idempotency_key": row["idempotency_key"],
            "express_execute": bool(row["express_execute"]),
            "needs_acknowledgement": bool(row["needs_acknowledgement"]),
            "make_backup": bool(row["should_backup"]),
            "seq_id": row["seq"],
            "started_at": iso_offset(row["started_at"]),
            "completed_at": iso_offset(row["completed_at"]),
            "failed_at": iso_offset(row["failed_at"]),
            "deleted_at": iso_offset(now()) if status == "deleted" else None,
            "status": status or job_status(row),
        }
        self.queue.put((row["notify_url"], payload))

    def _tenant_id(self, site_id):
        site = self.store.get_site(site_id)
        return self.store.tenant_id(site["tenant"]) if site else None

    def _run(self):
        while True:
            item = self.queue.get()
            if item is None:
                return
            url, payload = item
            if not self.enabled:
                LOG.info("notify %s (not sent: notifications disabled) status=%s", url, payload["status"])
                continue
            request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                             headers={"Content-Type": "application/json", "User-Agent": "sdx-simulator"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec - test callback URL
                    LOG.info("notify %s status=%s -> %s", url, payload["status"], response.status)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                LOG.warning("notify %s status=%s failed: %s", url, payload["status"], exc)

    def stop(self):
        self.queue.put(None)


class Worker:
    def __init__(self, store, devices, notifier, config):
        self.store = store
        self.devices = devices
        self.notifier = notifier
        self.config = config
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.last_checkin = {}
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
        stamp = now()
        for row in self.store.finishing_jobs(stamp):
            self._finish(row)
        for row in self.store.pending_jobs():
            if self.stopping.is_set():
                return
            if not row["express_due"]:
                after = max(row["created_at"], self.last_checkin.get(row["site_id"], 0.0))
                if self.next_checkin(row["site_id"], after) > stamp:
                    continue
            self.last_checkin[row["site_id"]] = now()
            self.run_job(row)

    def run_job(self, row):
        """Download, back up, run; then report (or leave running for `job_duration` seconds)."""
        job_id = row["id"]
        site_id = row["site_id"]
        started = now()
        row = self.store.update_job(job_id, started_at=started)
        self.notifier.job_event(row)
        fields = {}
        try:
            with self.devices.router(site_id) as router:
                if row["should_backup"]:
                    filename = self.store.add_backup(site_id, router.export())
                    fields["associated_backup"] = f"{site_id}/{filename}"
                if row["kind"] == "backup":
                    ok, output, error = True, "", None
                else:
                    result = router.run_script(row["script"])
                    ok, output, error = bool(result.ok), result.output or "", result.error
        except Exception as exc:  # pylint: disable=broad-exception-caught
            LOG.error("job %s on %s crashed the engine:\n%s", job_id, site_id, traceback.format_exc())
            ok, output, error = False, "", f"simulator engine error: {exc}"
        fields.update(output=output, error=error, finish_ok=int(ok))
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

    def _finish(self, row):
        stamp = now()
        if row["finish_ok"]:
            row = self.store.update_job(row["id"], completed_at=stamp, finish_at=None)
        else:
            row = self.store.update_job(row["id"], failed_at=stamp, finish_at=None)
        self.notifier.job_event(row)
