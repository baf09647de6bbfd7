# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_site_info: the sites this token can see, filtered by name and state."""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import site_id_option
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.sites import get_site, list_sites, name_matches


def run_site_info(params, ctx):
    if params.get("site_id"):
        sites = [get_site(ctx.client, params["site_id"])]
    else:
        sites = list_sites(ctx.client)
    if params.get("name"):
        sites = [s for s in sites if name_matches(s, params["name"])]
    if params.get("online") is not None:
        sites = [s for s in sites if bool(s.get("has_pulse")) == params["online"]]
    return dict(changed=False, sites=sites)


SITE_INFO = ModuleDef(
    name="altostrat_site_info",
    options=dict(
        site_id=site_id_option(required=False),
        name=dict(type="str"),
        online=dict(type="bool"),
    ),
    run=run_site_info,
)
