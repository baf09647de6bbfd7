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

    # Modules that work on one site, or on many in one task (framework.fleet).
    FLEET = r"""
options:
  site_id:
    description:
      - The UUID of the site.
      - Defaults to the host variable C(altostrat_site_id), which the P(altostrat.sdx.sites#inventory) inventory sets,
        then to the E(ALTOSTRAT_SITE_ID) environment variable.
      - Give one of O(site_id), O(site_ids) or O(fleet).
    type: str
  fleet:
    description:
      - V(true) works on every host of the play in this one task, each host as if the task had run on it alone - the
        task's arguments are templated with that host's own variables (inventory, C(group_vars), C(host_vars), facts,
        play, role and task vars), its site is its C(altostrat_site_id) - and returns each host's result under
        RV(per_host) by inventory hostname, with diffs whose headers name the host.
      - Use it with the task keyword C(run_once) set to V(true) (the task refuses to run without it). The hosts are C(ansible_play_batch) - the
        play's hosts under C(--limit) and C(serial), without those that failed earlier.
      - A play over a large fleet otherwise pays ansible-core's cost of a forked worker for every host and task; this
        pays it once per task, with O(concurrency) sites worked on at once.
      - ansible-core gives a C(run_once) task one result, shown under the host it ran on; the play recap counts that
        host only, and a failed task fails every host of the play. RV(per_host), RV(failed_hosts) and
        RV(not_attempted) say what happened to each host. The result is registered on every host, so a later task can
        read C(result.per_host[inventory_hostname]).
      - Only the action plugin has the play's hosts, so O(fleet) works in tasks, not as a module started on its own.
    type: bool
  site_ids:
    description:
      - Work on all these sites in one task, instead of on one site per host. Each site gets the same
        work and its own result under RV(per_site); O(concurrency) sites are worked on at once.
      - Prefer O(fleet), which takes the hosts and their variables; O(site_ids) suits a task that is not about the
        play's hosts, run for example on C(localhost).
      - The task fails, after every site has been worked on, when any site failed; RV(failed_sites) lists them.
    type: list
    elements: str
  concurrency:
    description:
      - With O(site_ids) or O(fleet), how many sites are worked on at once, from 1 to 100. Each site's reads are made one
        after another, so this is also how many API requests are in flight.
    type: int
    default: 20
  batches:
    description:
      - With O(site_ids) or O(fleet), a staged rollout, in the spirit of a play's C(serial) - the sites in stages of
        these sizes, each stage after the one before has finished. A number is that many sites, a percentage such as
        V("20%") that share of all the sites (at least one); the last size repeats until every site has a stage. For
        example V([1, 3, "25%"]) - one canary, then three, then a quarter of the fleet at a time.
      - The rollout stops after a stage whose failures pass O(max_fail_percentage); the sites after it are not
        attempted, each reported as such in the result (C(not_attempted) and C(skipped)) and listed in
        RV(not_attempted), and the task fails saying which stage stopped it and why.
      - In check mode every site is planned, in one stage - a plan changes nothing a later stage could depend on.
      - Without O(batches) every site is worked on in one stage, and a failure stops nothing.
    type: list
    elements: raw
  max_fail_percentage:
    description:
      - With O(batches), the share of a stage's sites, from 0 to 100, that may fail without stopping the rollout; it
        stops when more than this fail, as a play's C(max_fail_percentage) does for its batches.
      - The default, 0, stops the rollout at the first stage with any failure - unlike a play's C(serial), which
        carries on unless every host of a batch failed.
    type: float
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
