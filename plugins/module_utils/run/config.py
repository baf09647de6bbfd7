# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_config: the desired entries of one menu, planned from a read, applied as one job.

read (one print per path) -> plan (add / set / unset / remove / move) -> script (safely quoted)
-> one job with a key derived from its content -> wait -> optional re-read to verify.
Check mode stops after the plan; the plan is the same either way. `menus` is the same for several
menus in one task, one job per menu that differs.
"""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import (
    FLEET_CONSTRAINT, fleet_options, rollback_option, wait_options)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import (
    api_command, check_property_names, normalise_items, routeros_refusal, synchronous)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.catalogue import (
    DEFAULT_KEYS, ORDERED_MENUS, SINGLE_VALUE_MENUS, is_single)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_entries import (
    PROPERTY_NAME, check_entries, normalise_restrict)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_plan import (
    config_diff, configured_entries, plan_config, render_script)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import COMMAND_WORDS, VERBS
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.rollback_job import with_rollback
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    MAX_SCRIPT, check_description, clean_description, idempotency_key)
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.queueing import queue_and_wait
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


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


def restrict_words(restrict):
    """API query words for the read: single-value restrictions filter on the router."""
    return ["?%s=%s" % (prop, values[0]) for prop, values in restrict.items() if len(values) == 1]


def read_menu(ctx, site_id, menu, restrict):
    return normalise_items(synchronous(ctx.client, site_id, menu + "/print", restrict_words(restrict)) or [])


def configured_properties(ctx, site_id, menu):
    """The entries the menu's /export sets, with the properties set on each (an export omits defaults)."""
    text = (synchronous(ctx.client, site_id, menu + "/export") or [{}])[0].get("ret", "")
    return configured_entries(menu, text)


def gathered(ctx, site_id, menu):
    """The menu's configuration in this module's input format (from its /export, so defaults are left out)."""
    entries = configured_properties(ctx, site_id, menu)
    if menu in SINGLE_VALUE_MENUS:
        merged = {}
        for entry in entries:
            merged.update(entry)
        return [merged] if merged else []
    return entries


# What one item of `menus` may give; every other option is the task's, for all its menus.
MENU_OPTIONS = ("path", "entries", "keys", "restrict", "handle_absent_entries", "handle_entries_content", "ensure_order")


def run_config(params, ctx):
    if params.get("menus") is not None:
        return run_menus(params, ctx)
    return run_menu(params, ctx)


def run_menus(params, ctx):
    """Each menu of `menus` as its own task would run it, in order; the task fails when any menu fails.

    An apply held to a reviewed plan takes its last look at the plan of every menu together, before the
    first job is queued, since that plan is the one reviewed.
    """
    site_id = check_uuid("site_id", params["site_id"])
    if not params["menus"]:
        return dict(changed=False, skipped=True, menus=[], msg="menus is empty: nothing was planned on this site")
    if ctx.before_queue is not None and not ctx.check_mode:
        planned = run_menus(params, ctx.derived(check_mode=True, diff=False, before_queue=None))
        if planned["changed"]:
            ctx.before_queue(site_id, planned)
        ctx = ctx.derived(before_queue=None)
    results = []
    for index, menu in enumerate(params["menus"]):
        one = dict(params, menus=None, **{option: menu.get(option) for option in MENU_OPTIONS})
        try:
            result = run_menu(one, ctx)
        except SdxError as exc:
            result = dict(exc.details, failed=True, msg="menus[%d] (%s): %s" % (index, menu.get("path"), exc.msg))
        results.append(dict(result, name=menu.get("name") or result.get("path") or menu.get("path")))
    outcome = dict(changed=any(result.get("changed") for result in results), menus=results)
    skipped = [result for result in results if result.get("skipped")]
    if skipped:  # if_offline=skip: the site could not be read, so nothing about it is known
        outcome.update(skipped=True, msg=skipped[0]["msg"])
    diffs = [dict(entry, before_header="%s: %s" % (result["name"], entry.get("before_header", "")),
                  after_header="%s: %s" % (result["name"], entry.get("after_header", "")))
             for result in results for entry in result.get("diff") or []]
    if diffs:
        outcome["diff"] = diffs
    failed = [result for result in results if result.get("failed")]
    if failed:
        raise SdxError("%d of %d menus failed (menus[].msg says why); the first, %s" % (
            len(failed), len(results), failed[0]["msg"]), **outcome)
    return outcome


def run_menu(params, ctx):
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
    check_description(description)

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
    result = dict(path=menu, plan=[change.as_plan() for change in actions], script=script, changed=bool(actions))
    if ctx.diff and actions:
        result["diff"] = config_diff(menu, actions) + [dict(before_header="script", after_header="script to queue",
                                                            before="", after=script)]
    if not actions:
        result["msg"] = "%s already matches: nothing queued" % menu
        return result
    job_params = dict(params, description=description, script=script, notify_url=None)
    key = idempotency_key(site_id, description, script, params["make_backup"], params["express_execute"],
                          params["needs_acknowledgement"])
    if ctx.before_queue is not None and not ctx.check_mode:  # an apply held to a reviewed plan: its last look
        ctx.before_queue(site_id, result)
    if params.get("rollback"):
        result.update(with_rollback(ctx.client, site_id, job_params, key, ctx.check_mode, repair=True, warn=ctx.warn))
    if ctx.check_mode:
        result["msg"] = "check mode: %d change(s) to %s would be queued as one job%s" % (
            len(actions), menu, " with its rollback armed first" if params.get("rollback") else "")
        return result
    if not params.get("rollback"):
        result.update(queue_and_wait(ctx.client, site_id, job_params, key, repair_drift=True, warn=ctx.warn))
    result["changed"] = True
    if params["verify"] and params["wait"]:
        left = compute(ctx, site_id, menu, entries, keys, restrict, params)
        if left:
            raise SdxError("verify: %s still differs after job %s: %s" % (menu, result.get("job_id"), "; ".join(
                "%s %s" % (change.kind, change.key or change.after) for change in left)), **result)
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
        path=dict(type="str"),
        menus=dict(type="list", elements="dict", options=dict(
            name=dict(type="str"),
            path=dict(type="str", required=True),
            entries=dict(type="raw", required=True),
            keys=dict(type="list", elements="str", no_log=False),
            handle_absent_entries=dict(type="str", default="ignore", choices=["ignore", "remove"]),
            handle_entries_content=dict(type="str", default="ignore", choices=["ignore", "remove"]),
            restrict=dict(type="dict"),
            ensure_order=dict(type="bool", default=False),
        )),
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
        if_offline=dict(type="str", default="fail", choices=["fail", "skip"]),
        **dict(wait_options(), **rollback_option())
    ),
    run=run_config,
    mutually_exclusive=[("menus", option) for option in MENU_OPTIONS],
    required_one_of=[FLEET_CONSTRAINT, ("path", "menus")],
    required_if=[("state", "present", ("entries", "menus"), True), ("state", "gathered", ("path",))],
)
