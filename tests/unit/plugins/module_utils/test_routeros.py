# SPDX-License-Identifier: GPL-3.0-or-later
"""The RouterOS language pieces: command paths, read detection, item shapes, typed values, subsets."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.run.facts import resolve_subsets
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import (
    api_command, is_read, normalise_items, parameter_words)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import duration_seconds, to_bool, to_int


@pytest.mark.parametrize("given, expected", [
    ("/ip/address/print", "/ip/address/print"),
    ("/ip address print", "/ip/address/print"),
    ("ip firewall address-list print", "/ip/firewall/address-list/print"),
    ("  /system/resource/print  ", "/system/resource/print"),
    ("/interface/monitor-traffic", "/interface/monitor-traffic"),
])
def test_api_command_accepts_api_and_console_forms(given, expected):
    assert api_command(given) == expected


@pytest.mark.parametrize("bad", ["", "   ", "/ip address print where x=1", "/ip/address/print;/system/reboot", "/IP/Address", None])
def test_api_command_rejects_what_is_not_a_path(bad):
    with pytest.raises(SdxError):
        api_command(bad)


@pytest.mark.parametrize("command, params, read", [
    ("/ip/address/print", None, True),
    ("/ip/address/get", None, True),
    ("/export", None, True),
    ("/interface/monitor-traffic", ["=interface=ether1", "=once="], True),
    ("/interface/monitor-traffic", ["=interface=ether1"], False),
    ("/ip/address/add", ["=address=10.0.0.1/24"], False),
    ("/execute", "=script=:log info x", False),
    ("/system/reboot", None, False),
    ("/export", ["=file=nightly"], False),
    ("/ip/address/print", ["=file=addresses"], False),
    ("/ip/firewall/export", ["=terse=", "=file=fw"], False),
    ("/interface/monitor-traffic", ["=interface=ether1", "=once=", "=file=x"], False),
])
def test_is_read(command, params, read):
    assert is_read(command, params) is read


def test_parameter_words():
    assert parameter_words(None) == []
    assert parameter_words("") == []
    assert parameter_words("=script=/ip address add address=1.1.1.1/32 interface=lo") == [
        "=script=/ip address add address=1.1.1.1/32 interface=lo"]
    assert parameter_words(["?a=1", "=b=2"]) == ["?a=1", "=b=2"]
    with pytest.raises(SdxError):
        parameter_words({"a": 1})


def test_normalise_items_maps_sdx_shape_to_routeros_names():
    raw = [{"id": "*1", "mac_address": "AA", "actual_interface": "bridge", "DHCP": "false"}, "x"]
    assert normalise_items(raw) == [{".id": "*1", "mac-address": "AA", "actual-interface": "bridge", "DHCP": "false"}, "x"]


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("yes", True), ("false", False), ("no", False), (True, True), ("", None), (None, None), ("maybe", None)])
def test_to_bool(value, expected):
    assert to_bool(value) is expected


@pytest.mark.parametrize("value, expected", [
    ("00:00:00", 0), ("1h8s", 3608), ("1w2d03:04:05", 1 * 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5),
    ("5m", 300), ("1d", 86400), ("24h", 86400), ("1d00:00:00", 86400), ("500ms", 0), ("", None), ("later", None), (None, None)])
def test_duration_seconds(value, expected):
    assert duration_seconds(value) == expected


def test_to_int():
    assert to_int("42") == 42 and to_int(" 7 ") == 7 and to_int("x") is None and to_int(None) is None


@pytest.mark.parametrize("requested, expected", [
    (["all"], ["addresses", "hardware", "interfaces", "routing", "services"]),
    (None, ["addresses", "hardware", "interfaces", "routing", "services"]),
    (["min"], []),
    (["!routing"], ["addresses", "hardware", "interfaces", "services"]),
    (["all", "!routing", "!services"], ["addresses", "hardware", "interfaces"]),
    (["interfaces", "addresses"], ["addresses", "interfaces"]),
    (["min", "hardware"], ["hardware"]),
])
def test_resolve_subsets(requested, expected):
    assert resolve_subsets(requested) == expected


def test_resolve_subsets_names_the_choices_on_error():
    with pytest.raises(SdxError, match="unknown subset 'bogus'"):
        resolve_subsets(["bogus"])
