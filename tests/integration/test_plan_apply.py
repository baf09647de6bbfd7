# SPDX-License-Identifier: GPL-3.0-or-later
"""Apply what was reviewed (ALTOSTRAT_PLAN): real ansible-playbook runs against the simulator. A check run writes
the plan; the apply given that plan queues exactly its scripts when nothing changed in between, refuses a site whose
router changed (naming it and the first difference) while applying the others, refuses an edited plan or a plan of
another playbook or of other inputs before any write, and changes nothing when run again."""

from __future__ import annotations

import json
import os

import pytest

from tests.integration.playbook import mutating_requests, run_playbook
from tests.simulator.harness import Simulator

PLAN = "plan/plan.json"
PLAYBOOK = """
- name: Per host
  hosts: all
  gather_facts: false
  tasks:
    - name: DNS servers
      altostrat.sdx.altostrat_config:
        path: /ip/dns
        entries: {servers: "{{ dns_servers | default(['1.1.1.1', '9.9.9.9']) }}"}
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

- name: One task over the fleet
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Time zone, fleet-wide
      altostrat.sdx.altostrat_config:
        site_ids: "{{ groups['all'] | map('extract', hostvars, 'altostrat_site_id') | sort }}"
        path: /system/clock
        entries: {time-zone-name: Europe/Riga}
"""
OTHER_PLAYBOOK = """
- name: Another playbook
  hosts: all
  gather_facts: false
  tasks:
    - name: Clock
      altostrat.sdx.altostrat_config:
        path: /system/clock
        entries: {time-zone-name: Africa/Johannesburg}
"""
CHANGED_SITE = "johannesburg_hq"


@pytest.fixture(scope="module")
def fleet():
    with Simulator(sites=3, checkin_interval=0.2) as simulator:
        yield simulator


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    path = tmp_path_factory.mktemp("inventory") / "fleet.altostrat.yml"
    path.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return str(path)


@pytest.fixture()
def fresh(fleet):
    """Every site back to its default configuration, and an empty request log."""
    for site in fleet.sites():
        fleet.reset(site["id"])
    fleet.clear_requests()
    return fleet


def host_ids(sim):
    return {site["name"].lower().replace(" ", "_"): site["id"] for site in sim.sites()}


def run(sim, inventory, cwd, playbook=PLAYBOOK, check=False, plan=None, **kwargs):
    env = dict(ANSIBLE_CALLBACKS_ENABLED="record_results,altostrat.sdx.plan", ALTOSTRAT_PLAN_OUTPUT=PLAN,
               ALTOSTRAT_PLAN_SUMMARY="plan/plan.md", ALTOSTRAT_PLAN=plan)
    return run_playbook(playbook, sim, inventory=inventory, check=check, cwd=str(cwd), env=env, **kwargs)


def review(sim, inventory, tmp_path, **kwargs):
    """The pull request's check run; the reviewed plan is kept as reviewed.json."""
    proc = run(sim, inventory, tmp_path, check=True, **kwargs)
    assert proc.rc == 0, proc.output[-3000:]
    reviewed = tmp_path / "reviewed.json"
    os.replace(tmp_path / PLAN, reviewed)
    return str(reviewed), json.loads(reviewed.read_text(encoding="utf-8"))


def queued_scripts(sim):
    """{site id: [script of each job queued]} from the simulator's request log."""
    found = {}
    for entry in sim.requests(method="POST", path="/job$"):
        site_id = entry["path"].split("/")[2]
        found.setdefault(site_id, []).append(entry.get("body"))  # a job's body is its script
    return found


def planned_scripts(plan, skip=()):
    return {entry["site_id"]: [t["script"] for t in entry["tasks"] if t["changed"]]
            for host, entry in plan["hosts"].items() if host not in skip and any(t["changed"] for t in entry["tasks"])}


def test_an_apply_with_the_reviewed_plan_queues_exactly_its_scripts_and_then_nothing(fresh, inventory, tmp_path):
    path, reviewed = review(fresh, inventory, tmp_path)
    assert reviewed["summary"]["changed"] == 3
    fresh.clear_requests()
    applied = run(fresh, inventory, tmp_path, plan=path)
    assert applied.rc == 0, applied.output[-3000:]
    assert queued_scripts(fresh) == planned_scripts(reviewed)
    assert len(mutating_requests(fresh.requests())) == sum(len(s) for s in planned_scripts(reviewed).values())
    record = json.loads((tmp_path / PLAN).read_text(encoding="utf-8"))
    assert {h: e["fingerprint"] for h, e in record["hosts"].items()} == \
        {h: e["fingerprint"] for h, e in reviewed["hosts"].items()}

    # a plan once applied: its sites already hold what it leads to, so a second apply with it queues nothing
    fresh.clear_requests()
    again = run(fresh, inventory, tmp_path, plan=path)
    assert again.rc == 0, again.output[-3000:]
    assert mutating_requests(fresh.requests()) == []
    assert {r["status"] for r in again.results} == {"ok"}


