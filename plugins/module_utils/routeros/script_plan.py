# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""What a RouterOS script would change, predicted from synchronous reads.

One code path serves check mode and apply: the plan is computed from the router's current state,
then check mode reports it and apply queues the script only when something would change. Whatever
the plan cannot place or predict is `unknown`, with the reason; it is never planned against another menu.
"""

from __future__ import annotations

import copy
import ipaddress
import re

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import catalogue
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import (
    normalise_items, routeros_refusal, synchronous_many)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import (
    parse_script, PLANNABLE_VERBS, quote, READ_VERBS, writes)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import canonical, same_value, shown, to_bool

YES, NO, UNKNOWN = "yes", "no", "unknown"
# Which property names an item when a command refers to it by name (`/ip service set telnet ...`).
NAME_KEYS = ("name", "default-name")


def paths_to_read(commands):
    """Each menu the plan needs, once: those its commands change, and menu lines it cannot place otherwise."""
    paths = []
    for command in commands:
        needed = (command.kind == "command" and command.unknown is None and command.verb in PLANNABLE_VERBS) or (
            command.kind == "menu" and not catalogue.is_menu(command.menu))
        if needed and command.menu not in paths:
            paths.append(command.menu)
    return paths


def read_state(client, site_id, paths, workers=4):
    """{menu: items} with one synchronous print per menu (read at once); a menu that cannot be read maps to the reason."""
    def unreadable(command, exc):
        refusal = routeros_refusal(exc)
        return None if refusal is None else "cannot read %s: %s" % (command[:-len("/print")], refusal)

    answers = synchronous_many(client, site_id, [path + "/print" for path in paths], on_error=unreadable,
                               workers=workers)
    return {path: answers[path + "/print"] if isinstance(answers[path + "/print"], str)
            else normalise_items(answers[path + "/print"] or []) for path in paths}


def _compare(key, op, value, current, menu):
    """One condition of a find on one item: True, False, or None when it cannot be told."""
    if op in ("=", "!="):
        return same_value(value, current, key, menu) is (op == "=")
    if current is None:
        return False
    if op == "~":
        try:
            return re.search(value, str(current)) is not None
        except re.error:
            return None
    try:
        if op == "in":
            return ipaddress.ip_interface(str(current)).network.subnet_of(ipaddress.ip_network(value, strict=False))
        a, b = float(canonical(current)), float(canonical(value))
    except (TypeError, ValueError):
        return None
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def evaluate(expression, item, menu):
    """A find expression on one item: True, False, or None when it cannot be told."""
    kind = expression[0]
    if kind == "flag":
        current = item.get(expression[1])
        value = False if current is None else to_bool(current)
        return None if value is None else value is not expression[2]
    if kind == "not":
        inner = evaluate(expression[1], item, menu)
        return None if inner is None else not inner
    if kind == "cmp":
        return _compare(expression[1], expression[2], expression[3], item.get(expression[1]), menu)
    results = [evaluate(term, item, menu) for term in expression[1]]
    if kind == "and":
        return False if False in results else (None if None in results else True)
    return True if True in results else (None if None in results else False)


def _reference(ref, items):
    if ref.isdigit():
        return items[int(ref):int(ref) + 1]  # item numbers count the items in print order
    if ref.startswith("*"):
        return [item for item in items if str(item.get(".id", "")).upper() == ref.upper()]
    return [item for item in items if any(item.get(key) == ref for key in NAME_KEYS)]


def select(command, items):
    """The items a set/remove/enable/disable addresses, or None when the plan cannot tell."""
    if command.selector is None:
        return items[:1] if catalogue.is_single(command.menu, items) else None
    kind, value = command.selector
    if kind == "find":
        verdicts = [evaluate(value, item, command.menu) for item in items]
        return None if None in verdicts else [item for item, chosen in zip(items, verdicts) if chosen]
    chosen = []
    for ref in value:
        found = _reference(ref, items)
        if not found:
            return None
        chosen.extend(item for item in found if not any(item is c for c in chosen))
    return chosen


def _view(items, keys):
    return [{k: item.get(k) for k in keys} for item in items]


def _refuse_unknown_properties(command, args, items):
    """A single-item menu's read shows every setting: a property it lacks is a mistake the router would refuse."""
    if not items or not catalogue.is_single(command.menu, items):
        return None
    for prop in args:
        verdict, message = catalogue.property_verdict(command.menu, prop, items)
        if verdict == "error":
            return "line %d: %s" % (command.line, message)
    return None


def plan_command(command, items):
    """One entry of the plan; applies the predicted change to `items` so later commands see it."""
    entry = dict(command=command.text, line=command.line, path=command.menu, action=command.verb or command.kind)
    if command.unknown:
        return dict(entry, would_change=UNKNOWN, reason="cannot predict: %s" % command.unknown)
    if command.verb in READ_VERBS:
        if writes(command):
            return dict(entry, would_change=YES, reason="writes a file on the router (file=%s)" % command.options.get("file"))
        return dict(entry, would_change=NO, reason="reads only")
    if command.verb not in PLANNABLE_VERBS:
        return dict(entry, would_change=UNKNOWN, reason="cannot predict %s" % command.verb)
    if isinstance(items, str):
        return dict(entry, would_change=UNKNOWN, reason=items)
    if command.verb == "add":
        return _plan_add(command, items, entry)
    selected = select(command, items)
    if selected is None:
        return dict(entry, would_change=UNKNOWN, reason="cannot tell which items it addresses")
    if command.verb == "remove":
        entry.update(before=_view(selected, sorted({k for i in selected for k in i if k != ".id"})), after=[])
        entry.update(would_change=YES if selected else NO,
                     reason="%d item(s) match" % len(selected) if selected else "nothing matches")
        for item in selected:
            items.remove(item)
        return entry
    if command.verb == "unset":
        return _plan_unset(command, selected, entry)
    return _plan_set(command, items, selected, entry)


