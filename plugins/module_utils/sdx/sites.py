# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""SDX sites: listing them, and looking one up."""

from __future__ import annotations

import fnmatch

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid, on_site


def get_site(client, site_id):
    """One site by id, with a clear error when it does not exist for this token."""
    check_uuid("site_id", site_id)
    with on_site(site_id):
        return client.get("/sites/%s" % site_id, shape=dict)


def list_sites(client):
    return client.get_all("/sites")


def name_matches(site, pattern):
    """Shell-style, case-insensitive match on the site's name; a plain name must match whole."""
    return fnmatch.fnmatchcase((site.get("name") or "").lower(), pattern.lower())
