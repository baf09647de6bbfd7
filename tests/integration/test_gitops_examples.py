# SPDX-License-Identifier: GPL-3.0-or-later
"""The GitOps pipeline examples (examples/gitops): the commands their GitHub Actions workflow and GitLab CI file run,
run as they are against the simulator. A pull request's plan writes the plan and the summary the next step posts;
the merge applies it, and its record matches the reviewed plan; after that, nothing is left to change.

What cannot run here is left out and checked for what it names: installing the collection (it is on
ANSIBLE_COLLECTIONS_PATH already) and posting the comment (it must post the summary the plan step wrote)."""

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
    """{job: (env, [commands], [commands that talk to GitHub])} of the GitHub Actions example."""
    with open(os.path.join(EXAMPLES, "github-actions.yml"), encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    env = {k: v for k, v in workflow["env"].items() if "${{" not in str(v)}
    jobs = {}
    for name, job in workflow["jobs"].items():
        runs = [step for step in job["steps"] if "run" in step and step.get("name") != "Install"]
        jobs[name] = (env, [s["run"] for s in runs if "${{" not in str(s.get("env", "")) and "gh " not in s["run"]],
                      [s["run"] for s in runs if "gh " in s["run"]])
    return jobs


def gitlab_jobs():
    """{job: (variables, script, after_script)} of the GitLab CI example (before_script installs)."""
    with open(os.path.join(EXAMPLES, "gitlab-ci.yml"), encoding="utf-8") as handle:
        pipeline = yaml.safe_load(handle)
    return {name: (pipeline["variables"], pipeline[name]["script"], pipeline[name].get("after_script", []))
            for name in ("plan", "apply")}


def run_commands(sim, workdir, env, commands):
    for command in commands:
        proc = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=workdir, capture_output=True, text=True,
                              timeout=600, check=False, env=ansible_env(sim, **dict(env, **sim.env())))
        assert proc.returncode == 0, "%s\n%s" % (command, (proc.stdout + proc.stderr)[-4000:])


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

        env, commands, _posting = jobs["apply"]
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
        env, commands, _posting = jobs["plan"]
        run_commands(sim, workdir, env, commands)
        _plan, summary = read_plan(workdir, env)
        assert "**0 of 4 sites would change; 1 unknown.**" in summary
