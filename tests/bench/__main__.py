# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: the collection's tasks against baselines doing the same HTTP calls, side by side in one run.

Each benchmark times tasks inside one ansible-playbook run (per-task wall time, from the callback),
alternates the candidate and the baseline several rounds, and prints median ratios. Lower is better.
"""

import statistics
import sys

from tests.integration.playbook import run_playbook
from tests.simulator.harness import Simulator

TASKS = 20
ROUNDS = 3


def site_info_play(site_id):
    task = """
    - name: bench
      altostrat.sdx.altostrat_site_info:
        site_id: %s
""" % site_id
    return "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + task * TASKS


def uri_play(sim, site_id):
    task = """
    - name: bench
      ansible.builtin.uri:
        url: %s/sites/%s
        headers:
          Authorization: "Bearer {{ lookup('env', 'ALTOSTRAT_API_TOKEN') }}"
        return_content: true
""" % (sim.url, site_id)
    return "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + task * TASKS


def per_task_seconds(run):
    assert run.rc == 0, run.output[-2000:]
    durations = [r["duration"] for r in run.results if r["task"] == "bench"]
    assert len(durations) == TASKS
    return statistics.median(durations)


def compare(name, sim, candidate, baseline, target):
    cand, base = [], []
    for _round in range(ROUNDS):
        cand.append(per_task_seconds(run_playbook(candidate, sim)))
        base.append(per_task_seconds(run_playbook(baseline, sim)))
    c, b = statistics.median(cand), statistics.median(base)
    ratio = c / b
    return dict(name=name, candidate_ms=c * 1000, baseline_ms=b * 1000, ratio=ratio, target=target, ok=ratio <= target)


def main():
    rows = []
    with Simulator(sites=5, checkin_interval=1.0) as sim:
        site_id = sim.site_ids(online=True)[0]
        rows.append(compare("altostrat_site_info vs ansible.builtin.uri (GET /sites/{id})", sim,
                            site_info_play(site_id), uri_play(sim, site_id), 0.2))
    print("\n%-62s %12s %12s %8s %8s" % ("benchmark (median per task, %d tasks x %d rounds)" % (TASKS, ROUNDS),
                                           "candidate", "baseline", "ratio", "target"))
    for row in rows:
        print("%-62s %10.1fms %10.1fms %7.3fx %7.2fx %s" % (row["name"], row["candidate_ms"], row["baseline_ms"], row["ratio"],
                                                         row["target"], "ok" if row["ok"] else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
