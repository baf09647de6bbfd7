# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""SDX backups: listing, reading and requesting them; their file names made safe to use."""

from __future__ import annotations

import re

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import on_site
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.polling import poll_until
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError

EXPORT_DATE_LINE = re.compile(r"\A# [^\n]* by RouterOS [^\n]*\n")
# What a backup's file name may be: a plain name, never a path (SDX names them <unix time>.rsc).
SAFE_FILENAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,199}\Z")


def safe_filename(name, source):
    """A backup file name that cannot leave its directory or its URL segment, or SdxError naming `source`."""
    if not isinstance(name, str) or not SAFE_FILENAME.match(name) or ".." in name:
        raise SdxError("%s %r is not a plain backup file name (letters, digits, dot, dash, underscore; no path): "
                       "refused, so that nothing is read or written outside its place" % (source, name))
    return name


def list_backups(client, site_id):
    with on_site(site_id):
        return client.get_all("/backup/%s" % site_id)


def get_backup(client, site_id, filename):
    """One backup with its content; `filename` may be an associated_backup value (`<site>/<file>`)."""
    if "/" in filename and filename.count("/") == 1:
        filename = filename.split("/", 1)[1]
    filename = safe_filename(filename, "filename")
    with on_site(site_id, missing=SdxError("backup %s was not found on site %s" % (filename, site_id), status=404)):
        return client.get("/backup/%s/%s" % (site_id, filename), shape=dict)


def request_backup(client, site_id, wait=True, timeout=600.0, interval=1.0):
    """Ask SDX for a backup; with `wait`, the new backup once it is listed (the site takes it at its next check-in)."""
    before = {b.get("filename") for b in list_backups(client, site_id)}
    client.post("/backup/%s" % site_id)
    if not wait:
        return None
    appeared, fresh = poll_until(lambda: [b for b in list_backups(client, site_id) if b.get("filename") not in before],
                                 bool, timeout, interval)
    if not appeared:
        raise SdxError("the backup of site %s did not appear within %s s (the site takes it at its next check-in; "
                       "is it online?)" % (site_id, timeout))
    return fresh[0]


def without_export_date(text):
    """An export without its first line (`# <date> <time> by RouterOS <version>`), which changes with every export."""
    return EXPORT_DATE_LINE.sub("", text, count=1)
