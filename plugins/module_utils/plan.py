# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a RouterOS script would change, predicted from synchronous reads.

One code path serves check mode and apply: the plan is computed from the router's current state,
then check mode reports it and apply queues the script only when something would change.
"""

from __future__ import annotations

import copy
import re

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import (
    NAME_KEYS, PLANNABLE_VERBS, QUIET_VERBS, SINGLE_VALUE_MENUS, normalise_items, parse_script, quote, same_value,
    synchronous_many)

YES, NO, UNKNOWN = "yes", "no", "unknown"


def paths_to_read(commands):
    """Each menu the plan needs, once."""
    paths = []
    for command in commands:
        if command.unknown is None and command.verb in PLANNABLE_VERBS and command.menu not in paths:
            paths.append(command.menu)
    return paths


def read_state(client, site_id, paths):
    """{menu: items} with one synchronous print per menu (read at once); a menu that cannot be read maps to the reason."""
    def unreadable(command, exc):
        if exc.details.get("api_code") == "routeros_error":
            return "cannot read %s: %s" % (command[:-len("/print")], exc.details.get("routeros_error"))
        return None

    answers = synchronous_many(client, site_id, [path + "/print" for path in paths], on_error=unreadable)
    return {path: answers[path + "/print"] if isinstance(answers[path + "/print"], str)
            else normalise_items(answers[path + "/print"] or []) for path in paths}


def _matches(item, conditions):
    for key, op, value, _flag in conditions:
        current = item.get(key)
        if op == "=" and not same_value(value, current):
            return False
        if op == "!=" and same_value(value, current):
            return False
        if op == "~" and not re.search(value, str(current or "")):
            return False
    return True


def _select(command, items):
    """The items a set/remove/enable/disable addresses, or None when the plan cannot tell."""
    if command.menu in SINGLE_VALUE_MENUS and command.selector is None:
        return items[:1]
    if command.selector is None:
        return None
    kind, value = command.selector
    if kind == "find":
        return [item for item in items if _matches(item, value)]
    chosen = []
    for name in value:
        found = [item for item in items if any(item.get(key) == name for key in NAME_KEYS) or item.get(".id") == name]
        if not found:
            return None
        chosen.extend(found)
    return chosen


def _view(items, keys):
    return [{k: item.get(k) for k in keys} for item in items]


def plan_command(command, items):
    """One entry of the plan; applies the predicted change to `items` so later commands see it."""
    entry = dict(command=command.text, line=command.line, path=command.menu, action=command.verb)
    if command.unknown:
        entry.update(would_change=UNKNOWN, reason="cannot predict: %s" % command.unknown)
        return entry
    if command.verb in QUIET_VERBS:
        entry.update(would_change=NO, reason="reads only")
        return entry
    if command.verb not in PLANNABLE_VERBS:
        entry.update(would_change=UNKNOWN, reason="cannot predict %s" % command.verb)
        return entry
    if isinstance(items, str):
        entry.update(would_change=UNKNOWN, reason=items)
        return entry
    args = dict(command.args)
    if command.verb == "add":
        static = [item for item in items if str(item.get("dynamic", "false")).lower() not in ("true", "yes")]
        found = [item for item in static if all(same_value(v, item.get(k)) for k, v in args.items())]
        if found:
            entry.update(would_change=NO, reason="an item with these properties exists", before=_view(found[:1], args),
                         after=_view(found[:1], args))
        else:
            entry.update(would_change=YES, reason="no item has these properties", before=[], after=[args])
            items.append(dict(args))
        return entry
    selected = _select(command, items)
    if selected is None:
        entry.update(would_change=UNKNOWN, reason="cannot tell which items it addresses")
        return entry
    if command.verb == "remove":
        entry.update(before=_view(selected, sorted({k for i in selected for k in i if k != ".id"})), after=[])
        entry.update(would_change=YES if selected else NO,
                     reason="%d item(s) match" % len(selected) if selected else "nothing matches")
        for item in selected:
            items.remove(item)
        return entry
    if command.verb in ("enable", "disable"):
        args = {"disabled": "no" if command.verb == "enable" else "yes"}
    differing = [item for item in selected if not all(same_value(v, item.get(k)) for k, v in args.items())]
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


def plan_script(script, state):
    """The plan of a whole script against {menu: items}; `state` is not modified."""
    working = copy.deepcopy(state)
    return [plan_command(command, working.setdefault(command.menu, [])) for command in parse_script(script)]


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
        lines.append(" ".join("%s=%s" % (k, quote(v)) for k, v in item.items()))
    return "\n".join(lines) + "\n" if lines else ""
