# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module pattern: each module is a ModuleDef (options + one run function).

Two doors call the same run function: the module file's main() through run_as_module(), and the
action plugin of the same name, in-process on the controller (plugins/plugin_utils/action.py).
"""

from __future__ import annotations

import difflib
import re
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.basic import env_fallback

from ansible_collections.altostrat.sdx.plugins.module_utils.client import AUTH_ARGUMENT_SPEC, SdxClient, SdxError

# \Z, not $: a $ would also accept the UUID followed by a line break.
UUID_RE = re.compile(r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def site_id_option(required=True):
    """The site_id option every per-site module takes (the action plugin fills it from altostrat_site_id)."""
    return dict(type="str", required=required, fallback=(env_fallback, ["ALTOSTRAT_SITE_ID"]))


MAX_CONCURRENCY = 100


def fleet_options():
    """site_id, or site_ids for one task over many sites (see execute_fleet); use with FLEET_CONSTRAINT."""
    return dict(
        site_id=site_id_option(required=False),
        site_ids=dict(type="list", elements="str"),
        concurrency=dict(type="int", default=20),
    )


FLEET_CONSTRAINT = ["site_id", "site_ids"]


class ModuleDef:
    """What a module is: its own options, its constraints, and the function that does the work.

    run(params, client, check_mode, diff) -> result dict; raises SdxError to fail the task.
    `warn` in params' companion Context collects warnings.
    """

    def __init__(self, name, options, run, mutually_exclusive=None, required_if=None, required_one_of=None,
                 required_together=None, site_bound=()):
        self.name = name
        # options that name one site's objects (a job id), refused with site_ids
        self.site_bound = site_bound
        self.options = options
        self.run = run
        self.mutually_exclusive = mutually_exclusive or []
        self.required_if = required_if or []
        self.required_one_of = required_one_of or []
        self.required_together = required_together or []

    @property
    def argument_spec(self):
        spec = dict(AUTH_ARGUMENT_SPEC)
        spec.update(self.options)
        return spec

    def constraints(self):
        return dict(mutually_exclusive=self.mutually_exclusive, required_if=self.required_if,
                    required_one_of=self.required_one_of, required_together=self.required_together)


class Context:
    """What a run function gets besides its parameters."""

    def __init__(self, client, check_mode=False, diff=False):
        self.client = client
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)


def check_uuid(name, value):
    """Fail early, before any request, when an id is not a UUID."""
    if value is not None and not UUID_RE.match(str(value)):
        raise SdxError("%s must be a UUID such as 9c69345c-8d39-4786-9f17-8153c988c89a (got %r)" % (name, value))
    return value


def plain(value):
    """Task arguments as plain Python values (ansible-core tags its strings; messages should not name those types)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return dict((plain(k), plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def check_argument_shapes(argument_spec, args):
    """Refuse what ansible-core would quietly turn into text: a list or dict given for a text option.

    Its str type makes `description: [a, b]` the text "['a', 'b']", which would be queued as it is.
    """
    for name, value in args.items():
        spec = argument_spec.get(name) or {}
        kind, elements = spec.get("type", "str"), spec.get("elements")
        if kind == "str" and isinstance(value, (dict, list)):
            raise SdxError("%s must be text, not a %s (got %r)" % (name, _shape_name(value), value))
        if kind == "list" and elements == "str" and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    raise SdxError("%s[%d] must be text, not a %s (got %r)" % (name, index, _shape_name(item), item))


def _shape_name(value):
    return "list" if isinstance(value, list) else "dict"


def unsupported_message(names, argument_spec):
    """`unsupported parameter make_bakup (did you mean make_backup?)`, the way a user can act on."""
    shown = []
    for name in sorted(".".join(n) if isinstance(n, tuple) else n for n in names):
        close = difflib.get_close_matches(name, list(argument_spec), n=1)
        shown.append("%s (did you mean %s?)" % (name, close[0]) if close else name)
    return "unsupported parameter%s %s; supported parameters are %s" % (
        "s" if len(shown) > 1 else "", ", ".join(shown), ", ".join(sorted(argument_spec)))


def check_wait_options(params):
    """wait_timeout and poll_interval, wherever a module waits, checked before any request."""
    for name in ("wait_timeout", "poll_interval"):
        if params.get(name) is not None and params[name] <= 0:
            raise SdxError("%s must be a positive number of seconds (got %s)" % (name, params[name]))


def site_not_found(site_id):
    return SdxError("site %s was not found: check site_id (the token only sees its own workspace's sites)" % site_id,
                    status=404)


def execute(module_def, params, check_mode=False, diff=False):
    """Build the client and run a module's function; the result always has `changed` and `warnings`."""
    if params.get("site_ids") is not None:
        return execute_fleet(module_def, params, check_mode=check_mode, diff=diff)
    ctx = Context(None, check_mode=check_mode, diff=diff)
    ctx.client = SdxClient.from_params(params, check_mode=check_mode, warn=ctx.warn)
    try:
        result = module_def.run(params, ctx)
    finally:
        ctx.client.close()
    result.setdefault("changed", False)
    if ctx.warnings:
        result["warnings"] = result.get("warnings", []) + ctx.warnings
    return result


def execute_fleet(module_def, params, check_mode=False, diff=False):
    """One task over many sites: the module's function for each site, `concurrency` sites at a time.

    A play over a fleet pays ansible-core's cost of a forked worker per host and task; this pays it once.
    Each site's reads are made one after another, so `concurrency` is also the number of requests in
    flight. Every site gets its own result under `per_site`; the task fails, after every site has run,
    when any site failed. Diffs are collected with the site id in their headers.
    """
    for option in module_def.site_bound:
        if params.get(option) is not None:
            raise SdxError("%s cannot be used with site_ids: it names one site's %s; give site_id instead"
                           % (option, option.replace("_", " ")))
    site_ids = list(dict.fromkeys(check_uuid("site_ids", site_id) for site_id in params["site_ids"]))
    concurrency = 20 if params.get("concurrency") is None else params["concurrency"]
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise SdxError("concurrency must be between 1 and %d (got %s)" % (MAX_CONCURRENCY, concurrency))
    shared = Context(None, check_mode=check_mode, diff=diff)
    client = SdxClient.from_params(params, check_mode=check_mode, warn=shared.warn, pool_size=concurrency, parallel_reads=1)

    def one(site_id):
        ctx = Context(client, check_mode=check_mode, diff=diff)
        try:
            result = module_def.run(dict(params, site_id=site_id), ctx)
            result.setdefault("changed", False)
        except SdxError as exc:
            result = dict(exc.details, failed=True, msg=exc.msg)
        if ctx.warnings:
            result["warnings"] = result.get("warnings", []) + ctx.warnings
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(site_ids)))) as pool:
            per_site = dict(zip(site_ids, pool.map(one, site_ids)))
    finally:
        client.close()
    failed = [site_id for site_id, result in per_site.items() if result.get("failed")]
    warned = [site_id for site_id, result in per_site.items() if result.get("warnings")]
    outcome = dict(changed=any(result.get("changed") for result in per_site.values()), per_site=per_site,
                   failed_sites=failed)
    diffs = [dict(entry, before_header="%s: %s" % (site_id, entry.get("before_header", "")),
                  after_header="%s: %s" % (site_id, entry.get("after_header", "")))
             for site_id, result in per_site.items() for entry in _diff_entries(result.get("diff"))]
    if diffs:
        outcome["diff"] = diffs
    if warned:
        shown = ", ".join(warned[:5]) + (" ..." if len(warned) > 5 else "")
        shared.warn("%d site(s) have warnings; see per_site[<site id>].warnings: %s" % (len(warned), shown))
    if shared.warnings:
        outcome["warnings"] = shared.warnings
    if failed:
        messages = {per_site[site_id]["msg"] for site_id in failed}
        if len(failed) == len(site_ids) and len(messages) == 1:
            raise SdxError("every site failed: %s" % messages.pop(), **outcome)
        raise SdxError("%d of %d sites failed (per_site[<site id>].msg says why); the first, %s: %s"
                       % (len(failed), len(site_ids), failed[0], per_site[failed[0]]["msg"]), **outcome)
    return outcome


def _diff_entries(diff):
    """A result's diff as a list of entries (Ansible takes one entry or a list)."""
    if not diff:
        return []
    return [diff] if isinstance(diff, dict) else list(diff)


def run_as_module(module_def):
    """main() of a module file: the same function, run under AnsibleModule."""
    from ansible.module_utils.basic import AnsibleModule

    module = AnsibleModule(argument_spec=module_def.argument_spec, supports_check_mode=True, **module_def.constraints())
    try:
        result = execute(module_def, module.params, check_mode=module.check_mode, diff=module._diff)
    except SdxError as exc:
        module.fail_json(msg=exc.msg, **exc.details)
    warnings = result.pop("warnings", [])
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**result)
