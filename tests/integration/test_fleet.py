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
    changed = run.task("The hosts that changed")["result"]["msg"]
    per_host = run.task("DNS servers")["result"]["per_host"]
    assert sorted(per_host[host]["site_id"] for host in per_host) == sorted(ids)
    site_of = {host: result["site_id"] for host, result in per_host.items()}
    assert sorted(site_of[host] for host in changed) == sorted(ids[1:])  # the first site already had these servers
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


# fleet: true, over the play's hosts, each with its own variables

FLEET_PLAY = """
- hosts: all
  gather_facts: false
  tasks:
    - name: DNS servers
      altostrat.sdx.altostrat_config:
        fleet: true
        path: /ip/dns
        entries: {servers: "{{ dns_servers }}"}
        make_backup: false
        poll_interval: 0.2
        %s
      run_once: true
"""


def inventory_dir(tmp_path, hosts, groups=None, group_vars=None, host_vars=None):
    """A static inventory of these {host: site id} in groups, with group_vars/ and host_vars/ next to it."""
    groups = groups or {"branches": list(hosts)}
    lines = ["all:", "  children:"]
    for group, members in groups.items():
        lines += ["    %s:" % group, "      hosts:"]
        lines += ["        %s: {altostrat_site_id: %s}" % (host, hosts[host]) for host in members]
    (tmp_path / "hosts.yml").write_text("\n".join(lines) + "\n")
    for folder, content in (("group_vars", group_vars or {}), ("host_vars", host_vars or {})):
        (tmp_path / folder).mkdir(exist_ok=True)
        for name, variables in content.items():
            (tmp_path / folder / ("%s.yml" % name)).write_text(json.dumps(variables))
    return str(tmp_path / "hosts.yml")


def servers_of(sim, site_id):
    """The DNS servers in a site's /export, as its `set ... servers=` line gives them."""
    return [word.split("=", 1)[1] for line in sim.export(site_id).splitlines() if " servers=" in line
            for word in line.split() if word.startswith("servers=")]


def test_fleet_mode_honours_each_hosts_group_and_host_vars_and_names_hosts(fresh_log, tmp_path):
    ids = online(fresh_log)[:5]
    hosts = dict(zip(["hq", "branch1", "branch2", "branch3", "branch4"], ids))
    inventory = inventory_dir(tmp_path, hosts, groups=dict(hq=["hq"], branches=list(hosts)[1:]),
                              group_vars=dict(all=dict(dns_servers=["1.1.1.1", "9.9.9.9"]),
                                              hq=dict(dns_servers=["9.9.9.9"])),
                              host_vars=dict(branch2=dict(dns_servers=["8.8.8.8"])))
    want = dict(hq="9.9.9.9", branch1="1.1.1.1,9.9.9.9", branch2="8.8.8.8", branch3="1.1.1.1,9.9.9.9",
                branch4="1.1.1.1,9.9.9.9")
    for site_id in ids:
        fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()

    check = run_playbook(FLEET_PLAY % "", fresh_log, inventory=inventory, check=True, diff=True)
    assert check.rc == 0, check.output[-3000:]
    planned = check.task("DNS servers")["result"]
    assert sorted(planned["per_host"]) == sorted(hosts) and planned["failed_hosts"] == []
    assert {h: planned["per_host"][h]["plan"][0]["after"]["servers"] for h in hosts} == want
    assert {h: planned["per_host"][h]["site_id"] for h in hosts} == hosts
    assert {d["before_header"].split(":")[0] for d in planned["diff"]} == set(hosts)
    assert "branch2: /ip/dns" in check.stdout and "+servers: 8.8.8.8" in check.stdout  # the diff as shown
    assert mutating_requests(fresh_log.requests()) == []

    # --limit: the play's hosts are the limited ones, and only their sites are read
    fresh_log.clear_requests()
    limited = run_playbook(FLEET_PLAY % "", fresh_log, inventory=inventory, check=True, args=["--limit", "hq,branch2"])
    assert limited.rc == 0, limited.output[-3000:]
    assert sorted(limited.task("DNS servers")["result"]["per_host"]) == ["branch2", "hq"]
    read = {entry["path"].split("/")[3] for entry in fresh_log.requests() if entry["path"].startswith("/api/")}
    assert read == {hosts["hq"], hosts["branch2"]}

    apply = run_playbook(FLEET_PLAY % "verify: true", fresh_log, inventory=inventory)
    assert apply.rc == 0, apply.output[-3000:]
    assert all(r["status"] == "completed" for r in apply.task("DNS servers")["result"]["per_host"].values())
    assert len(mutating_requests(fresh_log.requests())) == len(hosts)  # one job per host
    for host, site_id in hosts.items():
        assert servers_of(fresh_log, site_id) == [want[host]], host
    # the recap: one task result, reported under the host the task ran on (run_once)
    assert apply.task("DNS servers")["host"] == "hq" and apply.task("DNS servers")["status"] == "changed"
    assert "PLAY RECAP" in apply.stdout and "hq" in apply.stdout.split("PLAY RECAP", 1)[1]

    fresh_log.clear_requests()
    again = run_playbook(FLEET_PLAY % "", fresh_log, inventory=inventory)
    assert again.rc == 0 and again.task("DNS servers")["result"]["changed"] is False, again.output[-3000:]
    assert not any(r["changed"] for r in again.task("DNS servers")["result"]["per_host"].values())
    assert mutating_requests(fresh_log.requests()) == []


