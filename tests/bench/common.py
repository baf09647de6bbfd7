# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared pieces of the benchmarks: per-task timing from a playbook run, side-by-side comparison."""

import statistics

from tests.integration.playbook import run_playbook

ROUNDS = 3
# Every benchmark runs against the simulator with this much latency added to each API request,
# so that what is measured looks like a real API across the internet, not loopback.
LATENCY_MS = 50


def play(tasks_yaml, count):
    """A localhost play repeating one task (named `bench`) `count` times."""
    return "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + tasks_yaml * count


def per_task_seconds(run, count):
    assert run.rc == 0, run.output[-2000:]
    durations = [r["duration"] for r in run.results if r["task"] == "bench"]
    assert len(durations) == count, "expected %d bench tasks, got %d" % (count, len(durations))
    return statistics.median(durations)


def compare_tasks(name, sim, candidate, baseline, count, target, rounds=ROUNDS):
    """Median per-task time of two plays, alternated for `rounds`, as a row for the table."""
    cand, base = [], []
    for _round in range(rounds):
        cand.append(per_task_seconds(run_playbook(candidate, sim), count))
        base.append(per_task_seconds(run_playbook(baseline, sim), count))
    return row(name, statistics.median(cand), statistics.median(base), target)


def row(name, candidate_s, baseline_s, target):
    ratio = candidate_s / baseline_s
    return dict(name=name, candidate_ms=candidate_s * 1000, baseline_ms=baseline_s * 1000, ratio=ratio, target=target,
                ok=ratio <= target)
