# SPDX-License-Identifier: GPL-3.0-or-later
"""A fleet play: facts, then an altostrat_config check, over every online site with 20 forks.

The floor for such a play is the API's latency: (requests x latency / forks). The row compares the
play's wall time with that floor, and reports the requests each site cost. BENCH_FLEET_SITES sets
the fleet size (default 1,000).

On a small controller such a play is bound by CPU, not by the API, so a note under the table says where
the CPU went: ansible-playbook with its workers (and, from the same play shape with debug tasks, how
much of that is ansible-core's own), and the simulator, which shares the machine here but would not
against the real API.
"""

import os
import resource
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

# The same work as one task each over every host (fleet mode): ansible-core's cost is paid per task,
# not per host and task, and `concurrency` plays the part of the forks.
FLEET_MODE = """---
- name: Fleet facts and a drift check, one task each
  hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: Facts
      altostrat.sdx.altostrat_facts:
        fleet: true
        concurrency: %d
      run_once: true
      register: facts
    - name: DNS drift check
      altostrat.sdx.altostrat_config:
        fleet: true
        concurrency: %d
        path: /ip/dns
        entries: {servers: [1.1.1.1, 9.9.9.9]}
      check_mode: true
      run_once: true
      register: dns
""" % (FORKS, FORKS)

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
        fleet_mode = os.path.join(tmp, "fleet-mode.yml")
        with open(fleet_mode, "w", encoding="utf-8") as handle:
            handle.write(FLEET_MODE)
        online = len(sim.site_ids(online=True))
        # the default callback: one line per host and task, as a user would run it
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None)
        core, core_cpu, _idle = timed_play(core_only, inventory, env, tmp, sim)
        sim.clear_requests()
        wall, ansible_cpu, sim_cpu = timed_play(playbook, inventory, env, tmp, sim)
        requests = len(sim.requests())
        sim.clear_requests()
        fleet_wall, fleet_cpu, fleet_sim_cpu = timed_play(fleet_mode, inventory, env, tmp, sim)
        fleet_requests = len(sim.requests())
    floor = requests * LATENCY_MS / 1000.0 / FORKS
    result = row("fleet play, %d online sites, %d forks: wall time vs requests x latency / forks" % (online, FORKS),
                 wall, floor, 1.3)
    result["name"] += " (%.1f requests per site)" % (requests / online)
    context = row("  the same play shape with debug tasks (ansible-core alone, no API) vs that floor", core, floor, 1.3)
    fleet_floor = fleet_requests * LATENCY_MS / 1000.0 / FORKS
    fleet = row("the same play as one task each over every host (fleet: true, concurrency %d) vs that floor" % FORKS,
                fleet_wall, fleet_floor, 1.3)
    fleet["name"] += " (%.1f requests per site)" % (fleet_requests / online)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    total = ansible_cpu + sim_cpu
    note = dict(note=(
        "fleet play CPU: ansible-playbook and its workers %.1f s (the debug-task play of the same shape: %.1f s), "
        "simulator %.1f s; %.1f s of CPU on %d cores needs at least %.1f s of wall (%.2fx the latency floor). "
        "Per host: %.1f s wall, %.1f s ansible CPU; fleet mode: %.1f s wall, %.1f s ansible CPU, simulator %.1f s"
        % (ansible_cpu, core_cpu, sim_cpu, total, cores, total / cores, total / cores / floor,
           wall, ansible_cpu, fleet_wall, fleet_cpu, fleet_sim_cpu)))
    return [result, context, fleet, note]


def timed_play(playbook, inventory, env, cwd, sim, extra=()):
    """Wall time, CPU seconds of ansible-playbook with all its workers, CPU seconds of the simulator."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sim_before = process_cpu(sim.process.pid)
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", str(FORKS), playbook] + list(extra),
                          env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stdout[-3000:]
    ansible_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, ansible_cpu, process_cpu(sim.process.pid) - sim_before


def process_cpu(pid):
    """CPU seconds (user + system) a running process has used so far, from /proc."""
    with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
