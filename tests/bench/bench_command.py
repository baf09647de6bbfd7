# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_command against ansible.builtin.uri making the same synchronous POST."""

from tests.bench.common import LATENCY_MS, compare_tasks, play
from tests.simulator.harness import Simulator

TASKS = 20


def run():
    with Simulator(sites=5, checkin_interval=1.0, latency_ms=LATENCY_MS) as sim:
        site_id = sim.site_ids(online=True)[0]
        candidate = play("""
    - name: bench
      altostrat.sdx.altostrat_command:
        site_id: %s
        command: /ip/address/print
""" % site_id, TASKS)
        baseline = play("""
    - name: bench
      ansible.builtin.uri:
        url: %s/api/synchronous/%s
        method: POST
        body_format: json
        body: {command: /ip/address/print}
        headers:
          Authorization: "Bearer {{ lookup('env', 'ALTOSTRAT_API_TOKEN') }}"
        return_content: true
""" % (sim.url, site_id), TASKS)
        return [compare_tasks("altostrat_command vs ansible.builtin.uri (POST /api/synchronous/{id})", sim, candidate,
                              baseline, TASKS, 0.2)]
