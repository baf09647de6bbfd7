#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_config
short_description: Keep one RouterOS menu of a site in a desired state, through SDX
version_added: 0.1.0
description:
  - Declares the entries one RouterOS menu (O(path)) should hold. The module reads the menu once through SDX's
    synchronous API, plans what to add, set, unset, remove and move, renders that plan as one RouterOS script with
    every value quoted safely, and queues it as one SDX job (backed up first by default) with a key derived from its
    content, then waits for it.
  - Values are compared the way RouterOS means them - V(yes) and V(true), V(1d) and V(24h), set-like lists such as
    C(policy) in any order, C(10.0.0.1) and C(10.0.0.1/32), MAC addresses in any case.
  - Dynamic, default and built-in items (and, with O(restrict), items outside the managed scope) are left alone;
    built-in entries (for example C(/ip service)) can be set but never added or removed.
  - With C(--check --diff) the plan reads like a review - before and after per entry, and the script that would be
    queued - and nothing is written. A run against a router that already matches queues nothing.
  - O(state=gathered) returns the menu's current configuration in this module's input format, to seed a
    desired-state file from a live router.
  - O(menus) gives the desired state of several menus in one task, each planned and applied as its own task would,
    one job per menu that differs. With O(fleet), each host can have its own list from its C(group_vars) or
    C(host_vars).
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  path:
    description:
      - The RouterOS menu, such as V(/ip/firewall/address-list); the console form V(/ip firewall address-list) is
        accepted too.
      - Required unless O(menus) is given.
    type: str
  menus:
    description:
      - Several menus in one task, instead of O(path) and O(entries) - each item takes the options of one menu
        (O(menus[].path), O(menus[].entries), O(menus[].keys), O(menus[].restrict),
        O(menus[].handle_absent_entries), O(menus[].handle_entries_content), O(menus[].ensure_order)) and an
        optional O(menus[].name); every other option (O(description), O(make_backup), O(wait), O(verify), O(rollback)
        and so on) is the task's, for each menu.
      - The menus are planned and applied in order, each as one job when it differs. A menu that fails does not stop
        the others; the task then fails, and each menu's result in RV(menus) says what happened to it.
      - An empty list plans nothing, and the task (or the host, with O(fleet)) is reported as skipped - for example
        for a site that is offline.
    type: list
    elements: dict
    suboptions:
      name:
        description: A name for the menu in results and diffs. Defaults to O(menus[].path).
        type: str
      path:
        description: The RouterOS menu, as O(path).
        type: str
        required: true
      entries:
        description: The entries the menu should hold, as O(entries).
        type: raw
        required: true
      keys:
        description: The properties that identify an entry, as O(keys).
        type: list
        elements: str
      restrict:
        description: The managed scope, as O(restrict).
        type: dict
      handle_absent_entries:
        description: As O(handle_absent_entries).
        type: str
        choices: [ignore, remove]
        default: ignore
      handle_entries_content:
        description: As O(handle_entries_content).
        type: str
        choices: [ignore, remove]
        default: ignore
      ensure_order:
        description: As O(ensure_order).
        type: bool
        default: false
  entries:
    description:
      - The entries the menu should hold, each a dict of RouterOS property names and values (booleans become
        V(yes)/V(no), lists are joined with commas). For a single-item menu such as V(/ip/dns) give one dict.
      - Required with O(state=present), unless O(menus) is given.
    type: raw
  keys:
    description:
      - The properties that identify an entry, so that an existing entry is changed rather than added again.
      - Built-in defaults for common menus, for example C(address) for V(/ip/address), C(list) and C(address) for
        V(/ip/firewall/address-list), C(name) and C(type) for V(/ip/dns/static), C(name) for V(/system/scheduler).
        Firewall menus default to all of an entry's properties.
    type: list
    elements: str
  handle_absent_entries:
    description:
      - V(remove) removes the managed entries that O(entries) does not list (within O(restrict)); V(ignore) keeps them.
    type: str
    choices: [ignore, remove]
    default: ignore
  handle_entries_content:
    description:
      - V(remove) unsets the properties an existing entry has (as its export shows them) that its desired entry does
        not give; V(ignore) leaves them as they are.
    type: str
    choices: [ignore, remove]
    default: ignore
  restrict:
    description:
      - >-
        Limits the managed scope to the entries whose properties have these values (a value or a list of values),
        for example C({list: blocklist}) or C({chain: [input, forward]}). Entries outside it are never changed or
        removed; single values also filter the read on the router.
      - An entry that leaves a restricted property out takes its value when restrict allows only one (so that the
        entry falls inside the scope it is managed in); with several allowed values the entry must give one.
    type: dict
  ensure_order:
    description:
      - For ordered menus (firewall filter, NAT, mangle, raw), put the managed entries in the order of O(entries).
        Needs O(handle_absent_entries=remove).
    type: bool
    default: false
  verify:
    description: After the job, read the menu again and fail if it still differs from O(entries).
    type: bool
    default: false
  state:
    description: V(present) makes the menu match O(entries); V(gathered) returns its current configuration.
    type: str
    choices: [present, gathered]
    default: present
  description:
    description: The job's description in SDX (3 to 100 characters). Defaults to C(altostrat_config <path>).
    type: str
  make_backup:
    description: Export the configuration to an SDX backup before the job runs.
    type: bool
    default: true
  express_execute:
    description: Ask SDX to make the site check in at once.
    type: bool
    default: false
  needs_acknowledgement:
    description: Wait for the router to report success or failure.
    type: bool
    default: true
  wait:
    description: Wait until the job has completed or failed.
    type: bool
    default: true
  if_offline:
    description:
      - What to do when the router cannot be read (the site is offline, or its synchronous reads get no answer in
        time). The script depends on what the router holds, so an unread menu is never planned or queued.
      - V(fail) fails the task (the site, with O(site_ids)) with a message that says so; V(skip) skips it.
    type: str
    choices: [fail, skip]
    default: fail
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site.fleet
  - altostrat.sdx.site.waiting
  - altostrat.sdx.site.rollback
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
attributes:
  check_mode:
    description: Reads the menu and reports the plan and the script; writes nothing.
    support: full
  diff_mode:
    description:
      - Before and after per entry, and the script that would be queued. With O(site_ids), every site's diff,
        each header starting with the site id.
    support: full
  idempotent:
    description: Nothing is queued when the menu already matches; a job is never queued twice.
    support: full
