# SPDX-License-Identifier: GPL-3.0-or-later
"""An offline site, however SDX shows it (503 site_offline, a bare 504 or 500, a call that hangs until the
client's timeout, has_pulse still true): altostrat_job queues the job (it runs when the site is back),
altostrat_config fails that site clearly, each within its timeout; if_offline changes that."""

from __future__ import annotations

import json
import time

import pytest

from tests.integration.playbook import mutating_requests, run_playbook

TIMEOUT = 4


def play(module, **options):
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: task
      altostrat.sdx.%s: %s
      ignore_errors: true
""" % (module, json.dumps(dict(options, timeout=TIMEOUT)))


@pytest.fixture(params=["documented", "bare 504", "500", "hang"])
def offline_site(request, fresh_log):
    """A site whose router is cut off, shown the way one plausible API shows it."""
    site = fresh_log.site_ids(online=True)[-1]
    fresh_log.reset(site, "default")
    if request.param == "documented":
        fresh_log.set_online(site, False)
    else:
        how = {"bare 504": "504", "500": "500", "hang": "hang"}[request.param]
        # the site stops answering, but SDX keeps calling it online for minutes (has_pulse lags)
        fresh_log.realism(enable=["offline_sync", "pulse_lag"], offline_sync=how, offline_hang=TIMEOUT * 3, pulse_misses=1000)
        fresh_log.set_online(site, False)
    fresh_log.clear_requests()
    yield site
    fresh_log.set_online(site, True)
    if request.param != "documented":
        fresh_log.realism(disable=["offline_sync", "pulse_lag"])


def timed(sim, module, **options):
    started = time.monotonic()
    run = run_playbook(play(module, **options), sim)
    assert run.rc == 0, run.output[-3000:]
    return run.task("task"), time.monotonic() - started


def test_a_job_for_an_offline_site_is_queued_unplanned_within_the_timeout(fresh_log, offline_site, request):
    description = ("Offline " + request.node.callspec.id)[:100]   # a job of its own for each way of being offline
    task, took = timed(fresh_log, "altostrat_job", site_id=offline_site, description=description,
                       script="/ip dns set servers=9.9.9.9", wait=False)
    assert task["status"] == "changed", task
    assert any("offline" in w for w in task["result"].get("warnings", [])), task["result"]
    assert "plan" not in task["result"]
    assert len([r for r in mutating_requests(fresh_log.requests()) if r["path"].endswith("/job")]) == 1
    assert took < TIMEOUT * 2 + 20


def test_config_for_an_offline_site_fails_clearly_within_the_timeout_and_queues_nothing(fresh_log, offline_site):
    task, took = timed(fresh_log, "altostrat_config", site_id=offline_site, path="/ip/dns", entries={"servers": "9.9.9.9"})
    assert task["status"] == "failed"
    assert "is offline" in task["result"]["msg"] and "queue a job" in task["result"]["msg"], task["result"]["msg"]
    assert mutating_requests(fresh_log.requests()) == []
    assert took < TIMEOUT * 2 + 20


@pytest.mark.parametrize("module, options, status", [
    ("altostrat_job", dict(description="Offline skip", script="/ip dns set servers=9.9.9.9", if_offline="skip"), "skipped"),
    ("altostrat_job", dict(description="Offline fail", script="/ip dns set servers=9.9.9.9", if_offline="fail"), "failed"),
    ("altostrat_config", dict(path="/ip/dns", entries={"servers": "9.9.9.9"}, if_offline="skip"), "skipped"),
])
def test_if_offline_skips_or_fails_and_writes_nothing(fresh_log, module, options, status):
    site = fresh_log.site_ids(online=True)[-1]
    fresh_log.set_online(site, False)
    fresh_log.clear_requests()
    try:
        task, _took = timed(fresh_log, module, site_id=site, **options)
    finally:
        fresh_log.set_online(site, True)
    assert task["status"] == status, task
    assert mutating_requests(fresh_log.requests()) == []
