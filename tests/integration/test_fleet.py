# SPDX-License-Identifier: GPL-3.0-or-later
"""Fleet mode: altostrat_facts and altostrat_config over many sites in one task (site_ids)."""

from __future__ import annotations

import json
import os

import pytest

from tests.integration.playbook import REPO, mutating_requests, run_playbook

DNS = dict(path="/ip/dns", entries={"servers": ["1.1.1.1", "9.9.9.9"]})
# what does not change between two reads of the same router
STABLE_FACTS = ("ansible_net_hostname", "ansible_net_model", "ansible_net_serialnum", "ansible_net_version",
                "ansible_net_arch", "ansible_net_memtotal_mb", "ansible_net_all_ipv4_addresses", "ansible_net_services")


@pytest.fixture(scope="module")
def sim():
    from tests.simulator.harness import Simulator
    with Simulator(sites=10, checkin_interval=0.2) as simulator:
        yield simulator


def play(module, args, check=False):
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: fleet
      altostrat.sdx.%s: %s
      check_mode: %s
""" % (module, json.dumps(args), "true" if check else "false")


def online(sim):
    return sim.site_ids(online=True)


def config_args(site_ids, **extra):
    return dict(DNS, site_ids=site_ids, make_backup=False, poll_interval=0.2, **extra)


def test_fleet_facts_are_each_sites_own_facts(fresh_log):
    ids = online(fresh_log)
    fresh_log.clear_requests()
    fleet = run_playbook(play("altostrat_facts", dict(site_ids=ids, concurrency=3)), fresh_log)
    assert fleet.rc == 0, fleet.output
    result = fleet.task("fleet")["result"]
    assert sorted(result["per_site"]) == sorted(ids) and result["failed_sites"] == []
    assert "ansible_facts" not in result  # no host gets another site's facts
    # eight synchronous prints per site and one GET /sites for all of them, nothing else
    assert len(fresh_log.requests()) == 8 * len(ids) + 1
    assert [r["path"] for r in fresh_log.requests(method="GET")] == ["/sites"]
    assert mutating_requests(fresh_log.requests()) == []
    for site_id in ids[:3]:
        alone = run_playbook(play("altostrat_facts", dict(site_id=site_id)), fresh_log)
        mine = alone.task("fleet")["result"]["ansible_facts"]
        theirs = result["per_site"][site_id]["ansible_facts"]
        assert {k: theirs[k] for k in STABLE_FACTS} == {k: mine[k] for k in STABLE_FACTS}
        assert theirs["altostrat_site"]["id"] == site_id


def test_fleet_config_checks_applies_converges_and_repairs_only_the_drifted_site(fresh_log):
    ids = online(fresh_log)
    for site_id in ids:
        fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()

    check = run_playbook(play("altostrat_config", config_args(ids), check=True), fresh_log, diff=True)
    assert check.rc == 0, check.output
    planned = check.task("fleet")["result"]
    assert planned["changed"] is True
    assert all(planned["per_site"][s]["changed"] and planned["per_site"][s]["script"] for s in ids)
    assert {d["before_header"].split(":")[0] for d in planned["diff"]} == set(ids)
    assert mutating_requests(fresh_log.requests()) == []

    apply = run_playbook(play("altostrat_config", config_args(ids, verify=True)), fresh_log)
    assert apply.rc == 0, apply.output
    applied = apply.task("fleet")["result"]["per_site"]
    assert all(applied[s]["status"] == "completed" for s in ids)
    assert len(mutating_requests(fresh_log.requests())) == len(ids)  # one job per site

    fresh_log.clear_requests()
    for _run in range(2):
        again = run_playbook(play("altostrat_config", config_args(ids)), fresh_log)
        assert again.rc == 0 and again.task("fleet")["result"]["changed"] is False, again.output
    assert mutating_requests(fresh_log.requests()) == []

    drifted = ids[1]
    assert fresh_log.run_script(drifted, "/ip dns set servers=8.8.8.8")["ok"]
    found = run_playbook(play("altostrat_config", config_args(ids), check=True), fresh_log)
    per_site = found.task("fleet")["result"]["per_site"]
    assert [s for s in ids if per_site[s]["changed"]] == [drifted]
    assert mutating_requests(fresh_log.requests()) == []
    repaired = run_playbook(play("altostrat_config", config_args(ids, verify=True)), fresh_log)
    assert repaired.rc == 0, repaired.output
    assert [s for s in ids if repaired.task("fleet")["result"]["per_site"][s]["changed"]] == [drifted]
    assert len(mutating_requests(fresh_log.requests())) == 1
    fresh_log.clear_requests()
    final = run_playbook(play("altostrat_config", config_args(ids)), fresh_log)
    assert final.task("fleet")["result"]["changed"] is False
    assert mutating_requests(fresh_log.requests()) == []


def test_an_offline_site_fails_the_task_after_every_other_site_ran(fresh_log):
    offline = fresh_log.site_ids(online=False)[0]
    ids = online(fresh_log)[:2] + [offline]
    run = run_playbook(play("altostrat_facts", dict(site_ids=ids, gather_subset=["min"])), fresh_log)
    assert run.rc != 0
    result = run.task("fleet")["result"]
    assert result["failed_sites"] == [offline]
    assert "1 of 3 sites failed" in result["msg"] and offline in result["msg"] and "offline" in result["msg"]
    assert all(result["per_site"][s]["ansible_facts"]["ansible_net_hostname"] for s in ids[:2])
    assert "offline" in result["per_site"][offline]["msg"]


@pytest.mark.parametrize("module, args, message", [
    ("altostrat_facts", dict(site_ids=["not-a-uuid"]), "site_ids must be a UUID"),
    ("altostrat_facts", dict(site_ids=["9c69345c-8d39-4786-9f17-8153c988c89a"], concurrency=0),
     "concurrency must be between 1 and 100"),
    ("altostrat_facts", dict(site_ids=["9c69345c-8d39-4786-9f17-8153c988c89a"], concurrency=500),
     "concurrency must be between 1 and 100"),
    ("altostrat_facts", dict(site_ids=["9c69345c-8d39-4786-9f17-8153c988c89a"],
                             site_id="9c69345c-8d39-4786-9f17-8153c988c89a"), "site_id and site_ids are mutually exclusive"),
    ("altostrat_config", dict(site_ids="ONLINE", path="/ip/dns", entries={}), "site_ids must be a UUID"),
])
def test_bad_fleet_input_fails_before_any_request(fresh_log, module, args, message):
    run = run_playbook(play(module, args), fresh_log)
    assert run.rc != 0
    assert message in run.task("fleet")["result"]["msg"]
    assert fresh_log.requests() == []


def test_input_every_site_refuses_is_reported_once_and_queues_nothing(fresh_log):
    ids = online(fresh_log)
    bad = dict(path="/ip/address", entries=[{"interface": "bridge"}], site_ids=ids)
    run = run_playbook(play("altostrat_config", bad), fresh_log)
    assert run.rc != 0
    msg = run.task("fleet")["result"]["msg"]
    assert msg.startswith("every site failed: ") and "lacks the key property address" in msg
    assert mutating_requests(fresh_log.requests()) == []


def test_the_guide_large_fleet_example_works_as_written(fresh_log, tmp_path):
    with open(os.path.join(REPO, "docs", "guide.md"), encoding="utf-8") as handle:
        section = handle.read().split("## Large fleets", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n")
    ids = online(fresh_log)
    for site_id in ids:
        fresh_log.reset(site_id, "default")
    assert fresh_log.run_script(ids[0], "/ip dns set servers=1.1.1.1,9.9.9.9")["ok"]
    fresh_log.clear_requests()
    run = run_playbook(example, fresh_log, inventory=str(source))
    assert run.rc == 0, run.output[-3000:]
    changed = run.task("The sites that changed")["result"]["msg"]
    assert sorted(changed) == sorted(ids[1:])  # the first site already had these servers
    assert len(mutating_requests(fresh_log.requests())) == len(ids) - 1


def test_fleet_apply_under_faults_queues_each_sites_change_exactly_once(fresh_log):
    ids = online(fresh_log)
    for site_id in ids:
        fresh_log.reset(site_id, "default")
    args = config_args(ids, retries=8, entries={"servers": ["9.9.9.9", "149.112.112.112"]})
    # every kind of request is faulted: reads, the job list, job creation (also dropped after it was accepted)
    for rule in (dict(status=429, retry_after="0", rate=0.15), dict(status=503, rate=0.15), dict(drop=True, rate=0.1)):
        fresh_log.fault(**rule)
    try:
        first = run_playbook(play("altostrat_config", args), fresh_log)
        second = run_playbook(play("altostrat_config", args), fresh_log)
    finally:
        fresh_log.clear_faults()
    assert first.rc == 0, first.output[-3000:]
    assert second.rc == 0 and second.task("fleet")["result"]["changed"] is False, second.output[-3000:]
    assert [r for r in fresh_log.requests() if r.get("fault")], "the faults were not injected"
    for site_id in ids:
        jobs = [j for j in fresh_log.jobs(site_id) if "149.112.112.112" in (j["script"] or "")]
        assert len(jobs) == 1, (site_id, jobs)
        assert "149.112.112.112" in fresh_log.export(site_id)


def test_fleet_command_reads_every_site_and_check_mode_sends_no_write(fresh_log):
    ids = online(fresh_log)
    fresh_log.clear_requests()
    read = run_playbook(play("altostrat_command", dict(site_ids=ids, command="/system/identity/print")), fresh_log)
    assert read.rc == 0, read.output
    per_site = read.task("fleet")["result"]["per_site"]
    assert sorted(per_site) == sorted(ids) and all(per_site[s]["data"][0]["name"] for s in ids)
    assert read.task("fleet")["result"]["changed"] is False
    write = run_playbook(play("altostrat_command", dict(site_ids=ids, command="/system/identity/set",
                                                        parameters=["=name=never"]), check=True), fresh_log)
    assert write.rc == 0, write.output
    assert all(r["sent"] is False for r in write.task("fleet")["result"]["per_site"].values())
    assert mutating_requests(fresh_log.requests()) == []


def test_fleet_job_queues_once_per_site_and_converges(fresh_log):
    ids = online(fresh_log)
    for site_id in ids:
        fresh_log.reset(site_id, "default")
    args = dict(site_ids=ids, description="fleet dns ttl", script="/ip dns set cache-max-ttl=2d", poll_interval=0.2)
    fresh_log.clear_requests()
    check = run_playbook(play("altostrat_job", args, check=True), fresh_log)
    assert check.rc == 0 and check.task("fleet")["result"]["changed"] is True, check.output
    assert mutating_requests(fresh_log.requests()) == []
    apply = run_playbook(play("altostrat_job", args), fresh_log)
    assert apply.rc == 0, apply.output
    assert all(r["status"] == "completed" for r in apply.task("fleet")["result"]["per_site"].values())
    assert len(mutating_requests(fresh_log.requests())) == len(ids)
    fresh_log.clear_requests()
    again = run_playbook(play("altostrat_job", args), fresh_log)
    assert again.rc == 0 and again.task("fleet")["result"]["changed"] is False, again.output
    assert mutating_requests(fresh_log.requests()) == []


@pytest.mark.parametrize("extra, message", [
    (dict(job_id="9c69345c-8d39-4786-9f17-8153c988c89a", state="absent"), "job_id cannot be used with site_ids"),
    (dict(idempotency_key="9c69345c-8d39-4786-9f17-8153c988c89a", description="x", script="/log info x"),
     "idempotency_key cannot be used with site_ids"),
])
def test_fleet_job_refuses_one_sites_job(fresh_log, extra, message):
    run = run_playbook(play("altostrat_job", dict(site_ids=online(fresh_log), **extra)), fresh_log)
    assert run.rc != 0 and message in run.task("fleet")["result"]["msg"]
    assert mutating_requests(fresh_log.requests()) == []
