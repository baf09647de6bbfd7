# SPDX-License-Identifier: GPL-3.0-or-later
"""The roles' molecule scenarios (extensions/molecule/<role>), each against a fresh simulator, and the playbooks.

Each scenario prepares the routers, converges, converges again and fails if anything changed, then
verifies the routers' state through altostrat_command reads. Molecule installs the collection into
~/.ansible/collections, so it runs with a private HOME that is thrown away afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.integration.playbook import mutating_requests, run_playbook
from tests.simulator.harness import Simulator

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SCENARIOS = sorted(name for name in os.listdir(os.path.join(REPO, "extensions", "molecule"))
                   if os.path.isfile(os.path.join(REPO, "extensions", "molecule", name, "molecule.yml")))


def molecule_env(sim, home):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ANSIBLE_", "ALTOSTRAT_", "MOLECULE_"))}
    env.update(
        HOME=str(home),
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        ALTOSTRAT_API_URL=sim.url,
        ALTOSTRAT_API_TOKEN=sim.token,
        ALTOSTRAT_RATE_LIMIT="0",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        NO_COLOR="1",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
    )
    return env


def test_every_role_has_a_scenario():
    roles = sorted(os.listdir(os.path.join(REPO, "roles")))
    assert roles == SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_molecule_scenario(scenario, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with Simulator(sites=5, checkin_interval=0.2) as sim:
        proc = subprocess.run([os.path.join(BIN, "molecule"), "test", "--scenario-name", scenario],
                              cwd=REPO, env=molecule_env(sim, home), capture_output=True, text=True,
                              timeout=1200, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    for step in ("prepare", "converge", "idempotence", "verify"):
        assert "[%s > %s] Executed: Successful" % (scenario, step) in output, output[-6000:]


# The playbooks, run by their collection names over the altostrat.sdx.sites inventory.

@pytest.fixture(scope="module")
def fleet():
    with Simulator(sites=5, checkin_interval=0.2) as simulator:
        yield simulator


@pytest.fixture
def inventory(tmp_path):
    path = tmp_path / "sdx.altostrat.yml"
    path.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return str(path)


def online_hosts(run):
    return sorted({r["host"] for r in run.results if r["task"] == "Gather facts through SDX"})


def test_gather_facts_playbook_writes_one_file_per_online_router_and_nothing_else(fleet, inventory, tmp_path):
    fleet.clear_requests()
    facts_dir = tmp_path / "facts"
    run = run_playbook("altostrat.sdx.gather_facts", fleet, inventory=inventory, extra_vars={"facts_dir": str(facts_dir)})
    assert run.rc == 0, run.output[-3000:]
    hosts = online_hosts(run)
    assert len(hosts) == len(fleet.site_ids(online=True))
    assert sorted(p.name for p in facts_dir.iterdir()) == sorted(h + ".json" for h in hosts)
    facts = json.loads((facts_dir / (hosts[0] + ".json")).read_text(encoding="utf-8"))
    assert facts["net_hostname"] and "net_uptime" not in facts and "last_seen" not in facts["altostrat_site"]
    assert not mutating_requests(fleet.requests())
    again = run_playbook("altostrat.sdx.gather_facts", fleet, inventory=inventory, extra_vars={"facts_dir": str(facts_dir)})
    assert again.rc == 0 and "changed" not in again.statuses(), again.output[-3000:]


BASELINE = {
    "baseline_dns_servers": ["1.1.1.1", "9.9.9.9"],
    "baseline_ntp_servers": ["162.159.200.1", "time.cloudflare.com"],
    "baseline_time_zone": "Europe/Riga",
    "baseline_address_lists": [{"name": "blocklist", "entries": ["203.0.113.7"]}],
    "baseline_express_execute": True,
}


def test_apply_baseline_playbook_plans_in_check_mode_then_applies_once(fleet, inventory):
    fleet.clear_requests()
    plan = run_playbook("altostrat.sdx.apply_baseline", fleet, inventory=inventory, extra_vars=BASELINE, check=True, diff=True)
    assert plan.rc == 0, plan.output[-3000:]
    assert "changed" in plan.statuses()
    assert not mutating_requests(fleet.requests()), "check mode wrote to SDX"

    applied = run_playbook("altostrat.sdx.apply_baseline", fleet, inventory=inventory, extra_vars=BASELINE)
    assert applied.rc == 0, applied.output[-3000:]
    assert fleet.requests(method="POST", path="/job$")

    fleet.clear_requests()
    again = run_playbook("altostrat.sdx.apply_baseline", fleet, inventory=inventory, extra_vars=BASELINE)
    assert again.rc == 0 and "changed" not in again.statuses(), again.output[-3000:]
    assert not mutating_requests(fleet.requests()), "the re-run queued something"
    for site in fleet.site_ids(online=True):
        export = fleet.export(site)
        assert "servers=1.1.1.1,9.9.9.9" in export
        assert "time-zone-name=Europe/Riga" in export


def test_backup_all_playbook_writes_one_file_per_router_that_has_a_backup(fleet, inventory, tmp_path):
    backups = tmp_path / "configs"
    run = run_playbook("altostrat.sdx.backup_all", fleet, inventory=inventory, extra_vars={"backup_dir": str(backups)})
    assert run.rc == 0, run.output[-3000:]
    written = sorted(p.name for p in backups.iterdir())
    assert len(written) == len(fleet.site_ids(online=True))
    assert all(not (backups / name).read_text(encoding="utf-8").startswith("# 20") for name in written)
    again = run_playbook("altostrat.sdx.backup_all", fleet, inventory=inventory, extra_vars={"backup_dir": str(backups)})
    assert again.rc == 0 and "changed" not in again.statuses(), again.output[-3000:]


def test_drift_report_takes_each_hosts_desired_state_from_group_and_host_vars(fleet, inventory, tmp_path):
    def desired(zone):
        return json.dumps({"drift_report_desired": [{"name": "Time zone", "path": "/system/clock",
                                                     "entries": [{"time-zone-name": zone}]}]})
    (tmp_path / "group_vars").mkdir()
    (tmp_path / "group_vars" / "all.yml").write_text(desired("Europe/Riga"), encoding="utf-8")
    online = fleet.site_ids(online=True)
    for site in online:
        fleet.run_script(site, "/system clock set time-zone-name=Europe/Riga")
    fleet.run_script(online[0], "/system clock set time-zone-name=Africa/Nairobi")
    extra = {"drift_report_dir": str(tmp_path / "reports")}
    plan_task = "altostrat.sdx.drift_report : Plan the desired menus on every site (check mode, reads only)"
    note_task = "altostrat.sdx.drift_report : Note which sites drift"

    first = run_playbook("altostrat.sdx.drift_report", fleet, inventory=inventory, extra_vars=extra)
    assert first.rc == 0, first.output[-3000:]
    drifted = first.task(note_task)["result"]["ansible_facts"]["drift_report_drifted"]
    assert len(drifted) == 1
    # one task for every host: its results are under the hosts' inventory names
    planned = first.task(plan_task)["result"]["per_host"]
    assert len(planned) == len(fleet.site_ids()) and drifted[0] in planned

    (tmp_path / "host_vars").mkdir()
    (tmp_path / "host_vars" / ("%s.yml" % drifted[0])).write_text(desired("Africa/Nairobi"), encoding="utf-8")
    again = run_playbook("altostrat.sdx.drift_report", fleet, inventory=inventory, extra_vars=extra)
    assert again.rc == 0, again.output[-3000:]
    assert again.task(note_task)["result"]["ansible_facts"]["drift_report_drifted"] == []
    menus = again.task(plan_task)["result"]["per_host"][drifted[0]]["menus"]
    assert menus[0]["plan"] == [] and menus[0]["changed"] is False
    markdown = (tmp_path / "reports" / "drift-report.md").read_text(encoding="utf-8")
    assert "**0 drift**, %d match" % len(online) in markdown, markdown


def test_drift_report_playbook_names_the_drifted_router_and_writes_nothing(fleet, inventory, tmp_path):
    desired = {"drift_report_desired": [{"name": "Time zone", "path": "/system/clock",
                                         "entries": [{"time-zone-name": "Europe/Riga"}]}],
               "drift_report_dir": str(tmp_path / "reports")}
    for site in fleet.site_ids(online=True):
        fleet.run_script(site, "/system clock set time-zone-name=Europe/Riga")
    fleet.run_script(fleet.site_ids(online=True)[0], "/system clock set time-zone-name=Africa/Nairobi")
    fleet.clear_requests()
    run = run_playbook("altostrat.sdx.drift_report", fleet, inventory=inventory, extra_vars=desired)
    assert run.rc == 0, run.output[-3000:]
    assert not mutating_requests(fleet.requests()), "the drift report wrote to SDX"
    drifted = run.task("altostrat.sdx.drift_report : Note which sites drift")["result"]["ansible_facts"]["drift_report_drifted"]
    assert len(drifted) == 1
    markdown = (tmp_path / "reports" / "drift-report.md").read_text(encoding="utf-8")
    assert "## %s: drifts" % drifted[0] in markdown
    assert "time-zone-name=Africa/Nairobi | time-zone-name=Europe/Riga" in markdown
    assert (tmp_path / "reports" / "drift-report.html").exists()
    # the plan and its summary, from the same results, as the altostrat.sdx.plan callback writes them
    plan = json.loads((tmp_path / "reports" / "drift-report.plan.json").read_text(encoding="utf-8"))
    assert plan["format"] == "altostrat.sdx.plan" and plan["check_mode"] is True
    assert [host for host, entry in plan["hosts"].items() if entry["changed"]] == drifted
    changes = plan["hosts"][drifted[0]]["tasks"][0]["changes"]
    assert changes[0]["before"] == {"time-zone-name": "Africa/Nairobi"} and changes[0]["menu"] == "/system/clock"
    offline = fleet.site_ids(online=False)
    assert all(entry["status"] == "skipped" for entry in plan["hosts"].values() if entry["site_id"] in offline)
    summary = (tmp_path / "reports" / "drift-report.summary.md").read_text(encoding="utf-8")
    online = len(fleet.site_ids(online=True))
    assert "**1 of %d sites would change; 0 unknown.**" % (online + len(offline)) in summary
    assert "| %s | change | 1 | 0 | Plan the desired menus |" % drifted[0] in summary
