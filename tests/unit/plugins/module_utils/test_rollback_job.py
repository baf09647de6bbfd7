# SPDX-License-Identifier: GPL-3.0-or-later
"""A change under an automatic rollback, in-process against the simulator: altostrat_job's and
altostrat_config's run functions over the shared service (routeros/rollback_job.py), on onboarded sites
whose management tunnel follows their configuration."""

from __future__ import annotations

import re
import time

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import rollback
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.rollback_plan import (
    find_attempt, rollback_key, window_seconds)
from ansible_collections.altostrat.sdx.plugins.module_utils.run.config import CONFIG
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job import JOB
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import
from tests.unit.plugins.module_utils.test_run_functions import changes, run

WINDOW = "12s"
CUT = '/ip firewall filter add chain=output action=drop protocol=tcp dst-port=8443 comment="cut the tunnel"'


@pytest.fixture(scope="module")
def sim_options():
    return {"sites": 10, "offline": 0, "checkin_interval": 0.2, "realistic": ["pulse_lag"]}


USED = set()


@pytest.fixture
def site(sim):  # pylint: disable=redefined-outer-name
    """An onboarded site of its own, fresh, with a fast reboot."""
    sim.configure(reboot_seconds=2)
    for site_id in sim.site_ids():
        if site_id not in USED:
            USED.add(site_id)
            sim.reset(site_id)
            if sim.adopt(site_id)["ok"] and sim.tunnel(site_id)["online"]:  # a router without a route cannot be onboarded
                sim.clear_requests()
                return site_id
    raise AssertionError("no unused site left")


def sync(sim, site_id, command, words=()):  # pylint: disable=redefined-outer-name
    return sim.api("POST", "/api/synchronous/%s" % site_id, json={"command": command, "parameters": list(words)}).json()["data"]


def export_body(sim, site_id):  # pylint: disable=redefined-outer-name
    return re.sub(r"\A# [^\n]* by RouterOS [^\n]*\n", "", sync(sim, site_id, "/export")[0]["ret"])


def traces(sim, site_id):  # pylint: disable=redefined-outer-name
    """Anything a rollback could leave on the router: scheduler entries or files with its prefix."""
    names = [e["name"] for e in sync(sim, site_id, "/system/scheduler/print")]
    names += [f["name"] for f in sync(sim, site_id, "/file/print")]
    return [name for name in names if rollback.PREFIX in name]


def job_args(site_id, script, **extra):
    return dict(dict(site_id=site_id, description="rollback test change", script=script, rollback=dict(after=WINDOW),
                     wait_timeout=60), **extra)


def test_window_parses_durations_and_refuses_what_the_router_cannot_count():
    assert [window_seconds(v) for v in ("5m", "90s", "300", 45, None, "1h30m")] == [300, 90, 300, 45, 300, 5400]
    for bad in ("5", "soon", "8d", "-1"):
        with pytest.raises(SdxError):
            window_seconds(bad)


def test_find_attempt_resumes_in_flight_and_moves_on_after_an_end():
    key = rollback_key("9c69345c-8d39-4786-9f17-8153c988c89a", "change")
    names = rollback.RollbackNames(key)
    arm = dict(id="a1", idempotency_key=names.arm_key, started_at="x", completed_at="y")
    assert find_attempt([arm], key) == (key, arm, None)  # armed, not confirmed: resume
    rolled = dict(id="c1", idempotency_key=names.confirm_key, failed_at="z", error="not armed")
    successor, new_arm, _resumed = find_attempt([arm, rolled], key)
    assert successor != key and new_arm is None  # rolled back: the next attempt has a key of its own
    done = dict(id="c1", idempotency_key=names.confirm_key, completed_at="z")
    assert find_attempt([arm, done], key) == (key, arm, done)
    assert find_attempt([arm, done], key, repair=True)[0] != key  # drifted since: due once more


