#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_facts
short_description: Gather typed facts about a site's MikroTik router through SDX
version_added: 0.1.0
description:
  - Reads the router's state through SDX's synchronous API and returns it as C(ansible_net_*) facts,
    typed (numbers, booleans, lists), plus C(altostrat_site), the site object SDX keeps.
  - Every subset costs a fixed number of synchronous reads, listed under O(gather_subset);
    C(min) is always gathered.
  - >-
    The site object (C(altostrat_site)) costs no read when the host comes from the
    P(altostrat.sdx.sites#inventory) inventory: the action plugin takes the copy the inventory read with
    every other site in one request. Otherwise (a task naming another site, or C(gather_facts), which runs
    the module rather than its action plugin) it is read from the API: C(GET /sites/{id}), or, with
    O(site_ids), one C(GET /sites) for all the task's sites. C(altostrat_site_source) says which.
  - >-
    Every C(ansible_net_*) fact that can change while the router runs (identity, version, architecture,
    uptime, load, memory, firmware, interfaces, addresses, routes, services) is read from the router in the
    task. From the site object come only C(altostrat_site) itself, C(ansible_net_model) and the
    C(ansible_net_serialnum) of O(gather_subset=min) (the hardware's, which does not change), and a fallback
    for a value the router leaves empty.
  - Runs on the controller, in-process, through its action plugin; the router is reached only through SDX.
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  gather_subset:
    description:
      - Which facts to gather. V(all) gathers every subset; prefix a subset with V(!) to leave it out
        (V(!routing)); a list of only exclusions starts from V(all).
      - >-
        V(min) (always) makes C(/system/identity/print) and C(/system/resource/print), and takes the site object
        for C(ansible_net_hostname), C(ansible_net_model), C(ansible_net_serialnum), C(ansible_net_version),
        C(ansible_net_arch), C(ansible_net_uptime) (seconds), C(ansible_net_cpu_load) (percent),
        C(ansible_net_memfree_mb), C(ansible_net_memtotal_mb) and C(altostrat_site).
      - >-
        V(hardware) makes C(/system/routerboard/print) for C(ansible_net_routerboard), C(ansible_net_firmware)
        and the router's own C(ansible_net_serialnum).
      - >-
        V(interfaces) makes C(/interface/print) and C(/ip/neighbor/print) for C(ansible_net_interfaces) (by name)
        and C(ansible_net_neighbors).
      - >-
        V(addresses) makes C(/ip/address/print) for C(ansible_net_all_ipv4_addresses), and each interface's
        C(ipv4) when V(interfaces) is gathered too.
      - V(routing) makes C(/ip/route/print) for C(ansible_net_routes).
      - V(services) makes C(/ip/service/print) for C(ansible_net_services) (by name).
    type: list
    elements: str
    default: [all]
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site.fleet
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
  - altostrat.sdx.attributes.info_module
attributes:
  facts:
    description:
      - Returns C(ansible_facts) for the site. With O(site_ids), the facts of each site are in RV(per_site)
        instead, and no host's facts are set.
    support: full
requirements:
  - requests
notes:
  - The site must be online; for an offline site the task fails and says so.
  - In plays, read the facts from C(ansible_facts) without their C(ansible_) prefix, as in
    C(ansible_facts.net_version). The top-level variables (C(ansible_net_version)) still work but give
    C(INJECT_FACTS_AS_VARS) deprecation warnings from ansible-core 2.20 on.
seealso:
  - module: altostrat.sdx.altostrat_command
  - plugin: altostrat.sdx.sites
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Facts for one site
  altostrat.sdx.altostrat_facts:
    site_id: 9c69345c-8d39-4786-9f17-8153c988c89a

- name: Everything but the routing table, for every host of the SDX inventory
  altostrat.sdx.altostrat_facts:
    gather_subset: ["!routing"]

- name: Which routers run RouterOS 6? (facts are read from ansible_facts, without their ansible_ prefix)
  ansible.builtin.debug:
    msg: "{{ ansible_facts.net_hostname }} runs {{ ansible_facts.net_version }}"
  when: ansible_facts.net_version is version('7', '<')

- name: Facts for the whole online fleet in one task, 20 sites at a time
  altostrat.sdx.altostrat_facts:
    site_ids: "{{ groups['altostrat_online'] | map('extract', hostvars, 'altostrat_site_id') | list }}"
    gather_subset: [min]
  run_once: true
  register: fleet

- name: The same question, answered from the fleet's facts
  ansible.builtin.debug:
    msg: "{{ fleet.per_site[altostrat_site_id].ansible_facts.ansible_net_version }}"
"""

RETURN = r"""
per_site:
  description:
    - With O(site_ids), each site's result by site id, as the task would return it for that site alone
      (C(ansible_facts), or C(failed) and C(msg)).
  returned: with O(site_ids)
  type: dict
failed_sites:
  description: With O(site_ids), the ids of the sites whose facts could not be gathered.
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
ansible_facts:
  description: The facts gathered.
  returned: with O(site_id)
  type: dict
  contains:
    ansible_net_hostname:
      description: The router's identity.
      type: str
    ansible_net_model:
      description: The router's model.
      type: str
    ansible_net_serialnum:
      description: The router's serial number.
      type: str
    ansible_net_version:
      description: The RouterOS version, without the channel.
      type: str
      sample: 7.15.1
    ansible_net_arch:
      description: The CPU architecture.
      type: str
    ansible_net_uptime:
      description: Seconds since the router booted.
      type: int
    ansible_net_cpu_load:
      description: CPU load in percent.
      type: int
    ansible_net_memfree_mb:
      description: Free memory in MiB.
      type: int
    ansible_net_memtotal_mb:
      description: Total memory in MiB.
      type: int
    ansible_net_interfaces:
      description: Interfaces by name, each with C(type), C(mac_address), C(mtu), C(running), C(disabled), C(comment), C(ipv4).
      type: dict
    ansible_net_neighbors:
      description: Neighbours discovered by the router (MNDP, CDP, LLDP).
      type: list
      elements: dict
    ansible_net_all_ipv4_addresses:
      description: Every IPv4 address configured on the router.
      type: list
      elements: str
    ansible_net_routes:
      description: The routing table, typed.
      type: list
      elements: dict
    ansible_net_services:
      description: IP services by name, each with C(port), C(disabled), C(address).
      type: dict
    ansible_net_gather_subset:
      description: The subsets gathered.
      type: list
      elements: str
    altostrat_site:
      description:
        - The site object SDX keeps for the router.
        - When C(altostrat_site_source) is V(inventory), it is as old as the inventory (and its cache), so
          C(has_pulse), C(uptime), C(last_seen), C(last_seen_at) and C(software_version) may have changed
          since. M(altostrat.sdx.altostrat_site_info) reads it anew.
      type: dict
    altostrat_site_source:
      description:
        - Where C(altostrat_site) came from. V(inventory) is the host's C(altostrat_site) inventory variable
          (no request); V(api) is a read made by this task.
      type: str
      choices: [inventory, api]
      sample: inventory
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module
from ansible_collections.altostrat.sdx.plugins.module_utils.run.facts import FACTS


def main():
    run_as_module(FACTS)


if __name__ == "__main__":
    main()
