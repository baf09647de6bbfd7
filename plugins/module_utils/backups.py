# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""altostrat_backup: request a configuration backup, list backups, fetch one to a file."""

from __future__ import annotations

import os
import re
import tempfile
import time

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import (
    ModuleDef, check_uuid, check_wait_options, site_id_option, site_not_found)

POLL_CAP = 10.0
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
    try:
        return client.get_all("/backup/%s" % site_id)
    except SdxApiError as exc:
        if exc.status == 404:
            raise site_not_found(site_id)
        raise


def get_backup(client, site_id, filename):
    if "/" in filename and filename.count("/") == 1:  # an associated_backup value: "<site>/<file>"
        filename = filename.split("/", 1)[1]
    filename = safe_filename(filename, "filename")
    try:
        return client.get("/backup/%s/%s" % (site_id, filename), shape=dict)
    except SdxApiError as exc:
        if exc.status == 404:
            raise SdxError("backup %s was not found on site %s" % (filename, site_id), status=404)
        raise


def request_backup(ctx, site_id, params):
    before = {b.get("filename") for b in list_backups(ctx.client, site_id)}
    if ctx.check_mode:
        return dict(changed=True, msg="check mode: a backup would be requested")
    ctx.client.post("/backup/%s" % site_id)
    result = dict(changed=True)
    if not params["wait"]:
        return result
    deadline = time.monotonic() + params["wait_timeout"]
    delay = params["poll_interval"]
    while True:
        fresh = [b for b in list_backups(ctx.client, site_id) if b.get("filename") not in before]
        if fresh:
            result["backup"] = fresh[0]
            return result
        if time.monotonic() >= deadline:
            raise SdxError("the backup of site %s did not appear within %s s (the site takes it at its next check-in; "
                           "is it online?)" % (site_id, params["wait_timeout"]))
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(POLL_CAP, delay * 1.5)


def fetch_backup(ctx, site_id, params):
    filename = params.get("filename")
    if not filename:
        backups = list_backups(ctx.client, site_id)
        if not backups:
            raise SdxError("site %s has no backups yet: request one first (operation=request)" % site_id)
        filename = backups[0].get("filename")
        safe_filename(filename, "the API's newest backup file name")
    backup = get_backup(ctx.client, site_id, filename)
    content = backup.get("content")
    if not isinstance(content, str) or not content.strip():
        raise SdxError("the API answered backup %s of site %s without its content (%s): nothing was written, and %s "
                       "is left as it was" % (filename, site_id, "empty" if isinstance(content, str) else "missing",
                                              params["dest"]))
    dest = params["dest"]
    if os.path.isdir(dest):
        # The name the user asked for wins; the API's own name is used only when they gave none, and only if safe.
        name = filename.split("/", 1)[-1] if params.get("filename") else backup.get("filename") or filename
        dest = os.path.join(dest, safe_filename(name, "the backup file name"))
    current = None
    if os.path.exists(dest):
        with open(dest, encoding="utf-8", newline="") as handle:
            current = handle.read()
    info = {k: v for k, v in backup.items() if k != "content"}
    result = dict(changed=current is None or without_export_date(current) != without_export_date(content), dest=dest, backup=info)
    if ctx.diff and result["changed"]:
        result["diff"] = dict(before=current or "", after=content, before_header=dest, after_header=filename)
    if result["changed"] and not ctx.check_mode:
        _write_atomically(dest, content)
    return result


def without_export_date(text):
    """An export without its first line (`# <date> <time> by RouterOS <version>`), which changes with every export."""
    return EXPORT_DATE_LINE.sub("", text, count=1)


def _write_atomically(dest, content):
    directory = os.path.dirname(os.path.abspath(dest))
    os.makedirs(directory, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=directory, prefix=".altostrat-backup-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(content)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def run_backup(params, ctx):
    site_id = check_uuid("site_id", params["site_id"])
    check_wait_options(params)
    operation = params["operation"]
    if operation == "list":
        return dict(changed=False, backups=list_backups(ctx.client, site_id))
    if operation == "fetch":
        if not params.get("dest"):
            raise SdxError("operation=fetch needs dest: the file (or directory) to write the backup to")
        return fetch_backup(ctx, site_id, params)
    return request_backup(ctx, site_id, params)


BACKUP = ModuleDef(
    name="altostrat_backup",
    options=dict(
        site_id=site_id_option(),
        operation=dict(type="str", default="request", choices=["request", "list", "fetch"]),
        filename=dict(type="str"),
        dest=dict(type="path"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="float", default=600.0),
        poll_interval=dict(type="float", default=1.0),
    ),
    run=run_backup,
)