def test_a_router_changed_since_the_review_is_refused_and_the_others_are_applied(fresh, inventory, tmp_path):
    path, reviewed = review(fresh, inventory, tmp_path)
    ids = host_ids(fresh)
    assert fresh.run_script(ids[CHANGED_SITE], "/ip firewall address-list add list=blocklist address=203.0.113.9")["ok"]
    fresh.clear_requests()
    applied = run(fresh, inventory, tmp_path, plan=path)
    assert applied.rc == 2, applied.output[-3000:]
    refused = applied.task("Blocklist", CHANGED_SITE)
    assert refused["status"] == "failed"
    assert "not applied to %s (site %s)" % (CHANGED_SITE, ids[CHANGED_SITE]) in refused["result"]["msg"]
    assert "entry address=203.0.113.9 list=blocklist of /ip/firewall/address-list was absent when reviewed, " \
           "is present now" in refused["result"]["msg"]
    # the refused site gets nothing more in the run: not its job, not its share of the fleet task
    assert not [r for r in applied.results if r["task"] == "Syslog" and r["host"] == CHANGED_SITE]
    fleet_task = applied.task("Time zone, fleet-wide")
    assert fleet_task["result"]["failed_sites"] == [ids[CHANGED_SITE]]
    assert "earlier in this run" in fleet_task["result"]["per_site"][ids[CHANGED_SITE]]["msg"]
    # every other site got exactly its reviewed scripts; the changed one only what was applied before its refusal
    queued = queued_scripts(fresh)
    expected = planned_scripts(reviewed)
    changed_site_plan = expected.pop(ids[CHANGED_SITE])
    assert queued.pop(ids[CHANGED_SITE], []) == changed_site_plan[:1]  # its DNS task ran before the refusal
    assert queued == expected


def test_an_edited_plan_is_refused_before_any_write(fresh, inventory, tmp_path):
    path, reviewed = review(fresh, inventory, tmp_path)
    reviewed["hosts"][CHANGED_SITE]["tasks"][0]["script"] = "/system reset-configuration\n"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(reviewed, handle)
    fresh.clear_requests()
    applied = run(fresh, inventory, tmp_path, plan=path)
    assert applied.rc == 2
    assert mutating_requests(fresh.requests()) == []
    assert all(r["status"] == "failed" for r in applied.results), applied.statuses()
    assert "it was edited after it was written" in applied.task("DNS servers", CHANGED_SITE)["result"]["msg"]
    assert fresh.requests(path="/api/synchronous") == [], "the routers were read"


def test_a_plan_of_another_playbook_or_other_inputs_is_refused_before_any_write(fresh, inventory, tmp_path):
    path, _reviewed = review(fresh, inventory, tmp_path, playbook=OTHER_PLAYBOOK)
    fresh.clear_requests()
    applied = run(fresh, inventory, tmp_path, plan=path)
    assert applied.rc == 2
    assert mutating_requests(fresh.requests()) == []
    assert "task 'DNS servers' on %s" % CHANGED_SITE in applied.task("DNS servers", CHANGED_SITE)["result"]["msg"]
    assert "is not in the reviewed plan (a plan of play.yml)" in applied.task("DNS servers", CHANGED_SITE)["result"]["msg"]

    path, _reviewed = review(fresh, inventory, tmp_path)
    fresh.clear_requests()
    stale = run(fresh, inventory, tmp_path, plan=path, extra_vars={"dns_servers": ["8.8.8.8"]})
    assert stale.rc == 2
    assert mutating_requests(fresh.requests()) == []
    assert "a stale plan" in stale.task("DNS servers", CHANGED_SITE)["result"]["msg"]


def test_a_check_run_with_the_plan_tells_which_sites_still_match_and_writes_nothing(fresh, inventory, tmp_path):
    path, _reviewed = review(fresh, inventory, tmp_path)
    ids = host_ids(fresh)
    assert fresh.run_script(ids[CHANGED_SITE], "/ip dns set servers=8.8.4.4")["ok"]
    fresh.clear_requests()
    checked = run(fresh, inventory, tmp_path, check=True, plan=path)
    assert checked.rc == 2
    assert mutating_requests(fresh.requests()) == []
    assert 'the settings of /ip/dns was servers="" when reviewed, is servers=8.8.4.4 now' \
        in checked.task("DNS servers", CHANGED_SITE)["result"]["msg"]
    assert [r["host"] for r in checked.results if r["status"] == "failed"] == [CHANGED_SITE, "localhost"]


MENUS_PLAYBOOK = """
- name: Several menus in one task
  hosts: all
  gather_facts: false
  tasks:
    - name: Menus
      altostrat.sdx.altostrat_config:
        menus:
          - {name: DNS servers, path: /ip/dns, entries: {servers: [1.1.1.1, 9.9.9.9]}}
          - name: Blocklist
            path: /ip/firewall/address-list
            restrict: {list: blocklist}
            handle_absent_entries: remove
            entries: [{list: blocklist, address: 203.0.113.7, comment: scanner}]
"""


def test_a_task_of_several_menus_is_held_to_the_reviewed_plan_as_one(fresh, inventory, tmp_path):
    path, reviewed = review(fresh, inventory, tmp_path, playbook=MENUS_PLAYBOOK)
    assert reviewed["summary"]["changed"] == 3
    ids = host_ids(fresh)
    assert fresh.run_script(ids[CHANGED_SITE], "/ip firewall address-list add list=blocklist address=203.0.113.9")["ok"]
    fresh.clear_requests()
    applied = run(fresh, inventory, tmp_path, playbook=MENUS_PLAYBOOK, plan=path)
    assert applied.rc == 2, applied.output[-3000:]
    refused = applied.task("Menus", CHANGED_SITE)["result"]
    assert "not applied to %s (site %s)" % (CHANGED_SITE, ids[CHANGED_SITE]) in refused["msg"], refused["msg"]
    # the other sites get each menu's job, the scripts reviewed; the changed one gets none, not even its DNS job
    queued = queued_scripts(fresh)
    expected = planned_scripts(reviewed)
    expected.pop(ids[CHANGED_SITE])
    assert {site: "\n".join(scripts) for site, scripts in queued.items()} == \
        {site: "\n".join(scripts) for site, scripts in expected.items()}
    assert all(len(scripts) == 2 for scripts in queued.values()), queued
