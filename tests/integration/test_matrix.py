# SPDX-License-Identifier: GPL-3.0-or-later
"""The smoke run on the oldest and the newest supported ansible-core (`make matrix`).

One playbook over the altostrat.sdx.sites inventory uses each part a user meets first: facts through
gather_facts and the site connection, altostrat_command, altostrat_job with a backup, altostrat_config
with purge, and fleet mode. It runs three times on each ansible-core: under --check --diff (plans,
writes nothing), for real (one job per change), and again (everything ok, nothing written)."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.integration.playbook import BIN, REPO, mutating_requests, run_playbook
from tests.simulator.harness import Simulator

# `make` exports SDX_OLDEST_VENV after building it; there a missing venv is a failure, not a skip.
OLDEST_VENV = os.environ.get("SDX_OLDEST_VENV") or os.path.join(REPO, "build", "venv-oldest")

PLAYBOOK = """
- name: Smoke over the inventory
  hosts: altostrat_online
  gather_facts: true
  tasks:
    - name: ansible-core
      ansible.builtin.debug:
        msg: "{{ ansible_version.full }}"
      run_once: true

    - name: facts
      ansible.builtin.assert:
        that:
          - ansible_facts.net_hostname | length > 0
          - ansible_facts.net_memtotal_mb is number
          - ansible_facts.net_version is match('[67][.]')
          - ansible_facts.altostrat_site.id == altostrat_site_id

    - name: command
      altostrat.sdx.altostrat_command:
        command: /system/identity/print
      register: identity

    - name: the command's answer
      ansible.builtin.assert:
        that: identity.data[0].name == ansible_facts.net_hostname

    - name: job
      altostrat.sdx.altostrat_job:
        description: Smoke static DNS entry
        script: /ip dns static add name=smoke.lan address=192.0.2.53
        make_backup: true
        poll_interval: 0.2

    - name: config
      altostrat.sdx.altostrat_config:
        path: /ip/firewall/address-list
        restrict:
          list: smoke
        handle_absent_entries: remove
        entries:
          - list: smoke
            address: 203.0.113.7
            comment: smoke
        make_backup: false
        poll_interval: 0.2

- name: Smoke in fleet mode
  hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: fleet
      altostrat.sdx.altostrat_config:
        site_ids: "{{ ansible_play_hosts | map('extract', hostvars, 'altostrat_site_id') | list }}"
        path: /ip/dns
        entries:
          servers: [1.1.1.1, 9.9.9.9]
        make_backup: false
        poll_interval: 0.2
      run_once: true
"""
PER_HOST_CHANGES = ("job", "config")


def pinned_core(requirements):
    with open(os.path.join(REPO, requirements), encoding="utf-8") as handle:
        return re.search(r"^ansible-core==(\S+)$", handle.read(), re.M).group(1)


LEGS = {
    "newest": (BIN, pinned_core("requirements-dev.txt")),
    "oldest": (os.path.join(OLDEST_VENV, "bin"), pinned_core("requirements-oldest.txt")),
}


@pytest.fixture(scope="module", params=sorted(LEGS))
def leg(request):
    bin_dir, version = LEGS[request.param]
    if not os.path.exists(os.path.join(bin_dir, "ansible-playbook")):
        message = "%s has no ansible-playbook: run `make venv-oldest` (it installs requirements-oldest.txt)" % bin_dir
        if os.environ.get("SDX_OLDEST_VENV"):
            pytest.fail(message)
        pytest.skip(message)
    installed = subprocess.run([os.path.join(bin_dir, "python"), "-c", "import ansible; print(ansible.__version__)"],
                               capture_output=True, text=True, check=True).stdout.strip()
    assert installed == version, "%s runs ansible-core %s, not the pinned %s" % (bin_dir, installed, version)
    return bin_dir, version


@pytest.fixture(scope="module")
def sim(leg):
    """A simulator of its own for each ansible-core, so that no leg finds the jobs of another."""
    del leg
    with Simulator(sites=2, checkin_interval=0.2) as simulator:
        yield simulator


def smoke(sim, tmp_path, bin_dir, check=False):
    source = tmp_path / "smoke.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return run_playbook(PLAYBOOK, sim, inventory=str(source), check=check, diff=check, bin_dir=bin_dir)


def test_smoke_checks_applies_and_converges(fresh_log, tmp_path, leg):
    bin_dir, version = leg
    online = fresh_log.site_ids(online=True)
    for site_id in online:
        fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()

    check = smoke(fresh_log, tmp_path, bin_dir, check=True)
    assert check.rc == 0, check.output[-4000:]
    assert check.task("ansible-core")["result"]["msg"] == version
    hosts = sorted({r["host"] for r in check.results if r["task"] == "facts"})
    assert len(hosts) == len(online)
    assert all(check.task(name, host)["status"] == "changed" for name in PER_HOST_CHANGES for host in hosts)
    planned = check.task("fleet")["result"]
    assert sorted(planned["per_site"]) == sorted(online) and planned["changed"] is True
    assert mutating_requests(fresh_log.requests()) == []

    apply = smoke(fresh_log, tmp_path, bin_dir)
    assert apply.rc == 0, apply.output[-4000:]
    for host in hosts:
        job = apply.task("job", host)["result"]
        assert job["changed"] is True and job["status"] == "completed" and job["backup"]
        assert apply.task("config", host)["result"]["status"] == "completed"
    assert all(r["status"] == "completed" for r in apply.task("fleet")["result"]["per_site"].values())
    # one job per host for `job`, one for `config`, and one per site in fleet mode
    jobs = [r for r in mutating_requests(fresh_log.requests()) if r["method"] == "POST" and r["path"].endswith("/job")]
    assert len(jobs) == 3 * len(online)

    fresh_log.clear_requests()
    again = smoke(fresh_log, tmp_path, bin_dir)
    assert again.rc == 0, again.output[-4000:]
    assert "changed" not in again.statuses(), [(r["task"], r["host"]) for r in again.results if r["status"] == "changed"]
    assert mutating_requests(fresh_log.requests()) == []
    for run in (check, apply, again):
        assert "[DEPRECATION WARNING]" not in run.output, run.output[-4000:]
