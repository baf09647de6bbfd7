# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_backup: request a configuration backup, list backups, fetch one to a file."""

from __future__ import annotations

import os
import tempfile

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import site_id_option, wait_options
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.backups import (
    get_backup, list_backups, request_backup, safe_filename, without_export_date)
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


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
    operation = params["operation"]
    if operation == "list":
        return dict(changed=False, backups=list_backups(ctx.client, site_id))
    if operation == "fetch":
        return fetch_backup(ctx, site_id, params)
    if ctx.check_mode:
        list_backups(ctx.client, site_id)  # the site exists, as the apply would find
        return dict(changed=True, msg="check mode: a backup would be requested")
    backup = request_backup(ctx.client, site_id, params["wait"], params["wait_timeout"], params["poll_interval"])
    return dict(changed=True, **({"backup": backup} if backup is not None else {}))


BACKUP = ModuleDef(
    name="altostrat_backup",
    options=dict(
        site_id=site_id_option(),
        operation=dict(type="str", default="request", choices=["request", "list", "fetch"]),
        filename=dict(type="str"),
        dest=dict(type="path"),
        **wait_options()
    ),
    run=run_backup,
    required_if=[("operation", "fetch", ("dest",))],
)
