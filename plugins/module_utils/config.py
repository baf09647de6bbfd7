# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""altostrat_config: the desired entries of one menu, planned from a read, applied as one job.

read (one print per path) -> plan (add / set / unset / remove / move) -> script (safely quoted)
-> one job with a key derived from its content -> wait -> optional re-read to verify.
Check mode stops after the plan; the plan is the same either way.
"""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.config_entries import (
    PROPERTY_NAME, check_entries, entry_key, equal, normalise_restrict)
from ansible_collections.altostrat.sdx.plugins.module_utils.common import FLEET_CONSTRAINT, ModuleDef, check_uuid, fleet_options
from ansible_collections.altostrat.sdx.plugins.module_utils.job import queue_and_wait
from ansible_collections.altostrat.sdx.plugins.module_utils.jobs import (
    MAX_SCRIPT, check_job_options, clean_description, idempotency_key)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros_api import (
    api_command, check_property_names, normalise_items, routeros_refusal, synchronous)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros_catalogue import (  # noqa: F401 (DEFAULT_KEYS...: the table's views)
    BUILTIN_MENUS, DEFAULT_KEYS, KEY_DEFAULTS, ORDERED_MENUS, SINGLE_VALUE_MENUS, STATUS_PROPERTIES, is_single)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros_console import COMMAND_WORDS, VERBS, parse_script, quote


def config_path(path):
    """`/ip firewall address-list` or `/ip/firewall/address-list` -> `/ip/firewall/address-list`."""
    if not isinstance(path, str) or not path.strip():
        raise SdxError("path must name a RouterOS menu such as /ip/address or /ip firewall filter (got %r)" % (path,))
    try:
        menu = api_command(path)
    except SdxError as exc:
        raise SdxError("path %r is not a RouterOS menu path: write it as one line, like /ip/address or /ip firewall "
                       "filter (%s)" % (path, exc.msg))
    last = menu.rsplit("/", 1)[-1]
    if last in VERBS or last in COMMAND_WORDS:
        raise SdxError("path must name a menu, not a command (got %r): drop %r" % (path, last))
    return menu


def is_owned_by_router(item):
    """Dynamic, default and built-in items are RouterOS's own: never added, removed or moved."""
    return any(str(item.get(flag, "false")).lower() in ("true", "yes") for flag in ("dynamic", "default", "builtin"))


def in_scope(item, restrict):
    return all(any(equal(prop, v, item.get(prop)) for v in values) for prop, values in restrict.items())


def restrict_words(restrict):
    """API query words for the read: single-value restrictions filter on the router."""
    return ["?%s=%s" % (prop, values[0]) for prop, values in restrict.items() if len(values) == 1]


def read_menu(ctx, site_id, menu, restrict):
    return normalise_items(synchronous(ctx.client, site_id, menu + "/print", restrict_words(restrict)) or [])


def configured_properties(ctx, site_id, menu):
    """{entry key: properties set on it} from the menu's /export (which omits defaults)."""
    text = (synchronous(ctx.client, site_id, menu + "/export") or [{}])[0].get("ret", "")
    found = []
    for command in parse_script(text):
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


def _selector(item, menu, keys, entry):
    """How the script names an item: its id when it exists, else a find on its keys."""
    if item is not None and item.get(".id"):
        return item[".id"]
    names = keys or sorted(entry)
    return "[find where %s]" % " and ".join("%s=%s" % (k, quote(entry.get(k, KEY_DEFAULTS.get((menu, k), "")))) for k in names)


def plan_config(menu, items, entries, keys, restrict, absent, content, ensure_order, configured=None):
    """The actions that make the menu hold `entries`; each action carries its rendered script line."""
    actions = []
    if is_single(menu, items):
        current = items[0] if items else {}
        wanted = entries[0] if entries else {}
        differ = {k: v for k, v in wanted.items() if not equal(k, v, current.get(k), menu)}
        if differ:
            actions.append(dict(action="set", key={}, before={k: current.get(k) for k in differ}, after=differ,
                                line="set " + _args(differ)))
        return actions

    managed = [item for item in items if not is_owned_by_router(item) and in_scope(item, restrict)]
    candidates = managed + [item for item in items if is_owned_by_router(item)]
    matched = []
    for entry in entries:
        identity = entry_key(menu, entry, keys)
        item = _find_match(menu, entry, candidates, keys)
        if item is None:
            if menu in BUILTIN_MENUS:
                raise SdxError("%s has no entry with %s: its entries are the router's own and cannot be added"
                               % (menu, ", ".join("%s=%s" % kv for kv in identity)))
            actions.append(dict(action="add", key=dict(identity), before=None, after=entry, entry=entry))
            matched.append((entry, None))
            continue
        candidates.remove(item)
        matched.append((entry, item))
        differ = {k: v for k, v in entry.items() if not equal(k, v, item.get(k), menu)}
        extra = []
        if content == "remove" and configured is not None:
            mine = _find_match(menu, entry, configured, keys) or {}
            extra = sorted(k for k in mine if k not in entry and k not in STATUS_PROPERTIES and k not in (keys or []))
        if differ or extra:
            actions.append(dict(action="set", key=dict(identity), id=item.get(".id"),
                                before={k: item.get(k) for k in list(differ) + extra}, after=dict(differ),
                                unset=extra, line=None))
    if absent == "remove" and menu not in BUILTIN_MENUS:  # the router's own entries are never removed
        used = {id(item) for _entry, item in matched if item is not None}
        for item in managed:
            if id(item) not in used:
                shown = {k: v for k, v in item.items() if k not in STATUS_PROPERTIES}
                key = {k: shown.get(k) for k in keys} if keys else shown
                actions.append(dict(action="remove", key=key, id=item.get(".id"), before=shown, after=None,
                                    line="remove %s" % item.get(".id")))
    if ensure_order:
        actions.extend(_order(menu, items, matched, keys))
    _render(menu, actions, matched, keys, ensure_order)
    return actions


