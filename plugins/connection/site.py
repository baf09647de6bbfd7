# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: site
short_description: Run tasks on the controller on behalf of one SDX site
version_added: 0.1.0
description:
  - Runs everything on the controller, exactly like P(ansible.builtin.local#connection), and hands the
    modules it starts the host's SDX site and API settings through the environment
    (E(ALTOSTRAT_SITE_ID), E(ALTOSTRAT_API_URL), E(ALTOSTRAT_API_TOKEN), E(ALTOSTRAT_VALIDATE_CERTS),
    E(ALTOSTRAT_CA_PATH)).
  - >-
    The P(altostrat.sdx.sites#inventory) inventory sets it for every site, so that a play's
    C(gather_facts), which starts M(altostrat.sdx.altostrat_facts) as a module rather than through its action
    plugin, knows which site it is gathering for. Tasks of this collection do not need it, because their
    action plugins read the host variables directly.
author:
  - Altostrat SDX collection maintainers (@altostrat)
extends_documentation_fragment:
  - ansible.builtin.connection_pipelining
options:
  site_id:
    description: The host's SDX site UUID.
    type: str
    vars:
      - name: altostrat_site_id
  api_url:
    description: The SDX API URL for this host.
    type: str
    vars:
      - name: altostrat_api_url
  api_token:
    description: The SDX API token for this host (never shown).
    type: str
    vars:
      - name: altostrat_api_token
  validate_certs:
    description: Whether to verify the API's TLS certificate.
    type: bool
    vars:
      - name: altostrat_validate_certs
  ca_path:
    description: The CA bundle to verify the API's certificate with.
    type: str
    vars:
      - name: altostrat_ca_path
"""

EXAMPLES = r"""
# The altostrat.sdx.sites inventory sets this connection, and the host variables it reads, for every site.
# Without that inventory, a play names them itself (the API token comes from ALTOSTRAT_API_TOKEN):
- name: Facts of one SDX site through gather_facts
  hosts: edge-01
  connection: altostrat.sdx.site
  gather_facts: true
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
    ansible_facts_modules: [altostrat.sdx.altostrat_facts]
    altostrat_site_id: 9c69345c-8d39-4786-9f17-8153c988c89a
    altostrat_api_url: https://v1.api.altostrat.io
  tasks:
    - name: The router
      ansible.builtin.debug:
        msg: "{{ inventory_hostname }}: {{ ansible_facts.net_model }}, RouterOS {{ ansible_facts.net_version }}"
"""

import os

from ansible.plugins.connection.local import Connection as LocalConnection

ENVIRONMENT = (
    ("site_id", "ALTOSTRAT_SITE_ID"),
    ("api_url", "ALTOSTRAT_API_URL"),
    ("api_token", "ALTOSTRAT_API_TOKEN"),
    ("validate_certs", "ALTOSTRAT_VALIDATE_CERTS"),
    ("ca_path", "ALTOSTRAT_CA_PATH"),
)


class Connection(LocalConnection):
    """Local execution with the site's SDX settings in the environment of what it runs."""

    transport = "altostrat.sdx.site"

    def exec_command(self, cmd, in_data=None, sudoable=True):
        added = {}
        for option, variable in ENVIRONMENT:
            value = self.get_option(option)
            if value is not None and value != "":
                added[variable] = str(value).lower() if isinstance(value, bool) else str(value)
        saved = {name: os.environ.get(name) for name in added}
        # This worker process runs one task for one host, so its environment is ours to lend.
        os.environ.update(added)
        try:
            return super().exec_command(cmd, in_data=in_data, sudoable=sudoable)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
