# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sites: listing and looking up SDX sites (the altostrat_site_info module)."""

from __future__ import annotations

import fnmatch

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxApiError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import ModuleDef, check_uuid, site_id_option, site_not_found


def get_site(client, site_id):
    """One site by id, with a clear error when it does not exist for this token."""
    check_uuid("site_id", site_id)
    try:
        return client.get("/sites/%s" % site_id, shape=dict)
    except SdxApiError as exc:
        if exc.status == 404:
            raise site_not_found(site_id)
        raise


def list_sites(client):
    return client.get_all("/sites")


def name_matches(site, pattern):
    """Shell-style, case-insensitive match on the site's name; a plain name must match whole."""
    return fnmatch.fnmatchcase((site.get("name") or "").lower(), pattern.lower())


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
