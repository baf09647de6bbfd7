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

from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import plain, validate
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import HOST_VAR_DEFAULTS
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.plugin_utils import plan_gate


class SdxActionBase(ActionBase):
    """Subclasses set MODULE to the module's ModuleDef."""

    MODULE = None
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        module_def = self.MODULE
        # module_defaults are already merged into the task's args by ansible-core.
        args = plain(dict(self._task.args))
        fleet = args.get("site_ids") is not None
        if fleet and args.get("site_id") is not None:
            result.update(failed=True, msg="%s: site_id and site_ids are mutually exclusive: give site_ids to work on "
                                           "many sites in one task, or site_id for one" % module_def.name)
            return result
        for option, var in HOST_VAR_DEFAULTS.items():
            if fleet and option == "site_id":
                continue  # the task's own sites, not the host's
            if option in module_def.argument_spec and args.get(option) is None and task_vars.get(var) is not None:
                args[option] = plain(self._templar.template(task_vars[var]))

        params, errors, no_log_values = validate(module_def, args)
        if errors:
            result.update(failed=True, msg="%s: %s" % (module_def.name, "; ".join(errors)))
            return mask_secrets(result, no_log_values)

        # The reviewed plan (ALTOSTRAT_PLAN), when given, holds the task to it: plan_gate.py.
        gate = plan_gate.for_task(self._task, task_vars, self._templar)
        try:
            outcome = (gate.execute if gate else execute)(module_def, params, check_mode=bool(self._task.check_mode),
                                                          diff=bool(self._task.diff))
        except SdxError as exc:
            outcome = dict(exc.details, failed=True, msg=exc.msg)
        result.update(outcome)
        return mask_secrets(result, no_log_values)


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
