# SPDX-License-Identifier: GPL-3.0-or-later
"""Idempotent re-runs of altostrat_job and altostrat_config against ansible.builtin.uri making the same read.

The change is applied once first; every timed task then finds the router already matching, so it
reads the menu (one synchronous print) and queues nothing. The baseline is a uri task making that
same synchronous POST.
"""

import json

from tests.bench.common import LATENCY_MS, compare_tasks, play
from tests.integration.playbook import run_playbook
from tests.simulator.harness import Simulator

TASKS = 20


def uri_read(sim, site_id, command):
    return play("""
    - name: bench
      ansible.builtin.uri:
        url: %s/api/synchronous/%s
        method: POST
        body_format: json
        body: {command: %s}
        headers:
          Authorization: "Bearer {{ lookup('env', 'ALTOSTRAT_API_TOKEN') }}"
        return_content: true
""" % (sim.url, site_id, command), TASKS)


def module_task(module, args):
    return play("""
    - name: bench
      altostrat.sdx.%s: %s
""" % (module, json.dumps(args)), TASKS)


def run():
    rows = []
    with Simulator(sites=5, checkin_interval=0.1, latency_ms=LATENCY_MS) as sim:
        site_id = sim.site_ids(online=True)[0]
        job = dict(site_id=site_id, description="bench DNS", script="/ip dns set servers=1.1.1.1,9.9.9.9", express_execute=True)
        config = dict(site_id=site_id, path="/ip/dns", entries={"servers": ["1.1.1.1", "9.9.9.9"], "allow-remote-requests": True},
                      express_execute=True, make_backup=False)
        for module, args in (("altostrat_job", job), ("altostrat_config", config)):
            first = run_playbook(play("""
    - name: apply once
      altostrat.sdx.%s: %s
""" % (module, json.dumps(args)), 1), sim)
            assert first.rc == 0, first.output[-2000:]
        rows.append(compare_tasks("altostrat_job re-run (converged) vs uri (the same synchronous read)", sim,
                                  module_task("altostrat_job", job), uri_read(sim, site_id, "/ip/dns/print"), TASKS, 0.3))
        rows.append(compare_tasks("altostrat_config re-run (converged) vs uri (the same synchronous read)", sim,
                                  module_task("altostrat_config", config), uri_read(sim, site_id, "/ip/dns/print"), TASKS, 0.3))
    return rows
