# SPDX-License-Identifier: GPL-3.0-or-later
"""Automatic rollback through ansible-playbook, on onboarded sites whose management tunnel follows their
configuration: a change that cuts the tunnel is reverted by the router itself, a harmless one is confirmed,
a killed controller changes nothing about that, and check mode writes nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import textwrap
import time

import pytest

from tests.integration.playbook import BIN, ansible_env, mutating_requests, run_playbook
from tests.simulator.harness import Simulator
from tests.unit.plugins.module_utils.test_rollback_job import export_body, sync, traces

WINDOW = "12s"
CUT = '/ip firewall filter add chain=output action=drop protocol=tcp dst-port=8443 comment="cut the tunnel"'
HARMLESS = "/ip dns set servers=9.9.9.9,1.0.0.1"
MESSAGE = (r"the change cut site \S+ off SDX .*: the router rolled back at .+, and its configuration is the one from "
           r"before the change \(verified by a read of /export\)")
USED = set()


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=10, offline=0, checkin_interval=0.2, realistic=["pulse_lag"]) as simulator:
        simulator.configure(reboot_seconds=2)
        yield simulator


@pytest.fixture
def site(sim):  # pylint: disable=redefined-outer-name
    """An onboarded site no other test used."""
    for site_id in sim.site_ids():
        if site_id not in USED:
            USED.add(site_id)
            sim.reset(site_id)
            if sim.adopt(site_id)["ok"] and sim.tunnel(site_id)["online"]:
                sim.clear_requests()
                return site_id
    raise AssertionError("no unused onboarded site left")


def play(site_id, script, module="altostrat_job", **extra):
    args = dict(site_id=site_id, rollback=dict(after=WINDOW), wait_timeout=60, poll_interval=0.2)
    if module == "altostrat_job":
        args.update(description="change under rollback", script=script)
    args.update(extra)
    return textwrap.dedent("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: change
              altostrat.sdx.%s: %s
        """) % (module, json.dumps(args))


def descendants(pid):
    """The processes under `pid` (ansible-core's workers start sessions of their own, so a process group misses them)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="utf-8") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found += children
        todo += children
    return found


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_a_change_that_cuts_the_tunnel_is_rolled_back_by_the_router_each_time(sim, site):  # pylint: disable=redefined-outer-name
    before = export_body(sim, site)
    for attempt in (1, 2):
        started = time.monotonic()
        ran = run_playbook(play(site, CUT), sim)
        took = time.monotonic() - started
        result = ran.task("change")
        assert ran.rc != 0 and result["status"] == "failed", ran.output
        assert re.search(MESSAGE, result["result"]["msg"]), result["result"]["msg"]
        print("cut, attempt %d: %.1f s" % (attempt, took))
        assert sim.tunnel(site)["online"] and sim.tunnel(site)["reboots"] == attempt
        assert export_body(sim, site) == before and traces(sim, site) == []
    arms = [job for job in sim.jobs(site) if job["description"] == "change under rollback"]
    assert len(arms) == 2 and len({job["idempotency_key"] for job in arms}) == 2  # a successor key the second time


def test_a_harmless_change_is_confirmed_and_a_rerun_is_ok_with_no_writes(sim, site):  # pylint: disable=redefined-outer-name
    started = time.monotonic()
    first = run_playbook(play(site, HARMLESS), sim)
    took = time.monotonic() - started
    assert first.rc == 0, first.output
    result = first.task("change")["result"]
    assert result["changed"] is True and result["rollback"]["state"] == "confirmed"
    print("harmless change, confirmed: %.1f s" % took)
    assert traces(sim, site) == [] and sync(sim, site, "/ip/dns/print")[0]["servers"] == "9.9.9.9,1.0.0.1"
    sim.clear_requests()
    second = run_playbook(play(site, HARMLESS), sim)
    assert second.rc == 0 and second.task("change")["result"]["changed"] is False, second.output
    assert mutating_requests(sim.requests()) == []
    time.sleep(3)  # past the window: it stays, no reboot
    assert sim.tunnel(site)["reboots"] == 0 and sync(sim, site, "/ip/dns/print")[0]["servers"] == "9.9.9.9,1.0.0.1"


def test_config_with_rollback_is_confirmed_then_ok(sim, site):  # pylint: disable=redefined-outer-name
    options = dict(path="/ip/dns/static", entries=[{"name": "rb.example", "address": "192.0.2.8"}], keys=["name"])
    first = run_playbook(play(site, None, module="altostrat_config", **options), sim)
    assert first.rc == 0 and first.task("change")["result"]["rollback"]["state"] == "confirmed", first.output
    assert traces(sim, site) == []
    sim.clear_requests()
    second = run_playbook(play(site, None, module="altostrat_config", **options), sim)
    assert second.rc == 0 and second.task("change")["result"]["changed"] is False, second.output
    assert mutating_requests(sim.requests()) == []


def test_check_mode_shows_the_plan_and_writes_nothing(sim, site):  # pylint: disable=redefined-outer-name
    for _attempt in (1, 2):
        ran = run_playbook(play(site, CUT), sim, check=True)
        assert ran.rc == 0, ran.output
        result = ran.task("change")["result"]
        assert result["changed"] is True and "/system backup save" in result["rollback"]["arm_script"]
        assert "/system scheduler remove" in result["rollback"]["confirm_script"]
        assert mutating_requests(sim.requests()) == [] and traces(sim, site) == []


def test_the_router_reverts_when_the_controller_is_killed_during_the_window(sim, site):  # pylint: disable=redefined-outer-name
    before = export_body(sim, site)
    with tempfile.TemporaryDirectory(prefix="sdx-it-") as tmp:
        path = os.path.join(tmp, "play.yml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(play(site, HARMLESS))
        proc = subprocess.Popen([os.path.join(BIN, "ansible-playbook"), path, "-i", "localhost,", "-c", "local"],
                                env=ansible_env(sim), cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        sim.configure(job_duration=1.0)  # the router takes the job, and the controller dies while it runs
        try:
            deadline = time.monotonic() + 60
            while not [j for j in sim.jobs(site) if j["description"] == "change under rollback" and j.get("started_at")]:
                assert time.monotonic() < deadline and proc.poll() is None, "the change never ran"
                time.sleep(0.05)
        finally:
            for pid in descendants(proc.pid) + [proc.pid]:  # the forked worker runs the task: it dies too
                kill(pid)
            proc.wait()
            sim.configure(job_duration=0.0)
        time.sleep(1.5)
    assert "9.9.9.9" in sync(sim, site, "/ip/dns/print")[0]["servers"]
    assert not [j for j in sim.jobs(site) if "confirm" in j["description"]]  # killed before it could confirm
    deadline = time.monotonic() + 40
    while not (sim.tunnel(site)["reboots"] == 1 and sim.tunnel(site)["online"] and traces(sim, site) == []):
        assert time.monotonic() < deadline, (sim.tunnel(site), traces(sim, site), sim.jobs(site),
                                             sync(sim, site, "/log/print"))
        time.sleep(0.5)
    assert export_body(sim, site) == before
    # a re-run finds the attempt and reports what the router did
    rerun = run_playbook(play(site, HARMLESS), sim)
    result = rerun.task("change")
    assert result["status"] == "failed" and "the router rolled back at" in result["result"]["msg"], rerun.output
    assert export_body(sim, site) == before and traces(sim, site) == []
