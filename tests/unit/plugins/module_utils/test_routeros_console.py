# SPDX-License-Identifier: GPL-3.0-or-later
"""The console language as MikroTik's scripting manual defines it: escapes, line joining, menus, selectors."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import (
    logical_lines, parse_script, quote, unquote, writes)

# Golden vectors: every escape of the manual, as written in a quoted string -> the value it stands for.
ESCAPE_VECTORS = [
    (r'"\""', '"'), (r'"\\"', "\\"), (r'"\$x"', "$x"), (r'"\?"', "?"), (r'"a\_b"', "a b"),
    (r'"\a"', "\x07"), (r'"\b"', "\x08"), (r'"\f"', "\x0c"), (r'"\n"', "\n"), (r'"\r"', "\r"),
    (r'"\t"', "\t"), (r'"\v"', "\x0b"), (r'"\41"', "A"), (r'"\4A\4a"', "JJ"), (r'"\7E"', "~"),
    (r'"\00"', "\x00"), (r'"\C3\A9t\C3\A9"', "été"), (r'"\E2\9C\93"', "✓"), (r'"\d0\9f\d1\80"', "Пр"),
    (r'"\F0\9F\99\82"', "🙂"), (r'"\E9"', "é"),  # one byte that is not UTF-8: read as Latin-1
    (r'"\ab"', "\x07b"), (r'"\be"', "\x08e"), (r'"\fa"', "\x0ca"),  # a letter escape wins over lower-case hex
    (r'"\AB"', "\xab"), (r'"\r\n:put \"x\""', '\r\n:put "x"'), ('"Zürich"', "Zürich"), ('""', ""), ("bare", "bare"),
]


@pytest.mark.parametrize("written, value", ESCAPE_VECTORS)
def test_every_escape_of_the_manual(written, value):
    assert unquote(written) == value


@pytest.mark.parametrize("value", ["plain", "a b", 'say "hi"', "back\\slash", "$HOME", "why?", "two\nlines", "tab\t",
                                   "semi;colon", "[find]", "Zürich ✓", "", "-leading", "*1", "x=y", "{block}", "\x01\x7f",
                                   "\x07\x08\x0b\x0c"])
def test_quote_round_trips(value):
    (command,) = [c for c in parse_script("/ip address add comment=%s address=10.0.0.1/24" % quote(value)) if c.verb]
    assert command.args["comment"] == value and unquote(quote(value)) == value


def test_continuation_inside_quotes_drops_the_next_lines_indentation():
    text = '/system script\nadd name=x source=":local a 1\\r\\\n    \\n:put \\$a\\r\\\n    \\n:log info \\"done\\""\n'
    (_menu, command) = parse_script(text)
    assert command.args["source"] == ':local a 1\r\n:put $a\r\n:log info "done"'
    assert command.line == 2


def test_continuation_outside_quotes_and_a_wrapped_list():
    text = "/interface bridge vlan\nadd bridge=br tagged=ether1,ether2,\\\n    ether3 untagged=ether4 \\\n    vlan-ids=10\n"
    (_menu, command) = parse_script(text)
    assert command.args == {"bridge": "br", "tagged": "ether1,ether2,ether3", "untagged": "ether4", "vlan-ids": "10"}


def test_an_escaped_backslash_at_the_end_of_a_line_does_not_join():
    assert [t for _n, t in logical_lines('/a add x="a\\\\"\n/b add y=1')] == ['/a add x="a\\\\"', "/b add y=1"]


def test_comments_blank_lines_and_blocks_over_several_lines():
    text = "# header\n\n:foreach i in=[/interface find] do={\n  # inside\n  :put $i\n}\n/ip dns set servers=1.1.1.1\n"
    lines = logical_lines(text)
    assert [n for n, _t in lines] == [3, 7]
    assert lines[0][1].startswith(":foreach") and lines[0][1].endswith("}")


@pytest.mark.parametrize("text, expected", [
    ("/ip/firewall/nat\nadd chain=srcnat action=masquerade", [("/ip/firewall/nat", None), ("/ip/firewall/nat", "add")]),
    ("/ip/address add address=10.0.0.1/24 interface=x", [("/ip/address", "add")]),
    ("/ip/address/add address=10.0.0.1/24 interface=x", [("/ip/address", "add")]),
    ("/interface\nbridge port add bridge=b interface=e", [("/interface", None), ("/interface/bridge/port", "add")]),
    ("/interface bridge port\n..\nadd name=b2", [("/interface/bridge/port", None), ("/interface/bridge", None),
                                                 ("/interface/bridge", "add")]),
    ("/ip address\n.. dns set servers=1.1.1.1", [("/ip/address", None), ("/ip/dns", "set")]),
    ("/interface lte\nset [ find ] name=WAN2", [("/interface/lte", None), ("/interface/lte", "set")]),
    ("/caps-man channel\nadd name=c band=2ghz-g/n", [("/caps-man/channel", None), ("/caps-man/channel", "add")]),
    ("/tool mac-server ping set enabled=no", [("/tool/mac-server/ping", "set")]),
    ("/", [("/", None)]),
    ("/export file=nightly", [("/", "export")]),
])
def test_menus_follow_every_form_of_path(text, expected):
    assert [(c.menu, c.verb) for c in parse_script(text)] == expected


def test_scripting_has_no_menu_and_leaves_the_menu_of_what_follows():
    text = ('/ip firewall address-list\n:local x 1\n:do { add list=a address=$x } on-error={ :log warning "no" }\n'
            '{ /system identity set name=x }\n:if (true) do={ /ip dns set servers=9.9.9.9 }\nadd list=b address=192.0.2.1')
    commands = parse_script(text)
    assert [c.kind for c in commands] == ["menu", "script", "script", "script", "script", "command"]
    assert all(c.menu is None and c.unknown for c in commands[1:5])
    assert (commands[-1].menu, commands[-1].verb, commands[-1].args) == (
        "/ip/firewall/address-list", "add", {"list": "b", "address": "192.0.2.1"})


def test_commands_of_a_menu_are_named_not_planned():
    (reboot,) = parse_script("/system reboot")
    (run,) = parse_script("/system script run nightly")
    (fetch,) = parse_script('/tool fetch url="https://example.com/x.rsc" dst-path=x.rsc')
    assert (reboot.menu, reboot.verb) == ("/system", "reboot") and reboot.unknown
    assert (run.menu, run.verb) == ("/system/script", "run") and run.unknown
    assert (fetch.menu, fetch.verb) == ("/tool", "fetch") and fetch.unknown


def test_options_are_not_properties_and_values_that_are_scripts_are_values():
    (add,) = parse_script('/ip firewall filter add chain=input action=accept comment="a; b" place-before=0')
    (copy,) = parse_script("/ppp profile add copy-from=default name=vpn")
    (placed,) = parse_script('/ip firewall filter add chain=input place-before=[find where comment="drop rest"]')
    (netwatch,) = parse_script('/tool netwatch add host=1.1.1.1 down-script="/ip route disable [find comment=x]; :log info x"')
    assert add.args == {"chain": "input", "action": "accept", "comment": "a; b"} and add.options == {"place-before": "0"}
    assert copy.args == {"name": "vpn"} and copy.options == {"copy-from": "default"}
    assert placed.args == {"chain": "input"} and placed.unknown is None
    assert netwatch.args["down-script"] == "/ip route disable [find comment=x]; :log info x" and netwatch.unknown is None


@pytest.mark.parametrize("text, selector", [
    ("/ip service set telnet disabled=yes", ("items", ["telnet"])),
    ("/ip service set telnet,ftp disabled=yes", ("items", ["telnet", "ftp"])),
    ("/system logging set 0 topics=info,!debug", ("items", ["0"])),
    ("/ip address set numbers=0,2 comment=x", ("items", ["0", "2"])),
    ("/ppp profile set *FFFFFFFE only-one=yes", ("items", ["*FFFFFFFE"])),
    ('/interface set "my port" comment=x', ("items", ["my port"])),
    ("/ip address remove numbers=[find where interface=ether9]", ("find", ("cmp", "interface", "=", "ether9"))),
])
def test_item_numbers_names_ids_and_numbers_argument(text, selector):
    (command,) = parse_script(text)
    assert command.selector == selector and command.unknown is None


def test_dotted_arguments_and_their_short_form():
    (command,) = parse_script("/routing bgp connection add local.address=10.0.0.1 .role=ebgp remote.address=10.0.0.2 .as=65000")
    assert command.args == {"local.address": "10.0.0.1", "local.role": "ebgp", "remote.address": "10.0.0.2",
                            "remote.as": "65000"}


@pytest.mark.parametrize("text, writing", [
    ("/export", False), ("/export file=nightly", True), ("/export terse show-sensitive", False),
    ("/ip firewall filter print", False), ("/ip firewall filter print file=rules", True),
    ("/ip address print where interface=ether1", False), ("/ip address add address=10.0.0.1/24 interface=x", True),
])
def test_a_read_with_file_is_a_write(text, writing):
    (command,) = parse_script(text)
    assert writes(command) is writing


@pytest.mark.parametrize("script, found", [
    ("/ip dns set servers=1.1.1.1", None),
    (':do { :log info "x" } on-error={ :log info "y" }', None),
    ('/ip address add address=10.0.0.1/24 interface=ether1 comment="a [b {c"', None),
    (':if ([/system identity get name] = "x") do={\n    :log info "y"\n}', None),
    ('/system script add name=s source="\\\n    :log info \\"wrapped\\"\\\n    "', None),
    ('/ip dns set servers=1.1.1.1\n:log info "x', (2, "a quote left open")),
    (':do { :log info x\n/ip dns set servers=1.1.1.1', (1, "a { left open")),
    ("/ip address print\n:put [:len \"a\"])", (2, "a ) that closes nothing opened")),
    (":foreach i in=[/ip address find] do={ :log info $i ]", (1, "a ] that closes nothing opened")),
])
def test_unbalanced_names_the_line_sdx_s_wrapper_would_break_on(script, found):
    from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import unbalanced
    assert unbalanced(script) == found