def _plan_add(command, items, entry):
    args = dict(command.args)
    if not args:
        return dict(entry, would_change=UNKNOWN, reason="an add without properties takes the router's defaults")
    refusal = _refuse_unknown_properties(command, args, items)
    if refusal:
        return dict(entry, would_change=UNKNOWN, reason=refusal, refused=refusal)
    menu = command.menu
    static = [item for item in items if to_bool(item.get("dynamic")) is not True]
    found = [item for item in static if all(same_value(v, item.get(k), k, menu) for k, v in args.items())]
    if found:
        return dict(entry, would_change=NO, reason="an item with these properties exists", before=_view(found[:1], args),
                    after=_view(found[:1], args))
    items.append(dict(args, **{".id": None}))  # a list item (it will have an id), so later commands see it
    return dict(entry, would_change=YES, reason="no item has these properties", before=[], after=[args])


def _plan_unset(command, selected, entry):
    names = [name for name in command.options.get("value-name", "").split(",") if name]
    if not names:
        return dict(entry, would_change=UNKNOWN, reason="unset without value-name")
    present = [item for item in selected if any(item.get(name) not in (None, "") for name in names)]
    if present:
        return dict(entry, would_change=UNKNOWN, reason="%d item(s) have a value; its default is not known" % len(present))
    return dict(entry, would_change=NO, reason="not set")


def _plan_set(command, items, selected, entry):
    args = dict(command.args)
    if command.verb in ("enable", "disable"):
        args = {"disabled": "no" if command.verb == "enable" else "yes"}
    refusal = _refuse_unknown_properties(command, args, items)
    if refusal:
        return dict(entry, would_change=UNKNOWN, reason=refusal, refused=refusal)
    menu = command.menu
    differing = [item for item in selected if not all(same_value(v, item.get(k), k, menu) for k, v in args.items())]
    entry.update(before=_view(selected, args), after=[dict(args) for _item in selected])
    if not selected:
        entry.update(would_change=NO, reason="nothing matches")
    elif differing:
        entry.update(would_change=YES, reason="%d of %d item(s) differ" % (len(differing), len(selected)))
        for item in differing:
            item.update(args)
    else:
        entry.update(would_change=NO, reason="already set")
    return entry


def _menu_line(command, state):
    """A line of path words only: nothing to plan when it is a menu; unknown when it may be a command."""
    read = state.get(command.menu)
    if catalogue.is_menu(command.menu) or isinstance(read, list):
        return None
    why = read if isinstance(read, str) else "it was not read"
    return dict(command=command.text, line=command.line, path=command.menu, action="menu", would_change=UNKNOWN,
                reason="cannot tell whether %s is a menu or a command (%s)" % (command.menu, why))


def plan_script(script, state, strict=True):
    """The plan of a whole script against {menu: items}; `state` is not modified. With `strict`, a property that
    the router's read shows the menu lacks is an error (the router would refuse the script)."""
    working = copy.deepcopy(state)
    plan = []
    for command in parse_script(script):
        if command.kind == "menu":
            entry = _menu_line(command, working)
        elif command.kind == "script":
            entry = dict(command=command.text, line=command.line, path=None, action="script", would_change=UNKNOWN,
                         reason="cannot predict: %s" % command.unknown)
        else:
            entry = plan_command(command, working.setdefault(command.menu, []))
        if entry is not None:
            plan.append(entry)
    refused = [entry["refused"] for entry in plan if entry.get("refused")]
    if strict and refused:
        raise SdxError("the script names properties the router does not have: %s" % "; ".join(refused), plan=plan)
    return plan


def summarise(plan):
    """(changed, the commands whose effect is unknown)."""
    unknown = [entry["command"] for entry in plan if entry["would_change"] == UNKNOWN]
    return any(entry["would_change"] != NO for entry in plan), unknown


def plan_diff(plan):
    """Ansible diff entries: before/after per command that would change."""
    diffs = []
    for entry in plan:
        if entry["would_change"] == NO:
            continue
        header = "line %d: %s" % (entry["line"], entry["command"])
        diffs.append(dict(before_header=header, after_header=header,
                          before=_text(entry.get("before"), entry), after=_text(entry.get("after"), entry)))
    return diffs


def _text(items, entry):
    if entry["would_change"] == UNKNOWN:
        return "(%s)\n" % entry["reason"]
    lines = []
    for item in items or []:
        lines.append(" ".join("%s=%s" % (k, quote(shown(v, k, entry.get("path")))) for k, v in item.items()))
    return "\n".join(lines) + "\n" if lines else ""
