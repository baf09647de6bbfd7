# SPDX-License-Identifier: GPL-3.0-or-later
"""Pytest fixtures for suites that run against the simulator.

In a conftest.py:  `from tests.simulator.pytest_fixtures import sim, sim_options, sim_factory, realistic_sim  # noqa`

- `sim`: one simulator per test module, started with `sim_options` (override that fixture in a
  module to pick a profile: `return {"profile": "realistic", "rate_limit": 120}`).
- `sim_factory`: `sim_factory(realistic=["rate_limit"], rate_limit=5)` starts a simulator for one
  test (closed after it); for tests that need their own profile.
- `realistic_sim`: one simulator per module with every realistic part on, fast enough for tests
  (REALISTIC_FAST: short windows, check-ins and lags).
- `realism`: the module's `sim` with its realistic parts switched back after the test, for tests
  that turn one part on at run time: `realism(enable=["pulse_lag"], pulse_misses=2)`.
- `env_profile()`: Simulator keyword arguments from SDX_SIM_PROFILE, SDX_SIM_REALISTIC,
  SDX_SIM_NO_REALISTIC, SDX_SIM_RATE_LIMIT and SDX_SIM_REALISM (`name=value,name=value`), so one
  suite can run under either profile: `Simulator(sites=5, **env_profile())`.
"""

import os

import pytest

from tests.simulator.harness import Simulator

# The realistic profile with its clocks shortened: a 60-request window of 60 s would stall tests.
REALISTIC_FAST = {"profile": "realistic", "checkin_interval": 0.2, "rate_limit": 600,
                  "realism": {"rate_window": 10, "checkin_seconds": 0.5, "offline_hang": 5, "async_delay": 1,
                              "notify_backoff": 0.2, "platform_history": 20}}


def env_profile(environ=None):
    """Simulator keyword arguments for the profile the environment asks for (nothing set: the default profile)."""
    environ = os.environ if environ is None else environ
    options = {}
    if environ.get("SDX_SIM_PROFILE"):
        options["profile"] = environ["SDX_SIM_PROFILE"]
    if environ.get("SDX_SIM_REALISTIC"):
        options["realistic"] = environ["SDX_SIM_REALISTIC"]
    if environ.get("SDX_SIM_NO_REALISTIC"):
        options["no_realistic"] = environ["SDX_SIM_NO_REALISTIC"]
    if environ.get("SDX_SIM_RATE_LIMIT"):
        options["rate_limit"] = int(environ["SDX_SIM_RATE_LIMIT"])
    if environ.get("SDX_SIM_REALISM"):
        options["realism"] = dict(item.split("=", 1) for item in environ["SDX_SIM_REALISM"].split(",") if "=" in item)
    return options


@pytest.fixture(scope="module")
def sim_options():
    """Keyword arguments of the module's `sim` (override per module to pick a profile)."""
    return {}


@pytest.fixture(scope="module")
def sim(request):
    """A simulator with 5 sites (one offline) and a fast check-in, shared by one test module."""
    try:
        # Looked up by name, so a module that imports only `sim` still works.
        chosen = request.getfixturevalue("sim_options")
    except pytest.FixtureLookupError:
        chosen = {}
    options = dict({"sites": 5, "checkin_interval": 0.2, "notify": True}, **chosen)
    with Simulator(**options) as simulator:
        yield simulator


@pytest.fixture
def sim_factory():
    """Start simulators for one test: `sim_factory(profile="realistic", rate_limit=30)`; all closed afterwards."""
    started = []

    def start(**options):
        options = dict({"sites": 5, "checkin_interval": 0.2}, **options)
        simulator = Simulator(**options).start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        simulator.close()


@pytest.fixture(scope="module")
def realistic_sim():
    with Simulator(sites=5, notify=True, **REALISTIC_FAST) as simulator:
        yield simulator


@pytest.fixture
def realism(sim):  # pylint: disable=redefined-outer-name
    """`realism(enable=[...], **options)` on the module's simulator; its parts and options are put back afterwards."""
    before = sim.realism_state()
    yield sim.realism
    sim.realism(parts=before["parts"], **before["options"])
    sim.reset_rate_limit()
