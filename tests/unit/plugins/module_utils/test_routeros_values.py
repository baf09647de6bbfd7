# SPDX-License-Identifier: GPL-3.0-or-later
"""One notion of "already set": the shared equality table, on which altostrat_job's planner and
altostrat_config's planner must give the same answer as the table."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_entries import check_entries
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_plan import plan_config
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.script_plan import plan_script
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import quote
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import (
    canonical, duration_ms, same_value, to_bool, to_routeros)

# (menu, property, wanted, what the router shows, the same?)
TABLE = [
    ("/ip/firewall/filter", "connection-state", "established,related", "related,established", True),
    ("/ip/firewall/filter", "connection-state", "established,related", "established,related,untracked", False),
    ("/ip/firewall/address-list", "address", "10.0.0.1", "10.0.0.1/32", True),
    ("/ip/firewall/address-list", "address", "10.0.0.1/32", "10.0.0.1", True),
    ("/ip/firewall/address-list", "address", "10.0.0.0/24", "10.0.0.0/25", False),
    ("/ipv6/address", "address", "2001:db8:0:0::1/128", "2001:db8::1", True),
    ("/ip/dns", "allow-remote-requests", "yes", "true", True),
    ("/ip/dns", "allow-remote-requests", "no", "false", True),
    ("/ip/dns", "allow-remote-requests", "yes", "false", False),
    ("/ip/dns", "cache-max-ttl", "1d", "24h", True),
    ("/ip/dns", "cache-max-ttl", "1d", "1d00:00:00", True),
    ("/ip/dns", "cache-max-ttl", "1w", "7d", True),
    ("/ip/dns", "cache-max-ttl", "1d", "23h", False),
    ("/ip/dns", "query-server-timeout", "2s", "2000ms", True),
    ("/ip/dns", "cache-size", "4096KiB", "4194304", True),
    ("/queue/simple", "max-limit", "25M/25M", "25000000/25000000", True),
    ("/queue/simple", "max-limit", "25M/25M", "25000000/50000000", False),
    ("/queue/simple", "limit-at", "1500k/1500k", "1500000/1500000", True),
    ("/ip/dns", "servers", "1.1.1.1,9.9.9.9", "9.9.9.9,1.1.1.1", False),  # resolver order matters
    ("/ip/dns", "servers", "1.1.1.1, 9.9.9.9", "1.1.1.1,9.9.9.9", True),
    ("/interface/bridge/vlan", "tagged", "sfp1,bridge", "bridge,sfp1", True),
    ("/ip/service", "address", "10.0.0.0/8,192.168.0.0/16", "192.168.0.0/16,10.0.0.0/8", True),
    ("/user/group", "policy", "read,write,test", "test,read,write", True),
    ("/system/logging", "topics", "info,!debug", "!debug,info", True),
    ("/interface/ethernet", "mac-address", "AA:BB:CC:DD:EE:0F", "aa:bb:cc:dd:ee:0f", True),
    ("/interface/bridge", "priority", "0x8000", "32768", True),
    ("/interface/bridge", "name", "Bridge", "bridge", False),
    ("/ip/address", "comment", "yes", "true", False),  # free text is compared as written
    ("/ip/address", "comment", "1d", "24h", False),
    ("/ip/address", "comment", "a, b", "a,b", False),
    ("/ip/address", "comment", "", None, True),
    ("/system/scheduler", "start-time", "03:00:00", "3h", True),
]


def job_says_same(menu, prop, wanted, current):
    """altostrat_job: would `set` change the router?"""
    item = {".id": "*1", "k": "1"}
    if current is not None:
        item[prop] = current
    script = "/%s set [ find k=1 ] %s=%s" % (menu.strip("/").replace("/", " "), prop, quote(wanted))
    (entry,) = plan_script(script, {menu: [item]})
    return entry["would_change"] == "no"


def config_says_same(menu, prop, wanted, current):
    """altostrat_config: would the entry need a change?"""
    item = {".id": "*1", "k": "1"}
    if current is not None:
        item[prop] = current
    entries = check_entries(menu, [{"k": "1", prop: wanted}], ["k"], {})
    return plan_config(menu, [item], entries, ["k"], {}, "ignore", "ignore", False) == []


@pytest.mark.parametrize("menu, prop, wanted, current, same", TABLE)
def test_both_planners_answer_the_shared_table_alike(menu, prop, wanted, current, same):
    assert same_value(wanted, current, prop, menu) is same
    assert job_says_same(menu, prop, wanted, current) is same
    assert config_says_same(menu, prop, wanted, current) is same


@pytest.mark.parametrize("menu, prop, wanted, current, same", TABLE)
def test_equal_values_share_one_canonical_form(menu, prop, wanted, current, same):
    assert (canonical(wanted, prop, menu) == canonical(current, prop, menu)) is same


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("yes", True), ("false", False), ("no", False), (True, True), ("", None), (None, None),
    ("maybe", None), ("on", None)])
def test_to_bool_reads_routeros_booleans_only(value, expected):
    assert to_bool(value) is expected


@pytest.mark.parametrize("value, ms", [
    ("500ms", 500), ("1h8s", 3608000), ("1w2d03:04:05", (604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000),
    ("00:00:01.250", 1250), ("later", None), ("", None), ("10", 0)])
def test_durations(value, ms):
    assert duration_ms(value) == (None if ms is None else ms) or (value == "10" and duration_ms(value) is None)


def test_yaml_values_as_routeros_text():
    assert to_routeros(True) == "yes" and to_routeros(["1.1.1.1", "9.9.9.9"]) == "1.1.1.1,9.9.9.9" and to_routeros(None) == ""
