# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Identifiers of SDX objects, and what a 404 about a site's objects means."""

from __future__ import annotations

import contextlib
import re

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxError

# \Z, not $: a $ would also accept the UUID followed by a line break.
UUID_RE = re.compile(r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def check_uuid(name, value):
    """Fail early, before any request, when an id is not a UUID."""
    if value is not None and not UUID_RE.match(str(value)):
        raise SdxError("%s must be a UUID such as 9c69345c-8d39-4786-9f17-8153c988c89a (got %r)" % (name, value))
    return value


def site_not_found(site_id):
    return SdxError("site %s was not found: check site_id (the token only sees its own workspace's sites)" % site_id,
                    status=404)


@contextlib.contextmanager
def on_site(site_id, missing=None):
    """Requests about one site: an HTTP 404 means the site is not found, or, with `missing`, that object."""
    try:
        yield
    except SdxApiError as exc:
        if exc.status != 404:
            raise
        raise (missing or site_not_found(site_id)) from None
