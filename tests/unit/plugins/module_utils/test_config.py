# SPDX-License-Identifier: GPL-3.0-or-later
"""Declarative planning: matching entries, comparing values, rendering one script."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.config import (
    check_entries, config_path, equal, plan_config, render_script, to_routeros)

FILTER = "/ip/firewall/filter"
RULES = [
    {".id": "*1", "chain": "input", "action": "accept", "comment": "a", "dynamic": "false", "bytes": "10"},
    {".id": "*2", "chain": "forward", "action": "accept", "comment": "fwd", "dynamic": "false"},
    {".id": "*3", "chain": "input", "action": "drop", "comment": "b", "dynamic": "false"},
    {".id": "*4", "chain": "input", "action": "passthrough", "comment": "counter", "dynamic": "true"},
]


def plan(menu, items, entries, keys=None, restrict=None, absent="ignore", order=False):
    restrict = {k: v if isinstance(v, list) else [v] for k, v in (restrict or {}).items()}
    return plan_config(menu, items, check_entries(menu, entries, keys, restrict), keys, restrict, absent, "ignore", order)


@pytest.mark.parametrize("prop, a, b", [
    ("policy", "read,write,test", "test,read,write"), ("address", "10.0.0.1/32", "10.0.0.1"), ("disabled", True, "false")])
def test_values_compare_as_routeros_means_them(prop, a, b):
    assert equal(prop, to_routeros(a) if isinstance(a, bool) else a, b) is (prop != "disabled")


def test_yaml_values_become_routeros_text():
    assert to_routeros(True) == "yes" and to_routeros(["1.1.1.1", "9.9.9.9"]) == "1.1.1.1,9.9.9.9" and to_routeros(30) == "30"


def test_console_paths_and_commands():
    assert config_path("/ip firewall address-list") == "/ip/firewall/address-list"
    with pytest.raises(SdxError, match="must name a menu"):
        config_path("/ip/address/add")


def test_matching_entries_are_set_missing_ones_added():
    items = [{".id": "*1", "address": "10.0.0.1/24", "interface": "bridge", "comment": "old", "dynamic": "false"}]
    actions = plan("/ip/address", items, [{"address": "10.0.0.1/24", "comment": "new"}, {"address": "10.0.1.1/24", "interface": "bridge"}],
                   ["address"])
    assert [(a["action"], a["line"]) for a in actions] == [("set", "set *1 comment=new"),
                                                           ("add", "add address=10.0.1.1/24 interface=bridge")]


def test_restrict_limits_what_is_removed_and_dynamic_items_are_left_alone():
    actions = plan(FILTER, RULES, [{"chain": "input", "action": "accept", "comment": "a"}], restrict={"chain": "input"},
                   absent="remove")
    assert [(a["action"], a.get("id")) for a in actions] == [("remove", "*3")]


def test_order_is_repaired_with_moves_and_new_entries_are_placed():
    entries = [{"chain": "input", "action": "drop", "comment": "b"}, {"chain": "input", "action": "accept", "comment": "new"},
               {"chain": "input", "action": "accept", "comment": "a"}]
    actions = plan(FILTER, RULES, entries, restrict={"chain": "input"}, absent="remove", order=True)
    script = render_script(FILTER, actions)
    assert script.splitlines() == [
        "/ip firewall filter",
        "move *3 destination=*1",
        "add chain=input action=accept comment=new place-before=*1",
    ]


def test_in_order_means_no_moves():
    entries = [{"chain": "input", "action": "accept", "comment": "a"}, {"chain": "input", "action": "drop", "comment": "b"}]
    assert plan(FILTER, RULES, entries, restrict={"chain": "input"}, absent="remove", order=True) == []


def test_single_value_menus_set_only_what_differs():
    actions = plan("/ip/dns", [{"servers": "8.8.8.8", "allow-remote-requests": "true"}],
                   {"servers": ["1.1.1.1"], "allow-remote-requests": True})
    assert render_script("/ip/dns", actions) == "/ip dns\nset servers=1.1.1.1\n"
