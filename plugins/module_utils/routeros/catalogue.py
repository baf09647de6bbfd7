# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""What the collection knows about RouterOS menus, as data: one table, used by every planner.

Owns: the keys that identify an entry, single-item, ordered and built-in menus, set-like and free-text
properties, status properties, key defaults, and what a read says about a menu's property names. The
table only makes plans better where it knows more: a menu that is not in it is still read, planned and
applied (a single-item menu shows itself in the read: one item without `.id`). Knowing a menu is one line.
"""

from __future__ import annotations

import difflib


def _menu(keys="", single=False, ordered=False, builtin=False, set_like="", text="", defaults=None):
    return dict(keys=keys.split(), single=single, ordered=ordered, builtin=builtin, set_like=frozenset(set_like.split()),
                text=frozenset(text.split()), defaults=defaults or {})


_FIREWALL = dict(ordered=True, set_like="connection-state connection-nat-state tcp-flags")
MENUS = {
    "/system/identity": _menu(single=True),
    "/system/clock": _menu(single=True),
    "/system/ntp/client": _menu(single=True),
    "/system/ntp/server": _menu(single=True),
    "/system/note": _menu(single=True, text="note"),
    "/system/routerboard/settings": _menu(single=True),
    "/system/logging": _menu(set_like="topics"),
    "/system/logging/action": _menu(keys="name"),
    "/system/scheduler": _menu(keys="name"),
    "/system/script": _menu(keys="name"),
    "/ip/dns": _menu(single=True),
    "/ip/settings": _menu(single=True),
    "/ipv6/settings": _menu(single=True),
    "/ip/neighbor/discovery-settings": _menu(single=True),
    "/ip/cloud": _menu(single=True),
    "/ip/proxy": _menu(single=True),
    "/ip/socks": _menu(single=True),
    "/ip/upnp": _menu(single=True),
    "/ip/ssh": _menu(single=True),
    "/ip/smb": _menu(single=True),
    "/ip/traffic-flow": _menu(single=True),
    "/ip/firewall/connection/tracking": _menu(single=True),
    "/snmp": _menu(single=True, text="contact location"),
    "/tool/mac-server": _menu(single=True),
    "/tool/mac-server/mac-winbox": _menu(single=True),
    "/tool/mac-server/ping": _menu(single=True),
    "/tool/bandwidth-server": _menu(single=True),
    "/tool/romon": _menu(single=True),
    "/tool/graphing": _menu(single=True),
    "/tool/e-mail": _menu(single=True),
    "/interface/detect-internet": _menu(single=True),
    "/interface/bridge/settings": _menu(single=True),
    "/interface/ethernet/switch": _menu(builtin=True),
    "/interface/wireless/cap": _menu(single=True),
    "/caps-man/manager": _menu(single=True),
    "/interface/wifi/cap": _menu(single=True),
    "/interface/lte/settings": _menu(single=True),
    "/certificate/settings": _menu(single=True),
    "/user/settings": _menu(single=True),
    "/ip/address": _menu(keys="address"),
    "/ip/route": _menu(keys="dst-address gateway"),
    "/ip/pool": _menu(keys="name"),
    "/ip/dns/static": _menu(keys="name type", defaults={"type": "A"}),
    "/ip/dhcp-server": _menu(keys="name"),
    "/ip/dhcp-server/network": _menu(keys="address", set_like="dns-server ntp-server"),
    "/ip/dhcp-server/lease": _menu(keys="mac-address"),
    "/ip/dhcp-client": _menu(keys="interface"),
    "/ip/firewall/address-list": _menu(keys="list address"),
    "/ip/firewall/filter": _menu(**_FIREWALL),
    "/ip/firewall/nat": _menu(**_FIREWALL),
    "/ip/firewall/mangle": _menu(**_FIREWALL),
    "/ip/firewall/raw": _menu(**_FIREWALL),
    "/ipv6/firewall/filter": _menu(**_FIREWALL),
    "/ipv6/firewall/mangle": _menu(**_FIREWALL),
    "/ipv6/firewall/raw": _menu(**_FIREWALL),
    "/ipv6/firewall/nat": _menu(**_FIREWALL),
    "/ip/service": _menu(keys="name", builtin=True, set_like="address"),
    "/interface/bridge": _menu(keys="name"),
    "/interface/bridge/port": _menu(keys="interface"),
    "/interface/bridge/vlan": _menu(keys="bridge vlan-ids", set_like="tagged untagged vlan-ids"),
    "/interface/vlan": _menu(keys="name"),
    "/interface/list": _menu(keys="name"),
    "/interface/list/member": _menu(keys="list interface"),
    "/interface/ethernet": _menu(keys="default-name", builtin=True),
    "/interface/wifi": _menu(keys="default-name", builtin=True),
    "/interface/wireless": _menu(keys="default-name", builtin=True),
    "/interface/wireguard": _menu(keys="name"),
    "/user": _menu(keys="name"),
    "/user/group": _menu(keys="name", set_like="policy"),
    "/snmp/community": _menu(keys="name", set_like="addresses"),
    "/ppp/secret": _menu(keys="name"),
    "/ppp/profile": _menu(keys="name"),
}
# Lists whose order RouterOS ignores, in whichever menu they appear.
SET_LIKE = frozenset(("policy", "connection-state", "connection-nat-state", "tcp-flags", "topics"))
# Free text: compared exactly as written (`comment=yes` is not `comment=true`).
TEXT = frozenset(("comment", "name", "source", "on-event", "up-script", "down-script", "test-script", "on-up", "on-down",
                  "script", "ssid", "supplicant-identity", "identity", "note", "password", "passphrase", "text"))
# What RouterOS adds to items and shows in a read; never set by a user.
STATUS_PROPERTIES = frozenset((".id", "dynamic", "invalid", "builtin", "default", "bytes", "packets", "running", "slave",
                               "actual-interface", "actual-mtu", "status", "active", "inactive", ".nextid", ".dead"))

# Views of the table for code that asks one question of many menus.
SINGLE_VALUE_MENUS = frozenset(path for path, menu in MENUS.items() if menu["single"])
ORDERED_MENUS = frozenset(path for path, menu in MENUS.items() if menu["ordered"])
BUILTIN_MENUS = frozenset(path for path, menu in MENUS.items() if menu["builtin"])
DEFAULT_KEYS = {path: menu["keys"] for path, menu in MENUS.items() if menu["keys"]}
KEY_DEFAULTS = {(path, key): value for path, menu in MENUS.items() for key, value in menu["defaults"].items()}
_PREFIXES = frozenset("/".join(path.split("/")[:n]) or "/" for path in MENUS for n in range(1, path.count("/") + 1))
_EMPTY = _menu()


def info(menu):
    return MENUS.get(menu, _EMPTY)


def is_menu(path):
    """True when the path is known to be a menu (or a level above one); unknown paths are not refused, only read."""
    return path in MENUS or path in _PREFIXES


def is_set_like(menu, prop):
    return prop in SET_LIKE or prop in info(menu)["set_like"]


def is_text(menu, prop):
    return prop in TEXT or prop in info(menu)["text"]


def is_builtin(menu):
    return menu in BUILTIN_MENUS


def is_single(menu, items=None):
    """A single-item menu: known as one, or read as one item without `.id`."""
    if menu in SINGLE_VALUE_MENUS:
        return True
    return bool(items) and len(items) == 1 and ".id" not in items[0]


def shown_properties(items):
    return sorted({key for item in items for key in item if not key.startswith(".")})


def property_verdict(menu, prop, items, inspected=None, guess=False):
    """(verdict, message) on a property name: "ok", "error" (the menu has no such property) or "unknown".

    `inspected` is the argument list the router described itself (/console/inspect), when it did. Without
    it a read is decisive for a single-item menu (its print shows every setting); in a list menu, with
    `guess`, a name one letter away from a shown one is a misspelling; anything else cannot be told.
    """
    shown = shown_properties(items)
    if prop in shown or (inspected is not None and prop in inspected):
        return "ok", None
    if inspected is not None:
        return "error", "%s has no property %r%s; the router lists: %s" % (
            menu, prop, _did_you_mean(prop, inspected), ", ".join(sorted(inspected)) or "nothing")
    near = _did_you_mean(prop, shown)
    if shown and (is_single(menu, items) or (guess and near)):
        return "error", "%s has no property %r%s; the router showed: %s" % (menu, prop, near, ", ".join(shown))
    if not shown:
        return "unknown", "%s is empty" % menu
    return "unknown", "no entry of %s shows them (it showed: %s)" % (menu, ", ".join(shown))


def _did_you_mean(prop, names):
    close = [name for name in difflib.get_close_matches(prop, list(names), n=1, cutoff=0.8) if _one_edit(prop, name)]
    return " (did you mean %r?)" % close[0] if close else ""


def _one_edit(a, b):
    """True when b is a with one letter added, dropped, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
