# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from collections.abc import Mapping

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import plain
from ansible_collections.altostrat.sdx.plugins.module_utils.run.facts import FACTS, facts_module
from ansible_collections.altostrat.sdx.plugins.plugin_utils.action import SdxActionBase
from ansible_collections.altostrat.sdx.plugins.plugin_utils.lint import argument_check


class ActionModule(SdxActionBase):
    MODULE = FACTS

    def run(self, tmp=None, task_vars=None):
        # The inventory read every site object in one request; the host's copy saves a read per host.
        site = (task_vars or {}).get("altostrat_site")
        if isinstance(site, Mapping) and site.get("id"):
            self.MODULE = facts_module(inventory_site=plain(self._templar.template(site)))
        return super().run(tmp, task_vars)


# Linters run this to check a task's arguments against the module's argument spec.
main = argument_check(FACTS)