def _find_match(menu, entry, candidates, keys):
    """The first candidate that is this entry: same key properties, or (without keys) all of the entry's values."""
    if keys:
        identity = entry_key(menu, entry, keys)
        return next((c for c in candidates if entry_key(menu, c, keys) == identity), None)
    return next((c for c in candidates if all(equal(k, v, c.get(k), menu) for k, v in entry.items())), None)


def _order(menu, items, matched, keys):
    """Moves that put the existing managed entries in the order of `entries` (new ones are placed as added)."""
    existing = [(entry, item) for entry, item in matched if item is not None]
    position = {id(item): index for index, item in enumerate(items)}
    if [position[id(item)] for _entry, item in existing] == sorted(position[id(item)] for _entry, item in existing):
        return []
    moves = []
    for index in range(len(existing) - 2, -1, -1):
        (entry, item), following = existing[index], existing[index + 1][1]
        moves.append(dict(action="move", key=dict(entry_key(menu, entry, keys)), id=item.get(".id"), before=None, after=None,
                          line="move %s destination=%s" % (item.get(".id"), following.get(".id"))))
    return moves


def _args(props):
    return " ".join("%s=%s" % (k, quote(v)) for k, v in props.items())


def _render(menu, actions, matched, keys, ensure_order):
    """Script lines for sets and adds; adds in reverse order so each can be placed before its successor."""
    for action in actions:
        if action["action"] == "set" and action["line"] is None:
            parts = ["set %s" % action["id"]]
            if action["after"]:
                parts.append(_args(action["after"]))
            action["line"] = " ".join(parts)
            for prop in action.get("unset") or []:
                action["line"] += "\nunset %s value-name=%s" % (action["id"], prop)
    successors = {}
    for index, (entry, _item) in enumerate(matched):
        nxt = matched[index + 1] if index + 1 < len(matched) else None
        successors[id(entry)] = nxt
    for action in actions:
        if action["action"] != "add":
            continue
        line = "add " + _args(action["entry"])
        nxt = successors.get(id(action["entry"]))
        if ensure_order and nxt is not None:
            line += " place-before=%s" % _selector(nxt[1], menu, keys, nxt[0])
        action["line"] = line


def render_script(menu, actions):
    """One script: removals, then changes, then moves, then additions (last first when placed)."""
    rank = {"remove": 0, "set": 1, "move": 2, "add": 3}
    ordered = sorted(actions, key=lambda a: rank[a["action"]])
    adds = [a for a in ordered if a["action"] == "add"]
    if any("place-before" in a["line"] for a in adds):
        ordered = [a for a in ordered if a["action"] != "add"] + list(reversed(adds))
    if not ordered:
        return ""
    header = "/" + menu.strip("/").replace("/", " ")
    return "\n".join([header] + [a["line"] for a in ordered]) + "\n"


def gathered(ctx, site_id, menu):
    """The menu's configuration in this module's input format (from its /export, so defaults are left out)."""
    entries = configured_properties(ctx, site_id, menu)
    if menu in SINGLE_VALUE_MENUS:
        merged = {}
        for entry in entries:
            merged.update(entry)
        return [merged] if merged else []
    return entries


def plan_diff(menu, actions):
    diffs = []
    for action in actions:
        header = "%s %s %s" % (menu, action["action"], " ".join("%s=%s" % (k, quote(v)) for k, v in action["key"].items()))
        diffs.append(dict(before_header=header.strip(), after_header=header.strip(),
                          before=_lines(action.get("before")), after=_lines(action.get("after"))))
    return diffs


def _lines(props):
    if not props:
        return ""
    return "".join("%s: %s\n" % (k, v) for k, v in props.items())


