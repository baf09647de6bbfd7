# SPDX-License-Identifier: GPL-3.0-or-later
"""The RouterOS engine's acceptance scenario, through the HTTP API as a user would meet it:
reset a site to blank, run a branch configuration written as /export writes it as an SDX job,
and read back the same configuration from the router's /export."""

from __future__ import annotations

import uuid

import pytest

from tests.simulator.harness import Simulator
from tests.unit.simulator.routeros.test_routeros_export import BRANCH


def body(export):
    return [line for line in export.splitlines() if not line.startswith("#")]


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=2, checkin_interval=0.1) as simulator:
        yield simulator


def test_branch_configuration_runs_on_a_blank_site_and_exports_back(sim):
    site = sim.site_ids(online=True)[0]
    sim.reset(site, "blank")
    headers = {"X-Idempotency-Key": str(uuid.uuid4()), "X-Description": "branch configuration",
               "X-Express-Execute": "true", "Content-Type": "text/plain; charset=utf-8"}
    created = sim.api("POST", "/site/%s/job" % site, data=BRANCH.encode("utf-8"), headers=headers)
    assert created.status_code == 201, created.text
    job = sim.wait_job(site, created.json()["id"])
    assert job["failed_at"] is None, job.get("error")
    assert body(sim.export(site)) == body(BRANCH)
    identity = sim.api("POST", "/api/synchronous/%s" % site, json={"command": "/system/identity/print"}).json()
    assert identity["data"][0]["name"] == "branch-07"
