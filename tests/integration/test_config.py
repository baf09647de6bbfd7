# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_config through ansible-playbook: check, apply, converge, drift found exactly, drift repaired."""

from __future__ import annotations

import json

import pytest

from tests.integration.playbook import mutating_requests, run_playbook

# path, module arguments, a drift script run on the router directly, what the drift check must report
CASES = {
    "addresses": (
        dict(path="/ip/address", entries=[{"address": "10.50.0.1/24", "interface": "bridge", "comment": "guest"}]),
        '/ip address set [find where address="10.50.0.1/24"] comment=tampered',
        [("set", {"comment": "guest"})]),
    "address lists": (
        dict(path="/ip/firewall/address-list", restrict={"list": "blocklist"}, handle_absent_entries="remove",
             entries=[{"list": "blocklist", "address": "203.0.113.7", "comment": "scanner"},
                      {"list": "blocklist", "address": "198.51.100.0/24"}]),
        "/ip firewall address-list add list=blocklist address=192.0.2.99",
        [("remove", None)]),
    "dns static": (
        dict(path="/ip dns static", entries=[{"name": "nas.lan", "address": "192.168.88.10", "ttl": "1h"}]),
        "/ip dns static remove [find where name=nas.lan]",
        [("add", {"name": "nas.lan", "address": "192.168.88.10", "ttl": "1h"})]),
    "firewall filter, ordered": (
        dict(path="/ip/firewall/filter", restrict={"chain": "input"}, handle_absent_entries="remove", ensure_order=True,
             entries=[{"chain": "input", "action": "accept", "connection-state": "established,related", "comment": "est"},
                      {"chain": "input", "action": "drop", "connection-state": "invalid", "comment": "invalid"},
                      {"chain": "input", "action": "accept", "protocol": "icmp", "comment": "icmp"},
                      {"chain": "input", "action": "drop", "in-interface-list": "!LAN", "comment": "not from LAN"}]),
        '/ip firewall filter move [find where comment=icmp] destination=[find where comment=est]',
        [("move", None)] * 3),
    "dhcp networks": (
        dict(path="/ip/dhcp-server/network",
             entries=[{"address": "192.168.88.0/24", "gateway": "192.168.88.1", "dns-server": "1.1.1.1,9.9.9.9"}]),
        '/ip dhcp-server network set [find where address="192.168.88.0/24"] dns-server=8.8.8.8',
        [("set", {"dns-server": "1.1.1.1,9.9.9.9"})]),
    "identity": (
        dict(path="/system/identity", entries=[{"name": "edge-01"}]),
        "/system identity set name=someone-else",
        [("set", {"name": "edge-01"})]),
    "dns settings": (
        dict(path="/ip/dns", entries={"servers": ["1.1.1.1", "9.9.9.9"], "allow-remote-requests": True, "cache-max-ttl": "1d"}),
        "/ip dns set allow-remote-requests=no",
        [("set", {"allow-remote-requests": "yes"})]),
    "ntp client": (
        dict(path="/system/ntp/client", entries=[{"enabled": True, "servers": "pool.ntp.org"}]),
        "/system ntp client set enabled=no",
        [("set", {"enabled": "yes"})]),
    "scheduler": (
        dict(path="/system/scheduler", entries=[{
            "name": "nightly", "interval": "1d", "start-time": "03:00:00",
            "on-event": ':log info "nightly \\"run\\" $[/system identity get name]"'}]),
        "/system scheduler set [find where name=nightly] interval=2d",
        [("set", {"interval": "1d"})]),
}


def config_play(site, args, **extra):
    options = dict(site_id=site, make_backup=False, poll_interval=0.2)
    options.update(args)
    options.update(extra)
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: config
      altostrat.sdx.altostrat_config: %s
