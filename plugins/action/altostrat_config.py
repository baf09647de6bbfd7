# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.config import CONFIG
from ansible_collections.altostrat.sdx.plugins.plugin_utils.action import SdxActionBase


class ActionModule(SdxActionBase):
    MODULE = CONFIG
