# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module pattern: each module is a ModuleDef (options + one run function).

Two doors call the same run function: the module file's main() through run_as_module(), and the
action plugin of the same name, in-process on the controller (plugins/plugin_utils/action.py).
"""

from __future__ import annotations

import re

from ansible.module_utils.basic import env_fallback

from ansible_collections.altostrat.sdx.plugins.module_utils.client import AUTH_ARGUMENT_SPEC, SdxClient, SdxError

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def site_id_option(required=True):
    """The site_id option every per-site module takes (the action plugin fills it from altostrat_site_id)."""
    return dict(type="str", required=required, fallback=(env_fallback, ["ALTOSTRAT_SITE_ID"]))


class ModuleDef:
    """What a module is: its own options, its constraints, and the function that does the work.

    run(params, client, check_mode, diff) -> result dict; raises SdxError to fail the task.
    `warn` in params' companion Context collects warnings.
    """

    def __init__(self, name, options, run, mutually_exclusive=None, required_if=None, required_one_of=None,
                 required_together=None):
        self.name = name
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


def site_not_found(site_id):
    return SdxError("site %s was not found: check site_id (the token only sees its own workspace's sites)" % site_id,
                    status=404)


def execute(module_def, params, check_mode=False, diff=False):
    """Build the client and run a module's function; the result always has `changed` and `warnings`."""
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
