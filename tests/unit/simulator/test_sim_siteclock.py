# SPDX-License-Identifier: GPL-3.0-or-later
"""Sites on their own clocks: the scheduler, reboots and the management tunnel, seen through SDX's API."""

import re
import time

import pytest

from tests.simulator import tunnel
from tests.simulator.routeros import scheduler
from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import

CUT = '/ip firewall filter add chain=output action=drop protocol=tcp dst-port=8443 comment=cut'
RESTORE = '/ip firewall filter remove [find where comment=cut]'


@pytest.fixture(scope="module")
def sim_options():
    return {"sites": 40, "offline": 0, "checkin_interval": 0.2}


@pytest.fixture(name="site")
def fresh_site(sim, request):  # pylint: disable=redefined-outer-name
    """A site of its own per test, factory-fresh, online and onboarded (tunnel and all)."""
    index = request.node.parent.obj.__dict__.setdefault('_next', [0])
    sim.configure(checkin_interval=0.2, reboot_seconds=30)
    while True:
        index[0] += 1
        site_id = sim.site_ids()[index[0] % 40]
        sim.reset(site_id)
        sim.set_online(site_id, True)
        if sim.adopt(site_id)["ok"]:  # models without an uplink in their defaults cannot be onboarded
            return site_id


def pulse(sim, site_id):  # pylint: disable=redefined-outer-name
    return sim.api("GET", f"/sites/{site_id}", unthrottled=True).json()["has_pulse"]


def sync(sim, site_id, command="/system/identity/print", parameters=None):  # pylint: disable=redefined-outer-name
    return sim.api("POST", f"/api/synchronous/{site_id}", json={"command": command, "parameters": parameters or []})


def body(text):
    return "\n".join(line for line in text.splitlines() if not re.match(r"# \S+ \S+ by RouterOS", line))


def test_advance_moves_the_site_clock_and_fires_its_scheduler(sim, site):  # pylint: disable=redefined-outer-name
    assert sim.run_script(site, '/system scheduler add name=t start-time=startup interval=1m on-event=":log info tick"')["ok"]
    before = sim.tunnel(site)["clock_offset"]
    status = sim.advance(site, 600)
    assert status["clock_offset"] == pytest.approx(before + 600)
    assert status["runs"] in (9, 10, 11)
    entry = sync(sim, site, "/system/scheduler/print").json()["data"][0]
    assert int(entry["run_count"]) == status["runs"]
    other = sim.site_ids()[0]
    assert sim.tunnel(other)["clock_offset"] == 0.0  # one site's clock only


def test_a_cut_tunnel_takes_the_site_offline_until_it_is_restored(sim, site):  # pylint: disable=redefined-outer-name
    job = sim.create_job(site, CUT, express_execute=True).json()
    done = sim.wait_job(site, job["id"])
    assert done["completed_at"], (done, sim.tunnel(site), sim.log()[-3000:])
    status = sim.tunnel(site)
    assert not status["checks_in"] and "8443" in status["reason"] and not status["online"]
    assert pulse(sim, site) is False
    answer = sync(sim, site)
    assert answer.status_code == 503 and answer.json()["code"] == "site_offline"
    waiting = sim.create_job(site, ":put waiting").json()
    sim.advance(site, 60)
    assert sim.api("GET", f"/site/{site}/job/{waiting['id']}").json()["started_at"] is None
    assert sim.run_script(site, RESTORE)["ok"]
    assert pulse(sim, site) is True
    assert sim.wait_job(site, waiting["id"])["output"] == "waiting"
    assert sync(sim, site).status_code == 200


@pytest.mark.parametrize("change", [
    "/interface disable ether1",
    "/interface ovpn-client disable altostrat",
    "/ip firewall raw add chain=prerouting action=drop src-address=%s" % tunnel.ENDPOINT_ADDRESS,
    "/ip firewall filter add chain=input action=drop in-interface=altostrat place-before=0",
])
def test_each_way_of_cutting_the_tunnel(sim, site, change):  # pylint: disable=redefined-outer-name
    assert sim.run_script(site, change)["ok"]
    assert pulse(sim, site) is False


def test_a_removed_default_route_cuts_the_tunnel(sim, site):  # pylint: disable=redefined-outer-name
    script = ("/ip dhcp-client disable [find]\n/ip address add address=203.0.113.2/24 interface=ether1\n"
              "/ip route add gateway=203.0.113.1 comment=default")
    assert sim.run_script(site, script)["ok"] and pulse(sim, site) is True
    assert sim.run_script(site, "/ip route remove [find where comment=default]")["ok"]
    assert pulse(sim, site) is False
    assert sim.run_script(site, "/ip route add gateway=203.0.113.1")["ok"]
    assert pulse(sim, site) is True


