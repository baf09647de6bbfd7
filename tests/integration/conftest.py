# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration tests: one simulator per test module, real ansible-playbook processes against it."""

from __future__ import annotations

import pytest

from tests.simulator.harness import Simulator
# Simulators with the realistic profile (or some of its parts), for tests that need one of their own.
from tests.simulator.pytest_fixtures import env_profile, realistic_sim, sim_factory  # noqa: F401  pylint: disable=unused-import


@pytest.fixture(scope="module")
def sim():
    """The module's simulator: the documented behaviour, or the profile SDX_SIM_PROFILE and friends ask for."""
    with Simulator(sites=5, checkin_interval=0.2, **env_profile()) as simulator:
        yield simulator


@pytest.fixture
def fresh_log(sim):
    """Start the test with an empty request log and no faults."""
    sim.clear_faults()
    sim.clear_requests()
    return sim
