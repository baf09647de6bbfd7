# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action-plugin door of the module pattern: run a module's function in the controller's worker.

No module is packaged or shipped anywhere: the API is in the cloud, so the function runs right here,
which is about ten times cheaper per task than a module run.
"""

from __future__ import annotations

import json

from ansible.errors import AnsibleValueOmittedError
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import plain, validate
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.fleet import HOSTS, check_site_bound, run_fleet
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import FLEET_OPTIONS, HOST_VAR_DEFAULTS
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.plugin_utils import plan_gate


class SdxActionBase(ActionBase):
    """Subclasses set MODULE to the module's ModuleDef."""

    MODULE = None
    TRANSFERS_FILES = False
    _requires_connection = False

    @classmethod
    def finalize_task_arg(cls, name, value, templar, context):
        # Templated in run() instead: with this host's variables, or with each host's in fleet mode.
        return value

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        module_def = self.MODULE
        # module_defaults are already merged into the task's args by ansible-core.
        raw = dict(self._task.args)
        args = template_args(raw, self._templar)
        self._task.args = dict(args)  # callbacks see the arguments as this host used them
        if not args.get("fleet"):
            args.pop("fleet", None)  # fleet: false is the task on this host alone
        fleet = args.get("site_ids") is not None or bool(args.get("fleet"))
        fill_host_defaults(module_def, args, task_vars, self._templar, site=not fleet)
        params, errors, no_log_values = validate(module_def, args)
        if not errors and params.get("fleet") and not self._task.run_once:
            errors = ["fleet works on every host of the play in one task: add run_once: true to the task"]
        if errors:
            result.update(failed=True, msg="%s: %s" % (module_def.name, "; ".join(errors)))
            return mask_secrets(result, no_log_values)
        check_mode, diff = bool(self._task.check_mode), bool(self._task.diff)
        # The reviewed plan (ALTOSTRAT_PLAN), when given, holds the task to it: plan_gate.py.
        gate = plan_gate.for_task(self._task, task_vars, self._templar)
        try:
            if params.get("fleet"):
                if gate:
                    raise SdxError("fleet: true cannot be held to a reviewed plan (ALTOSTRAT_PLAN) yet: run the task per "
                                   "host, or with site_ids, to apply what was reviewed")
                check_site_bound(module_def, params)
                targets, secrets = self._host_targets(raw, task_vars)
                no_log_values |= secrets
                outcome = run_fleet(module_def, targets, params, HOSTS, check_mode=check_mode, diff=diff)
            else:
                outcome = (gate.execute if gate else execute)(module_def, params, check_mode=check_mode, diff=diff)
        except SdxError as exc:
            outcome = dict(exc.details, failed=True, msg=exc.msg)
        result.update(outcome)
        return mask_secrets(result, no_log_values)

    def _host_targets(self, raw, task_vars):
        """[(host, params or SdxError)] for the play's hosts: the task's arguments templated with each one's variables.

        The variables are the ones the task would have run with on that host (inventory, group_vars, host_vars,
        facts, play, role and task vars); ansible_play_batch is the play's hosts, under --limit and serial.
        """
        module_def, targets, secrets = self.MODULE, [], set()
        manager = self._task.get_variable_manager()
        play = self._task.get_play()
        for name in task_vars.get("ansible_play_batch") or []:
            # the inventory the variable manager was built with (HostVars reads it the same way)
            host = manager._inventory.get_host(name)  # pylint: disable=protected-access
            variables = manager.get_vars(play=play, host=host, task=self._task)
            templar = self._templar.copy_with_new_env(available_variables=variables)
            try:
                args = template_args(raw, templar)
            except Exception as exc:  # pylint: disable=broad-except
                targets.append((name, SdxError("the task's arguments cannot be templated for %s: %s" % (name, exc))))
                continue
            for option in FLEET_OPTIONS:
                args.pop(option, None)
            fill_host_defaults(module_def, args, variables, templar, site=True)
            if args.get("site_id") is None:
                targets.append((name, SdxError("%s has no altostrat_site_id host variable: it is not an SDX site" % name)))
                continue
            params, errors, no_log_values = validate(module_def, args)
            secrets |= no_log_values
            targets.append((name, SdxError("; ".join(errors)) if errors else params))
        return targets, secrets


def template_args(raw, templar):
    """The task's arguments templated as ansible-core would: an argument that templates to omit is left out."""
    args = {}
    for name, value in raw.items():
        try:
            args[name] = plain(templar.template(value))
        except AnsibleValueOmittedError:
            continue
    return args


def fill_host_defaults(module_def, args, variables, templar, site=True):
    """Options the task leaves out, from the host's variables (altostrat_site_id...); the task's arguments win."""
    for option, var in HOST_VAR_DEFAULTS.items():
        if option == "site_id" and not site:
            continue  # the task's own sites, not the host's
        if option in module_def.argument_spec and args.get(option) is None and variables.get(var) is not None:
            args[option] = plain(templar.template(variables[var]))


def mask_secrets(result, no_log_values):
    """The result with every no_log value (the API token) masked, as remove_values does.

    remove_values walks and copies every value, which takes a noticeable fraction of a second for a fleet's
    facts. The result is first read as one JSON text, and only walked when a secret, as it is or as JSON
    escapes it, occurs in that text at all.
    """
    if not no_log_values:
        return result
    if all(isinstance(value, str) and value for value in no_log_values):
        try:
            text = json.dumps(result, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = None
        if text is not None and not any(value in text or json.dumps(value, ensure_ascii=False)[1:-1] in text
                                        for value in no_log_values):
            return result
    return remove_values(result, no_log_values)
