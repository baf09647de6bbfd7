# SPDX-License-Identifier: GPL-3.0-or-later
"""Pytest fixtures for suites that run against the simulator.

In a conftest.py:  `from tests.simulator.pytest_fixtures import sim  # noqa: F401`
"""

import pytest

from tests.simulator.harness import Simulator


@pytest.fixture(scope="module")
def sim():
    """A simulator with 5 sites (one offline) and a fast check-in, shared by one test module."""
    with Simulator(sites=5, checkin_interval=0.2, notify=True) as simulator:
        yield simulator
