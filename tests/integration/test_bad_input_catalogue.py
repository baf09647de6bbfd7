# SPDX-License-Identifier: GPL-3.0-or-later
"""The bad-input catalogue: every module and the inventory plugin, each bad input a clear error that
names the field or the cause, and nothing queued or written (proven from the request log)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.integration.playbook import BIN, ansible_env, mutating_requests, run_playbook

ONLINE = "{{ online }}"
OFFLINE = "{{ offline }}"
UNKNOWN = "00000000-0000-4000-8000-000000000000"
SCRIPT = "/ip dns set servers=1.1.1.1"

# (module, arguments, fragments the error message must contain)
CASES = [
    # site_info
    ("altostrat_site_info", {"site_id": "12345"}, ["site_id must be a UUID"]),
    ("altostrat_site_info", {"site_id": UNKNOWN}, ["was not found", UNKNOWN]),
    ("altostrat_site_info", {"online": "sometimes"}, ["online"]),
    ("altostrat_site_info", {"api_url": "ftp://example.com"}, ["api_url must be an https:// URL"]),
    ("altostrat_site_info", {"api_token": "alto_sk_expired_0000"}, ["HTTP 401", "api_token"]),
    ("altostrat_site_info", {"timeout": -1}, ["timeout must be a positive"]),
    ("altostrat_site_info", {"retries": -2}, ["retries must be 0 or more"]),
    ("altostrat_site_info", {"retries": "many"}, ["retries"]),
    # command
    ("altostrat_command", {"site_id": ONLINE, "command": ""}, ["command must be a RouterOS command"]),
    ("altostrat_command", {"site_id": ONLINE, "command": "/ip/address/print; /system/reboot"}, ["is not a RouterOS command path"]),
    ("altostrat_command", {"site_id": ONLINE, "command": "/ip/address/print", "parameters": {"a": 1}}, ["parameters must be"]),
    ("altostrat_command", {"site_id": ONLINE, "command": "/ip/address/print", "parameters": [1]}, ["parameters must be API words"]),
    ("altostrat_command", {"site_id": ONLINE, "command": "/ip/nothing/print"}, ["RouterOS refused /ip/nothing/print"]),
    ("altostrat_command", {"site_id": OFFLINE, "command": "/ip/address/print"}, ["is offline", "queue a job"]),
    ("altostrat_command", {"site_id": UNKNOWN, "command": "/ip/address/print"}, ["was not found"]),
    ("altostrat_command", {"site_id": "Zürich", "command": "/ip/address/print"}, ["site_id must be a UUID", "Zürich"]),
    ("altostrat_command", {"command": "/ip/address/print"}, ["site_id"]),
    # facts
    ("altostrat_facts", {"site_id": ONLINE, "gather_subset": ["everything"]}, ["unknown subset 'everything'"]),
    ("altostrat_facts", {"site_id": OFFLINE}, ["is offline"]),
    ("altostrat_facts", {"site_id": "not-a-site"}, ["site_id must be a UUID"]),
    # job
    ("altostrat_job", {"site_id": ONLINE, "description": "ab", "script": SCRIPT}, ["description must be 3 to 100 characters (got 2)"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "é" * 101, "script": SCRIPT}, ["description must be 3 to 100 characters (got 101)"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Empty", "script": " "}, ["script is required"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Huge", "script": ":put x\n" * 1500}, ["SDX accepts at most 10000"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Hook", "script": SCRIPT, "notify_url": "http://example.com/hook"},
     ["notify_url must use https://"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Hook", "script": SCRIPT, "notify_url": "javascript:alert(1)"},
     ["notify_url must be an https:// URL"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Key", "script": SCRIPT, "idempotency_key": "'; DROP TABLE jobs;--"},
     ["idempotency_key must be a UUID"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Wait", "script": SCRIPT, "wait_timeout": 0}, ["wait_timeout must be a positive"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Poll", "script": SCRIPT, "poll_interval": "fast"}, ["poll_interval"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Both", "script": SCRIPT, "job_id": UNKNOWN}, ["mutually exclusive"]),
    ("altostrat_job", {"site_id": ONLINE, "state": "absent"}, ["needs job_id or idempotency_key"]),
    ("altostrat_job", {"site_id": ONLINE, "state": "cancelled"}, ["state"]),
    ("altostrat_job", {"site_id": ONLINE, "script": SCRIPT}, ["description"]),
    ("altostrat_job", {"site_id": UNKNOWN, "description": "Nowhere", "script": SCRIPT}, ["was not found"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Flags", "script": SCRIPT, "make_backup": "perhaps"}, ["make_backup"]),
    # job_info
    ("altostrat_job_info", {"site_id": ONLINE, "wait": True}, ["wait needs job_id"]),
    ("altostrat_job_info", {"site_id": ONLINE, "job_id": "job-1"}, ["job_id must be a UUID"]),
    ("altostrat_job_info", {"site_id": ONLINE, "job_id": UNKNOWN}, ["was not found"]),
    ("altostrat_job_info", {"site_id": ONLINE, "status": ["done"]}, ["status"]),
    # backup
    ("altostrat_backup", {"site_id": ONLINE, "operation": "fetch"}, ["needs dest"]),
    ("altostrat_backup", {"site_id": ONLINE, "operation": "restore"}, ["operation"]),
    ("altostrat_backup", {"site_id": ONLINE, "operation": "fetch", "dest": "/tmp/x.rsc", "filename": "999.rsc"}, ["was not found"]),
    ("altostrat_backup", {"site_id": UNKNOWN, "operation": "list"}, ["was not found"]),
    # config
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address/add", "entries": []}, ["path must name a menu"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip address\n/system reboot", "entries": []}, ["is not a RouterOS menu path"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": [{"interface": "bridge"}]},
     ["lacks the key property address"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": [{"address": "10.9.9.1/24", "comment; /system reboot": "x"}]},
     ["is not a RouterOS property name"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": [{"address": "10.9.9.1/24"}, {"address": "10.9.9.1/24"}]},
     ["have the same keys"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/dns", "entries": [{"servers": "1.1.1.1"}, {"servers": "8.8.8.8"}]},
     ["holds one item"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": "address=10.0.0.1/24"}, ["entries must be a list of dicts"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": [{"address": {"nested": True}}]}, ["a value must be text"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/firewall/address-list", "restrict": {"list": "a"},
                          "entries": [{"list": "b", "address": "192.0.2.1"}]}, ["outside restrict"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "ensure_order": True, "entries": [{"address": "10.9.9.1/24"}]},
     ["ordered menus only"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/service", "entries": [{"name": "gopher", "disabled": True}]},
     ["cannot be added"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/arp", "entries": [{"address": "10.0.0.9", "interface": "ether1"}]},
     ["keys is required"]),
    ("altostrat_config", {"site_id": OFFLINE, "path": "/ip/dns", "entries": {"servers": "1.1.1.1"}}, ["is offline"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/dns", "entries": {"servers": "1.1.1.1"}, "description": "x"},
     ["description must be 3 to 100"]),
    # transport settings, checked before any request
    ("altostrat_site_info", {"api_url": ""}, ["api_url is empty"]),
    ("altostrat_site_info", {"api_url": "  "}, ["api_url is empty"]),
    ("altostrat_site_info", {"api_url": "http://api.example.com"}, ["api_url must use https://", "unencrypted"]),
    ("altostrat_site_info", {"api_url": "https://user:secret@api.example.com"}, ["must not carry a user name or password"]),
    ("altostrat_site_info", {"api_url": "https://api.example.com/?redirect=x"}, ["must not carry a query"]),
    ("altostrat_site_info", {"api_url": "https://api.example.com:99999"}, ["invalid port"]),
    ("altostrat_site_info", {"site_id": "9c69345c-8d39-4786-9f17-8153c988c89a\n"}, ["site_id must be a UUID"]),
    ("altostrat_site_info", {"colour": "blue"}, ["unsupported parameter colour"]),
    ("altostrat_site_info", {"retries": "many"}, ["retries", "to int"]),
    ("altostrat_site_info", {"name": ["a", "b"]}, ["name must be text, not a list"]),
    # descriptions travel as HTTP headers: control characters and edge spaces are refused, by name
    ("altostrat_job", {"site_id": ONLINE, "description": "Two\nlines", "script": SCRIPT}, ["description cannot hold line breaks"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Carriage\r\nX-Backup: true", "script": SCRIPT},
     ["description cannot hold line breaks"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Nul\u0000byte", "script": SCRIPT}, ["description cannot hold"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Tab\there", "script": SCRIPT}, ["description cannot hold"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Line\u2028sep", "script": SCRIPT}, ["description cannot hold"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "  ", "script": SCRIPT}, ["description must be 3 to 100"]),
    ("altostrat_job", {"site_id": ONLINE, "description": ["a", "list"], "script": SCRIPT}, ["description must be text, not a list"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Dict script", "script": {"a": 1}}, ["script must be text, not a dict"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Open brace", "script": SCRIPT + "\n:do { :log info x"},
     ["script line 2: a { left open", "nothing was queued"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Open quote", "script": ':log info "x\n' + SCRIPT},
     ["script line 1: a quote left open"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Typo", "script": SCRIPT, "make_bakup": True},
     ["unsupported parameter make_bakup (did you mean make_backup?)"]),
    ("altostrat_job", {"site_id": ONLINE, "description": "Key", "script": SCRIPT,
                       "idempotency_key": "0b6f7a52-5c1e-4f0e-9d6a-0e3c1b7f2a11\n"}, ["idempotency_key must be a UUID"]),
    ("altostrat_job_info", {"site_id": ONLINE, "job_id": UNKNOWN, "wait": True, "poll_interval": 0}, ["poll_interval must be a positive"]),
    ("altostrat_backup", {"site_id": ONLINE, "wait_timeout": 0}, ["wait_timeout must be a positive"]),
    ("altostrat_backup", {"site_id": ONLINE, "poll_interval": -1}, ["poll_interval must be a positive"]),
    ("altostrat_backup", {"site_id": ONLINE, "operation": "fetch", "dest": "/tmp", "filename": "../../etc/passwd"},
     ["is not a plain backup file name"]),
    ("altostrat_backup", {"site_id": ONLINE, "operation": "fetch", "dest": "/tmp", "filename": "/etc/passwd"},
     ["is not a plain backup file name"]),
    ("altostrat_command", {"site_id": ONLINE, "command": ["/ip/address/print"]}, ["command must be text, not a list"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "", "entries": []}, ["path must name a RouterOS menu"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/adress", "entries": [{"address": "10.9.9.1/24"}]},
     ["RouterOS refused /ip/adress/print"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/address", "entries": [{"address": [{"x": 1}]}]}, ["a list of those"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/firewall/address-list", "restrict": {"List Name": "a"},
                          "entries": [{"list": "a", "address": "192.0.2.1"}]}, ["restrict: 'List Name' is not a RouterOS property name"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/firewall/address-list", "restrict": {"comment": {"a": 1}},
                          "entries": [{"list": "a", "address": "192.0.2.1"}]}, ["restrict.comment must be a value"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/firewall/address-list", "restrict": {"comment": ["a", "b"]},
                          "entries": [{"list": "a", "address": "192.0.2.1"}]}, ["sets no comment", "restrict allows several"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/firewall/address-list", "keys": ["list", "address"],
                          "entries": [{"list": "big", "address": "10.%d.%d.1" % (i // 250, i % 250), "comment": "x" * 40}
                                      for i in range(200)]}, ["SDX accepts at most 10000", "nothing was queued"]),
    ("altostrat_config", {"site_id": ONLINE, "path": "/ip/dns", "entries": {"servers": "1.1.1.1"}, "handle_absent_entries": "purge"},
     ["handle_absent_entries"]),
]


def catalogue_play(cases):
    tasks = []
    for index, (module, args, _expected) in enumerate(cases):
        tasks.append("""
    - name: case %d
      altostrat.sdx.%s: %s
      ignore_errors: true
