# SPDX-License-Identifier: GPL-3.0-or-later
"""200 job submissions through faults: every job is created exactly once, and a re-run creates none."""

from __future__ import annotations

from tests.integration.playbook import run_playbook

SUBMISSIONS = 200

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: submit
      altostrat.sdx.altostrat_job:
        site_id: %s
        description: "exactly once {{ item }}"
        script: ":log info \\"submission {{ item }}\\""
        wait: false
        retries: 8
      loop: "{{ range(%d) | list }}"
"""


def test_two_hundred_submissions_under_faults_create_each_job_once(sim):
    site = sim.site_ids(online=True)[2]
    sim.clear_requests()
    sim.clear_faults()
    for rule in (dict(status=429, retry_after="0", rate=0.07), dict(status=503, rate=0.07), dict(drop=True, rate=0.07)):
        sim.fault(method="POST", path="/job$", **rule)
    try:
        first = run_playbook(PLAY % (site, SUBMISSIONS), sim)
        second = run_playbook(PLAY % (site, SUBMISSIONS), sim)
    finally:
        sim.clear_faults()
    assert first.rc == 0, first.output[-3000:]
    assert second.rc == 0, second.output[-3000:]
    jobs = [j for j in sim.jobs(site) if j["description"].startswith("exactly once ")]
    assert len(jobs) == SUBMISSIONS
    assert len({j["description"] for j in jobs}) == SUBMISSIONS
    faulted = [r for r in sim.requests(method="POST", path="/job$") if r.get("fault")]
    assert faulted, "the faults were not injected"
    loop = second.task("submit")["result"]["results"]
    assert len(loop) == SUBMISSIONS and not any(item["changed"] for item in loop)
