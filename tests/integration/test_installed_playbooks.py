# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection's playbooks as a Galaxy user runs them: by name, from the built tarball installed into a
collections path, from a working directory of the user's own. Relative paths are taken from that directory."""

from __future__ import annotations

import glob
import os
import shlex
import subprocess

import pytest

from tests.integration.playbook import BIN, REPO, ansible_env, mutating_requests, run_playbook


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The built collection, installed with ansible-galaxy; returns its collections path."""
    root = tmp_path_factory.mktemp("galaxy")
    galaxy = os.path.join(BIN, "ansible-galaxy")
    subprocess.run([galaxy, "collection", "build", "--output-path", str(root), REPO],
                   check=True, capture_output=True, env=ansible_env())
    (tarball,) = glob.glob(str(root / "altostrat-sdx-*.tar.gz"))
    path = root / "collections"
    subprocess.run([galaxy, "collection", "install", "--offline", "--force", "-p", str(path), tarball],
                   check=True, capture_output=True, env=ansible_env())
    assert (path / "ansible_collections" / "altostrat" / "sdx" / "playbooks" / "backup_all.yml").is_file()
    return str(path)


@pytest.fixture
def workdir(tmp_path):
    """The user's directory, with an inventory of the simulator's sites."""
    (tmp_path / "sdx.altostrat.yml").write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return tmp_path


def run(name, sim, installed, workdir, extra_vars=None):
    """The playbook on one online router (where its files land does not depend on how many)."""
    return run_playbook(name, sim, inventory="sdx.altostrat.yml", extra_vars=extra_vars, cwd=str(workdir),
                        env={"ANSIBLE_COLLECTIONS_PATH": installed}, args=("--limit", "altostrat_online[0]"))


def files_under(root):
    return sorted(os.path.relpath(os.path.join(walked[0], name), root) for walked in os.walk(root) for name in walked[2]
                  if "__pycache__" not in walked[0])


@pytest.fixture
def collection_unchanged(installed):
    """Fails the test if a run wrote anything into the installed collection."""
    before = files_under(installed)
    yield
    assert files_under(installed) == before


def test_backup_all_writes_into_the_working_directory(sim, installed, workdir, collection_unchanged):
    result = run("altostrat.sdx.backup_all", sim, installed, workdir)
    assert result.rc == 0, result.output[-3000:]
    hosts = sorted(r["host"] for r in result.results if r["task"] == "altostrat.sdx.backup : Write the site's .rsc file"
                   and r["status"] != "skipped")
    assert len(hosts) == 1 and files_under(workdir / "backups") == [hosts[0] + ".rsc"]


def test_gather_facts_writes_into_the_working_directory(sim, installed, workdir, collection_unchanged):
    result = run("altostrat.sdx.gather_facts", sim, installed, workdir, extra_vars={"facts_dir": "facts"})
    assert result.rc == 0, result.output[-3000:]
    hosts = sorted(r["host"] for r in result.results if r["task"] == "Write the facts of each router")
    assert len(hosts) == 1 and files_under(workdir / "facts") == [hosts[0] + ".json"]


@pytest.mark.parametrize("desired", [None, []], ids=["not given", "empty"])
def test_drift_report_refuses_to_run_without_a_desired_state(sim, installed, workdir, collection_unchanged, desired):
    sim.clear_requests()
    extra = {} if desired is None else {"drift_report_desired": desired}
    result = run("altostrat.sdx.drift_report", sim, installed, workdir, extra_vars=extra)
    assert result.rc != 0
    assert "drift_report_desired" in result.output and "0 of" not in result.output, result.output[-3000:]
    ran = set(r["task"].split(" : ", 1)[1].split(" against ")[0] for r in result.results)
    assert ran == {"Validating arguments"} | ({"Check that a desired state is given"} if desired == [] else set())
    assert not (workdir / "reports").exists()
    assert sim.requests(path="/api/synchronous") == [] and mutating_requests(sim.requests()) == []


def guide_block(guide, first_line):
    """The code block of the guide that starts with first_line."""
    return guide.split("\n" + first_line + "\n", 1)[1].split("```", 1)[0]


def test_the_guide_nightly_drift_report_works_as_written(sim, installed, workdir, collection_unchanged):
    with open(os.path.join(REPO, "docs", "guide.md"), encoding="utf-8") as handle:
        guide = handle.read()
    for path in ("inventory/fleet.altostrat.yml", "group_vars/altostrat_online.yml", "drift.yml"):
        (workdir / path).parent.mkdir(exist_ok=True)
        (workdir / path).write_text(guide_block(guide, "# " + path), encoding="utf-8")
    nightly = guide.split("if: github.event_name == 'schedule'\n", 1)[1].split("run: ", 1)[1].split("\n", 1)[0]
    assert "| nightly | `%s` |" % nightly in guide  # the pipeline table gives the same command
    online = sorted(sim.site_ids(online=True))
    for site_id in online:
        sim.reset(site_id)
        sim.run_script(site_id, "/ip dns set servers=1.1.1.1,9.9.9.9\n"
                                "/ip firewall address-list add list=blocklist address=203.0.113.7 comment=scanner\n"
                                "/ip firewall address-list add list=blocklist address=198.51.100.0/24")
    sim.run_script(online[0], "/ip dns set servers=8.8.8.8")
    sim.clear_requests()

    argv = shlex.split(nightly)
    assert argv[0] == "ansible-playbook"
    proc = subprocess.run([os.path.join(BIN, argv[0])] + argv[1:], cwd=str(workdir), capture_output=True, text=True,
                          env=ansible_env(sim, ANSIBLE_COLLECTIONS_PATH=installed), timeout=600, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "drift from the desired state" in output, output[-3000:]  # fail_on_drift
    assert not mutating_requests(sim.requests()), "the drift report wrote to SDX"
    assert files_under(workdir / "reports") == [
        "drift-report.html", "drift-report.md", "drift-report.plan.json", "drift-report.summary.md"]
    report = (workdir / "reports" / "drift-report.md").read_text(encoding="utf-8")
    assert "**1 drift**, %d match" % (len(online) - 1) in report, report
    assert "| set | the menu | servers=8.8.8.8 | servers=1.1.1.1,9.9.9.9 |" in report, report