""" % json.dumps(options)


def site_for(sim, major="7"):
    for site in sim.sites():
        if site["has_pulse"] and site["software_version"].startswith(major + "."):
            return site["id"]
    raise AssertionError("no online RouterOS %s site" % major)


@pytest.mark.parametrize("name", list(CASES))
def test_check_apply_converge_drift_repair(fresh_log, name):
    args, drift, expected_drift = CASES[name]
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    fresh_log.clear_requests()

    check = run_playbook(config_play(site, args), fresh_log, check=True, diff=True)
    assert check.rc == 0, check.output
    planned = check.task("config")["result"]
    assert planned["changed"] is True and planned["script"]
    assert mutating_requests(fresh_log.requests()) == []

    apply = run_playbook(config_play(site, args, verify=True), fresh_log)
    assert apply.rc == 0, apply.output
    applied = apply.task("config")["result"]
    assert applied["changed"] is True and applied["status"] == "completed"
    assert applied["script"] == planned["script"]

    fresh_log.clear_requests()
    again = run_playbook(config_play(site, args), fresh_log, check=True)
    assert again.task("config")["result"]["changed"] is False, again.task("config")["result"]["plan"]
    rerun = run_playbook(config_play(site, args), fresh_log)
    assert rerun.task("config")["result"]["changed"] is False
    assert mutating_requests(fresh_log.requests()) == []

    result = fresh_log.run_script(site, drift)
    assert result["ok"], result
    drifted = run_playbook(config_play(site, args), fresh_log, check=True, diff=True)
    plan = drifted.task("config")["result"]["plan"]
    assert [(a["action"], a["after"]) for a in plan] == expected_drift
    assert mutating_requests(fresh_log.requests()) == []

    repaired = run_playbook(config_play(site, args, verify=True), fresh_log)
    assert repaired.rc == 0, repaired.output
    assert repaired.task("config")["result"]["changed"] is True
    final = run_playbook(config_play(site, args), fresh_log, check=True)
    assert final.task("config")["result"]["changed"] is False


def test_gathered_returns_the_module_input_format_and_round_trips(fresh_log):
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    gathered = run_playbook(config_play(site, dict(path="/ip/dns/static", state="gathered")), fresh_log)
    entries = gathered.task("config")["result"]["gathered"]
    assert entries and all("name" in e and ".id" not in e for e in entries)
    fresh_log.clear_requests()
    same = run_playbook(config_play(site, dict(path="/ip/dns/static", entries=entries)), fresh_log)
    assert same.task("config")["result"]["changed"] is False
    assert mutating_requests(fresh_log.requests()) == []


def test_handle_entries_content_remove_unsets_what_the_entry_does_not_give(fresh_log):
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    fresh_log.run_script(site, "/ip firewall address-list add list=x address=192.0.2.5 comment=stale")
    args = dict(path="/ip/firewall/address-list", entries=[{"list": "x", "address": "192.0.2.5"}], handle_entries_content="remove")
    run = run_playbook(config_play(site, args, verify=True), fresh_log)
    assert run.rc == 0, run.output
    assert "unset" in run.task("config")["result"]["script"]
    assert "stale" not in fresh_log.export(site)


def test_built_in_entries_are_set_but_never_added_or_removed(fresh_log):
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    run = run_playbook(config_play(site, dict(path="/ip/service", entries=[{"name": "telnet", "disabled": True}],
                                              handle_absent_entries="remove")), fresh_log)
    assert run.rc == 0, run.output
    assert run.task("config")["result"]["script"].splitlines()[1:] == [
        "# set name=telnet", "set %s disabled=yes" % run.task("config")["result"]["plan"][0]["id"]]
    bad = run_playbook(config_play(site, dict(path="/ip/service", entries=[{"name": "gopher", "disabled": True}])), fresh_log)
    assert "cannot be added" in bad.task("config")["result"]["msg"]


@pytest.mark.parametrize("args, message", [
    (dict(path="/ip/address/print", entries=[]), "path must name a menu"),
    (dict(path="/ip address; /system reboot", entries=[]), "is not a RouterOS command path"),
    (dict(path="/ip/address", entries=[{"interface": "bridge"}]), "lacks the key property address"),
    (dict(path="/ip/address", entries=[{"address": "10.0.0.1/24"}, {"address": "10.0.0.1/24", "comment": "x"}]),
     "have the same keys"),
    (dict(path="/ip/dns", entries=[{"servers": "1.1.1.1"}, {"servers": "9.9.9.9"}]), "holds one item"),
    (dict(path="/ip/address", entries=[{"address": "10.0.0.1/24", "bad key": "x"}]), "is not a RouterOS property name"),
    (dict(path="/ip/address", entries=[{"address": "10.0.0.1/24", "comment": {"a": 1}}]), "a value must be text"),
    (dict(path="/ip/firewall/address-list", restrict={"list": "a"}, entries=[{"list": "b", "address": "1.1.1.1"}]),
     "outside restrict"),
    (dict(path="/ip/address", ensure_order=True, entries=[{"address": "10.0.0.1/24"}]), "ordered menus only"),
    (dict(path="/ip/firewall/filter", ensure_order=True, entries=[{"chain": "input", "action": "accept"}]),
     "needs handle_absent_entries=remove"),
    (dict(path="/ip/arp", entries=[{"address": "10.0.0.9", "interface": "ether1"}]), "keys is required"),
    (dict(path="/ip/address"), "state=present needs entries"),
])
def test_bad_input_is_a_clear_error_and_queues_nothing(fresh_log, args, message):
    site = site_for(fresh_log)
    fresh_log.clear_requests()
    run = run_playbook(config_play(site, args), fresh_log)
    assert run.rc != 0
    assert message in run.task("config")["result"]["msg"]
    assert mutating_requests(fresh_log.requests()) == []


MENUS = [
    dict(name="DNS servers", path="/ip/dns", entries={"servers": ["1.1.1.1", "9.9.9.9"]}),
    dict(name="Blocklist", path="/ip/firewall/address-list", restrict={"list": "blocklist"},
         handle_absent_entries="remove", entries=[{"list": "blocklist", "address": "203.0.113.7"}]),
]


def test_menus_plan_and_apply_several_menus_in_one_task(fresh_log):
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    fresh_log.run_script(site, "/ip dns set servers=8.8.8.8\n/ip firewall address-list add list=blocklist address=192.0.2.99")
    fresh_log.clear_requests()

    check = run_playbook(config_play(site, dict(menus=MENUS)), fresh_log, check=True, diff=True)
    assert check.rc == 0, check.output
    planned = check.task("config")["result"]
    assert [(m["name"], m["path"], [a["action"] for a in m["plan"]]) for m in planned["menus"]] == [
        ("DNS servers", "/ip/dns", ["set"]), ("Blocklist", "/ip/firewall/address-list", ["add", "remove"])]
    assert planned["changed"] is True and "script" not in planned
    headers = [entry["before_header"] for entry in planned["diff"]]
    assert headers[0].startswith("DNS servers: ") and headers[-1].startswith("Blocklist: "), headers
    assert mutating_requests(fresh_log.requests()) == []

    apply = run_playbook(config_play(site, dict(menus=MENUS), verify=True), fresh_log)
    assert apply.rc == 0, apply.output
    applied = apply.task("config")["result"]["menus"]
    assert [m["script"] for m in applied] == [m["script"] for m in planned["menus"]]
    assert len({m["job_id"] for m in applied}) == 2, "one job per menu"
    export = fresh_log.export(site)
    assert "servers=1.1.1.1,9.9.9.9" in export and "192.0.2.99" not in export

    fresh_log.clear_requests()
    rerun = run_playbook(config_play(site, dict(menus=MENUS)), fresh_log)
    assert rerun.rc == 0 and rerun.task("config")["result"]["changed"] is False, rerun.output
    assert mutating_requests(fresh_log.requests()) == []


def test_menus_a_failing_menu_fails_the_task_and_the_others_are_still_planned(fresh_log):
    site = site_for(fresh_log)
    fresh_log.reset(site, "default")
    fresh_log.run_script(site, "/ip dns set servers=8.8.8.8")
    fresh_log.clear_requests()
    menus = [MENUS[0], dict(path="/ip/no-such-menu", entries=[{"name": "x"}], keys=["name"])]
    run = run_playbook(config_play(site, dict(menus=menus)), fresh_log, check=True)
    result = run.task("config")["result"]
    assert run.rc != 0 and run.task("config")["status"] == "failed"
    assert "1 of 2 menus failed" in result["msg"] and "menus[1] (/ip/no-such-menu)" in result["msg"], result["msg"]
    assert [m.get("failed", False) for m in result["menus"]] == [False, True]
    assert result["menus"][0]["plan"][0]["after"] == {"servers": "1.1.1.1,9.9.9.9"}
    assert mutating_requests(fresh_log.requests()) == []


@pytest.mark.parametrize("args, message", [
    (dict(menus=MENUS, path="/ip/dns"), "menus and path are mutually exclusive"),
    (dict(menus=MENUS, handle_absent_entries="remove"), "menus and handle_absent_entries are mutually exclusive"),
    (dict(menus=[dict(entries=[{"name": "x"}])]), "menus[0] needs path"),
    (dict(menus=[dict(path="/ip/dns", entries={"servers": "1.1.1.1"}, entires=[])]),
     "unsupported parameter menus.entires (did you mean entries?)"),
])
def test_menus_bad_input_is_refused_before_any_request(fresh_log, args, message):
    site = site_for(fresh_log)
    fresh_log.clear_requests()
    run = run_playbook(config_play(site, args), fresh_log)
    assert run.rc != 0 and message in run.task("config")["result"]["msg"], run.task("config")["result"]["msg"]
    assert fresh_log.requests() == []


def test_menus_empty_plans_nothing_and_skips(fresh_log):
    site = site_for(fresh_log)
    fresh_log.clear_requests()
    run = run_playbook(config_play(site, dict(menus=[])), fresh_log)
    assert run.rc == 0 and run.task("config")["status"] == "skipped", run.output
    assert fresh_log.requests() == []
