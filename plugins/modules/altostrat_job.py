#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_job
short_description: Queue a RouterOS script on a site once, with a backup, and wait for it
version_added: 0.1.0
description:
  - Queues a RouterOS script as an SDX job on a site, optionally backing the configuration up first,
    and waits for the router to run it.
  - Never queues the same change twice. The job carries an idempotency key derived from the site, description,
    script and flags (or O(idempotency_key)), so retries and re-runs find the job already there.
  - Before queueing, reads the router through SDX's synchronous API and plans each command of the script
    (C(add), C(set), C(remove), C(enable), C(disable)); when the router already matches the script nothing is
    queued and the task is C(ok). Commands it cannot reason about (C(:foreach), C(:if), C(/system reboot),
    C(/tool fetch), variables, ...) count as changes.
  - In check mode the same reads and plan are reported (with C(--diff), before and after per command) and nothing
    is written.
  - With O(state=absent), cancels a job that has not started, found by O(job_id) or O(idempotency_key).
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  description:
    description:
      - What the job does, 3 to 100 characters; SDX shows it in the site's job log.
      - Any language's letters work; it is one line of text (line breaks and other control characters are refused,
        surrounding spaces and a final line break are removed).
      - Required with O(state=present).
    type: str
  script:
    description:
      - The RouterOS script, as you would paste it into a terminal (up to 10000 characters, 2000 with O(notify_url)).
      - Required with O(state=present).
    type: str
  make_backup:
    description: Export the configuration to an SDX backup before the script runs.
    type: bool
    default: false
  express_execute:
    description: Ask SDX to make the site check in at once instead of at its next interval.
    type: bool
    default: false
  needs_acknowledgement:
    description:
      - Wait for the router to report success or failure. With V(false) the job counts as complete as soon
        as the router downloads it (for scripts that reboot the router, for example).
    type: bool
    default: true
  notify_url:
    description:
      - SDX posts every status change of the job to this URL. It must be C(https://); plain C(http://) is
        accepted only for loopback addresses.
      - The job is then queued through C(POST /api/asynchronous/{id}), whose key SDX makes; the module first looks
        for a job with the same content on the site and reuses it.
      - The URL is kept out of the task's output, since it may carry a receiver's shared secret
        (see the C(altostrat.sdx.job_events) event source).
    type: str
  idempotency_key:
    description:
      - The job's UUID idempotency key. Defaults to a UUIDv5 over the site, description, script and flags,
        so the same content always gets the same key.
      - A key names one job's content. When a job with this key already exists with another script,
        description or flags, the task fails and names that job; nothing is queued under the key.
      - With O(state=absent), finds the job to cancel.
      - Not with O(site_ids), where every site gets its own key.
    type: str
  job_id:
    description:
      - With O(state=absent), the job to cancel.
      - Not with O(site_ids), since a job belongs to one site.
    type: str
  wait:
    description: Wait until the job has completed or failed. A failed job fails the task with RouterOS's message.
    type: bool
    default: true
  state:
    description: V(present) queues the job; V(absent) cancels a pending one.
    type: str
    choices: [present, absent]
    default: present
  converge:
    description:
      - Read the router first and queue nothing when it already matches the script.
      - When a job with this content already ran but the reads show that the router no longer matches it (someone
        changed it since), the change is queued once more, under a successor key derived from the key and that
        job, so each drift is repaired exactly once. Check mode predicts the same, from the same reads.
      - A script whose effect cannot be read (scripting such as C(:foreach)) counts as done once a job with its
        key exists.
      - With V(false), the job runs once per key. It is queued unless a job with the same key exists, whatever the
        router holds now, and check mode says the same (it still reads and shows the plan).
    type: bool
    default: true
  if_offline:
    description:
      - What to do when the router cannot be read to plan the script (the site is offline, or its synchronous reads
        get no answer in time). SDX reports an offline site only minutes after it stops checking in, so a read is
        the test that counts.
      - V(queue) queues the job unplanned, with a warning; it runs when the site checks in again, which is what
        queued jobs are for. V(fail) fails the task. V(skip) skips the site and queues nothing.
    type: str
    choices: [queue, fail, skip]
    default: queue
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site.fleet
  - altostrat.sdx.site.waiting
  - altostrat.sdx.site.rollback
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
attributes:
  check_mode:
    description: Reads the router and reports the plan; writes nothing.
    support: full
  diff_mode:
    description: Before and after for every command that would change something.
    support: full
  idempotent:
    description: A job is never queued twice, and nothing is queued when the router already matches the script.
    support: full
requirements:
  - requests
notes:
  - The plan reads each menu the script touches once, with C(print) through SDX's synchronous API; the site must be
    online for that. For an offline site the job is still queued (it runs when the site checks in) and a warning says
    that the plan is unknown.
seealso:
  - module: altostrat.sdx.altostrat_command
  - module: altostrat.sdx.altostrat_facts
"""

EXAMPLES = r"""
- name: DNS servers, with a backup first
  altostrat.sdx.altostrat_job:
    description: Set DNS servers
    script: /ip dns set servers=1.1.1.1,9.9.9.9
    make_backup: true

- name: Guest address, queued now and waited for later
  altostrat.sdx.altostrat_job:
    site_id: 9c69345c-8d39-4786-9f17-8153c988c89a
    description: Guest network address
    script: |
      /ip address
      add address=192.168.99.1/24 interface=bridge comment=guest
    express_execute: true
    wait: false
  register: queued

- name: Cancel it if it has not started
  altostrat.sdx.altostrat_job:
    site_id: 9c69345c-8d39-4786-9f17-8153c988c89a
    idempotency_key: "{{ queued.idempotency_key }}"
    state: absent

- name: The same script on every online router, in one task, 20 sites at a time
  altostrat.sdx.altostrat_job:
    site_ids: "{{ groups['altostrat_online'] | map('extract', hostvars, 'altostrat_site_id') | list }}"
    description: Syslog to the collector
    script: /system logging action set remote remote=192.0.2.50
    make_backup: true
  run_once: true

- name: A firewall change that rolls itself back if it cuts the site off SDX
  altostrat.sdx.altostrat_job:
    description: Drop telnet from the WAN
    script: /ip firewall filter add chain=input protocol=tcp dst-port=23 in-interface-list=WAN action=drop
    rollback:
      after: 5m
"""

RETURN = r"""
per_site:
  description:
    - With O(site_ids), each site's result by site id, holding the return values below as the task would return
      them for that site alone, or C(failed) and C(msg).
  returned: with O(site_ids)
  type: dict
failed_sites:
  description: With O(site_ids), the ids of the sites that failed.
  returned: with O(site_ids)
  type: list
  elements: str
per_host:
  description:
    - With O(fleet), each host's result by inventory hostname, as the task would return it for that host alone (with
      the host's C(site_id)), or C(failed) and C(msg); a host a staged rollout did not reach has C(not_attempted),
      C(skipped) and C(msg).
  returned: with O(fleet)
  type: dict
failed_hosts:
  description: With O(fleet), the inventory hostnames of the hosts that failed.
  returned: with O(fleet)
  type: list
  elements: str
not_attempted:
  description: With O(batches), the sites (O(site_ids)) or hosts (O(fleet)) a rollout that stopped did not reach.
  returned: when a staged rollout stopped early
  type: list
  elements: str
idempotency_key:
  description: The job's idempotency key.
  returned: always
  type: str
plan:
  description:
    - What each command of the script would change, from the reads; C(would_change) is V(yes), V(no) or V(unknown).
  returned: when the router could be read
  type: list
  elements: dict
  sample: [{"command": "/ip dns set servers=1.1.1.1", "line": 1, "path": "/ip/dns", "action": "set",
            "would_change": "yes", "reason": "1 of 1 item(s) differ",
            "before": [{"servers": "8.8.8.8"}], "after": [{"servers": "1.1.1.1"}]}]
job:
  description: The SDX job, as the API returns it.
  returned: when a job was queued or found
  type: dict
job_id:
  description: The job's id.
  returned: when a job was queued or found
  type: str
status:
  description: The job's state from its timestamps, V(pending), V(running), V(completed) or V(failed); V(cancelled) after O(state=absent).
  returned: when a job was queued or found
  type: str
backup:
  description: The backup taken before the script (C(associated_backup)), as C(site/filename).
  returned: when a job was queued or found
  type: str
elapsed:
  description: Seconds spent queueing and waiting.
  returned: when a job was queued or found
  type: float
rollback:
  description:
    - With O(rollback), what the rollback did or (check mode) would do. C(state) is V(confirmed), or V(confirmed earlier)
      when a re-run finds the change applied and confirmed; C(key), C(window), C(earliest) and C(latest) (seconds after
      the change between which the router would revert), C(arm_job_key) and C(confirm_job_key).
    - In check mode also C(steps), C(arm_script) and C(confirm_script) (the scripts the jobs would run), and C(attempt).
    - A task whose change cut the site off fails; its C(rollback) then has C(state=rolled back), C(rolled_back_at),
      C(export_matches) and C(rebooted).
  returned: with O(rollback)
  type: dict
  sample: {"state": "confirmed", "key": "5b0c1f7e-0c1e-5a3b-9d2f-6c7b8a9d0e1f", "window": 300, "earliest": 290,
           "latest": 310, "arm_job_key": "2f0e...", "confirm_job_key": "8c1d...", "confirm_job_id": "a41c..."}
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job import JOB


def main():
    run_as_module(JOB)


if __name__ == "__main__":
    main()
