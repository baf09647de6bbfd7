# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading scripts and planning them against the router's state."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.script_plan import (
    paths_to_read, plan_diff, plan_script, summarise)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import parse_script, quote, unquote
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import canonical, same_value

STATE = {
    "/ip/address": [
        {".id": "*1", "address": "192.168.88.1/24", "interface": "bridge", "comment": "defconf", "disabled": "false",
         "dynamic": "false"},
        {".id": "*2", "address": "100.64.0.2/24", "interface": "ether1", "disabled": "false", "dynamic": "true"},
    ],
    "/ip/dns": [{"servers": "8.8.8.8", "allow-remote-requests": "true", "cache-max-ttl": "1w"}],
    "/system/identity": [{"name": "MikroTik"}],
    "/ip/service": [{".id": "*1", "name": "telnet", "port": "23", "disabled": "false"},
                    {".id": "*2", "name": "ssh", "port": "22", "disabled": "false"}],
    "/interface/ethernet": [{".id": "*1", "name": "ether1", "default-name": "ether1", "comment": ""}],
    "/ip/firewall/address-list": [{".id": "*1", "list": "blocklist", "address": "203.0.113.7", "disabled": "false"}],
}


def plan_of(script, state=None):
    return plan_script(script, STATE if state is None else state)


def verdicts(script, state=None):
    return [entry["would_change"] for entry in plan_of(script, state)]


# --- reading scripts ---------------------------------------------------------------------------

@pytest.mark.parametrize("written, value", [
    ('"a b"', "a b"), ('"say \\"hi\\""', 'say "hi"'), ('"back\\\\slash"', "back\\slash"), ('"\\$HOME"', "$HOME"),
    ('"why\\?"', "why?"), ('"two\\nlines"', "two\nlines"), ('"tab\\there"', "tab\there"), ('"cr\\r"', "cr\r"),
    ('"space\\_here"', "space here"), ('"\\41\\42"', "AB"), ('"Zürich ✓"', "Zürich ✓"), ("plain", "plain"),
])
def test_unquote_resolves_every_escape(written, value):
    assert unquote(written) == value


@pytest.mark.parametrize("value", ["plain", "a b", 'say "hi"', "back\\slash", "$HOME", "why?", "two\nlines", "tab\t",
                                   "semi;colon", "[find]", "Zürich ✓", "", "-leading", "*1", "x=y", "{block}", "\x01"])
def test_quote_round_trips_through_unquote(value):
    assert unquote(quote(value)) == value


def test_quote_leaves_simple_values_bare():
    assert quote("192.168.88.1/24") == "192.168.88.1/24"
    assert quote("1.1.1.1,9.9.9.9") == "1.1.1.1,9.9.9.9"
    assert quote("a b") == '"a b"'


def test_absolute_and_relative_paths_and_menu_lines():
    commands = parse_script("/ip address\nadd address=10.0.0.1/24 interface=bridge\n/ip dns set servers=1.1.1.1\n"
                            "/interface\nbridge add name=br2\n.. \n")
    assert [(c.menu, c.verb) for c in commands if c.kind == "command"] == [
        ("/ip/address", "add"), ("/ip/dns", "set"), ("/interface/bridge", "add")]
    assert [c.menu for c in commands if c.kind == "menu"] == ["/ip/address", "/interface", "/"]


def test_continuations_comments_and_semicolons():
    script = "# a comment\n/ip firewall filter add chain=input \\\n    action=accept comment=\"x; y\"; /ip dns set servers=1.1.1.1\n"
    commands = parse_script(script)
    assert [(c.menu, c.verb, c.line) for c in commands] == [("/ip/firewall/filter", "add", 2), ("/ip/dns", "set", 2)]
    assert commands[0].args == {"chain": "input", "action": "accept", "comment": "x; y"}


@pytest.mark.parametrize("selector, expected", [
    ("[find]", ("find", ("and", []))),
    ("[find where list=blocklist]", ("find", ("cmp", "list", "=", "blocklist"))),
    ("[ find default-name=ether1 ]", ("find", ("cmp", "default-name", "=", "ether1"))),
    ('[find where comment="a b" and disabled=no]', ("find", ("and", [("cmp", "comment", "=", "a b"), ("cmp", "disabled", "=", "no")]))),
    ("[find where !dynamic]", ("find", ("flag", "dynamic", True))),
    ("[find where name~\"^eth\"]", ("find", ("cmp", "name", "~", "^eth"))),
    ("[find where address in 10.0.0.0/8 or not disabled]",
     ("find", ("or", [("cmp", "address", "in", "10.0.0.0/8"), ("not", ("flag", "disabled", False))]))),
    ("[find where (a=1 || b=2) && !(c~x)]",
     ("find", ("and", [("or", [("cmp", "a", "=", "1"), ("cmp", "b", "=", "2")]), ("not", ("cmp", "c", "~", "x"))]))),
])
def test_find_selectors(selector, expected):
    (command,) = parse_script("/interface set %s comment=x" % selector)
    assert command.selector == expected and command.unknown is None


