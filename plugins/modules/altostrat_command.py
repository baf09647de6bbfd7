#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_command
short_description: Run one RouterOS API command on a site now, through SDX
version_added: 0.1.0
description:
  - Sends one RouterOS API command to a site through SDX's synchronous API and returns the router's answer.
  - Meant for reads (C(print), C(get), C(export), a one-shot C(monitor)); these report C(changed=false) and run in check mode.
  - Any other command reports C(changed=true). In check mode it is not sent, and the result says so.
    SDX does not make synchronous commands idempotent, so queue changes as SDX jobs instead.
  - Runs on the controller, in-process, through its action plugin; the router is reached only through SDX.
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  command:
    description:
      - The RouterOS API command, such as V(/ip/address/print).
      - The console form V(/ip address print) is accepted too.
    type: str
    required: true
  parameters:
    description:
      - RouterOS API words, such as V(?disabled=false), V(=.proplist=address,interface) or V(=numbers=*1).
      - A list of words, or one string sent as it is (for example V(=script=...) with V(/execute)).
    type: raw
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site.fleet
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
attributes:
  check_mode:
    description: Reads run in check mode; any other command is not sent and is reported as a change.
    support: full
  diff_mode:
    description: A single command has no before and after to compare.
    support: none
  idempotent:
    description: Reads are idempotent; other commands are sent every time (SDX does not de-duplicate them).
    support: partial
requirements:
  - requests
notes:
  - The site must be online; for an offline site the task fails and says so.
seealso:
  - module: altostrat.sdx.altostrat_facts
  - plugin: altostrat.sdx.sites
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Read the router's addresses
  altostrat.sdx.altostrat_command:
    command: /ip/address/print
  register: addresses

- name: Only the enabled static routes, two fields each
  altostrat.sdx.altostrat_command:
    site_id: 9c69345c-8d39-4786-9f17-8153c988c89a
    command: /ip route print
    parameters:
      - "?dynamic=false"
      - "?disabled=false"
      - "=.proplist=dst-address,gateway"

- name: Show the addresses
  ansible.builtin.debug:
    msg: "{{ addresses.data | map(attribute='address') | list }}"

- name: Every online router's resources, in one task, 20 sites at a time
  altostrat.sdx.altostrat_command:
    site_ids: "{{ groups['altostrat_online'] | map('extract', hostvars, 'altostrat_site_id') | list }}"
    command: /system/resource/print
  run_once: true
  register: resources
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
command:
  description: The command as sent, in API form.
  returned: always
  type: str
  sample: /ip/address/print
parameters:
  description: The API words sent with it.
  returned: always
  type: list
  elements: str
read:
  description: Whether the command only reads.
  returned: always
  type: bool
sent:
  description: Whether the command was sent (check mode does not send commands that are not reads).
  returned: always
  type: bool
data:
  description: The router's answer with RouterOS names (C(.id), dashed keys such as C(mac-address)); values as RouterOS gives them.
  returned: always
  type: list
  elements: dict
  sample: [{".id": "*1", "address": "192.168.88.1/24", "interface": "bridge", "disabled": "false"}]
raw:
  description: The answer exactly as SDX returned it (C(id), underscores in keys).
  returned: always
  type: raw
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.run.command import COMMAND
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module


def main():
    run_as_module(COMMAND)


if __name__ == "__main__":
    main()