requirements:
  - requests
notes:
  - The site must be online, since the plan comes from a synchronous read.
seealso:
  - module: altostrat.sdx.altostrat_job
"""

EXAMPLES = r"""
- name: The blocklist, exactly as in git
  altostrat.sdx.altostrat_config:
    path: /ip/firewall/address-list
    restrict:
      list: blocklist
    handle_absent_entries: remove
    entries:
      - {list: blocklist, address: 203.0.113.7, comment: scanner}
      - {list: blocklist, address: 198.51.100.0/24}

- name: DNS settings (a single-item menu)
  altostrat.sdx.altostrat_config:
    path: /ip/dns
    entries:
      - servers: [1.1.1.1, 9.9.9.9]
        allow-remote-requests: true

- name: Input chain, in this order, nothing else
  altostrat.sdx.altostrat_config:
    path: /ip/firewall/filter
    restrict:
      chain: input
    handle_absent_entries: remove
    ensure_order: true
    entries:
      - {chain: input, action: accept, connection-state: "established,related,untracked", comment: established}
      - {chain: input, action: drop, connection-state: invalid, comment: invalid}
      - {chain: input, action: accept, protocol: icmp, comment: icmp}
      - {chain: input, action: drop, in-interface-list: "!LAN", comment: "not from LAN"}

- name: Seed a desired-state file from a live router
  altostrat.sdx.altostrat_config:
    path: /ip/dns/static
    state: gathered
  register: current

- name: Every host of the play in one task, each with the DNS servers its group_vars or host_vars give
  altostrat.sdx.altostrat_config:
    fleet: true
    path: /ip/dns
    entries:
      - servers: "{{ dns_servers }}"
  run_once: true
  register: dns

