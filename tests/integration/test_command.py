# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_command through ansible-playbook: reads, writes and check mode, proven from the request log."""

from __future__ import annotations

import json

import pytest

from tests.integration.playbook import mutating_requests, run_playbook


def play(site_id, command, parameters=None, extra=""):
    args = {"site_id": site_id, "command": command}
    if parameters is not None:
        args["parameters"] = parameters
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: cmd
      altostrat.sdx.altostrat_command: %s
      %s
""" % (json.dumps(args), extra)


@pytest.fixture
def site(fresh_log):
    site_id = fresh_log.site_ids(online=True)[0]
    fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()
    return site_id


@pytest.mark.parametrize("command", ["/ip/address/print", "/ip address print", "ip/address/print"])
def test_read_returns_routeros_names_and_is_not_a_change(fresh_log, site, command):
    run = run_playbook(play(site, command), fresh_log)
    assert run.rc == 0, run.output
    result = run.task("cmd")
    assert result["status"] == "ok"
    data = result["result"]["data"]
    assert data and all(".id" in item and "address" in item for item in data)
    assert all("actual-interface" in item for item in data)
    assert [i["id"] for i in result["result"]["raw"]] == [i[".id"] for i in data]
    sent = json.loads(fresh_log.requests(path="/api/synchronous/%s" % site)[0]["body"])
    assert sent["command"] == "/ip/address/print"


def test_query_words_and_proplist_reach_the_router(fresh_log, site):
    run = run_playbook(play(site, "/ip/service/print", ["?disabled=false", "=.proplist=name,port"]), fresh_log)
    data = run.task("cmd")["result"]["data"]
    assert data and all(set(item) <= {"name", "port", ".id"} for item in data)
    assert "www-ssl" not in [item["name"] for item in data]


def test_write_reports_changed_and_is_sent_once(fresh_log, site):
    run = run_playbook(play(site, "/system/identity/set", ["=name=edge-7"]), fresh_log)
    assert run.rc == 0, run.output
    assert run.task("cmd")["status"] == "changed"
    assert len(mutating_requests(fresh_log.requests())) == 1
    check = run_playbook(play(site, "/system/identity/print"), fresh_log)
    assert check.task("cmd")["result"]["data"][0]["name"] == "edge-7"


def test_check_mode_does_not_send_a_write(fresh_log, site):
    run = run_playbook(play(site, "/system/identity/set", ["=name=never"]), fresh_log, check=True)
    assert run.rc == 0, run.output
    result = run.task("cmd")["result"]
    assert result["changed"] is True and result["sent"] is False and "check mode" in result["msg"]
    assert fresh_log.requests() == []


def test_check_mode_still_runs_reads(fresh_log, site):
    run = run_playbook(play(site, "/ip/address/print"), fresh_log, check=True)
    assert run.task("cmd")["result"]["data"]
    assert len(fresh_log.requests()) == 1 and mutating_requests(fresh_log.requests()) == []


def test_routeros_error_fails_the_task_with_routeros_message(fresh_log, site):
    run = run_playbook(play(site, "/ip/address/add", ["=address=10.1.1.1/24", "=interface=no-such-port"]), fresh_log)
    assert run.rc != 0
    msg = run.task("cmd")["result"]["msg"]
    assert "RouterOS refused /ip/address/add" in msg and "input does not match any value of interface" in msg


def test_offline_site_is_a_clear_error(fresh_log):
    offline = fresh_log.site_ids(online=False)[0]
    run = run_playbook(play(offline, "/ip/address/print"), fresh_log)
    msg = run.task("cmd")["result"]["msg"]
    assert "is offline" in msg and offline in msg


@pytest.mark.parametrize("command, parameters, expected", [
    ("", None, "command must be a RouterOS command"),
    ("/ip address print; /system reboot", None, "is not a RouterOS command path"),
    ("/ip/address/print", [1, 2], "parameters must be API words"),
])
def test_bad_input_is_rejected_before_any_request(fresh_log, site, command, parameters, expected):
    run = run_playbook(play(site, command, parameters), fresh_log)
    assert run.rc != 0
    assert expected in run.task("cmd")["result"]["msg"]
    assert fresh_log.requests() == []


def test_site_id_comes_from_the_host_variable(fresh_log, site):
    inventory = """
    all:
      hosts:
        edge:
          ansible_connection: local
          altostrat_site_id: %s
    """ % site
    playbook = """
    - hosts: edge
      gather_facts: false
      tasks:
        - name: cmd
          altostrat.sdx.altostrat_command:
            command: /system/identity/print
    """
    run = run_playbook(playbook, fresh_log, inventory=inventory)
    assert run.rc == 0, run.output
    assert run.task("cmd")["result"]["data"][0]["name"]