def run_config(params, ctx):
    site_id = check_uuid("site_id", params["site_id"])
    menu = config_path(params["path"])
    if params["state"] == "gathered":
        return dict(changed=False, path=menu, gathered=gathered(ctx, site_id, menu))
    restrict = normalise_restrict(params.get("restrict"))
    keys = params.get("keys") or DEFAULT_KEYS.get(menu)
    if keys is None and menu not in ORDERED_MENUS and not reads_as_single(ctx, site_id, menu):
        raise SdxError("keys is required for %s: name the properties that identify an entry (for example [name])" % menu)
    for key in keys or []:
        if not PROPERTY_NAME.match(key):
            raise SdxError("keys: %r is not a RouterOS property name" % key)
    if params["ensure_order"] and menu not in ORDERED_MENUS:
        raise SdxError("ensure_order applies to ordered menus only (%s); %s keeps no order" % (", ".join(sorted(ORDERED_MENUS)), menu))
    if params["ensure_order"] and params["handle_absent_entries"] != "remove":
        raise SdxError("ensure_order needs handle_absent_entries=remove, so that no unlisted entry sits between managed ones")
    entries = check_entries(menu, params.get("entries"), keys, restrict)
    description = clean_description(params.get("description")) or ("altostrat_config %s" % menu)[:100]
    job_params = dict(params, description=description, script="-", notify_url=None)
    check_job_options(job_params)

    try:
        actions = compute(ctx, site_id, menu, entries, keys, restrict, params)
    except SdxError as exc:
        # the script depends on what the router holds: an offline site cannot be planned, so it is not queued
        if exc.details.get("api_code") == "site_offline" and params["if_offline"] == "skip":
            return dict(changed=False, skipped=True, path=menu, msg="%s: skipped (if_offline=skip)" % exc.msg.split(":", 1)[0])
        raise
    script = render_script(menu, actions)
    if len(script) > MAX_SCRIPT:
        raise SdxError("the script for these %d change(s) to %s is %d characters; SDX accepts at most %d in one job: "
                       "split the entries over several tasks (nothing was queued)" % (len(actions), menu, len(script), MAX_SCRIPT))
    result = dict(path=menu, plan=[{k: v for k, v in a.items() if k not in ("entry",)} for a in actions], script=script,
                  changed=bool(actions))
    if ctx.diff and actions:
        result["diff"] = plan_diff(menu, actions) + [dict(before_header="script", after_header="script to queue",
                                                          before="", after=script)]
    if not actions:
        result["msg"] = "%s already matches: nothing queued" % menu
        return result
    if ctx.check_mode:
        result["msg"] = "check mode: %d change(s) to %s would be queued as one job" % (len(actions), menu)
        return result
    job_params["script"] = script
    key = idempotency_key(site_id, description, script, params["make_backup"], params["express_execute"],
                          params["needs_acknowledgement"])
    result.update(queue_and_wait(ctx, site_id, job_params, key, repair_drift=True))
    result["changed"] = True
    if params["verify"] and params["wait"]:
        left = compute(ctx, site_id, menu, entries, keys, restrict, params)
        if left:
            raise SdxError("verify: %s still differs after job %s: %s" % (menu, result.get("job_id"), "; ".join(
                "%s %s" % (a["action"], a["key"] or a.get("after")) for a in left)), **result)
    return result


def reads_as_single(ctx, site_id, menu):
    """A single-item menu needs no keys: known as one, or read as one (the table is not a gate)."""
    if menu in SINGLE_VALUE_MENUS:
        return True
    try:
        return is_single(menu, read_menu(ctx, site_id, menu, {}))
    except SdxError as exc:
        refusal = routeros_refusal(exc)
        if refusal is None:
            raise
        # a menu the router cannot print is a misspelt path: that is the error to report, not the keys
        raise SdxError("path %s: the router has no such menu (RouterOS refused %s/print on site %s: %s)"
                       % (menu, menu, site_id, refusal), path=menu, routeros_error=refusal)


def compute(ctx, site_id, menu, entries, keys, restrict, params):
    items = read_menu(ctx, site_id, menu, restrict)
    check_property_names(ctx.client, site_id, menu, entries, items, ctx.warn)
    configured = configured_properties(ctx, site_id, menu) if params["handle_entries_content"] == "remove" else None
    return plan_config(menu, items, entries, keys, restrict, params["handle_absent_entries"],
                       params["handle_entries_content"], params["ensure_order"], configured)


CONFIG = ModuleDef(
    name="altostrat_config",
    options=dict(
        fleet_options(),
        path=dict(type="str", required=True),
        entries=dict(type="raw"),
        keys=dict(type="list", elements="str", no_log=False),
        handle_absent_entries=dict(type="str", default="ignore", choices=["ignore", "remove"]),
        handle_entries_content=dict(type="str", default="ignore", choices=["ignore", "remove"]),
        restrict=dict(type="dict"),
        ensure_order=dict(type="bool", default=False),
        verify=dict(type="bool", default=False),
        state=dict(type="str", default="present", choices=["present", "gathered"]),
        description=dict(type="str"),
        make_backup=dict(type="bool", default=True),
        express_execute=dict(type="bool", default=False),
        needs_acknowledgement=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="float", default=600.0),
        poll_interval=dict(type="float", default=1.0),
        if_offline=dict(type="str", default="fail", choices=["fail", "skip"]),
    ),
    run=run_config,
    required_one_of=[FLEET_CONSTRAINT],
)