def test_sync_blocked_alone_keeps_check_ins(sim, site):  # pylint: disable=redefined-outer-name
    assert sim.run_script(site, "/ip service disable api")["ok"]
    status = sim.tunnel(site)
    assert status["checks_in"] and not status["answers_sync"]
    assert pulse(sim, site) is True
    assert sync(sim, site).status_code == 503
    job = sim.create_job(site, "/ip service enable api", express_execute=True).json()
    assert sim.wait_job(site, job["id"])["completed_at"]
    assert sync(sim, site).status_code == 200


def test_pulse_lag_counts_missed_check_ins_on_the_site_clock(sim, site):  # pylint: disable=redefined-outer-name
    sim.realism(enable=["pulse_lag"], pulse_misses=10)
    try:
        assert sim.run_script(site, CUT)["ok"]
        assert pulse(sim, site) is True  # SDX has not missed enough heartbeats yet
        sim.advance(site, 10 * 0.2 + 0.5)
        assert pulse(sim, site) is False
        assert sim.run_script(site, RESTORE)["ok"]
        assert pulse(sim, site) is True  # coming back is seen at once
    finally:
        sim.realism(disable=["pulse_lag"])


def test_backup_load_by_job_reboots_the_site_into_the_saved_configuration(sim, site):  # pylint: disable=redefined-outer-name
    before = sim.export(site)
    job = sim.create_job(site, "/system backup save name=b dont-encrypt=yes\n/system identity set name=changed",
                         express_execute=True).json()
    sim.wait_job(site, job["id"])
    job = sim.create_job(site, "/system backup load name=b", express_execute=True).json()
    sim.wait_job(site, job["id"])
    status = sim.tunnel(site)
    assert status["rebooting"] and not status["online"] and pulse(sim, site) is False
    sim.advance(site, 31)
    assert pulse(sim, site) is True and sim.tunnel(site)["reboots"] == 1
    assert body(sim.export(site)) == body(before)
    files = sync(sim, site, "/file/print").json()["data"]
    assert [f["name"] for f in files] == ["b.backup"]


def test_reboot_seconds_is_a_runtime_setting(sim, site):  # pylint: disable=redefined-outer-name
    sim.configure(reboot_seconds=5)
    assert sim.run_script(site, "/system reboot")["ok"]
    assert sim.tunnel(site)["next_event_in"] <= 5
    sim.advance(site, 6)
    assert pulse(sim, site) is True


def test_wall_time_brings_a_rebooted_site_back(sim, site):  # pylint: disable=redefined-outer-name
    sim.configure(reboot_seconds=0.5)
    assert sim.run_script(site, "/system reboot")["ok"]
    assert pulse(sim, site) is False
    deadline = time.monotonic() + 5
    while not pulse(sim, site) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pulse(sim, site) is True


def test_resetting_a_cut_site_brings_it_back(sim, site):  # pylint: disable=redefined-outer-name
    assert sim.run_script(site, CUT)["ok"] and pulse(sim, site) is False
    sim.advance(site, 100)
    offset = sim.tunnel(site)["clock_offset"]
    sim.reset(site)
    assert pulse(sim, site) is True
    assert sim.tunnel(site)["clock_offset"] == pytest.approx(offset) and not sim.tunnel(site)["adopted"]


def test_a_restart_keeps_the_cut_and_the_clock(sim, site):  # pylint: disable=redefined-outer-name
    assert sim.run_script(site, CUT)["ok"]
    sim.advance(site, 50)
    sim.restart()
    status = sim.tunnel(site)
    assert not status["online"] and status["clock_offset"] == pytest.approx(50, abs=1)
    assert sim.run_script(site, RESTORE)["ok"]
    assert pulse(sim, site) is True


def test_control_api_refuses_bad_advances(sim, site):  # pylint: disable=redefined-outer-name
    for seconds in (-1, "10", True, 10 ** 9):
        answer = sim.session.post(sim.url + f"/_sim/sites/{site}/advance", json={"seconds": seconds})
        assert answer.status_code == 400
    assert sim.session.post(sim.url + "/_sim/sites/nope/advance", json={"seconds": 1}).status_code == 404
    assert scheduler.REBOOT_SECONDS == 30.0
