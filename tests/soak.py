# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault soak: job submissions through altostrat_job while about a fifth of all API requests fail.

    python -m tests.soak [--submissions 1000] [--hosts 4] [--profile realistic]

Faults: 429 with Retry-After, 502, 503, connections dropped after the server accepted a job, and answers
slower than the client's timeout. The run has two halves with a simulator restart between them; the
second half submits everything again. Afterwards every submission must have exactly one job (no
duplicates, nothing lost), jobs from before the restart must still be there, and every task must have
ended ok or with an error that names its cause. `make soak` prints the summary, once against the
documented behaviour and once against the simulator's realistic profile (its clocks shortened: a rate
limit per 10-second window, Laravel error bodies, a replayed key answered 422, paginated job lists with
platform jobs, ...); the integration test `tests/integration/test_soak.py` runs small versions of both.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import threading
import time

from tests.integration.playbook import run_playbook
from tests.simulator.harness import Simulator
from tests.simulator.pytest_fixtures import REALISTIC_FAST

TIMEOUT = 1.0
RETRIES = 10
# One in IMPATIENT_EVERY first-half submissions gets no retries: it fails on the first fault, which shows
# that such a failure is clear, and that submitting it again later still makes exactly one job.
IMPATIENT_EVERY = 5
# Checked in order; each fires at its own rate. About a fifth of all requests end up faulted.
FAULTS = (
    ("429", dict(status=429, retry_after="0", rate=0.04)),
    ("429", dict(status=429, retry_after="1", rate=0.01)),
    ("502", dict(status=502, rate=0.03)),
    ("503", dict(status=503, rate=0.03)),
    ("drop after write", dict(method="POST", path="/job$", drop=True, rate=0.08)),
    ("drop", dict(drop=True, rate=0.03)),
    ("slow", dict(latency_ms=int(TIMEOUT * 1000 + 500), rate=0.03)),
)
# What a task that gave up must say: the HTTP status, or what happened to the connection (whose message
# names the whole URL).
CLEAR_ERROR = re.compile(r"(GET|POST) (https?://[^/\s]+)?/\S+ failed: (HTTP (429|502|503)\b|no answer within the timeout|connection failed \(\w+\))")

PLAY = """
- hosts: all
  gather_facts: false
  tasks:
    - name: submit
      altostrat.sdx.altostrat_job:
        description: "soak {{ inventory_hostname }} {{ item }}"
        script: ":log info \\"soak {{ inventory_hostname }} {{ item }}\\""
        wait: false
        timeout: %s
        retries: "{{ 0 if impatient and item %% %d == %d else %d }}"
      loop: "{{ range(first, last) | list }}"
      ignore_errors: true
"""


def failed(item):
    """Whether a loop item failed (callbacks may see the item without its `failed` key, never without `exception`)."""
    return bool(item.get("failed") or "exception" in item)


def inventory(site_ids):
    hosts = "".join("    soak%d:\n      ansible_connection: local\n      altostrat_site_id: %s\n" % (number, site_id)
                    for number, site_id in enumerate(site_ids))
    return "all:\n  hosts:\n" + hosts