- name: Which hosts changed
  ansible.builtin.debug:
    msg: "{{ dns.per_host | dict2items | selectattr('value.changed') | map(attribute='key') | list }}"
  run_once: true

- name: Several menus in one task over every host, each host's list from its group_vars (check mode writes nothing)
  altostrat.sdx.altostrat_config:
    fleet: true
    menus: "{{ desired_menus }}"
  check_mode: true
  run_once: true
  register: drift

- name: A staged rollout - one canary, then 3, then a quarter of the hosts at a time; stop at the first failure
  altostrat.sdx.altostrat_config:
    fleet: true
    batches: [1, 3, "25%"]
    max_fail_percentage: 0
    path: /ip/dns
    entries:
      - servers: "{{ dns_servers }}"
  run_once: true

- name: DNS drift of a list of sites in one task (check mode writes nothing)
  altostrat.sdx.altostrat_config:
    site_ids: "{{ groups['altostrat_online'] | map('extract', hostvars, 'altostrat_site_id') | list }}"
    concurrency: 20
    path: /ip/dns
    entries:
      - servers: [1.1.1.1, 9.9.9.9]
  check_mode: true
  run_once: true
  register: dns_sites

- name: Which sites drift
  ansible.builtin.debug:
    msg: "{{ dns_sites.per_site | dict2items | selectattr('value.changed') | map(attribute='key') | list }}"
  run_once: true

- name: Routes applied under an automatic rollback (the router restores itself unless the site still checks in)
  altostrat.sdx.altostrat_config:
    path: /ip/route
    entries:
      - {dst-address: 10.20.0.0/16, gateway: 10.0.0.2, comment: branch}
    keys: [dst-address]
    rollback:
      after: 3m
"""

RETURN = r"""
per_site:
  description:
    - With O(site_ids), each site's result by site id, as the task would return it for that site alone
      (C(changed), C(plan), C(script), C(job_id) and so on, or C(failed) and C(msg)).
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
menus:
  description:
    - With O(menus), each menu's result in order, as a task with that menu alone would return it (C(path),
      C(changed), C(plan), C(script), C(job_id), or C(failed) and C(msg)), with its C(name).
  returned: with O(menus)
  type: list
  elements: dict
path:
  description: The menu, in API form.
  returned: with O(site_id) and O(path)
  type: str
plan:
  description:
    - The actions that make the menu match, each with C(action) (add, set, remove, move), C(key) (the entry's
      identifying properties), C(entry) (the same as text, for example V(list=blocklist address=192.0.2.9)),
      C(before), C(after) and the script C(line).
    - In the script, a line that names an existing entry by its internal id (V(remove *3)) follows a comment line
      that names it by its identifying properties, so that a reviewer can tell which entry it is.
  returned: with O(site_id) and O(state=present)
  type: list
  elements: dict
script:
  description: The RouterOS script queued (or that would be queued in check mode); empty when nothing changes.
  returned: with O(site_id) and O(state=present)
  type: str
gathered:
  description: The menu's configuration in this module's input format.
  returned: with O(site_id) and O(state=gathered)
  type: list
  elements: dict
job:
  description: The SDX job that applied the plan.
  returned: when a job was queued
  type: dict
job_id:
  description: The job's id.
  returned: when a job was queued
  type: str
backup:
  description: The backup taken before the job (C(associated_backup)).
  returned: when a job was queued
  type: str
rollback:
  description:
    - With O(rollback), the rollback's outcome, as M(altostrat.sdx.altostrat_job) returns it; in check mode its plan
      (C(steps), C(arm_script), C(confirm_script)). A task whose change cut the site off fails, its C(rollback)
      with C(state=rolled back) and C(rolled_back_at).
  returned: with O(rollback)
  type: dict
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module
from ansible_collections.altostrat.sdx.plugins.module_utils.run.config import CONFIG


def main():
    run_as_module(CONFIG)


if __name__ == "__main__":
    main()
