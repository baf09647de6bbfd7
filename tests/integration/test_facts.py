# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_facts through ansible-playbook: complete, typed facts for RouterOS 6 and 7 sites."""

from __future__ import annotations

import json

import pytest

from tests.integration.playbook import mutating_requests, run_playbook

MIN_FACTS = {
    "ansible_net_hostname": str, "ansible_net_model": str, "ansible_net_serialnum": str, "ansible_net_version": str,
    "ansible_net_arch": str, "ansible_net_uptime": int, "ansible_net_cpu_load": int, "ansible_net_memfree_mb": int,
    "ansible_net_memtotal_mb": int, "altostrat_site": dict,
}


def facts_play(site_id=None, subset=None, **extra):
    args = dict({"site_id": site_id} if site_id else {}, **extra)
    if subset is not None:
        args["gather_subset"] = subset
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: facts
      altostrat.sdx.altostrat_facts: %s
""" % json.dumps(args)


def sites_by_major(sim):
    found = {}
    for site in sim.sites():
        if site["has_pulse"]:
            found.setdefault(site["software_version"].split(".")[0], site)
    return found


@pytest.mark.parametrize("major", ["6", "7"])
def test_all_facts_are_complete_and_typed(fresh_log, major):
    site = sites_by_major(fresh_log)[major]
    fresh_log.clear_requests()
    run = run_playbook(facts_play(site["id"]), fresh_log, diff=False)
    assert run.rc == 0, run.output
    facts = run.task("facts")["result"]["ansible_facts"]
    for name, kind in MIN_FACTS.items():
        assert isinstance(facts[name], kind), (name, facts[name])
    assert facts["ansible_net_version"] == site["software_version"]
    assert facts["ansible_net_version"].startswith(major + ".")
    assert facts["ansible_net_memtotal_mb"] >= facts["ansible_net_memfree_mb"] > 0
    assert facts["altostrat_site"]["id"] == site["id"]
    interfaces = facts["ansible_net_interfaces"]
    assert interfaces and all(isinstance(i["running"], bool) and isinstance(i["ipv4"], list) for i in interfaces.values())
    assert facts["ansible_net_all_ipv4_addresses"]
    assert any(i["ipv4"] for i in interfaces.values())
    assert all(isinstance(r["active"], bool) and isinstance(r["distance"], int) for r in facts["ansible_net_routes"])
    assert isinstance(facts["ansible_net_neighbors"], list)
    assert all(isinstance(s["port"], int) for s in facts["ansible_net_services"].values())
    assert facts["ansible_net_gather_subset"] == ["min", "addresses", "hardware", "interfaces", "routing", "services"]
    assert mutating_requests(fresh_log.requests()) == []


@pytest.mark.parametrize("subset, reads", [
    (["min"], 2),
    (["routing"], 3),
    (["!interfaces", "!routing"], 5),
    (["all"], 8),
])
def test_each_subset_costs_its_documented_reads(fresh_log, subset, reads):
    site = fresh_log.site_ids(online=True)[0]
    fresh_log.clear_requests()
    run = run_playbook(facts_play(site, subset), fresh_log)
    assert run.rc == 0, run.output
    synchronous = fresh_log.requests(path="/api/synchronous/%s" % site)
    assert len(synchronous) == reads
    assert [r["path"] for r in fresh_log.requests(method="GET")] == ["/sites/%s" % site]


def test_check_mode_gathers_the_same_facts_and_writes_nothing(fresh_log):
    site = fresh_log.site_ids(online=True)[0]
    fresh_log.clear_requests()
    run = run_playbook(facts_play(site, ["min"]), fresh_log, check=True)
    assert run.rc == 0, run.output
    assert run.task("facts")["result"]["ansible_facts"]["ansible_net_hostname"]
    assert mutating_requests(fresh_log.requests()) == []


def test_unknown_subset_names_the_choices(fresh_log):
    site = fresh_log.site_ids(online=True)[0]
    fresh_log.clear_requests()
    run = run_playbook(facts_play(site, ["everything"]), fresh_log)
    msg = run.task("facts")["result"]["msg"]
    assert "unknown subset 'everything'" in msg and "hardware" in msg
    assert fresh_log.requests() == []


def test_facts_become_host_facts(fresh_log):
    site = fresh_log.site_ids(online=True)[0]
    playbook = facts_play(site, ["min"]) + """
    - name: use
      ansible.builtin.assert:
        that:
          - ansible_net_hostname | length > 0
          - ansible_net_uptime is number
