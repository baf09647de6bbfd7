# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_job_info and altostrat_backup through ansible-playbook against the simulator."""

from __future__ import annotations

import json

import pytest

from tests.integration.playbook import mutating_requests, run_playbook


def play(module, **args):
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: t
      altostrat.sdx.%s: %s
""" % (module, json.dumps(args))


@pytest.fixture
def site(fresh_log):
    site_id = fresh_log.site_ids(online=True)[1]
    fresh_log.clear_requests()
    return site_id


def test_queue_now_wait_later(fresh_log, site):
    queued = run_playbook(play("altostrat_job", site_id=site, description="queue now wait later", wait=False,
                               script="/system note set note=\"later\""), fresh_log)
    assert queued.rc == 0, queued.output
    job_id = queued.task("t")["result"]["job_id"]
    waited = run_playbook(play("altostrat_job_info", site_id=site, job_id=job_id, wait=True, poll_interval=0.2), fresh_log)
    assert waited.rc == 0, waited.output
    result = waited.task("t")["result"]
    assert result["job"]["status"] == "completed" and result["changed"] is False
    listed = run_playbook(play("altostrat_job_info", site_id=site, status=["completed"], description="queue now*"), fresh_log)
    assert [j["id"] for j in listed.task("t")["result"]["jobs"]] == [job_id]


def test_job_info_errors(fresh_log, site):
    run = run_playbook(play("altostrat_job_info", site_id=site, wait=True), fresh_log)
    assert "wait needs job_id" in run.task("t")["result"]["msg"]
    run = run_playbook(play("altostrat_job_info", site_id=site, job_id="00000000-0000-4000-8000-000000000000"), fresh_log)
    assert "was not found" in run.task("t")["result"]["msg"]
    run = run_playbook(play("altostrat_job_info", site_id=site, status=["done"]), fresh_log)
    assert "status" in run.task("t")["result"]["msg"]


def test_request_list_and_fetch_a_backup(fresh_log, site, tmp_path):
    requested = run_playbook(play("altostrat_backup", site_id=site, poll_interval=0.2), fresh_log)
    assert requested.rc == 0, requested.output
    backup = requested.task("t")["result"]["backup"]
    assert backup["filename"].endswith(".rsc")
    listed = run_playbook(play("altostrat_backup", site_id=site, operation="list"), fresh_log)
    assert listed.task("t")["result"]["backups"][0]["filename"] == backup["filename"]

    dest = tmp_path / "router.rsc"
    fresh_log.clear_requests()
    check = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log, check=True)
    assert check.task("t")["result"]["changed"] is True and not dest.exists()
    fetched = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log)
    assert fetched.task("t")["result"]["changed"] is True
    assert dest.read_text(encoding="utf-8").startswith("# ") and "/ip address" in dest.read_text(encoding="utf-8")
    again = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log)
    assert again.task("t")["result"]["changed"] is False
    assert mutating_requests(fresh_log.requests()) == []


def test_fetch_into_a_directory_uses_the_backup_name(fresh_log, site, tmp_path):
    run = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(tmp_path)), fresh_log)
    assert run.rc == 0, run.output
    assert run.task("t")["result"]["dest"].startswith(str(tmp_path)) and run.task("t")["result"]["dest"].endswith(".rsc")


def test_backup_request_in_check_mode_sends_nothing(fresh_log, site):
    run = run_playbook(play("altostrat_backup", site_id=site), fresh_log, check=True)
    assert run.task("t")["result"]["changed"] is True
    assert mutating_requests(fresh_log.requests()) == []


def test_fetch_needs_dest(fresh_log, site):
    run = run_playbook(play("altostrat_backup", site_id=site, operation="fetch"), fresh_log)
    assert "needs dest" in run.task("t")["result"]["msg"]


def test_a_newer_backup_of_the_same_configuration_changes_nothing(fresh_log, site, tmp_path):
    dest = tmp_path / "same.rsc"
    run_playbook(play("altostrat_backup", site_id=site, poll_interval=0.2), fresh_log)
    first = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log)
    assert first.task("t")["result"]["changed"] is True
    lines = dest.read_text(encoding="utf-8").splitlines(True)
    dest.write_text("# 1999-01-01 00:00:00 by RouterOS 7.0\n" + "".join(lines[1:]), encoding="utf-8")
    again = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log)
    assert again.task("t")["result"]["changed"] is False
    fresh_log.run_script(site, "/system identity set name=changed-for-backup")
    run_playbook(play("altostrat_backup", site_id=site, poll_interval=0.2), fresh_log)
    changed = run_playbook(play("altostrat_backup", site_id=site, operation="fetch", dest=str(dest)), fresh_log)
    assert changed.task("t")["result"]["changed"] is True
    assert "changed-for-backup" in dest.read_text(encoding="utf-8")