@pytest.mark.parametrize("script, reason", [
    (':log info "hello"', "scripting"),
    (":foreach i in=[/ip address find] do={ :put $i }", "scripting"),
    (":if ([/system identity get name] = \"x\") do={ /system reboot }", "scripting"),
    ("/system reboot", "command /system reboot"),
    ("/system script run nightly", "command /system/script run"),
    ('/tool fetch url="https://example.com/x.rsc"', "command /tool fetch"),
    ("/ip address add address=$addr interface=bridge", "variable"),
    ("/ip address set [find where address=1.1.1.1/32 or disabled and comment=x] comment=x", "selector"),
    ("/ip address set [find where comment=$c] comment=x", "variable"),
    ('/ip address add comment="unterminated', "unbalanced"),
])
def test_what_cannot_be_predicted_is_unknown(script, reason):
    (entry,) = plan_of(script)
    assert entry["would_change"] == "unknown" and reason in entry["reason"]


# --- normalisation --------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("yes", "true"), ("no", "false"), ("1d", "24h"), ("1d", "1d00:00:00"), ("1w", "7d"), ("00:05:00", "5m"),
    ("AA:BB:CC:DD:EE:FF", "aa:bb:cc:dd:ee:ff"), ("1.1.1.1, 9.9.9.9", "1.1.1.1,9.9.9.9"), (" x ", "x"),
])
def test_equal_values_normalise_alike(a, b):
    assert same_value(a, b)


@pytest.mark.parametrize("a, b", [("yes", "no"), ("1d", "23h"), ("1.1.1.1,9.9.9.9", "9.9.9.9,1.1.1.1"), ("Bridge", "bridge")])
def test_different_values_stay_different(a, b):
    assert not same_value(a, b)


def test_canonical_handles_missing():
    assert canonical(None) == "" and same_value("", None)


# --- planning ---------------------------------------------------------------------------------------

def test_add_is_satisfied_only_by_a_static_item_with_all_the_properties():
    assert verdicts("/ip address add address=192.168.88.1/24 interface=bridge") == ["no"]
    assert verdicts("/ip address add address=192.168.88.1/24 interface=bridge disabled=no") == ["no"]
    assert verdicts("/ip address add address=192.168.88.1/24 interface=bridge comment=other") == ["yes"]
    assert verdicts("/ip address add address=100.64.0.2/24 interface=ether1") == ["yes"]  # only a dynamic one exists


def test_set_on_single_value_menus_compares_normalised_values():
    assert verdicts("/ip dns set servers=8.8.8.8 allow-remote-requests=yes cache-max-ttl=7d") == ["no"]
    assert verdicts("/ip dns set servers=1.1.1.1") == ["yes"]
    assert verdicts("/system identity set name=MikroTik") == ["no"]


def test_set_by_name_and_by_find():
    assert verdicts("/ip service set telnet disabled=no") == ["no"]
    assert verdicts("/ip service set telnet,ssh disabled=yes") == ["yes"]
    assert verdicts("/interface ethernet set [ find default-name=ether1 ] comment=wan") == ["yes"]
    assert verdicts("/ip service set [find where port=9999] disabled=yes") == ["no"]


def test_set_on_a_missing_name_is_unknown():
    assert verdicts("/ip service set gopher disabled=yes") == ["unknown"]


def test_enable_disable():
    assert verdicts("/ip service disable telnet") == ["yes"]
    assert verdicts("/ip service enable telnet") == ["no"]


def test_remove_is_satisfied_when_nothing_matches():
    assert verdicts("/ip firewall address-list remove [find where list=blocklist address=198.51.100.1]") == ["no"]
    assert verdicts("/ip firewall address-list remove [find where list=blocklist]") == ["yes"]


def test_later_commands_see_earlier_ones():
    script = "/ip firewall address-list add list=x address=192.0.2.1\n/ip firewall address-list add list=x address=192.0.2.1"
    assert verdicts(script) == ["yes", "no"]
    script = "/ip firewall address-list remove [find where list=blocklist]\n/ip firewall address-list remove [find list=blocklist]"
    assert verdicts(script) == ["yes", "no"]


def test_reads_and_prints_change_nothing():
    assert verdicts("/ip address print") == ["no"]


def test_a_menu_that_could_not_be_read_makes_its_commands_unknown():
    state = dict(STATE, **{"/ip/hotspot": "cannot read /ip/hotspot: no such command prefix"})
    assert verdicts("/ip hotspot add name=x", state) == ["unknown"]


