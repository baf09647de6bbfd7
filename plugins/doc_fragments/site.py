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

    # Modules that work on one site, or on many in one task (common.execute_fleet).
    FLEET = r"""
options:
  site_id:
    description:
      - The UUID of the site.
      - Defaults to the host variable C(altostrat_site_id), which the P(altostrat.sdx.sites#inventory) inventory sets,
        then to the E(ALTOSTRAT_SITE_ID) environment variable.
      - Give either O(site_id) or O(site_ids).
    type: str
  site_ids:
    description:
      - Work on all these sites in one task, instead of on one site per host. Each site gets the same
        work and its own result under RV(per_site); O(concurrency) sites are worked on at once.
      - A play over a large fleet otherwise pays ansible-core's cost of a forked worker for every host and task.
        Run the task once, for example on C(localhost) or with C(run_once), with the C(altostrat_site_id) host
        variable of every host to work on (see the examples).
      - The task fails, after every site has been worked on, when any site failed; RV(failed_sites) lists them.
    type: list
    elements: str
  concurrency:
    description:
      - With O(site_ids), how many sites are worked on at once, from 1 to 100. Each site's reads are made one after
        another, so this is also how many API requests are in flight.
    type: int
    default: 20
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
