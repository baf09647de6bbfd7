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


def facts_play(site_id, subset=None):
    args = {"site_id": site_id}
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
