# SPDX-License-Identifier: GPL-3.0-or-later
"""The menu catalogue: RouterOS menus written as data, read into the engine's Menu and Prop objects.

Each family module (interface, ip, ipv6, routing, wireless, system, advanced, legacy) holds MENUS, a list of
(path, options, properties) strings, and may hold BUILTINS, {path: [item, ...]}.

Options (space separated): `single` (one settings item; default is a list), `ro` (read-only menu,
print only), `key=PROP` (items are named by PROP), `iface=TYPE` (a view on the interface table,
items of that type), `ordered` (move works), `noexport`, `keep` (export writes every value that was
set, default or not: RouterOS 7's newer menus do), `auto=NAME` (add names items NAME1, NAME2...),
`bkey=default|name|number|id|find:PROP` (how export names a built-in item), `plain` (no comment
or disabled), `nodisabled`, `v6` / `v7` (only on that major), `since=7.13`, `cmds=a,b` (extra
commands), `unique=a+b` (properties no two items share).

Properties: `name[:attr...][=default]`, where a bare `=` means an empty default. Attributes:
`req`, `ro`, `flag` (a read-only flag letter), `secret`, `always` (export writes it even at its
default), `init` (stored on add as the default, so it is exported), `v6` / `v7`, a type: `int`,
`int(A..B)`, `bool`, `time`, `ip`, `mac`, `kib`, `enum(a|b)`, `enums(a|b)`, `if` (an interface
name), `iflist` (an interface list, `!` allowed), `ifs` (interface names, comma separated), and
`or(a|b)` words an `int`/`time` also takes (`auto`, `none`...). Options `until=6.41` (only before that version)
and `replace` (the entry replaces a hand-written menu of that path instead of adding to it).
Built-in items: `id=*0 name=default prop=value ...`, with `v6:` or `v7:` in front for one major only.

Where the facts come from. Paths, property names, types and defaults follow MikroTik's manual (the
help.mikrotik.com page of each menu; wiki.mikrotik.com for what RouterOS 6 alone has) and the shape of real
exports. Checked line by line against the manual's text: the defaults listed, with their page, in
tests/unit/simulator/routeros/reference.py (bridge, bridge port, DNS on 6 and 7, WireGuard, netwatch, DHCP
server and client, IP settings, SNMP and its communities); test_routeros_measure.py fails if the engine
disagrees with one of them. The other entries are written from the manual but not yet checked one by one.
Inferred, not documented: the export order (order.py), which menus are `keep`, which properties are `always`
or `init`, and built-in items' values that vary by model.
"""

import shlex
from functools import lru_cache

from . import advanced, interface, ip, ipv6, legacy, routing, system, wireless
from .order import export_order

FAMILIES = (interface, wireless, ip, ipv6, routing, system, advanced, legacy)


class Spec:
    """One catalogue menu, parsed: options and (name, attrs, default) property triples."""

    def __init__(self, path, options, props):
        self.path = path
        self.options = {}
        for token in shlex.split(options):
            name, sep, value = token.partition('=')
            self.options[name] = value if sep else True
        self.props = []
        for token in shlex.split(props, comments=True):
            head, sep, default = token.partition('=')
            name, *attrs = head.split(':')
            self.props.append((name, tuple(attrs), default if sep else None))

    def applies(self, version):
        major = version[0]
        if self.options.get('v6') and major != 6 or self.options.get('v7') and major != 7:
            return False
        since, until = self.options.get('since'), self.options.get('until')
        if until and version >= tuple(int(p) for p in until.split('.')):
            return False
        return not since or version >= tuple(int(p) for p in since.split('.'))


@lru_cache(maxsize=1)
def specs():
    out = []
    for family in FAMILIES:
        for path, options, props in family.MENUS:
            out.append(Spec(path, options, props))
    return out


@lru_cache(maxsize=1)
def builtin_items():
    out = {}
    for family in FAMILIES:
        for path, items in getattr(family, 'BUILTINS', {}).items():
            out.setdefault(path, []).extend(items)
    return out


@lru_cache(maxsize=1024)
def builtins_for(path, major):
    """The built-in items of a menu on a major version, as dicts (with '.id'); callers must not change them."""
    items = []
    for text in builtin_items().get(path, ()):
        only = None
        if text[:3] in ('v6:', 'v7:'):
            only, text = int(text[1]), text[3:]
        if only is not None and only != major:
            continue
        item = {}
        for token in shlex.split(text):
            name, value = (token.split('=', 1) + [''])[:2]
            item['.id' if name == 'id' else name] = value
        items.append(item)
    return tuple(items)


__all__ = ['Spec', 'specs', 'builtins_for', 'export_order']
