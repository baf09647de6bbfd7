# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The config planner: from a menu's items and the desired entries to the changes, and the script that makes them.

Pure: it reads nothing itself. run/config.py reads the router (a print, and the /export for
handle_entries_content=remove), asks plan_config for the changes, and queues render_script's script.
Each change is a small record that knows its own script line.
"""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.catalogue import BUILTIN_MENUS, KEY_DEFAULTS, STATUS_PROPERTIES, is_single
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_entries import entry_key, equal
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import parse_script, quote
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import shown
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def args_text(props):
    return " ".join("%s=%s" % (k, quote(v)) for k, v in props.items())


class Change:
    """One change to one entry of the menu: `key` names the entry, `before`/`after` its values."""

    kind = None
    # Where the change goes in the script: removals first (they free names and positions), then sets,
    # moves, and additions last (an addition may be placed before an entry that a move put in place).
    rank = None

    def __init__(self, key, before=None, after=None, item_id=None):
        self.key, self.before, self.after, self.item_id = key, before, after, item_id

    def line(self):
        raise NotImplementedError

    def entry_text(self):
        """The entry as a reviewer knows it: its identifying properties (`list=blocklist address=192.0.2.9`)."""
        return " ".join("%s=%s" % (k, quote(shown(v, k))) for k, v in self.key.items())

    def as_plan(self):
        """The change as the module returns it in `plan`; `entry` names the entry by its identifying properties."""
        planned = dict(action=self.kind, key=self.key, entry=self.entry_text(), before=self.before, after=self.after,
                       line=self.line())
        if self.item_id is not None:
            planned["id"] = self.item_id
        return planned


class SetSingle(Change):
    """A single-item menu's values (`/ip dns set servers=...`)."""

    kind, rank = "set", 1

    def line(self):
        return "set " + args_text(self.after)


class SetEntry(Change):
    """New values for an existing entry, and properties to return to their default (`unset`)."""

    kind, rank = "set", 1

    def __init__(self, key, before, after, item_id, unset=()):
        super().__init__(key, before, after, item_id)
        self.unset = list(unset)

    def line(self):
        text = "set %s" % self.item_id + (" " + args_text(self.after) if self.after else "")
        return "\n".join([text] + ["unset %s value-name=%s" % (self.item_id, prop) for prop in self.unset])

    def as_plan(self):
        return dict(super().as_plan(), unset=self.unset)


class RemoveEntry(Change):
    kind, rank = "remove", 0

    def line(self):
        return "remove %s" % self.item_id


class MoveEntry(Change):
    """An existing entry moved before another (`destination` is that entry's id)."""

    kind, rank = "move", 2

    def __init__(self, key, item_id, destination):
        super().__init__(key, item_id=item_id)
        self.destination = destination

    def line(self):
        return "move %s destination=%s" % (self.item_id, self.destination)


class AddEntry(Change):
    """A new entry; with `place_before`, put in front of the entry that follows it in `entries`."""

    kind, rank = "add", 3

    def __init__(self, key, entry, place_before=None):
        super().__init__(key, after=entry)
        self.place_before = place_before

    def line(self):
        return "add " + args_text(self.after) + (" place-before=%s" % self.place_before if self.place_before else "")


def is_owned_by_router(item):
    """Dynamic, default and built-in items are RouterOS's own: never added, removed or moved."""
    return any(str(item.get(flag, "false")).lower() in ("true", "yes") for flag in ("dynamic", "default", "builtin"))


def in_scope(item, restrict):
    return all(any(equal(prop, v, item.get(prop)) for v in values) for prop, values in restrict.items())


def plan_config(menu, items, entries, keys, restrict, absent, content, ensure_order, configured=None):
    """The changes that make the menu hold `entries` (see the Change records)."""
    if is_single(menu, items):
        current = items[0] if items else {}
        wanted = entries[0] if entries else {}
        differ = {k: v for k, v in wanted.items() if not equal(k, v, current.get(k), menu)}
        return [SetSingle({}, {k: current.get(k) for k in differ}, differ)] if differ else []
    managed = [item for item in items if not is_owned_by_router(item) and in_scope(item, restrict)]
    matched = match_entries(menu, entries, managed + [item for item in items if is_owned_by_router(item)], keys)
    changes = []
    for index, (entry, item) in enumerate(matched):
        identity = dict(entry_key(menu, entry, keys))
        if item is None:
            following = matched[index + 1] if ensure_order and index + 1 < len(matched) else None
            changes.append(AddEntry(identity, entry, _selector(following, menu, keys) if following else None))
            continue
        differ = {k: v for k, v in entry.items() if not equal(k, v, item.get(k), menu)}
        extra = []
        if content == "remove" and configured is not None:
            mine = _find_match(menu, entry, configured, keys) or {}
            extra = sorted(k for k in mine if k not in entry and k not in STATUS_PROPERTIES and k not in (keys or []))
        if differ or extra:
            changes.append(SetEntry(identity, {k: item.get(k) for k in list(differ) + extra}, differ, item.get(".id"), extra))
    if absent == "remove" and menu not in BUILTIN_MENUS:  # the router's own entries are never removed
        used = {id(item) for _entry, item in matched if item is not None}
        for item in managed:
            if id(item) not in used:
                shown = {k: v for k, v in item.items() if k not in STATUS_PROPERTIES}
                changes.append(RemoveEntry({k: shown.get(k) for k in keys} if keys else shown, shown, None, item.get(".id")))
    if ensure_order:
        changes.extend(_moves(menu, items, matched, keys))
    return changes


