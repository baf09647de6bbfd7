# SPDX-License-Identifier: GPL-3.0-or-later
"""The altostrat.sdx.plan callback through real ansible-playbook runs: the plan JSON and its Markdown summary for a
small fleet (one site with changes, one that matches, one with something unknown, one offline), against golden files."""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess

import pytest

from tests.integration.playbook import BIN, ansible_env, collections_path, mutating_requests, run_playbook
from tests.simulator.harness import Simulator

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
PLAN = "plan/plan.json"
SUMMARY = "plan/plan.md"
PLAYBOOK = """
- name: Per host
  hosts: all
  gather_facts: false
  tasks:
    - name: DNS servers
      altostrat.sdx.altostrat_config:
        path: /ip/dns
        entries: {servers: [1.1.1.1, 9.9.9.9]}
    - name: Blocklist
      altostrat.sdx.altostrat_config:
        path: /ip/firewall/address-list
        restrict: {list: blocklist}
        handle_absent_entries: remove
        entries: [{list: blocklist, address: 203.0.113.7, comment: scanner}]
    - name: Syslog
      altostrat.sdx.altostrat_job:
        description: Syslog to the collector
        script: /system logging action set remote remote=192.0.2.50
    - name: Log the interfaces
      altostrat.sdx.altostrat_job:
        description: Log the interfaces
        script: ":foreach i in=[/interface find] do={ :log info $i }"
      when: inventory_hostname == "durban_warehouse"

- name: One task over the fleet
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Time zone, fleet-wide
      altostrat.sdx.altostrat_config:
        site_ids: "{{ groups['all'] | map('extract', hostvars, 'altostrat_site_id') | sort }}"
        path: /system/clock
        entries: {time-zone-name: Europe/Riga}
      ignore_errors: true
"""
# Where each online site starts: johannesburg_hq drifts, cape_town_branch already matches, durban_warehouse needs
# its syslog and time zone (and runs a script that cannot be planned); pretoria_office is offline.
START = {
    "johannesburg_hq": ['/ip dns set servers=8.8.8.8',
                        '/ip firewall address-list add list=blocklist address=192.0.2.99 comment="added by <hand> | ops"'],
    "cape_town_branch": ['/ip dns set servers=1.1.1.1,9.9.9.9',
                         '/ip firewall address-list add list=blocklist address=203.0.113.7 comment=scanner',
                         '/system logging action set remote remote=192.0.2.50',
                         '/system clock set time-zone-name=Europe/Riga'],
    "durban_warehouse": ['/ip dns set servers=1.1.1.1,9.9.9.9',
                         '/ip firewall address-list add list=blocklist address=203.0.113.7 comment=scanner'],
}


@pytest.fixture(scope="module")
def fleet():
    with Simulator(sites=4, offline=1, checkin_interval=0.2) as simulator:
        yield simulator


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    path = tmp_path_factory.mktemp("inventory") / "fleet.altostrat.yml"
    path.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return str(path)


def site_ids(sim):
    return {site["name"].lower().replace(" ", "_"): site["id"] for site in sim.sites()}


def plan_run(sim, inventory, cwd, **env):
    """A check run with the callback enabled (next to the tests' own recorder), writing plan/ under cwd."""
    settings = dict(ANSIBLE_CALLBACKS_ENABLED="record_results,altostrat.sdx.plan", ALTOSTRAT_PLAN_OUTPUT=PLAN,
                    ALTOSTRAT_PLAN_SUMMARY=SUMMARY)
    settings.update(env)
    return run_playbook(PLAYBOOK, sim, inventory=inventory, check=True, diff=True, cwd=str(cwd), env=settings)


def compare_with_golden(actual, name):
    path = os.path.join(GOLDEN, name)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(actual)
    with open(path, encoding="utf-8") as handle:
        expected = handle.read()
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden/" + name, "this run",
                                    lineterm="", n=2)
        pytest.fail("%s differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n%s"
                    % (name, "\n".join(list(diff)[:200])), pytrace=False)


@pytest.fixture(scope="module")
def planned(fleet, inventory, tmp_path_factory):
    ids = site_ids(fleet)
    for host, scripts in START.items():
        for script in scripts:
            assert fleet.run_script(ids[host], script)["ok"], script
    fleet.clear_requests()
    cwd = tmp_path_factory.mktemp("plan")
    run = plan_run(fleet, inventory, cwd)
    writes = mutating_requests(fleet.requests())
    return run, cwd, writes


def test_a_check_run_writes_the_plan_and_the_summary_and_nothing_to_sdx(planned):
    run, cwd, writes = planned
    assert run.rc == 2, run.output[-3000:]  # the offline site fails its tasks; the plan is written all the same
    assert writes == [], "check mode wrote to SDX"
    assert (cwd / PLAN).is_file() and (cwd / SUMMARY).is_file(), run.output[-3000:]
    assert "altostrat.sdx.plan: %s, %s (4 sites)" % (cwd / PLAN, cwd / SUMMARY) in run.stdout


