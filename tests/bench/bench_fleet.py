# SPDX-License-Identifier: GPL-3.0-or-later
"""A fleet play: facts, then an altostrat_config check, over every online site with 20 forks.

The floor for such a play is the API's latency: (requests x latency / forks). The row compares the
play's wall time with that floor, and reports the requests each site cost. BENCH_FLEET_SITES sets
the fleet size (default 1,000).
"""

import os
import subprocess
import tempfile
import time

from tests.bench.common import LATENCY_MS, row
from tests.integration.playbook import BIN, ansible_env
from tests.simulator.harness import Simulator

SITES = int(os.environ.get("BENCH_FLEET_SITES", "1000"))
FORKS = 20

PLAY = """---
- name: Fleet facts and a drift check
  hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: Facts
      altostrat.sdx.altostrat_facts:
    - name: DNS drift check
      altostrat.sdx.altostrat_config:
        path: /ip/dns
        entries: {servers: [1.1.1.1, 9.9.9.9]}
      check_mode: true
"""

# The same play with no API calls: what ansible-core itself spends on this many hosts and tasks.
CORE_ONLY = """---
- name: The same shape, no API
  hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: Facts stand-in
      ansible.builtin.debug:
        msg: facts
    - name: Check stand-in
      ansible.builtin.debug:
        msg: check
"""


def run():
    with Simulator(sites=SITES, checkin_interval=30.0, latency_ms=LATENCY_MS) as sim, \
            tempfile.TemporaryDirectory(prefix="sdx-fleet-") as tmp:
        inventory = os.path.join(tmp, "fleet.altostrat.yml")
        playbook = os.path.join(tmp, "fleet.yml")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\n")
        core_only = os.path.join(tmp, "core.yml")
        with open(playbook, "w", encoding="utf-8") as handle:
            handle.write(PLAY)
        with open(core_only, "w", encoding="utf-8") as handle:
            handle.write(CORE_ONLY)
        online = len(sim.site_ids(online=True))
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.minimal")
        core = timed_play(core_only, inventory, env, tmp)
        sim.clear_requests()
        wall = timed_play(playbook, inventory, env, tmp)
        requests = len(sim.requests())
    floor = requests * LATENCY_MS / 1000.0 / FORKS
    result = row("fleet play, %d online sites, %d forks: wall time vs requests x latency / forks" % (online, FORKS),
                 wall, floor, 1.3)
    result["name"] += " (%.1f requests per site)" % (requests / online)
    context = row("  the same play shape with debug tasks (ansible-core alone, no API) vs that floor", core, floor, 1.3)
    return [result, context]


def timed_play(playbook, inventory, env, cwd):
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", str(FORKS), playbook],
                          env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-3000:]
    return elapsed
