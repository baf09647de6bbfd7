# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.run.command import COMMAND
from ansible_collections.altostrat.sdx.plugins.plugin_utils.action import SdxActionBase
from ansible_collections.altostrat.sdx.plugins.plugin_utils.lint import argument_check


class ActionModule(SdxActionBase):
    MODULE = COMMAND


# Linters run this to check a task's arguments against the module's argument spec.
main = argument_check(COMMAND)
