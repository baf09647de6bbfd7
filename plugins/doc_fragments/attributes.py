# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Every module runs in-process on the controller through its action plugin.
    DOCUMENTATION = r"""
attributes:
  action:
    description: Runs on the controller through an action plugin of the same name, in-process.
    support: full
  async:
    description: Ansible's C(async) keyword is not supported; use the module's own C(wait) options where it has them.
    support: none
  bypass_host_loop:
    description: Runs once per host; each host is one SDX site.
    support: none
  platform:
    description: Talks to the SDX API only; the router itself is never contacted.
    support: full
    platforms: altostrat_sdx
"""

    # A module that only reads.
    INFO_MODULE = r"""
attributes:
  check_mode:
    description: Reads only; runs unchanged in check mode.
    support: full
  diff_mode:
    description: Reads only; there is nothing to diff.
    support: none
  idempotent:
    description: Reads only; never changes anything.
    support: full
"""
