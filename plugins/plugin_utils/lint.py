# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A main() for each action plugin file, so that linters check a task's arguments against the module's spec.

ansible-lint's args rule resolves a module's name to the action plugin of that name when there is one, loads
that file, and runs its main() with ansible.module_utils.basic.AnsibleModule replaced by a stand-in that stops
once the arguments are validated; a file without main() is not checked at all. Ansible itself never calls this
main(): every task runs through the action plugin.
"""

from __future__ import annotations

from ansible.module_utils import basic

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import HOST_VAR_DEFAULTS


def lint_argument_spec(module_def):
    """The module's argument spec, with the options the action plugin may take from host variables
    (site_id from altostrat_site_id, ...) given a stand-in default, since a linter sees no host variables."""
    spec = dict(module_def.argument_spec)
    one_of = set(name for group in module_def.required_one_of for name in group)
    for option, var in HOST_VAR_DEFAULTS.items():
        if option in spec and (spec[option].get("required") or option in one_of):
            spec[option] = dict(spec[option], required=False, default="{{ %s }}" % var)
    return spec


def argument_check(module_def):
    """main() for an action plugin file: validate the arguments given as a module's, then exit."""
    def main():
        # Looked up on the module at call time: the linter replaces basic.AnsibleModule while it runs main().
        module = basic.AnsibleModule(argument_spec=lint_argument_spec(module_def), supports_check_mode=True,
                                     **module_def.constraints())
        module.exit_json(changed=False, msg="%s: the arguments are valid" % module_def.name)
    return main
