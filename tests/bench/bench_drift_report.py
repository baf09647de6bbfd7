# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift_report role over a fleet: the role as it is (one fleet-mode task for every host) against the
same role written per host (tests/bench/drift_report_per_host: one altostrat_config task per host and menu,
and a summary per host), with the role's own argument specs, defaults, report templates and report tasks.

Both plan the same menus on the same sites with the same requests and write the same report; the rows
compare wall time and the CPU of ansible-playbook with its workers. BENCH_DRIFT_SITES sets the fleet
size (default 400).
"""

import json
import os
import shutil
import tempfile

from tests.bench.bench_fleet import FORKS, timed_play
from tests.bench.common import LATENCY_MS, row
from tests.integration.playbook import ansible_env
from tests.simulator.harness import Simulator

SITES = int(os.environ.get("BENCH_DRIFT_SITES", "400"))

DESIRED = [
    dict(name="DNS servers", path="/ip/dns", entries={"servers": ["1.1.1.1", "9.9.9.9"]}),
    dict(name="Time zone", path="/system/clock", entries={"time-zone-name": "Europe/Riga"}),
]

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "roles", "drift_report")

PLAY = """---
- name: The drift report
  hosts: all
  gather_facts: false
  roles:
    - role: %s
      drift_report_fail_on_error: false
"""


def per_host_role(roles_dir):
    """The baseline role: the real role's files, with the per-host tasks."""
    target = os.path.join(roles_dir, "drift_report_per_host")
    shutil.copytree(ROLE, target, ignore=shutil.ignore_patterns("tasks"))
    shutil.copytree(os.path.join(HERE, "drift_report_per_host", "tasks"), os.path.join(target, "tasks"))


def run():
    with Simulator(sites=SITES, checkin_interval=30.0, latency_ms=LATENCY_MS) as sim, \
            tempfile.TemporaryDirectory(prefix="sdx-drift-") as tmp:
        inventory = os.path.join(tmp, "fleet.altostrat.yml")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\n")
        with open(os.path.join(tmp, "desired.json"), "w", encoding="utf-8") as handle:
            json.dump(dict(drift_report_desired=DESIRED, drift_report_dir=os.path.join(tmp, "reports")), handle)
        per_host_role(os.path.join(tmp, "roles"))
        plays = {}
        for name, role in (("role", "altostrat.sdx.drift_report"), ("per_host", "drift_report_per_host")):
            plays[name] = os.path.join(tmp, name + ".yml")
            with open(plays[name], "w", encoding="utf-8") as handle:
                handle.write(PLAY % role)
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None, ANSIBLE_ROLES_PATH=os.path.join(tmp, "roles"))
        extra = ["-e", "@" + os.path.join(tmp, "desired.json")]
        online = len(sim.site_ids(online=True))
        sim.clear_requests()
        base_wall, base_cpu, _sim = timed_play(plays["per_host"], inventory, env, tmp, sim, extra)
        base_requests = len(sim.requests())
        sim.clear_requests()
        wall, cpu, _sim = timed_play(plays["role"], inventory, env, tmp, sim, extra)
        requests = len(sim.requests())
    label = "drift_report, %d sites (%d online), 2 menus" % (SITES, online)
    wall_row = row("%s: wall, fleet mode vs the role per host (%d forks)" % (label, FORKS), wall, base_wall, 0.8)
    cpu_row = row("%s: ansible CPU, fleet mode vs the role per host" % label, cpu, base_cpu, 0.8)
    text = ("drift_report: fleet mode %.1f s wall, %.1f s CPU, %d requests; per host %.1f s wall, %.1f s CPU, "
            "%d requests (%.1f and %.1f per online site)")
    note = dict(note=text % (wall, cpu, requests, base_wall, base_cpu, base_requests, requests / online,
                             base_requests / online))
    return [wall_row, cpu_row, note]
