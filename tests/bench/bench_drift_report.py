# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift_report role over a fleet: the role as it is (one fleet-mode task for every host) against the
same check run per host, one altostrat_config task per host and menu, as a play written per host does it.

Both plan the same menus on the same sites and read the same menus; the rows compare wall time and the
CPU of ansible-playbook with its workers. BENCH_DRIFT_SITES sets the fleet size (default 400).
"""

import json
import os
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

ROLE = """---
- name: The drift report role
  hosts: all
  gather_facts: false
  roles:
    - role: altostrat.sdx.drift_report
      drift_report_fail_on_error: false
"""

# The role's work written per host: a loop over the menus on every host, and a per-host summary.
PER_HOST = """---
- name: The same check, per host and menu
  hosts: all
  gather_facts: false
  tasks:
    - name: Plan each desired menu
      altostrat.sdx.altostrat_config:
        path: "{{ item.path }}"
        entries: "{{ item.entries }}"
      check_mode: true
      changed_when: false
      failed_when: false
      register: plans
      loop: "{{ drift_report_desired }}"
      when: altostrat_site.has_pulse | default(true)

    - name: Summarise this site
      ansible.builtin.set_fact:
        drift: "{{ plans.results | default([]) | selectattr('plan', 'defined') | map(attribute='plan') | list }}"
"""


def run():
    with Simulator(sites=SITES, checkin_interval=30.0, latency_ms=LATENCY_MS) as sim, \
            tempfile.TemporaryDirectory(prefix="sdx-drift-") as tmp:
        inventory = os.path.join(tmp, "fleet.altostrat.yml")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\n")
        with open(os.path.join(tmp, "desired.json"), "w", encoding="utf-8") as handle:
            json.dump(dict(drift_report_desired=DESIRED, drift_report_dir=os.path.join(tmp, "reports")), handle)
        plays = {}
        for name, text in (("role", ROLE), ("per_host", PER_HOST)):
            plays[name] = os.path.join(tmp, name + ".yml")
            with open(plays[name], "w", encoding="utf-8") as handle:
                handle.write(text)
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None)
        extra = ["-e", "@" + os.path.join(tmp, "desired.json")]
        online = len(sim.site_ids(online=True))
        sim.clear_requests()
        base_wall, base_cpu, _sim = timed_play(plays["per_host"], inventory, env, tmp, sim, extra)
        base_requests = len(sim.requests())
        sim.clear_requests()
        wall, cpu, _sim = timed_play(plays["role"], inventory, env, tmp, sim, extra)
        requests = len(sim.requests())
    label = "drift_report, %d sites (%d online), 2 menus" % (SITES, online)
    wall_row = row("%s: wall, fleet mode vs per host (%d forks)" % (label, FORKS), wall, base_wall, 0.8)
    cpu_row = row("%s: ansible CPU, fleet mode vs per host" % label, cpu, base_cpu, 0.8)
    text = ("drift_report: fleet mode %.1f s wall, %.1f s CPU, %d requests; per host %.1f s wall, %.1f s CPU, "
            "%d requests (%.1f and %.1f per online site)")
    note = dict(note=text % (wall, cpu, requests, base_wall, base_cpu, base_requests, requests / online,
                             base_requests / online))
    return [wall_row, cpu_row, note]
