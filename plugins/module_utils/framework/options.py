# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Option blocks that several modules share: authentication, the site or sites, waiting.

Each module's own options are in its run file (run/); these are the blocks written once.
"""

from __future__ import annotations

from ansible.module_utils.basic import env_fallback

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import DEFAULT_API_URL
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.rate_budget import DEFAULT_LIMIT, DEFAULT_WINDOW

AUTH_ARGUMENT_SPEC = dict(
    api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["ALTOSTRAT_API_URL"])),
    api_token=dict(type="str", no_log=True, fallback=(env_fallback, ["ALTOSTRAT_API_TOKEN"])),
    validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["ALTOSTRAT_VALIDATE_CERTS"])),
    ca_path=dict(type="path", fallback=(env_fallback, ["ALTOSTRAT_CA_PATH"])),
    timeout=dict(type="float", default=30.0),
    retries=dict(type="int", default=5),
    rate_limit=dict(type="int", default=DEFAULT_LIMIT, fallback=(env_fallback, ["ALTOSTRAT_RATE_LIMIT"])),
    rate_window=dict(type="float", default=DEFAULT_WINDOW, fallback=(env_fallback, ["ALTOSTRAT_RATE_WINDOW"])),
)

# Host variables the action plugins read when a task leaves the matching option out.
HOST_VAR_DEFAULTS = dict(
    site_id="altostrat_site_id",
    api_url="altostrat_api_url",
    api_token="altostrat_api_token",
    validate_certs="altostrat_validate_certs",
    ca_path="altostrat_ca_path",
)

MAX_CONCURRENCY = 100
# One of the three names the sites a task works on (required_one_of): the host's site, a list of sites, or the
# play's hosts (fleet: true, resolved by the action plugin into each host's own site_id).
FLEET_CONSTRAINT = ["site_id", "site_ids", "fleet"]
# Options of the fleet as a whole, not of one site: staging and concurrency.
FLEET_OPTIONS = ("site_ids", "fleet", "concurrency", "batches", "max_fail_percentage")
# Options that set how long and how often a module waits; positive numbers (checked in execute).
WAIT_NUMBERS = ("wait_timeout", "poll_interval")


def site_id_option(required=True):
    """The site_id option every per-site module takes (the action plugin fills it from altostrat_site_id)."""
    return dict(type="str", required=required, fallback=(env_fallback, ["ALTOSTRAT_SITE_ID"]))


def fleet_options():
    """site_id, or site_ids or fleet for one task over many sites (see framework.fleet); use with FLEET_RULES."""
    return dict(
        site_id=site_id_option(required=False),
        site_ids=dict(type="list", elements="str"),
        # only the action plugin door has the play's hosts and their variables
        fleet=dict(type="bool"),
        concurrency=dict(type="int", default=20),
        batches=dict(type="list", elements="raw"),
        max_fail_percentage=dict(type="float"),
    )


# The rules between the fleet options, for a ModuleDef's mutually_exclusive and required_by.
FLEET_EXCLUSIVE = [["site_id", "site_ids", "fleet"]]
FLEET_REQUIRED_BY = dict(max_fail_percentage=("batches",))


def wait_options(wait=True, timeout=600.0):
    """wait, wait_timeout and poll_interval, for the modules that wait for SDX to finish something."""
    return dict(
        wait=dict(type="bool", default=wait),
        wait_timeout=dict(type="float", default=timeout),
        poll_interval=dict(type="float", default=1.0),
    )


def rollback_option():
    """rollback: {after: 5m}, for the modules that apply a change as a job (see routeros.rollback_job)."""
    return dict(rollback=dict(type="dict", options=dict(after=dict(type="str", default="5m"))))
