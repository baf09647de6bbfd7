# SPDX-License-Identifier: GPL-3.0-or-later
"""Declarative planning: matching entries, comparing values, rendering one script."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import check_property_names as check_names
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_entries import check_entries, equal
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_plan import plan_config, render_script
from ansible_collections.altostrat.sdx.plugins.module_utils.run.config import config_path
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import to_routeros

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
    assert [(a.as_plan()["action"], a.as_plan()["line"]) for a in actions] == [
        ("set", "set *1 comment=new"), ("add", "add address=10.0.1.1/24 interface=bridge")]


def test_restrict_limits_what_is_removed_and_dynamic_items_are_left_alone():
    actions = plan(FILTER, RULES, [{"chain": "input", "action": "accept", "comment": "a"}], restrict={"chain": "input"},
                   absent="remove")
    assert [(a.as_plan()["action"], a.as_plan().get("id")) for a in actions] == [("remove", "*3")]


def test_order_is_repaired_with_moves_and_new_entries_are_placed():
    entries = [{"chain": "input", "action": "drop", "comment": "b"}, {"chain": "input", "action": "accept", "comment": "new"},
               {"chain": "input", "action": "accept", "comment": "a"}]
    actions = plan(FILTER, RULES, entries, restrict={"chain": "input"}, absent="remove", order=True)
    script = render_script(FILTER, actions)
    assert script.splitlines() == [
        "/ip firewall filter",
        "# move action=drop chain=input comment=b",  # the entry a reviewer knows, over the id the router needs
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


# --- property names are checked against the router ------------------------------------------------

class _Ctx:
    def __init__(self, inspect=None):
        self.warnings = []
        self.requests = []
        self.client = self
        self.inspect = inspect

    def warn(self, message):
        self.warnings.append(message)

    def post(self, path, json_body=None, read=True):
        self.requests.append(json_body)
        if self.inspect is None:
            from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError
            raise SdxApiError("POST", path, 400, {"code": "routeros_error", "message": "no such command prefix"})
        return [{"type": "child", "name": name, "node-type": "arg"} for name in self.inspect]


SITE = "5b3c6f0e-8d2a-4c1e-9f47-1a2b3c4d5e6f"


def check(ctx, menu, entries, items):
    check_names(ctx.client, SITE, menu, entries, items, ctx.warn)


DNS = [{"servers": "8.8.8.8", "allow-remote-requests": "false", "cache-size": "2048KiB"}]
ADDRESSES = [{".id": "*1", "address": "10.0.0.1/24", "interface": "bridge", "network": "10.0.0.0", "disabled": "false"}]


def test_a_misspelt_property_of_a_settings_menu_is_refused_naming_property_menu_and_what_the_router_showed():
    with pytest.raises(SdxError) as caught:
        check(_Ctx(), "/ip/dns", [{"servrs": "1.1.1.1"}], DNS)
    message = str(caught.value)
    assert "'servrs'" in message and "/ip/dns" in message and "did you mean 'servers'" in message
    assert "allow-remote-requests, cache-size, servers" in message


def test_a_misspelling_in_a_list_menu_is_refused_and_an_unseen_property_only_warned():
    ctx = _Ctx()
    with pytest.raises(SdxError, match="'interfce'.*did you mean 'interface'"):
        check(ctx, "/ip/address", [{"address": "10.0.1.1/24", "interfce": "bridge"}], ADDRESSES)
    check(ctx, "/ip/address", [{"address": "10.0.1.1/24", "comment": "x"}], ADDRESSES)
    assert ctx.warnings and "comment" in ctx.warnings[0]


def test_an_empty_menu_cannot_tell_and_warns():
    ctx = _Ctx()
    check(ctx, "/ip/address", [{"address": "10.0.1.1/24", "interface": "x"}], [])
    assert len(ctx.warnings) == 1 and "empty" in ctx.warnings[0]


def test_the_router_describing_its_arguments_decides():
    ctx = _Ctx(inspect=["address", "interface", "comment", "disabled", "network"])
    check(ctx, "/ip/address", [{"address": "10.0.1.1/24", "comment": "x"}], ADDRESSES)
    assert ctx.warnings == [] and ctx.requests[0]["command"] == "/console/inspect"
    assert "=path=ip,address,add" in ctx.requests[0]["parameters"]
    with pytest.raises(SdxError, match="has no property 'colour'; the router lists: address, comment"):
        check(ctx, "/ip/address", [{"address": "10.0.1.1/24", "colour": "x"}], ADDRESSES)


def test_a_read_that_shows_every_property_needs_no_further_request():
    ctx = _Ctx()
    check(ctx, "/ip/dns", [{"servers": "1.1.1.1", "allow-remote-requests": True}], DNS)
    assert ctx.requests == [] and ctx.warnings == []


def test_a_menu_outside_the_catalogue_is_planned_from_its_read():
    items = [{"enabled": "false", "interval": "1m", "hosts": ""}]  # one item without .id: a settings menu
    actions = plan_config("/tool/watchdog", items, check_entries("/tool/watchdog", [{"enabled": "yes"}], None, {}), None, {},
                          "ignore", "ignore", False)
    assert render_script("/tool/watchdog", actions) == "/tool watchdog\nset enabled=yes\n"