""" % (index, module, json.dumps(args, ensure_ascii=False)))
    return """
- hosts: localhost
  gather_facts: false
  vars:
    online: %s
    offline: %s
  tasks:
""" + "".join(tasks)


def test_catalogue_has_enough_cases_for_every_module():
    modules = {module for module, _args, _expected in CASES}
    assert len(CASES) >= 50
    assert modules == {"altostrat_site_info", "altostrat_command", "altostrat_facts", "altostrat_job", "altostrat_job_info",
                       "altostrat_backup", "altostrat_config"}


def test_every_bad_input_is_a_clear_error_and_nothing_is_written(fresh_log):
    online = fresh_log.site_ids(online=True)[0]
    offline = fresh_log.site_ids(online=False)[0]
    fresh_log.clear_requests()
    run = run_playbook(catalogue_play(CASES) % (online, offline), fresh_log)
    assert run.rc == 0, run.output[-3000:]
    problems = []
    for index, (module, args, expected) in enumerate(CASES):
        result = run.task("case %d" % index)
        msg = result["result"].get("msg", "")
        expected = [e.replace(ONLINE, online).replace(OFFLINE, offline) for e in expected]
        if result["status"] != "failed" or not all(fragment in msg for fragment in expected) or "_AnsibleTagged" in msg:
            problems.append("case %d %s %s -> %s: %r" % (index, module, args, result["status"], msg))
    assert problems == []
    assert mutating_requests(fresh_log.requests()) == []
    assert fresh_log.jobs(online) == [] or all(j["description"] != "Nowhere" for j in fresh_log.jobs(online))


@pytest.mark.parametrize("fault, module, args, expected", [
    (dict(method="GET", path="^/sites$", status=403), "altostrat_site_info", {}, ["HTTP 403", "permission"]),
    (dict(method="GET", path="^/sites$", status=500), "altostrat_site_info", {"retries": 1}, ["HTTP 500"]),
    (dict(method="POST", path="^/api/synchronous/", status=503), "altostrat_command",
     {"site_id": ONLINE, "command": "/ip/address/print", "retries": 1}, ["HTTP 503"]),
    (dict(method="GET", path="/job$", status=502), "altostrat_job",
     {"site_id": ONLINE, "description": "Gateway", "script": "/system identity set name=x", "retries": 1}, ["HTTP 502"]),
    (dict(method="POST", path="^/api/synchronous/", status=404), "altostrat_facts", {"site_id": ONLINE}, ["was not found"]),
])
def test_api_errors_are_clear_and_queue_nothing(fresh_log, fault, module, args, expected):
    online = fresh_log.site_ids(online=True)[0]
    fresh_log.clear_requests()
    fresh_log.fault(**fault)
    try:
        run = run_playbook(catalogue_play([(module, args, expected)]) % (online, online), fresh_log)
    finally:
        fresh_log.clear_faults()
    result = run.task("case 0")
    assert result["status"] == "failed"
    assert all(fragment in result["result"]["msg"] for fragment in expected), result["result"]["msg"]
    assert [r for r in mutating_requests(fresh_log.requests()) if not r.get("fault")] == []


@pytest.mark.parametrize("source, env, expected", [
    ("plugin: altostrat.sdx.sites\n", dict(ALTOSTRAT_API_TOKEN="alto_sk_not_a_real_key"), "HTTP 401"),
    ("plugin: altostrat.sdx.sites\nhostname: serial\n", {}, "hostname"),
    ("plugin: altostrat.sdx.sites\ncolour: blue\n", {}, "colour"),
    ("plugin: altostrat.sdx.sites\napi_url: ftp://example.com\n", {}, "api_url"),
    ("plugin: altostrat.sdx.sites\n", dict(ALTOSTRAT_API_TOKEN=None), "api_token"),
])
def test_inventory_bad_input_fails_the_source_clearly(fresh_log, tmp_path, source, env, expected):
    path = tmp_path / "bad.altostrat.yml"
    path.write_text(source, encoding="utf-8")
    proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(path), "--list"], capture_output=True, text=True,
                          env=ansible_env(fresh_log, ANSIBLE_INVENTORY_UNPARSED_FAILED="true", **env), check=False)
    assert proc.returncode != 0
    assert expected in proc.stderr
    assert "alto_sk_not_a_real_key" not in proc.stdout + proc.stderr