class Soak:
    """One soak run against a simulator; `summary` holds the figures, `problems` what went wrong."""

    def __init__(self, sim, submissions, hosts=4, restart_during=False, env=None):
        self.sim = sim
        self.env = dict(env or {})
        self.restart_during = restart_during
        self.restarts = 0
        self.site_ids = sim.site_ids(online=True)[:hosts]
        self.per_host = max(2, submissions // len(self.site_ids))
        self.submissions = self.per_host * len(self.site_ids)
        self.faults = collections.Counter()
        self.active = list(FAULTS)
        self.requests = 0
        self.faulted_requests = 0
        self.throttled = 0  # 429s of the simulator's rate limit (its realistic profile), not injected faults
        self.replays = 0  # job POSTs sent again with their key and refused as a replay (the realistic profile's 422)
        self.outcomes = []  # (half, description, result) for every loop item
        self.problems = []
        self.summary = {}

    def description(self, host, item):
        return "soak %s %d" % (host, item)

    def soak_jobs(self):
        """{description: [job ids]} of this run's jobs."""
        found = collections.defaultdict(list)
        for job in self.sim.jobs():
            if job["description"].startswith("soak soak"):
                found[job["description"]].append(job["id"])
        return found

    def inject(self):
        # One of each kind first, so that even a short run meets every kind; then each at its rate.
        once = [(kind, dict({k: v for k, v in rule.items() if k != "rate"}, count=1)) for kind, rule in FAULTS]
        self.active = once + list(FAULTS)
        self.sim.clear_faults()
        self.sim.faults([rule for _kind, rule in self.active])

    def collect_faults(self):
        """Count what the simulator injected since the last start (a restart forgets rules and log)."""
        for (kind, _rule), live in zip(self.active, self.sim.fault_rules()):
            self.faults[kind] += live["hits"]
        entries = self.sim.requests()
        self.requests += len(entries)
        self.faulted_requests += sum(1 for entry in entries if entry.get("fault") not in (None, "throttled"))
        self.throttled += sum(1 for entry in entries if entry.get("fault") == "throttled")
        self.replays += sum(1 for entry in entries if entry["method"] == "POST" and entry["path"].endswith("/job")
                            and entry["status"] in (400, 409, 422))

    def half(self, name, last, impatient):
        play = PLAY % (TIMEOUT, IMPATIENT_EVERY, IMPATIENT_EVERY - 1, RETRIES)
        run = run_playbook(play, self.sim, inventory=inventory(self.site_ids),
                           extra_vars=dict(first=0, last=last, impatient=impatient), env=self.env,
                           args=("--forks", str(len(self.site_ids))))
        items = [(r["host"], item) for r in run.results if r["task"] == "submit" for item in r["result"].get("results", [])]
        if len(items) != last * len(self.site_ids):
            self.problems.append("%s: %d loop results for %d submissions:\n%s" % (name, len(items), last * len(self.site_ids),
                                                                                  run.output[-3000:]))
        for host, item in items:
            self.outcomes.append((name, self.description(host, item["item"]), item))
        return {self.description(host, item["item"]): item for host, item in items}

    def run(self):
        started = time.monotonic()
        first_half = self.per_host // 2
        self.sim.clear_requests()
        self.inject()
        before = self.half("first half", first_half, impatient=True)
        self.collect_faults()
        jobs_before = self.soak_jobs()

        self.sim.restart()
        self.restarts += 1
        jobs_restarted = self.soak_jobs()
        self.inject()
        stop = threading.Event()
        if self.restart_during:
            # Once half of the second half's new jobs exist, restart again under the running playbook.
            target = len(jobs_before) + (self.submissions - len(jobs_before)) // 2
            thread = threading.Thread(target=self.restart_midway, args=(target, stop), daemon=True)
            thread.start()
        after = self.half("second half", self.per_host, impatient=False)
        stop.set()
        if self.restart_during:
            thread.join()
        self.collect_faults()
        self.sim.clear_faults()
        jobs = self.soak_jobs()
        self.check(before, after, jobs_before, jobs_restarted, jobs)
        self.summary.update(
            submissions=self.submissions, tasks=len(self.outcomes), jobs_created=sum(len(ids) for ids in jobs.values()),
            duplicates=sum(len(ids) - 1 for ids in jobs.values() if len(ids) > 1),
            lost=sum(1 for description in self.expected() if not jobs.get(description)),
            requests=self.requests, faulted_requests=self.faulted_requests, faults=dict(self.faults),
            throttled=self.throttled, replays=self.replays,
            failed_clearly=sum(1 for _h, _d, item in self.outcomes if failed(item) and CLEAR_ERROR.search(item.get("msg", ""))),
            failed_unclearly=sum(1 for _h, _d, item in self.outcomes if failed(item) and not CLEAR_ERROR.search(item.get("msg", ""))),
            first_half_jobs_kept=sum(1 for d, ids in jobs_before.items() if jobs.get(d) == ids),
            first_half_jobs=len(jobs_before), restarts=self.restarts, wall_seconds=round(time.monotonic() - started, 1))
        return self

    def restart_midway(self, target, stop):
        try:
            while not stop.wait(0.2):
                if sum(len(ids) for ids in self.soak_jobs().values()) >= target:
                    self.collect_faults()
                    self.sim.restart()
                    self.restarts += 1
                    self.inject()
                    return
            self.problems.append("the second half ended before the restart under it")
        except Exception as exc:  # pylint: disable=broad-exception-caught
            self.problems.append("restart under the running playbook failed: %r" % exc)

    def expected(self):
        return [self.description("soak%d" % number, item) for number in range(len(self.site_ids)) for item in range(self.per_host)]

    def check(self, before, after, jobs_before, jobs_restarted, jobs):
        problems = self.problems
        for half, description, item in self.outcomes:
            if failed(item) and not CLEAR_ERROR.search(item.get("msg", "")):
                problems.append("%s, %s: an error that does not name its cause: %r" % (half, description, item.get("msg")))
            if not failed(item) and not item.get("job_id"):
                problems.append("%s, %s: ok without a job: %r" % (half, description, item))
        for description in self.expected():
            ids = jobs.get(description, [])
            if len(ids) != 1:
                problems.append("%s: %d jobs %s" % (description, len(ids), ids))
            if description in after and not failed(after[description]) and after[description].get("job_id") not in ids:
                problems.append("%s: the task reported job %s, which is not there" % (description, after[description].get("job_id")))
        if jobs_restarted != jobs_before:
            problems.append("the restart changed the jobs: %d before, %d after" % (len(jobs_before), len(jobs_restarted)))
        for description, ids in jobs_before.items():
            if jobs.get(description) != ids:
                problems.append("%s: job %s from before the restart became %s" % (description, ids, jobs.get(description)))
            if after.get(description, {}).get("changed"):
                problems.append("%s: submitted again after the restart, it made a new job" % description)
        for description, item in before.items():
            if not failed(item) and not jobs_before.get(description):
                problems.append("%s: reported queued before the restart but not there" % description)
        if not self.faults:
            problems.append("no fault was injected")


def profile_options(profile=None):
    """(Simulator keyword arguments, the controller's environment) for a profile: None (documented) or realistic."""
    if profile != "realistic":
        return dict(checkin_interval=0.2), {}
    options = dict(REALISTIC_FAST)
    # the collection is told the compressed window, as a user would set the real one
    return options, {"ALTOSTRAT_RATE_WINDOW": str(options["realism"]["rate_window"])}


def soak(submissions=1000, hosts=4, restart_during=True, sim=None, profile=None):
    """Run a soak (on `sim`, or a simulator of its own) and return the Soak with its summary and problems."""
    options, env = profile_options(profile)
    if sim is not None:
        return Soak(sim, submissions, hosts, restart_during, env=env).run()
    with Simulator(sites=hosts + 1, offline=1, notify=False, **options) as own:
        result = Soak(own, submissions, hosts, restart_during, env=env).run()
    result.summary["profile"] = profile or "default"
    return result


def report(result):
    summary = result.summary
    lines = [
        "simulator profile      %s" % summary.get("profile", "default"),
        "submissions            %d (%d tasks over two halves)" % (summary["submissions"], summary["tasks"]),
        "jobs created           %d" % summary["jobs_created"],
        "duplicates             %d" % summary["duplicates"],
        "lost                   %d" % summary["lost"],
        "jobs kept over restart %d of %d (simulator restarts: %d)"
        % (summary["first_half_jobs_kept"], summary["first_half_jobs"], summary["restarts"]),
        "requests               %d, %d faulted (%.0f%%)"
        % (summary["requests"], summary["faulted_requests"], 100.0 * summary["faulted_requests"] / max(1, summary["requests"])),
        "faults injected        " + ", ".join("%s %d" % (kind, count) for kind, count in sorted(summary["faults"].items())),
        "rate limit 429s        %d" % summary["throttled"],
        "keys refused as replay %d (each job adopted from the job list)" % summary["replays"],
        "tasks failed, clearly  %d (unclear: %d)" % (summary["failed_clearly"], summary["failed_unclearly"]),
        "wall time              %.1f s" % summary["wall_seconds"],
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=4, help="sites submitted to in parallel (one fork each)")
    parser.add_argument("--no-restart-during", dest="restart_during", action="store_false",
                        help="restart the simulator only between the halves, not also under the running second half")
    parser.add_argument("--profile", choices=("default", "realistic"), default="default",
                        help="the simulator's profile (realistic: with its clocks shortened, see tests/simulator/README.md)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    result = soak(args.submissions, args.hosts, args.restart_during, profile=args.profile)
    print(json.dumps(result.summary, indent=2) if args.json else report(result))
    for problem in result.problems[:50]:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
