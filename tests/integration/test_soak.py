# SPDX-License-Identifier: GPL-3.0-or-later
"""A small fault soak: 60 job submissions while about a fifth of the requests fail, with a simulator restart
between the two halves and another under the running second half.

`make soak` runs the same with 1,000 submissions (tests/soak.py), under both profiles; here the realistic
profile gets a smaller soak of its own.
"""

from __future__ import annotations

import pytest

from tests.simulator.harness import Simulator
from tests.soak import CLEAR_ERROR, FAULTS, Soak, failed, profile_options

SUBMISSIONS = 60
REALISTIC_SUBMISSIONS = 40


@pytest.fixture(scope="module")
def soaked():
    with Simulator(sites=5, offline=1, checkin_interval=0.2, notify=False) as sim:
        yield Soak(sim, SUBMISSIONS, restart_during=True).run()


def test_every_submission_made_exactly_one_job(soaked):
    summary = soaked.summary
    assert summary["submissions"] == SUBMISSIONS
    assert summary["duplicates"] == 0 and summary["lost"] == 0, soaked.problems
    assert summary["jobs_created"] == SUBMISSIONS


def test_every_kind_of_fault_was_injected_at_about_a_fifth_of_requests(soaked):
    summary = soaked.summary
    assert set(summary["faults"]) == {kind for kind, _rule in FAULTS}, summary["faults"]
    assert all(summary["faults"].values()), summary["faults"]
    assert 0.1 <= summary["faulted_requests"] / summary["requests"] <= 0.35, summary


def test_every_task_ended_ok_or_named_its_cause(soaked):
    failures = [item["msg"] for _half, _description, item in soaked.outcomes if failed(item)]
    assert all(CLEAR_ERROR.search(msg) for msg in failures), failures
    # The tasks that had retries all ended ok; only those without retries may have failed.
    assert all(not failed(item) for half, _description, item in soaked.outcomes if half == "second half")
    assert soaked.summary["failed_unclearly"] == 0


def test_the_restart_lost_nothing_and_resubmission_created_nothing(soaked):
    summary = soaked.summary
    assert summary["restarts"] == 2
    assert summary["first_half_jobs"] > 0
    assert summary["first_half_jobs_kept"] == summary["first_half_jobs"]
    assert soaked.problems == []


@pytest.fixture(scope="module")
def soaked_realistic():
    """The same soak against the realistic profile: a rate limit, Laravel error bodies, a replayed key answered
    422, job lists in pages with platform jobs, check-ins every half second."""
    options, env = profile_options("realistic")
    with Simulator(sites=5, offline=1, notify=False, **options) as sim:
        yield Soak(sim, REALISTIC_SUBMISSIONS, restart_during=False, env=env).run()


def test_under_the_realistic_profile_every_submission_still_made_exactly_one_job(soaked_realistic):
    summary = soaked_realistic.summary
    assert summary["duplicates"] == 0 and summary["lost"] == 0, soaked_realistic.problems
    assert summary["jobs_created"] == REALISTIC_SUBMISSIONS
    assert summary["failed_unclearly"] == 0 and soaked_realistic.problems == []
    # keyed POSTs sent again after a dropped answer met SDX's replay answer, and the job was adopted
    assert summary["replays"] > 0
