# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The first difference between a task's reviewed plan record and the same task's plan from fresh reads, in words.

Data in, data out: two records of the plan document (plan_document.site_record) -> one sentence, such as
"entry address=203.0.113.9 list=blocklist of /ip/firewall/address-list was absent when reviewed, is present now".
"""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import canonical

LONGEST = 200  # characters of one value in a sentence


def first_difference(reviewed, fresh):
    """What differs first: the changes, then the status, unknowns, script and error; None when nothing does."""
    for describe in (_changes, _status, _unknowns, _script, _error):
        found = describe(reviewed, fresh)
        if found:
            return found
    if reviewed["fingerprints"]["state"] != fresh["fingerprints"]["state"]:
        return "the router state the plan was computed from differs (a command that changes nothing reads other values now)"
    return None


def _key(change):
    if change.get("entry") is not None:
        return (change.get("menu"), canonical(change["entry"]))
    return (change.get("menu"), change.get("line"), change.get("command"))


def entry_name(change):
    """An altostrat_config entry by its key properties, or a job's command by its line."""
    entry = change.get("entry")
    if entry is not None:
        if not entry:
            return "the settings of %s" % change.get("menu")
        return "entry %s of %s" % (" ".join("%s=%s" % (k, _text(entry[k])) for k in sorted(entry)), change.get("menu"))
    return "line %s (%s)" % (change.get("line"), _shorten(change.get("command") or ""))


def shown(value):
    """A before value in a sentence: absent, or its properties."""
    if value is None:
        return "absent"
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value) or "absent"
    if isinstance(value, dict):
        return _shorten(" ".join("%s=%s" % (k, _text(value[k])) for k in sorted(value))) or "empty"
    return _shorten(_text(value))


def _text(value):
    if value == "":
        return '""'
    return value if isinstance(value, str) else canonical(value)


def _shorten(text):
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"


def _changes(reviewed, fresh):
    was = {_key(c): c for c in reviewed.get("changes") or []}
    now = {_key(c): c for c in fresh.get("changes") or []}
    order = list(was) + [key for key in now if key not in was]
    for key in order:
        before, after = was.get(key), now.get(key)
        if before is not None and after is not None:
            if canonical(before) == canonical(after):
                continue
            return _both(before, after)
        return _only_reviewed(before) if after is None else _only_now(after)
    return None


def _both(reviewed, fresh):
    name = entry_name(fresh)
    if canonical(reviewed.get("before")) != canonical(fresh.get("before")):
        return "%s was %s when reviewed, is %s now" % (name, shown(reviewed.get("before")), shown(fresh.get("before")))
    return "%s: the plan was %s %s when reviewed, is %s %s now" % (
        name, reviewed.get("action"), _shorten(str(reviewed.get("line"))), fresh.get("action"), _shorten(str(fresh.get("line"))))


def _only_reviewed(change):
    """Reviewed as a change, now none: the router already holds what the change was for."""
    name, action = entry_name(change), change.get("action")
    if change.get("entry") is not None and action == "add":
        return "%s was absent when reviewed, is present now" % name
    if change.get("entry") is not None and action == "remove":
        return "%s was present when reviewed, is absent now" % name
    return "%s was %s when reviewed, needs no change now" % (name, shown(change.get("before")))


def _only_now(change):
    """A change now that was not reviewed: the router moved away from what the plan saw."""
    name, action = entry_name(change), change.get("action")
    if change.get("entry") is not None and action == "add":
        return "%s was present when reviewed, is absent now" % name
    if change.get("entry") is not None and action == "remove":
        return "%s was absent when reviewed, is present now (%s)" % (name, shown(change.get("before")))
    return "%s needed no change when reviewed, is %s now" % (name, shown(change.get("before")))


def _status(reviewed, fresh):
    if reviewed.get("status") == fresh.get("status"):
        return None
    why = "; ".join(u.get("reason") or "" for u in reviewed.get("unknowns") or [])
    return "it was %s when reviewed%s, is %s now" % (reviewed.get("status"), " (%s)" % why if why else "", fresh.get("status"))


def _unknowns(reviewed, fresh):
    was = [canonical(u) for u in reviewed.get("unknowns") or []]
    now = [canonical(u) for u in fresh.get("unknowns") or []]
    for unknown in fresh.get("unknowns") or []:
        if canonical(unknown) not in was:
            return "line %s is unknown now and was not when reviewed: %s" % (unknown.get("line"), unknown.get("reason"))
    for unknown in reviewed.get("unknowns") or []:
        if canonical(unknown) not in now:
            return "line %s was unknown when reviewed and is not now: %s" % (unknown.get("line"), unknown.get("reason"))
    return None


def _script(reviewed, fresh):
    was, now = (reviewed.get("script") or "").splitlines(), (fresh.get("script") or "").splitlines()
    if was == now:
        return None
    for number, (old, new) in enumerate(zip(was + [""] * len(now), now + [""] * len(was)), 1):
        if old != new:
            return "the script differs at line %d: %r when reviewed, %r now" % (number, _shorten(old), _shorten(new))
    return None


def _error(reviewed, fresh):
    if reviewed.get("error") == fresh.get("error"):
        return None
    return "the error was %r when reviewed, is %r now" % (reviewed.get("error"), fresh.get("error"))
