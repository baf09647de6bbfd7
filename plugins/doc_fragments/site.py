# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # The site a per-site module works on.
    DOCUMENTATION = r"""
options:
  site_id:
    description:
      - The UUID of the site.
      - Defaults to the host variable C(altostrat_site_id), which the P(altostrat.sdx.sites#inventory) inventory sets,
        then to the E(ALTOSTRAT_SITE_ID) environment variable.
    type: str
    required: true
"""

    # How modules that wait for SDX poll it.
    WAITING = r"""
options:
  wait_timeout:
    description: Seconds to wait before failing with what was being waited for and its last status.
    type: float
    default: 600
  poll_interval:
    description: Seconds between the first polls; the interval grows up to 10 seconds.
    type: float
    default: 1
"""
