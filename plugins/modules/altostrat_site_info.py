#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_site_info
short_description: List Altostrat SDX sites, or look one up
version_added: 0.1.0
description:
  - Returns the SDX sites (MikroTik routers) the API token can see, with the fields the SDX API documents.
  - Returns one site with O(site_id); filters the list by O(name) pattern and by O(online) state.
  - Runs on the controller, in-process, through its action plugin; the routers are never contacted.
  - When the task runs against a host of the P(altostrat.sdx.sites#inventory) inventory and O(site_id) is not
    given, the host variable C(altostrat_site_id) fills it, so the result is that host's site.
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  site_id:
    description:
      - The UUID of one site to return.
      - Defaults to the host variable C(altostrat_site_id) when there is one, then to the E(ALTOSTRAT_SITE_ID) environment variable.
    type: str
  name:
    description:
      - Keep only sites whose name matches this shell-style pattern (V(*), V(?), V([...])), ignoring case.
      - A name without wildcards must match the whole name.
    type: str
  online:
    description:
      - V(true) keeps only sites that are online (C(has_pulse)); V(false) keeps only offline ones.
    type: bool
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
  - altostrat.sdx.attributes.info_module
requirements:
  - requests
seealso:
  - plugin: altostrat.sdx.sites
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: List every site the token can see
  altostrat.sdx.altostrat_site_info:
    api_url: https://v1.api.altostrat.io
  register: all_sites

- name: Find the branch offices that are online
  altostrat.sdx.altostrat_site_info:
    name: "*branch*"
    online: true
  register: branches

- name: Look up one site by id
  altostrat.sdx.altostrat_site_info:
    site_id: 9c69345c-8d39-4786-9f17-8153c988c89a
  register: one

- name: Show the RouterOS versions in the fleet
  ansible.builtin.debug:
    msg: "{{ all_sites.sites | map(attribute='software_version') | unique | list }}"
"""

RETURN = r"""
sites:
  description: The matching sites, as the SDX API returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The site's UUID.
      type: str
      sample: 9c69345c-8d39-4786-9f17-8153c988c89a
    pid:
      description: The site's display id.
      type: str
      sample: site_2pHvjB1MzQ3nX9tL8wYcFa
    name:
      description: The site's name in SDX.
      type: str
      sample: Johannesburg HQ
    has_pulse:
      description: Whether the router is online (checking in).
      type: bool
    identity:
      description: The router's RouterOS identity.
      type: str
    model:
      description: The router's model.
      type: str
      sample: RB5009UG+S+
    software_version:
      description: The RouterOS version.
      type: str
      sample: 7.15.1
    serial_number:
      description: The router's serial number.
      type: str
    last_seen_at:
      description: When the router last checked in.
      type: str
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module
from ansible_collections.altostrat.sdx.plugins.module_utils.run.site_info import SITE_INFO


def main():
    run_as_module(SITE_INFO)


if __name__ == "__main__":
    main()
