# SPDX-License-Identifier: GPL-3.0-or-later
"""The roles' molecule scenarios (extensions/molecule/<role>), each against a fresh simulator.

Each scenario prepares the routers, converges, converges again and fails if anything changed, then
verifies the routers' state through altostrat_command reads. Molecule installs the collection into
~/.ansible/collections, so it runs with a private HOME that is thrown away afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.simulator.harness import Simulator

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SCENARIOS = sorted(name for name in os.listdir(os.path.join(REPO, "extensions", "molecule"))
                   if os.path.isfile(os.path.join(REPO, "extensions", "molecule", name, "molecule.yml")))


def molecule_env(sim, home):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ANSIBLE_", "ALTOSTRAT_", "MOLECULE_"))}
    env.update(
        HOME=str(home),
        PATH=BIN + os.pathsep + env.get("PATH", ""),
        ALTOSTRAT_API_URL=sim.url,
        ALTOSTRAT_API_TOKEN=sim.token,
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        NO_COLOR="1",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
    )
    return env


def test_every_role_has_a_scenario():
    roles = sorted(os.listdir(os.path.join(REPO, "roles")))
    assert roles == SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_molecule_scenario(scenario, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with Simulator(sites=5, checkin_interval=0.2) as sim:
        proc = subprocess.run([os.path.join(BIN, "molecule"), "test", "--scenario-name", scenario],
                              cwd=REPO, env=molecule_env(sim, home), capture_output=True, text=True,
                              timeout=1200, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    for step in ("prepare", "converge", "idempotence", "verify"):
        assert "[%s > %s] Executed: Successful" % (scenario, step) in output, output[-6000:]
