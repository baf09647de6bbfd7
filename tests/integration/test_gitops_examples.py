# SPDX-License-Identifier: GPL-3.0-or-later
"""The GitOps pipeline examples (examples/gitops): the commands their GitHub Actions workflow and GitLab CI file run,
run as they are against the simulator. A pull request's plan writes the plan and the summary the next step posts;
the merge applies it with the reviewed plan (ALTOSTRAT_PLAN), and its record matches that plan; after that, nothing is
left to change, and a plan made from other variables is refused.

What cannot run here is left out and checked for what it names: installing the collection (it is on
ANSIBLE_COLLECTIONS_PATH already), posting the comment (it must post the summary the plan step wrote) and fetching
the reviewed plan from the CI service (here, the plan step's file is put where the apply reads it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml

from tests.integration.playbook import REPO, ansible_env, mutating_requests
from tests.simulator.harness import Simulator

EXAMPLES = os.path.join(REPO, "examples", "gitops")
OFFLINE = "pretoria_office"


def github_jobs():
    """{job: (env, [(step env, command)], [commands that talk to GitHub])} of the GitHub Actions example."""
    with open(os.path.join(EXAMPLES, "github-actions.yml"), encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    env = {k: v for k, v in workflow["env"].items() if "${{" not in str(v)}
    jobs = {}
    for name, job in workflow["jobs"].items():
        runs = [step for step in job["steps"] if "run" in step and step.get("name") != "Install"]
        jobs[name] = (env, [(s.get("env", {}), s["run"]) for s in runs
                            if "${{" not in str(s.get("env", "")) and "gh " not in s["run"]],
                      [s["run"] for s in runs if "gh " in s["run"]])
    return jobs


def gitlab_jobs():
    """{job: (variables, [({}, command)], commands that talk to GitLab)} of the GitLab CI example (before_script
    installs)."""
    with open(os.path.join(EXAMPLES, "gitlab-ci.yml"), encoding="utf-8") as handle:
        pipeline = yaml.safe_load(handle)
    jobs = {}
    for name in ("plan", "apply"):
        script = pipeline[name]["script"]
        jobs[name] = (pipeline["variables"], [({}, c) for c in script if "curl " not in c],
                      [c for c in script + pipeline[name].get("after_script", []) if "curl " in c])
    return jobs


def run_commands(sim, workdir, env, commands, expect=0):
    for step_env, command in commands:
        proc = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=workdir, capture_output=True, text=True,
                              timeout=600, check=False, env=ansible_env(sim, **dict(env, **step_env, **sim.env())))
        assert proc.returncode == expect, "%s\n%s" % (command, (proc.stdout + proc.stderr)[-4000:])
        if expect:
            return proc.stdout + proc.stderr
    return None


def fetch_the_reviewed_plan(workdir, env, commands, fetching):
    """Where the apply reads the reviewed plan (ALTOSTRAT_PLAN), the plan step's file, as the CI service would give it."""
    found = [e.get("ALTOSTRAT_PLAN") for e, _c in commands] + \
        [c.split("ALTOSTRAT_PLAN=", 1)[1].split()[0] for _e, c in commands if "ALTOSTRAT_PLAN=" in c]
    reviewed = [path for path in found if path]
    assert len(reviewed) == 1, commands
    assert fetching and any("plan" in command and "reviewed" in command for command in fetching), fetching
    os.makedirs(os.path.dirname(os.path.join(workdir, reviewed[0])), exist_ok=True)
    shutil.copy(os.path.join(workdir, env["ALTOSTRAT_PLAN_OUTPUT"]), os.path.join(workdir, reviewed[0]))


def read_plan(workdir, env):
    with open(os.path.join(workdir, env["ALTOSTRAT_PLAN_OUTPUT"]), encoding="utf-8") as handle:
        plan = json.load(handle)
    with open(os.path.join(workdir, env["ALTOSTRAT_PLAN_SUMMARY"]), encoding="utf-8") as handle:
        return plan, handle.read()


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_the_pipeline_plans_posts_the_summary_applies_and_then_has_nothing_left(ci, tmp_path):
    jobs = github_jobs() if ci == "github" else gitlab_jobs()
    workdir = str(tmp_path / "repo")
    shutil.copytree(EXAMPLES, workdir)
    with Simulator(sites=4, offline=1, checkin_interval=0.2) as sim:
        env, commands, posting = jobs["plan"]
        run_commands(sim, workdir, env, commands)
        assert mutating_requests(sim.requests()) == [], "the pull request's plan wrote to SDX"
        reviewed, summary = read_plan(workdir, env)
        assert reviewed["check_mode"] is True
        assert "**3 of 4 sites would change; 1 unknown.**" in summary
        assert reviewed["hosts"][OFFLINE]["status"] == "unknown"
        # the comment posts the file the plan step wrote
        assert posting and all(env["ALTOSTRAT_PLAN_SUMMARY"] in command for command in posting)

        env, commands, fetching = jobs["apply"]
        fetch_the_reviewed_plan(workdir, env, commands, fetching)
        run_commands(sim, workdir, env, commands)
        applied, summary = read_plan(workdir, env)
        assert applied["check_mode"] is False and "**3 of 4 sites changed; 1 unknown.**" in summary
        assert len(sim.requests(method="POST", path="/job$")) == 3 * 3  # three tasks on each online site
        # nothing changed between review and merge: each site got exactly the reviewed plan
        assert {h: [t["fingerprints"] for t in v["tasks"]] for h, v in applied["hosts"].items()} == \
            {h: [t["fingerprints"] for t in v["tasks"]] for h, v in reviewed["hosts"].items()}
        assert {h: v["fingerprint"] for h, v in applied["hosts"].items()} == \
            {h: v["fingerprint"] for h, v in reviewed["hosts"].items()}

        sim.clear_requests()
        run_commands(sim, workdir, env, commands)
        assert mutating_requests(sim.requests()) == [], "a second apply queued something"
        # the apply is held to the reviewed plan: other variables than those reviewed are refused, with no write
        with open(os.path.join(workdir, "group_vars", "all.yml"), "a", encoding="utf-8") as handle:
            handle.write("syslog_server: 192.0.2.51\n")
        output = run_commands(sim, workdir, env, commands, expect=2)
        assert "a stale plan" in output and mutating_requests(sim.requests()) == []
        env, commands, _posting = jobs["plan"]
        run_commands(sim, workdir, env, commands)
        _plan, summary = read_plan(workdir, env)
        assert "**3 of 4 sites would change; 1 unknown.**" in summary  # the new syslog server, nothing else
