# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_command: one synchronous RouterOS API command through SDX."""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import FLEET_CONSTRAINT, fleet_options
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import (
    api_command, is_read, normalise_items, parameter_words, synchronous)


def run_command(params, ctx):
    command = api_command(params["command"])
    words = parameter_words(params.get("parameters"))
    read = is_read(command, words)
    result = dict(command=command, parameters=words, read=read)
    if not read and ctx.check_mode:
        # Not a read: the command could change the router, so check mode does not send it.
        result.update(changed=True, sent=False, data=[], raw=[],
                      msg="check mode: %s was not sent because it is not a read-only command" % command)
        return result
    raw = synchronous(ctx.client, params["site_id"], command, words, read=read)
    result.update(changed=not read, sent=True, raw=raw, data=normalise_items(raw))
    return result


COMMAND = ModuleDef(
    name="altostrat_command",
    options=dict(
        fleet_options(),
        command=dict(type="str", required=True),
        parameters=dict(type="raw"),
    ),
    run=run_command,
    required_one_of=[FLEET_CONSTRAINT],
)
