# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""RouterOS values: what a value means, and when two values are the same.

Owns: booleans, durations, numbers with units (rates and sizes), addresses, MACs, comma lists, YAML
values as RouterOS text, and `same_value` / `canonical` — the one notion of "already set" that every
planner uses. Which properties are set-like or free text comes from routeros_catalogue.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import catalogue

DURATION_PART = re.compile(r"(\d+)(ms|w|d|h|m|s)")
DURATION_UNITS = {"w": 604800000, "d": 86400000, "h": 3600000, "m": 60000, "s": 1000, "ms": 1}
CLOCK = re.compile(r"(\d+):(\d\d):(\d\d)(?:\.(\d{1,3}))?$")
# k, M, G, T are decimal (bits per second); KiB, MiB, GiB binary (bytes), as RouterOS writes them.
UNITS = {"": 1, "k": 10 ** 3, "K": 10 ** 3, "M": 10 ** 6, "G": 10 ** 9, "T": 10 ** 12,
         "KiB": 2 ** 10, "MiB": 2 ** 20, "GiB": 2 ** 30}
NUMBER = re.compile(r"\A(\d+(?:\.\d+)?)(k|K|M|G|T|KiB|MiB|GiB)?\Z")
MAC = re.compile(r"\A([0-9a-f]{2}:){5}[0-9a-f]{2}\Z")


def to_bool(value):
    """RouterOS booleans (`yes`, `true`, `no`, `false`) as Python booleans; None when absent or not one."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    return {"true": True, "yes": True, "false": False, "no": False}.get(text)


def to_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def duration_ms(value):
    """RouterOS durations (`1w2d03:04:05`, `1h8s`, `00:00:10`, `500ms`) in milliseconds; None if not one."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    total = 0
    clock = CLOCK.search(text)
    if clock:
        total += (int(clock.group(1)) * 3600 + int(clock.group(2)) * 60 + int(clock.group(3))) * 1000
        total += int((clock.group(4) or "0").ljust(3, "0"))
        text = text[:clock.start()]
    if "".join(m.group(0) for m in DURATION_PART.finditer(text)) != text:
        return None
    for number, unit in DURATION_PART.findall(text):
        total += int(number) * DURATION_UNITS[unit]
    return total


def duration_seconds(value):
    milliseconds = duration_ms(value)
    return None if milliseconds is None else milliseconds // 1000


def to_routeros(value):
    """YAML values as RouterOS writes them: yes/no, numbers as text, lists comma-joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ",".join(to_routeros(v) for v in value)
    if value is None:
        return ""
    return str(value)


def _atom(text):
    """One value (not a list) in the form it shares with every value RouterOS reads the same."""
    lowered = text.lower()
    if lowered in ("yes", "true", "no", "false"):
        return "true" if lowered in ("yes", "true") else "false"
    if re.match(r"\A[\d:wdhms.]+\Z", text) and re.search(r"[wdhms:]", text):  # units are lower case: 25M is not 25m
        milliseconds = duration_ms(text)
        if milliseconds is not None:
            return "%dms" % milliseconds
    number = NUMBER.match(text)
    if number:
        scaled = float(number.group(1)) * UNITS[number.group(2) or ""]
        return "%d" % scaled if scaled == int(scaled) else "%r" % scaled
    if re.match(r"\A0x[0-9a-f]+\Z", lowered):
        return "%d" % int(lowered, 16)
    if MAC.match(lowered):
        return lowered
    if "/" in text and not text.startswith("/"):
        rate = text.split("/")
        if len(rate) == 2 and all(NUMBER.match(side) for side in rate):  # rx/tx rates: 10M/10M
            return "/".join(_atom(side) for side in rate)
    return _address(text)


def _address(text):
    """Addresses as RouterOS keeps them: a host is the same with or without /32 (/128), IPv6 compressed."""
    if not re.match(r"\A[0-9a-fA-F:.]+(/\d{1,3})?\Z", text) or text.count(".") not in (0, 3):
        return text
    try:
        interface = ipaddress.ip_interface(text)
    except ValueError:
        return text
    if interface.network.prefixlen == interface.max_prefixlen:
        return str(interface.ip)
    return "%s/%d" % (interface.ip, interface.network.prefixlen)


def canonical(value, prop=None, menu=None):
    """The one form that two values RouterOS treats as the same share: compare these, or use them as keys."""
    if isinstance(value, (bool, list, tuple)):
        value = to_routeros(value)
    text = "" if value is None else str(value).strip()
    if prop is not None and catalogue.is_text(menu, prop):
        return text
    parts = [_atom(part.strip()) for part in text.split(",")] if "," in text else [_atom(text)]
    if prop is not None and catalogue.is_set_like(menu, prop):
        parts = sorted(part for part in parts if part)
    return ",".join(parts)


def shown(value, prop=None, menu=None):
    """A value as a reviewer reads it: RouterOS's spelling, with booleans always yes/no (as /export writes them),
    whether the router's API answered true/false or the task said yes."""
    if prop is None or not catalogue.is_text(menu, prop):
        flag = to_bool(value)
        if flag is not None:
            return "yes" if flag else "no"
    if isinstance(value, (list, tuple)):
        return to_routeros(value)
    return "" if value is None else str(value)


def same_value(wanted, current, prop=None, menu=None):
    """Is `wanted` already what the router holds as `current` (for property `prop` of `menu`)?"""
    return canonical(wanted, prop, menu) == canonical(current, prop, menu)