def test_check_mode_shows_both_scripts_and_writes_nothing(sim, site):  # pylint: disable=redefined-outer-name
    result = run(sim, JOB, check_mode=True, **job_args(site, CUT))
    plan = result["rollback"]
    assert result["changed"] is True and plan["window"] == 12 and plan["earliest"] == 11 and plan["latest"] == 13
    assert "/system backup save" in plan["arm_script"]
    assert rollback.RollbackNames(plan["key"]).revert in plan["arm_script"]
    assert "/system scheduler remove" in plan["confirm_script"] and len(plan["steps"]) == 5
    assert changes(sim) == [] and traces(sim, site) == []


def test_a_harmless_change_is_confirmed_leaves_nothing_and_reruns_ok(sim, site):  # pylint: disable=redefined-outer-name
    started = time.monotonic()
    result = run(sim, JOB, **job_args(site, "/ip dns set servers=9.9.9.9"))
    took = time.monotonic() - started
    assert result["changed"] is True and result["rollback"]["state"] == "confirmed", result
    assert took < 10, took  # confirmed on proof, long before the window ends
    assert traces(sim, site) == [] and sync(sim, site, "/ip/dns/print")[0]["servers"] == "9.9.9.9"
    keys = {job["idempotency_key"] for job in sim.jobs(site)}
    assert {result["rollback"]["arm_job_key"], result["rollback"]["confirm_job_key"]} <= keys
    sim.clear_requests()
    again = run(sim, JOB, **job_args(site, "/ip dns set servers=9.9.9.9"))
    assert again["changed"] is False and changes(sim) == []
    unplanned = run(sim, JOB, converge=False, **job_args(site, "/ip dns set servers=9.9.9.9"))
    assert unplanned["changed"] is False and unplanned["rollback"]["state"] == "confirmed earlier"
    assert changes(sim) == []
    time.sleep(3)
    assert sim.tunnel(site)["reboots"] == 0


def test_a_change_that_cuts_the_tunnel_is_rolled_back_by_the_router(sim, site):  # pylint: disable=redefined-outer-name
    before = export_body(sim, site)
    started = time.monotonic()
    with pytest.raises(SdxError) as caught:
        run(sim, JOB, **job_args(site, CUT))
    took = time.monotonic() - started
    message = caught.value.msg
    assert re.search(r"the change cut site \S+ off SDX .*: the router rolled back at .+, and its configuration is the "
                     r"one from before the change \(verified by a read of /export\)", message), message
    assert caught.value.details["rollback"]["state"] == "rolled back" and caught.value.details["rollback"]["rebooted"]
    assert 11 < took < 30, took
    assert sim.tunnel(site)["online"] and export_body(sim, site) == before and traces(sim, site) == []
    assert sim.tunnel(site)["reboots"] == 1


def test_config_with_rollback_is_confirmed(sim, site):  # pylint: disable=redefined-outer-name
    args = dict(site_id=site, path="/ip/dns/static", entries=[dict(name="rb.example", address="192.0.2.7")],
                keys=["name"], rollback=dict(after=WINDOW), wait_timeout=60)
    planned = run(sim, CONFIG, check_mode=True, **args)
    assert planned["changed"] and "arm_script" in planned["rollback"] and changes(sim) == []
    applied = run(sim, CONFIG, **args)
    assert applied["changed"] and applied["rollback"]["state"] == "confirmed" and traces(sim, site) == []
    sim.clear_requests()
    assert run(sim, CONFIG, **args)["changed"] is False and changes(sim) == []


def test_another_armed_rollback_is_refused_before_anything_is_queued(sim, site):  # pylint: disable=redefined-outer-name
    version = [s for s in sim.sites() if s["id"] == site][0]["software_version"]
    sim.create_job(site, rollback.arm_script("someone else", 600, version), key="2d7e0c1a-3b4c-5d6e-8f90-a1b2c3d4e5f6",
                   express_execute=True)
    deadline = time.monotonic() + 10
    while not traces(sim, site) and time.monotonic() < deadline:
        time.sleep(0.2)
    sim.clear_requests()
    with pytest.raises(SdxError, match="another rollback is armed"):
        run(sim, JOB, **job_args(site, "/ip dns set servers=9.9.9.8"))
    assert changes(sim) == []