def test_fleet_mode_needs_run_once_and_a_site_per_host(fresh_log, tmp_path):
    ids = online(fresh_log)[:2]
    inventory = inventory_dir(tmp_path, dict(r1=ids[0], r2=ids[1]), group_vars=dict(all=dict(dns_servers=["1.1.1.1"])))
    fresh_log.clear_requests()
    without = run_playbook(FLEET_PLAY.replace("      run_once: true\n", "") % "", fresh_log, inventory=inventory,
                           check=True)
    assert without.rc != 0
    assert "add run_once: true" in without.task("DNS servers", host="r1")["result"]["msg"]
    assert fresh_log.requests() == []
    (tmp_path / "host_vars" / "r2.yml").write_text(json.dumps(dict(altostrat_site_id=None)))
    missing = run_playbook(FLEET_PLAY % "", fresh_log, inventory=inventory, check=True)
    result = missing.task("DNS servers")["result"]
    assert missing.rc != 0 and result["failed_hosts"] == ["r2"]
    assert "r2 has no altostrat_site_id host variable" in result["per_host"]["r2"]["msg"]
    assert result["per_host"]["r1"]["changed"] is not None and not result["per_host"]["r1"].get("failed")


def test_fleet_facts_give_each_host_its_own_facts_in_the_registered_result(fresh_log, tmp_path):
    ids = online(fresh_log)[:3]
    hosts = dict(zip(["a", "b", "c"], ids))
    inventory = inventory_dir(tmp_path, hosts)
    play_text = """
- hosts: all
  gather_facts: false
  tasks:
    - name: Facts
      altostrat.sdx.altostrat_facts:
        fleet: true
        gather_subset: [min]
      run_once: true
      register: fleet_facts
    - name: Mine
      ansible.builtin.debug:
        msg: "{{ fleet_facts.per_host[inventory_hostname].ansible_facts.altostrat_site.id }}"
"""
    run = run_playbook(play_text, fresh_log, inventory=inventory)
    assert run.rc == 0, run.output[-3000:]
    assert {h: run.task("Mine", host=h)["result"]["msg"] for h in hosts} == hosts
    assert "ansible_facts" not in run.task("Facts")["result"]  # no host is given another site's facts


@pytest.fixture(scope="module")
def big():
    from tests.simulator.harness import Simulator
    with Simulator(sites=24, offline=0, checkin_interval=0.2) as simulator:
        yield simulator


def test_a_staged_rollout_stops_after_the_canaries_when_the_third_fails(big, tmp_path):
    ids = big.site_ids(online=True)[:20]
    names = ["r%02d" % n for n in range(1, 21)]
    hosts = dict(zip(names, ids))
    inventory = inventory_dir(tmp_path, hosts, group_vars=dict(all=dict(dns_servers=["9.9.9.9", "1.0.0.1"])))
    for site_id in ids:
        big.reset(site_id, "default")
    staging = "batches: [3, \"25%\"]\n        max_fail_percentage: 0"
    big.set_online(hosts["r03"], False)
    try:
        big.clear_requests()
        check = run_playbook(FLEET_PLAY % staging, big, inventory=inventory, check=True)
        planned = check.task("DNS servers")["result"]
        # check mode plans every host, whatever fails: no stages
        assert planned["failed_hosts"] == ["r03"] and "not_attempted" not in planned, check.output[-3000:]
        assert all(planned["per_host"][h]["changed"] for h in names if h != "r03")
        assert mutating_requests(big.requests()) == []

        run = run_playbook(FLEET_PLAY % staging, big, inventory=inventory)
    finally:
        big.set_online(hosts["r03"], True)
    assert run.rc != 0
    result = run.task("DNS servers")["result"]
    assert result["msg"].startswith("the rollout stopped after stage 1 of 5: 1 of its 3 hosts failed (r03)"), result["msg"]
    assert "17 hosts not attempted" in result["msg"] and "offline" in result["msg"]
    assert result["failed_hosts"] == ["r03"] and result["not_attempted"] == names[3:]
    assert all(result["per_host"][h]["not_attempted"] for h in names[3:])
    assert [h for h in names if result["per_host"][h].get("status") == "completed"] == ["r01", "r02"]
    written = {entry["path"].split("/")[2] for entry in mutating_requests(big.requests())}
    assert written == {hosts["r01"], hosts["r02"]}
    assert servers_of(big, hosts["r04"]) == []  # never touched
