# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo: start the SDX simulator with a few sites, run playbooks/demo.yml against it, stop it."""

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.integration.playbook import ansible_env  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.harness import Simulator  # noqa: E402  pylint: disable=wrong-import-position


def main():
    sites = int(os.environ.get("SIM_SITES") or 5)
    token = os.environ.get("SIM_TOKEN") or "alto_sk_demo"
    with Simulator(sites=sites, token=token, checkin_interval=0.5) as sim:
        print("SDX simulator on %s with %d sites" % (sim.url, sites), flush=True)
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None, ANSIBLE_CALLBACK_RESULT_FORMAT="yaml")
        proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                               os.path.join(REPO, "playbooks", "demo.yml")], env=env, check=False)
        print("\nrequests the demo made: %d (%d writes)" % (len(sim.requests()), len(sim.writes())))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
