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

    # A change applied under an automatic rollback (altostrat_job, altostrat_config).
    ROLLBACK = r"""
options:
  rollback:
    description:
      - Apply the change under an automatic rollback. The job that makes the change first saves the
        configuration (C(/system backup save)) and arms a C(/system scheduler) entry that loads that backup
        when the window ends; the change follows in the same job.
      - The task then waits for proof that the site still reaches SDX after the change (a small probe job
        completes, and a synchronous read answers with no reboot since), and queues the job that confirms
        the change (removes the entry and the backup) before the window ends.
      - Without that proof the router restores the configuration from before the change by itself, reboots
        into it and checks in again; the task then fails saying when the router rolled back and that its
        C(/export) is the one from before the change. This also happens when the controller stops during
        the window.
      - RouterOS 6.43 and later 6.x, and 7.x. The site must be online when the task starts, only one
        rollback can be armed on a router at a time, and the task always waits (C(wait=false) is refused).
      - Leave it out to apply the change without a rollback. See the guide's C(Automatic rollback) section.
    type: dict
    suboptions:
      after:
        description:
          - The window, from the start of the change to the revert, as a duration (C(5m), C(90s), C(1h)) or
            seconds. 10 seconds to 7 days.
          - The revert runs between one thirtieth of the window before and after it. Waiting for proof ends
            about 70 seconds before the revert could run (less in windows under 2 minutes), so the confirm
            job has two check-ins to run; windows under 3 minutes leave little room on a real site.
        type: str
        default: 5m
"""