def match_entries(menu, entries, candidates, keys):
    """[(entry, item or None)]: each desired entry with the router's item that is it; an item matches once."""
    candidates = list(candidates)
    matched = []
    for entry in entries:
        item = _find_match(menu, entry, candidates, keys)
        if item is None and menu in BUILTIN_MENUS:
            raise SdxError("%s has no entry with %s: its entries are the router's own and cannot be added"
                           % (menu, ", ".join("%s=%s" % kv for kv in entry_key(menu, entry, keys))))
        if item is not None:
            candidates.remove(item)
        matched.append((entry, item))
    return matched


def _find_match(menu, entry, candidates, keys):
    """The first candidate that is this entry: same key properties, or (without keys) all of the entry's values."""
    if keys:
        identity = entry_key(menu, entry, keys)
        return next((c for c in candidates if entry_key(menu, c, keys) == identity), None)
    return next((c for c in candidates if all(equal(k, v, c.get(k), menu) for k, v in entry.items())), None)


def _moves(menu, items, matched, keys):
    """Moves that put the existing managed entries in the order of `entries` (new ones are placed as added).

    From the second-to-last entry back to the first, each is moved before the one after it: once an entry
    is in place, the moves of those before it do not disturb it, so n entries take at most n - 1 moves.
    """
    existing = [(entry, item) for entry, item in matched if item is not None]
    position = {id(item): index for index, item in enumerate(items)}
    if [position[id(item)] for _entry, item in existing] == sorted(position[id(item)] for _entry, item in existing):
        return []
    return [MoveEntry(dict(entry_key(menu, entry, keys)), item.get(".id"), existing[index + 1][1].get(".id"))
            for index, (entry, item) in reversed(list(enumerate(existing[:-1])))]


def _selector(pair, menu, keys):
    """How the script names the entry an addition goes before: its id when it exists, else a find on its keys
    (it is itself being added, earlier in the script: see render_script)."""
    entry, item = pair
    if item is not None and item.get(".id"):
        return item[".id"]
    names = keys or sorted(entry)
    return "[find where %s]" % " and ".join("%s=%s" % (k, quote(entry.get(k, KEY_DEFAULTS.get((menu, k), "")))) for k in names)


def render_script(menu, changes):
    """One script for the menu, its changes in rank order.

    Placed additions go last first: each is placed before the entry that follows it, which may itself be
    new, so that one must exist by the time its predecessor's line runs.
    """
    ordered = sorted(changes, key=lambda change: change.rank)
    adds = [change for change in ordered if change.kind == "add"]
    if any(change.place_before for change in adds):
        ordered = [change for change in ordered if change.kind != "add"] + list(reversed(adds))
    if not ordered:
        return ""
    header = "/" + menu.strip("/").replace("/", " ")
    return "\n".join([header] + [line for change in ordered for line in _commented(change)]) + "\n"


def _commented(change):
    """A change's script line, after a comment naming its entry when the line names it by internal id (`*3`):
    the id is what the router needs, the comment is what a reviewer needs."""
    if change.item_id is None or not change.key:
        return [change.line()]
    return ["# %s %s" % (change.kind, change.entry_text().replace("\n", " ")), change.line()]


def config_diff(menu, changes):
    """One diff entry per change, headed by the menu, the change and the entry's identifying properties."""
    diffs = []
    for change in changes:
        header = "%s %s %s" % (menu, change.kind, change.entry_text())
        diffs.append(dict(before_header=header.strip(), after_header=header.strip(),
                          before=_lines(change.before, menu), after=_lines(change.after, menu)))
    return diffs


def _lines(props, menu):
    if not props:
        return ""
    return "".join("%s: %s\n" % (k, shown(v, k, menu)) for k, v in props.items())


def configured_entries(menu, export_text):
    """The entries an /export of the menu sets, with the properties set on each (an export omits defaults)."""
    found = []
    for command in parse_script(export_text):
        if command.menu != menu or command.verb not in ("add", "set"):
            continue
        entry = {}
        # `set telnet ...` and `set [ find default-name=ether1 ] ...` name a built-in item: keep how it is named
        if command.selector and command.selector[0] == "items" and command.selector[1]:
            entry["name"] = command.selector[1][0]
        elif command.selector and command.selector[0] == "find":
            entry.update(_equalities(command.selector[1]))
        entry.update(command.args)
        found.append(entry)
    return found


def _equalities(expression):
    """`key=value` conditions of a find that are all true together (`[ find default-name=ether1 ]`)."""
    if expression[0] == "cmp" and expression[2] == "=":
        return {expression[1]: expression[3]}
    if expression[0] == "and":
        found = {}
        for term in expression[1]:
            found.update(_equalities(term))
        return found
    return {}
