# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads are reads, and property names are checked against the router: check mode sends no `file=`,
a job that writes a file is queued, a misspelt property fails before anything is queued."""

from __future__ import annotations

import json

from tests.integration.playbook import mutating_requests, run_playbook


def tasks_play(site, tasks):
    body = "".join("""
    - name: %s
      altostrat.sdx.%s: %s
      ignore_errors: true
""" % (name, module, json.dumps(dict(args, site_id=site))) for name, module, args in tasks)
    return """
- hosts: localhost
  gather_facts: false
  tasks:
""" + body


def sent_file_words(sim):
    words = []
    for entry in sim.requests(method="POST", path="/api/synchronous/"):
        body = json.loads(entry.get("body") or "{}")
        words += [w for w in body.get("parameters") or [] if w.startswith("=file=")]
    return words


def site_for(sim):
    site = sim.site_ids(online=True)[0]
    sim.reset(site, "default")
    sim.clear_requests()
    return site


def test_check_mode_sends_no_file_write_and_refuses_a_misspelt_property(fresh_log):
    site = site_for(fresh_log)
    run = run_playbook(tasks_play(site, [
        ("export", "altostrat_command", {"command": "/export", "parameters": ["=file=nightly"]}),
        ("print", "altostrat_command", {"command": "/ip/address/print", "parameters": ["=file=addresses"]}),
        ("job", "altostrat_job", {"description": "Nightly export file", "script": "/export file=nightly"}),
        ("dns", "altostrat_config", {"path": "/ip/dns", "entries": {"servrs": ["1.1.1.1"]}}),
        ("address", "altostrat_config", {"path": "/ip/address", "entries": [{"address": "10.9.9.1/24", "interfce": "bridge"}]}),
    ]), fresh_log, check=True)
    for name in ("export", "print"):
        assert run.task(name)["result"]["sent"] is False and run.task(name)["result"]["changed"] is True
    job = run.task("job")["result"]
    assert job["changed"] is True and [e["would_change"] for e in job["plan"]] == ["yes"]
    assert run.task("dns")["status"] == run.task("address")["status"] == "failed"
    dns = run.task("dns")["result"]
    assert "'servrs'" in dns["msg"] and "/ip/dns" in dns["msg"] and "servers" in dns["msg"]
    address = run.task("address")["result"]
    assert "'interfce'" in address["msg"] and "/ip/address" in address["msg"]
    assert sent_file_words(fresh_log) == []
    assert mutating_requests(fresh_log.requests()) == []


def test_a_job_that_writes_a_file_is_queued_every_time_it_is_asked(fresh_log):
    site = site_for(fresh_log)
    play = tasks_play(site, [("job", "altostrat_job", {"description": "Nightly export %s" % site[:8],
                                                       "script": "/export file=nightly", "poll_interval": 0.2})])
    run = run_playbook(play, fresh_log)
    result = run.task("job")["result"]
    assert result["changed"] is True and result["status"] == "completed", run.output
    assert len([r for r in mutating_requests(fresh_log.requests()) if r["path"].endswith("/job")]) == 1
    assert sent_file_words(fresh_log) == []