"""
    run = run_playbook(playbook, fresh_log)
    assert run.rc == 0, run.output


def test_gather_facts_true_fills_facts_through_the_site_connection(fresh_log):
    site = fresh_log.site_ids(online=True)[0]
    inventory = """
    all:
      hosts:
        edge:
          ansible_connection: altostrat.sdx.site
          ansible_python_interpreter: "{{ ansible_playbook_python }}"
          ansible_facts_modules: [altostrat.sdx.altostrat_facts]
          altostrat_site_id: %s
          altostrat_api_url: %s
          altostrat_api_token: %s
    """ % (site, fresh_log.url, fresh_log.token)
    playbook = """
    - hosts: edge
      gather_facts: true
      tasks:
        - name: use
          ansible.builtin.assert:
            that:
              - ansible_net_hostname | length > 0
              - ansible_net_memtotal_mb is number
              - altostrat_site.id == altostrat_site_id
    """
    fresh_log.clear_requests()
    run = run_playbook(playbook, inventory=inventory, env=dict(ALTOSTRAT_API_URL=None, ALTOSTRAT_API_TOKEN=None), verbosity=4)
    assert run.rc == 0, run.output[-4000:]
    assert run.task("use")["status"] == "ok"
    assert fresh_log.requests(path="/sites/%s" % site)
    assert fresh_log.token not in run.output


def inventory_source(tmp_path, cache=False):
    source = tmp_path / "sites.altostrat.yml"
    text = "plugin: altostrat.sdx.sites\n"
    if cache:
        text += "cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\ncache_timeout: 3600\n" % (
            tmp_path / "cache")
    source.write_text(text, encoding="utf-8")
    return str(source)


HOST_FACTS_PLAY = """
- hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: facts
      altostrat.sdx.altostrat_facts:
"""


def test_an_inventory_host_takes_its_site_object_from_the_inventory(fresh_log, tmp_path):
    online = fresh_log.site_ids(online=True)
    fresh_log.clear_requests()
    run = run_playbook(HOST_FACTS_PLAY, fresh_log, inventory=inventory_source(tmp_path))
    assert run.rc == 0, run.output[-3000:]
    # the inventory's two reads, then eight synchronous reads per host and no GET /sites/{id}
    assert sorted(r["path"] for r in fresh_log.requests(method="GET")) == ["/sites", "/tags"]
    assert len(fresh_log.requests(method="POST")) == 8 * len(online)
    by_id = {site["id"]: site for site in fresh_log.sites()}
    results = [r for r in run.results if r["task"] == "facts"]
    assert len(results) == len(online)
    for result in results:
        facts = result["result"]["ansible_facts"]
        assert facts["altostrat_site_source"] == "inventory"
        assert facts["altostrat_site"]["id"] in online
        assert facts["ansible_net_serialnum"] == by_id[facts["altostrat_site"]["id"]]["serial_number"]


def test_what_changes_on_the_router_is_read_live_even_from_a_stale_inventory(fresh_log, tmp_path):
    source = inventory_source(tmp_path, cache=True)
    site = fresh_log.site_ids(online=True)[0]
    first = run_playbook(HOST_FACTS_PLAY, fresh_log, inventory=source)
    assert first.rc == 0, first.output[-3000:]
    before = [r for r in first.results if r["task"] == "facts" and
              r["result"]["ansible_facts"]["altostrat_site"]["id"] == site][0]["result"]["ansible_facts"]
    assert fresh_log.run_script(site, '/system identity set name="renamed-since"')["ok"]
    fresh_log.clear_requests()
    second = run_playbook(HOST_FACTS_PLAY, fresh_log, inventory=source)
    assert second.rc == 0, second.output[-3000:]
    assert fresh_log.requests(method="GET") == []  # the inventory came from its cache: its site objects are old
    facts = [r for r in second.results if r["task"] == "facts" and
             r["result"]["ansible_facts"]["altostrat_site"]["id"] == site][0]["result"]["ansible_facts"]
    assert facts["altostrat_site_source"] == "inventory"
    assert facts["altostrat_site"]["identity"] == before["altostrat_site"]["identity"] != "renamed-since"
    assert facts["ansible_net_hostname"] == "renamed-since"  # the live identity, not the inventory's
    assert {s["id"]: s for s in fresh_log.sites()}[site]["identity"] == "renamed-since"  # SDX knows it too


def test_a_task_naming_another_site_reads_that_site_from_the_api(fresh_log, tmp_path):
    online = fresh_log.site_ids(online=True)
    mine, other = online[:2]
    fresh_log.clear_requests()
    play = """
- hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: facts
      altostrat.sdx.altostrat_facts:
        site_id: "{{ other }}"
        gather_subset: [min]
      when: altostrat_site_id == mine
"""
    run = run_playbook(play, fresh_log, inventory=inventory_source(tmp_path), extra_vars=dict(mine=mine, other=other))
    assert run.rc == 0, run.output[-3000:]
    ran = [r for r in run.results if r["task"] == "facts" and r["status"] != "skipped"]
    assert len(ran) == 1
    facts = ran[0]["result"]["ansible_facts"]
    assert facts["altostrat_site"]["id"] == other and facts["altostrat_site_source"] == "api"
    assert [r["path"] for r in fresh_log.requests(method="GET") if r["path"].startswith("/sites/")] == ["/sites/" + other]


def test_fleet_facts_read_every_site_object_in_one_request(fresh_log):
    ids = fresh_log.site_ids(online=True)
    fresh_log.clear_requests()
    run = run_playbook(facts_play(subset=["min"], site_ids=ids), fresh_log)
    assert run.rc == 0, run.output[-3000:]
    assert [r["path"] for r in fresh_log.requests(method="GET")] == ["/sites"]
    assert len(fresh_log.requests(method="POST")) == 2 * len(ids)
    per_site = run.task("facts")["result"]["per_site"]
    assert all(per_site[s]["ansible_facts"]["altostrat_site"]["id"] == s for s in ids)
    assert {per_site[s]["ansible_facts"]["altostrat_site_source"] for s in ids} == {"api"}