def test_one_read_per_menu():
    commands = parse_script("/ip address add address=10.0.0.1/24 interface=bridge\n/ip address add address=10.0.1.1/24 "
                            "interface=bridge\n/ip dns set servers=1.1.1.1\n:log info x\n/ip address print")
    assert paths_to_read(commands) == ["/ip/address", "/ip/dns"]


def test_plan_does_not_modify_the_state_it_was_given():
    before = repr(STATE)
    plan_of("/ip firewall address-list remove [find]\n/ip dns set servers=1.1.1.1")
    assert repr(STATE) == before


def test_summary_and_diff():
    plan = plan_of("/ip dns set servers=1.1.1.1\n/system identity set name=MikroTik\n:log info x")
    changed, unknown = summarise(plan)
    assert changed is True and unknown == [":log info x"]
    diff = plan_diff(plan)
    assert len(diff) == 2
    assert diff[0]["before"] == "servers=8.8.8.8\n" and diff[0]["after"] == "servers=1.1.1.1\n"
    assert "line 1" in diff[0]["before_header"]
    assert summarise(plan_of("/system identity set name=MikroTik")) == (False, [])


def test_a_property_a_settings_menu_lacks_fails_the_plan_before_anything_is_queued():
    from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
    with pytest.raises(SdxError, match="/ip/dns has no property 'servrs' \\(did you mean 'servers'\\?\\)"):
        plan_of("/ip dns set servrs=1.1.1.1")
    (entry,) = plan_script("/ip dns set servrs=1.1.1.1", STATE, strict=False)
    assert entry["would_change"] == "unknown"


def test_export_with_file_is_a_write_and_queues():
    plan = plan_of("/export file=nightly")
    assert [e["would_change"] for e in plan] == ["yes"] and summarise(plan)[0] is True
    assert verdicts("/export") == ["no"] and verdicts("/ip address print file=a") == ["yes"]


def test_a_menu_line_the_catalogue_does_not_know_is_confirmed_by_its_read():
    script = "/interface lte\nset [ find ] name=WAN2\n/interface ethernet\nset [ find default-name=ether1 ] comment=wan"
    commands = parse_script(script)
    assert paths_to_read(commands) == ["/interface/lte", "/interface/ethernet"]
    state = dict(STATE, **{"/interface/lte": [{".id": "*1", "name": "lte1", "default-name": "lte1"}]})
    plan = plan_script(script, state)
    assert [(e["path"], e["would_change"]) for e in plan] == [("/interface/lte", "yes"), ("/interface/ethernet", "yes")]
    unread = dict(STATE, **{"/interface/lte": "cannot read /interface/lte: no such command prefix"})
    plan = plan_script(script, unread)
    assert [(e["path"], e["would_change"]) for e in plan] == [("/interface/lte", "unknown"), ("/interface/ethernet", "yes")]


def test_a_path_line_that_may_be_a_command_is_unknown_unless_read_as_a_menu():
    (entry,) = plan_script("/system shutdown-now", {"/system/shutdown-now": "cannot read /system/shutdown-now: no such command"})
    assert entry["would_change"] == "unknown" and "menu or a command" in entry["reason"]


def test_place_before_copy_from_and_positional_numbers():
    rules = [{".id": "*1", "chain": "input", "action": "accept", "comment": "a"},
             {".id": "*2", "chain": "input", "action": "drop", "comment": "b"}]
    state = {"/ip/firewall/filter": rules}
    assert [e["would_change"] for e in plan_script(
        "/ip firewall filter add chain=input action=accept comment=a place-before=1", state)] == ["no"]
    assert [e["would_change"] for e in plan_script("/ip firewall filter set 1 comment=b", state)] == ["no"]
    assert [e["would_change"] for e in plan_script("/ip firewall filter set 0 comment=b", state)] == ["yes"]
    assert [e["would_change"] for e in plan_script("/ip firewall filter set 5 comment=b", state)] == ["unknown"]
    assert [e["would_change"] for e in plan_script(
        "/ip firewall filter set [find where comment=a or comment=b] disabled=no", state)] == ["yes"]


@pytest.mark.parametrize("selector, count", [
    ("[find where address in 192.168.0.0/16]", 1), ("[find where !dynamic]", 1), ("[find where not dynamic]", 1),
    ("[find where dynamic or comment=defconf]", 2), ("[find where interface~\"^eth\"]", 1),
    ("[find where (interface=bridge and comment=defconf) or interface=ether1]", 2),
])
def test_find_expressions_select_what_routeros_would(selector, count):
    (entry,) = plan_of("/ip address set %s comment=x" % selector)
    assert len(entry["before"]) == count
