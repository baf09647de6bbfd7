# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The module pattern: each module is a ModuleDef (options, rules, one run function).

Two doors call the same run function: the module file's main() through run_as_module(), and the
action plugin of the same name, in-process on the controller (plugins/plugin_utils/action.py).
"""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import check_wait_numbers
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.context import Context
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.fleet import execute_fleet
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import (
    AUTH_ARGUMENT_SPEC, FLEET_EXCLUSIVE, FLEET_REQUIRED_BY)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


class ModuleDef:
    """What a module is: its own options, the rules between them, and the function that does the work.

    run(params, ctx) -> result dict, with ctx a framework.context.Context; it raises SdxError to fail the
    task. The rules are ansible-core's (mutually_exclusive, required_if, required_by...), so both doors
    apply them the same way before the run function is called.
    """

    def __init__(self, name, options, run, mutually_exclusive=None, required_if=None, required_one_of=None,
                 required_together=None, required_by=None, site_bound=()):
        self.name = name
        # options that name one site's objects (a job id), refused with site_ids
        self.site_bound = site_bound
        self.options = options
        self.run = run
        self.mutually_exclusive = list(mutually_exclusive or [])
        self.required_if = required_if or []
        self.required_one_of = required_one_of or []
        self.required_together = required_together or []
        self.required_by = dict(required_by or {})
        if "fleet" in options:  # the fleet options' own rules, for every module that takes them
            self.mutually_exclusive.extend(FLEET_EXCLUSIVE)
            self.required_by.update(FLEET_REQUIRED_BY)

    @property
    def argument_spec(self):
        spec = dict(AUTH_ARGUMENT_SPEC)
        spec.update(self.options)
        return spec

    def constraints(self):
        return dict(mutually_exclusive=self.mutually_exclusive, required_if=self.required_if,
                    required_one_of=self.required_one_of, required_together=self.required_together,
                    required_by=self.required_by)


def execute(module_def, params, check_mode=False, diff=False, before_queue=None):
    """Build the client and run a module's function; the result always has `changed` and `warnings`.

    `before_queue`: see Context.
    """
    if params.get("fleet"):
        raise SdxError("fleet works through the action plugin, which has the play's hosts: run %s as a task on "
                       "the controller, or give site_ids" % module_def.name)
    if params.get("site_ids") is not None:
        return execute_fleet(module_def, params, check_mode=check_mode, diff=diff, before_queue=before_queue)
    ctx = Context(None, check_mode=check_mode, diff=diff, before_queue=before_queue)
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
        check_wait_numbers(module.params)
        result = execute(module_def, module.params, check_mode=module.check_mode, diff=module._diff)
    except SdxError as exc:
        module.fail_json(msg=exc.msg, **exc.details)
    warnings = result.pop("warnings", [])
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**result)
