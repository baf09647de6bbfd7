# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo: start the SDX simulator with a few sites, show the inventory, run playbooks/demo.yml, stop it."""

import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.integration.playbook import ansible_env, mutating_requests  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.harness import Simulator  # noqa: E402  pylint: disable=wrong-import-position

INVENTORY = """plugin: altostrat.sdx.sites
keyed_groups:
  - key: altostrat_site.model
    prefix: model
"""


def main():
    sites = int(os.environ.get("SIM_SITES") or 5)
    token = os.environ.get("SIM_TOKEN") or "alto_sk_demo"
    binaries = os.path.dirname(sys.executable)
    with Simulator(sites=sites, token=token, checkin_interval=0.5) as sim, tempfile.TemporaryDirectory() as tmp:
        print("SDX simulator on %s with %d sites\n" % (sim.url, sites), flush=True)
        inventory = os.path.join(tmp, "demo.altostrat.yml")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write(INVENTORY)
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None, ANSIBLE_CALLBACK_RESULT_FORMAT="yaml")
        print("$ ansible-inventory -i demo.altostrat.yml --graph", flush=True)
        graph = subprocess.run([os.path.join(binaries, "ansible-inventory"), "-i", inventory, "--graph"], env=env, check=False)
        print("\n$ ansible-playbook -i demo.altostrat.yml playbooks/demo.yml", flush=True)
        play = subprocess.run([os.path.join(binaries, "ansible-playbook"), "-i", inventory,
                               os.path.join(REPO, "playbooks", "demo.yml")], env=env, check=False)
        log = sim.requests()
        print("\nrequests the demo made: %d, of which %d could change something" % (len(log), len(mutating_requests(log))))
    return graph.returncode or play.returncode


if __name__ == "__main__":
    sys.exit(main())
