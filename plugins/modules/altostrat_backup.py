#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_backup
short_description: Request, list and fetch a site's configuration backups through SDX
version_added: 0.1.0
description:
  - V(request) asks SDX for a configuration backup (a C(.rsc) export) and waits until it appears; the site takes it
    at its next check-in.
  - V(list) returns the site's backups, newest first.
  - V(fetch) writes one backup (the newest unless O(filename) says which) to O(dest); the task reports a change only
    when the configuration in it changes (the export's first line, which carries the date of the export, does not
    count), so a directory of fetched backups can live in git.
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  operation:
    description: What to do.
    type: str
    choices: [request, list, fetch]
    default: request
  filename:
    description:
      - With V(fetch), the backup to fetch, such as V(1732567800.rsc), or a job's C(associated_backup)
        (V(<site>/1732567800.rsc)). Defaults to the newest.
    type: str
  dest:
    description:
      - With V(fetch), the file to write on the controller; when it is a directory, the backup's file name is used in it.
    type: path
  wait:
    description: With V(request), wait until the new backup is listed.
    type: bool
    default: true
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site
  - altostrat.sdx.site.waiting
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
attributes:
  check_mode:
    description: V(request) is not sent; V(fetch) reports whether the file would change without writing it.
    support: full
  diff_mode:
    description: V(fetch) shows the file's old and new content.
    support: full
  idempotent:
    description: V(fetch) changes nothing when the file already has the backup's content; every V(request) makes a new backup.
    support: partial
requirements:
  - requests
seealso:
  - module: altostrat.sdx.altostrat_job
"""

EXAMPLES = r"""
- name: Take a backup now
  altostrat.sdx.altostrat_backup:
    operation: request
  register: taken

- name: Keep the newest backup of every site in a git working tree
  altostrat.sdx.altostrat_backup:
    operation: fetch
    dest: "backups/{{ inventory_hostname }}.rsc"
"""

RETURN = r"""
backup:
  description: The backup requested or fetched (C(filename), C(size), C(date), C(time), C(created_at)).
  returned: with V(request) when waiting, and with V(fetch)
  type: dict
backups:
  description: The site's backups, newest first.
  returned: with V(list)
  type: list
  elements: dict
dest:
  description: The file written (or that would be written).
  returned: with V(fetch)
  type: str
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.run.backup import BACKUP
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module


def main():
    run_as_module(BACKUP)


if __name__ == "__main__":
    main()