def test_the_plan_matches_the_golden_file(planned):
    _run, cwd, _writes = planned
    compare_with_golden((cwd / PLAN).read_text(encoding="utf-8"), "plan.json")


def test_the_summary_matches_the_golden_file(planned):
    _run, cwd, _writes = planned
    compare_with_golden((cwd / SUMMARY).read_text(encoding="utf-8"), "plan.md")


def test_the_plan_says_per_site_what_would_change(planned):
    _run, cwd, _writes = planned
    plan = json.loads((cwd / PLAN).read_text(encoding="utf-8"))
    assert plan["format"] == "altostrat.sdx.plan" and plan["version"] == 1 and plan["check_mode"] is True
    assert plan["summary"] == {"sites": 4, "changed": 2, "unknown": 2, "failed": 1, "unchanged": 1}
    hosts = plan["hosts"]
    assert sorted(hosts) == ["cape_town_branch", "durban_warehouse", "johannesburg_hq", "pretoria_office"]
    assert {name: host["status"] for name, host in hosts.items()} == {
        "cape_town_branch": "no_change", "durban_warehouse": "unknown", "johannesburg_hq": "change",
        "pretoria_office": "failed"}
    jhb = {task["task"]: task for task in hosts["johannesburg_hq"]["tasks"]}
    assert jhb["DNS servers"]["changes"] == [{"action": "set", "menu": "/ip/dns", "entry": {},
                                              "before": {"servers": "8.8.8.8"}, "after": {"servers": "1.1.1.1,9.9.9.9"},
                                              "line": "set servers=1.1.1.1,9.9.9.9"}]
    removal = next(c for c in jhb["Blocklist"]["changes"] if c["action"] == "remove")
    assert removal["entry"] == {"address": "192.0.2.99", "list": "blocklist"}
    assert "remove " in jhb["Blocklist"]["script"]
    # the fleet task is split per site, under each site's inventory host; the host that ran it holds no plan
    assert "localhost" not in hosts
    fleet_tasks = {name: [t for t in host["tasks"] if t["fleet"] == "localhost"] for name, host in hosts.items()}
    assert all(len(tasks) == 1 for tasks in fleet_tasks.values())
    assert fleet_tasks["cape_town_branch"][0]["status"] == "no_change"
    assert fleet_tasks["pretoria_office"][0]["status"] == "failed" and "offline" in fleet_tasks["pretoria_office"][0]["error"]
    durban = {task["task"]: task for task in hosts["durban_warehouse"]["tasks"]}
    assert durban["Log the interfaces"]["unknowns"][0]["reason"] == "cannot predict: scripting (:foreach)"
    assert durban["Syslog"]["script"] == "/system logging action set remote remote=192.0.2.50"
    skipped = {task["task"]: task["status"] for task in hosts["johannesburg_hq"]["tasks"]}
    assert skipped["Log the interfaces"] == "skipped"


def test_entries_are_named_by_their_properties_never_by_router_ids(planned):
    _run, cwd, _writes = planned
    text = (cwd / PLAN).read_text(encoding="utf-8")
    assert not re.search(r'"\*[0-9A-Fa-f]+"', text)
    assert all("id" not in change for host in json.loads(text)["hosts"].values() for task in host["tasks"]
               for change in task["changes"])


def test_a_second_run_writes_the_same_bytes(planned, fleet, inventory, tmp_path):
    _run, cwd, _writes = planned
    again = plan_run(fleet, inventory, tmp_path)
    assert again.rc == 2, again.output[-3000:]
    assert (tmp_path / PLAN).read_bytes() == (cwd / PLAN).read_bytes()
    assert (tmp_path / SUMMARY).read_bytes() == (cwd / SUMMARY).read_bytes()


def test_the_command_renders_the_same_summary_from_the_saved_plan(planned, tmp_path):
    _run, cwd, _writes = planned
    out = tmp_path / "again.md"
    env = ansible_env(None, PYTHONPATH=collections_path())
    proc = subprocess.run([os.path.join(BIN, "python"), "-m",
                           "ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown", str(cwd / PLAN),
                           "-o", str(out)], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == (cwd / SUMMARY).read_text(encoding="utf-8")


def test_a_summary_limit_shortens_the_summary_and_not_the_plan(planned, fleet, inventory, tmp_path):
    _run, cwd, _writes = planned
    short = plan_run(fleet, inventory, tmp_path, ALTOSTRAT_PLAN_SUMMARY_MAX_CHARS="1500")
    text = (tmp_path / SUMMARY).read_text(encoding="utf-8")
    assert len(text) <= 1500 and "**2 of 4 sites would change; 2 unknown (1 failed).**" in text
    assert "more site" in text and short.rc == 2
    assert (tmp_path / PLAN).read_bytes() == (cwd / PLAN).read_bytes()
