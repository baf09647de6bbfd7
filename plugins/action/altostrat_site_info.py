# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.sites import SITE_INFO
from ansible_collections.altostrat.sdx.plugins.plugin_utils.action import SdxActionBase


class ActionModule(SdxActionBase):
    MODULE = SITE_INFO
