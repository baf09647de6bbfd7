# SPDX-License-Identifier: GPL-3.0-or-later
"""The API token appears nowhere: not in -vvvv output, results, logs, caches or files, in any encoding.

Every module, check mode, failures, retries under faults, gather_facts and the inventory run once at -vvvv
against a simulator whose token is long and unique; then everything they left behind is searched for it.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import textwrap
import urllib.parse
import uuid

import pytest

from tests.integration.playbook import BIN, ansible_env
from tests.simulator.harness import Simulator

_UNIQUE = uuid.uuid4().hex + uuid.uuid4().hex
# '+', '/' and '=' make the URL-encoded forms differ from the token itself.
TOKEN = "alto_sk_%s+%s/%s=" % (_UNIQUE[:20], _UNIQUE[20:40], _UNIQUE[40:])
WRONG_TOKEN = "alto_sk_wrong_%s+/" % uuid.uuid4().hex
MISSING = "00000000-0000-4000-8000-000000000000"


def forms(secret):
    """Every way the secret could be written: as is, its unique part, URL-encoded, and Base64 at any alignment."""
    found = {"raw": secret, "unique part": secret[len("alto_sk_"):], "url-encoded": urllib.parse.quote(secret, safe=""),
             "url-encoded (form)": urllib.parse.quote_plus(secret)}
    data = secret.encode()
    for offset in range(3):
        # Whatever precedes the secret, one of these runs of whole Base64 groups is in the encoding.
        core = data[offset:]
        core = core[:len(core) - len(core) % 3]
        found["base64+%d" % offset] = base64.b64encode(core).decode()
        found["base64url+%d" % offset] = base64.urlsafe_b64encode(core).decode()
        found["base64 of 'Bearer …' +%d" % offset] = base64.b64encode(b"Bearer " + data)[8:-4].decode()
    return found


SECRET_FORMS = [("%s %s" % (which, name), form) for which, secret in (("token", TOKEN), ("wrong token", WRONG_TOKEN))
                for name, form in forms(secret).items()]


def leaks(text):
    """The forms of either token found in the text, by name."""
    return [name for name, form in SECRET_FORMS if form in text]


class Runs:
    """Everything the runs printed, returned and wrote, by label."""

    def __init__(self, sim, workdir):
        self.sim = sim
        self.workdir = workdir
        self.texts = {}
        self.results = {}
        self.rcs = {}

    def env(self, label, **extra):
        # Logs, temporary files and the fact cache go to the work directory, so that they are searched too.
        settings = dict(ALTOSTRAT_API_TOKEN=TOKEN, RECORD_RESULTS_FILE=str(self.workdir / ("%s.results.json" % label)),
                        ANSIBLE_LOG_PATH=str(self.workdir / "ansible.log"), ANSIBLE_LOCAL_TEMP=str(self.workdir / "tmp"),
                        ANSIBLE_REMOTE_TEMP=str(self.workdir / "remote-tmp"), ANSIBLE_HOME=str(self.workdir / "home"),
                        ANSIBLE_CACHE_PLUGIN="ansible.builtin.jsonfile",
                        ANSIBLE_CACHE_PLUGIN_CONNECTION=str(self.workdir / "fact-cache"))
        settings.update(extra)
        return ansible_env(self.sim, **settings)

    def run(self, label, cmd, **extra):
        proc = subprocess.run(cmd, env=self.env(label, **extra), cwd=self.workdir, capture_output=True, text=True,
                              timeout=600, check=False)
        self.texts[label] = proc.stdout + proc.stderr
        self.rcs[label] = proc.returncode
        results = self.workdir / ("%s.results.json" % label)
        if results.exists():
            self.results[label] = json.loads(results.read_text(encoding="utf-8"))
        return proc

    def playbook(self, label, text, inventory=None, args=(), **extra):
        path = self.write("%s.yml" % label, text)
        cmd = [os.path.join(BIN, "ansible-playbook"), str(path), "-vvvv"] + list(args)
        cmd += ["-i", str(inventory)] if inventory else ["-i", "localhost,", "-c", "local"]
        return self.run(label, cmd, **extra)

    def inventory(self, label, source, args, **extra):
        return self.run(label, [os.path.join(BIN, "ansible-inventory"), "-i", str(source)] + list(args), **extra)

    def write(self, name, text):
        path = self.workdir / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def task(self, label, name, host=None):
        found = [r for r in self.results.get(label, []) if r["task"] == name and (host is None or r["host"] == host)]
        assert found, "no result for %r in run %r:\n%s" % (name, label, self.texts.get(label, "")[-3000:])
        return found[0]


MODULES = """
- hosts: localhost
  gather_facts: false
  # A token written into a failing task would be shown by ansible-core itself, in the error's source lines;
  # like a vaulted variable, this one is not.
  vars_files: [{secrets}]
  vars:
    site: {site}
    offline: {offline}
    missing: {missing}
    backups: {backups}
  tasks:
    - name: site_info
      altostrat.sdx.altostrat_site_info: {{}}
    - name: site_info one with the token as an argument
      altostrat.sdx.altostrat_site_info:
        site_id: "{{{{ site }}}}"
        api_token: {token}
    - name: command read
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ site }}}}"
        command: /ip/address/print
    - name: command write
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ site }}}}"
        command: /system/identity/set
        parameters: ["=name=secret-scan"]
    - name: command check
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ site }}}}"
        command: /system/identity/set
        parameters: ["=name=never"]
      check_mode: true
    - name: facts
      altostrat.sdx.altostrat_facts:
        site_id: "{{{{ site }}}}"
        gather_subset: [all]
    - name: facts fleet, one site offline
      altostrat.sdx.altostrat_facts:
        site_ids: ["{{{{ site }}}}", "{{{{ offline }}}}"]
      ignore_errors: true
    - name: config fleet check
      altostrat.sdx.altostrat_config:
        site_ids: ["{{{{ site }}}}"]
        path: /ip/dns
        entries: {{servers: [9.9.9.9]}}
      check_mode: true
      diff: true
    - name: job check
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ site }}}}"
        description: secret scan
        script: /ip dns set servers=9.9.9.9
        make_backup: true
      check_mode: true
      diff: true
    - name: job apply
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ site }}}}"
        description: secret scan
        script: /ip dns set servers=9.9.9.9
        make_backup: true
        poll_interval: 0.2
      register: applied
    - name: job failing
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ site }}}}"
        description: secret scan failing
        script: /ip address add address=10.9.9.1/24 interface=no-such-port
        poll_interval: 0.2
      ignore_errors: true
    - name: job offline
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ offline }}}}"
        description: secret scan offline
        script: /system identity set name=later
        wait: false
      register: queued
    - name: job cancel
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ offline }}}}"
        state: absent
        idempotency_key: "{{{{ queued.idempotency_key }}}}"
    - name: job_info list
      altostrat.sdx.altostrat_job_info:
        site_id: "{{{{ site }}}}"
    - name: job_info wait
      altostrat.sdx.altostrat_job_info:
        site_id: "{{{{ site }}}}"
        job_id: "{{{{ applied.job_id }}}}"
        wait: true
      when: applied.job_id is defined  # in check mode nothing is queued
    - name: backup request
      altostrat.sdx.altostrat_backup:
        site_id: "{{{{ site }}}}"
        poll_interval: 0.2
    - name: backup list
      altostrat.sdx.altostrat_backup:
        site_id: "{{{{ site }}}}"
        operation: list
    - name: backup fetch
      altostrat.sdx.altostrat_backup:
        site_id: "{{{{ site }}}}"
        operation: fetch
        dest: "{{{{ backups }}}}"
    - name: wrong site
      altostrat.sdx.altostrat_site_info:
        site_id: "{{{{ missing }}}}"
      ignore_errors: true
    - name: routeros error
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ site }}}}"
        command: /ip/address/add
        parameters: ["=address=10.1.1.1/24", "=interface=no-such-port"]
      ignore_errors: true
    - name: offline command
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ offline }}}}"
        command: /ip/address/print
      ignore_errors: true
    - name: wrong token
      altostrat.sdx.altostrat_command:
        site_id: "{{{{ site }}}}"
        command: /ip/address/print
        api_token: "{{{{ wrong_token }}}}"
      ignore_errors: true
    - name: wrong token job
      altostrat.sdx.altostrat_job:
        site_id: "{{{{ site }}}}"
        description: secret scan wrong token
        script: /ip dns set servers=1.1.1.1
        api_token: "{{{{ wrong_token }}}}"
      ignore_errors: true

- hosts: localhost
  gather_facts: false
  module_defaults:
    group/altostrat.sdx.all:
      api_token: {token}
  tasks:
    - name: module_defaults token
      altostrat.sdx.altostrat_site_info:
        online: true
"""

HOST_VARS = """
all:
  hosts:
    edge:
      ansible_connection: local
      altostrat_site_id: {site}
      altostrat_api_token: {token}
    edge_wrong:
      ansible_connection: local
      altostrat_site_id: {site}
      altostrat_api_token: {wrong}
"""

ON_HOSTS = """
- hosts: all
  gather_facts: false
  tasks:
    - name: identity
      altostrat.sdx.altostrat_command:
        command: /system/identity/print
      ignore_errors: true
"""

GATHER = """
- hosts: altostrat_online
  gather_facts: true
  tasks:
    - name: hostname
      ansible.builtin.debug:
        var: ansible_net_hostname
    - name: dns
      altostrat.sdx.altostrat_job:
        description: secret scan fleet
        script: /ip dns set servers=9.9.9.9
        wait: false
"""

CACHED_SOURCE = """
plugin: altostrat.sdx.sites
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: {cache}
cache_timeout: 3600
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("secrets")
    with Simulator(sites=5, checkin_interval=0.2, token=TOKEN) as sim:
        done = Runs(sim, workdir)
        site, offline = sim.site_ids(online=True)[0], sim.site_ids(online=False)[0]
        # Retries under faults, so that retry warnings are printed and searched too.
        sim.faults([dict(method="POST", path="/job$", status=429, retry_after="0", count=1),
                    dict(method="POST", path="/job$", drop=True, count=1),
                    dict(method="GET", path="/sites/", status=503, count=1)])
        secrets = done.write("secrets.yml", "wrong_token: %s\n" % json.dumps(WRONG_TOKEN))
        values = dict(site=site, offline=offline, missing=MISSING, backups=json.dumps(str(workdir / "backups")),
                      token=json.dumps(TOKEN), wrong=json.dumps(WRONG_TOKEN), secrets=json.dumps(str(secrets)))
        (workdir / "backups").mkdir()
        done.playbook("modules", MODULES.format(**values))
        done.playbook("modules-check", MODULES.format(**values), args=("--check", "--diff"))
        done.playbook("host-vars", ON_HOSTS, inventory=done.write("hosts.yml", HOST_VARS.format(**values)),
                      ALTOSTRAT_API_TOKEN=None)
        source = done.write("fleet.altostrat.yml", CACHED_SOURCE.format(cache=workdir / "inventory-cache"))
        done.inventory("inventory-list", source, ["--list", "-vvvv"])
        done.inventory("inventory-cached", source, ["--list", "-vvvv"])
        done.inventory("inventory-host", source, ["--host", "johannesburg_hq", "-vvvv"])
        done.inventory("inventory-wrong-token", source, ["--list", "-vvvv", "--flush-cache"], ALTOSTRAT_API_TOKEN=WRONG_TOKEN)
        done.playbook("gather-facts", GATHER, inventory=source)
        sim.clear_faults()
        done.request_log = json.dumps(sim.requests())
        done.jobs = json.dumps(sim.jobs())
        done.sim_log = sim.log()
        yield done


def test_the_runs_did_what_they_should(runs):
    """The scan means something only if every path ran: successes, check mode, failures and retries."""
    assert runs.rcs["modules"] == 0, runs.texts["modules"][-4000:]
    for name in ("site_info", "command read", "command write", "facts", "job apply", "job offline", "job cancel",
                 "job_info wait", "backup request", "backup fetch", "module_defaults token"):
        assert runs.task("modules", name)["status"] in ("ok", "changed"), name
    assert runs.task("modules", "command check")["result"]["sent"] is False
    assert runs.task("modules", "job check")["result"]["plan"]
    fleet = runs.task("modules", "facts fleet, one site offline")["result"]
    assert len(fleet["per_site"]) == 2 and len(fleet["failed_sites"]) == 1 and "is offline" in fleet["msg"]
    assert runs.task("modules", "config fleet check")["result"]["diff"]
    failures = {name: runs.task("modules", name)["result"]["msg"] for name in
                ("job failing", "wrong site", "routeros error", "offline command", "wrong token", "wrong token job")}
    assert "input does not match any value of interface" in failures["job failing"]
    assert "was not found" in failures["wrong site"]
    assert "RouterOS refused" in failures["routeros error"]
    assert "is offline" in failures["offline command"]
    assert "HTTP 401" in failures["wrong token"] and "HTTP 401" in failures["wrong token job"]
    assert "retrying" in runs.texts["modules"]
    assert runs.rcs["modules-check"] == 0, runs.texts["modules-check"][-4000:]
    assert runs.task("host-vars", "identity", host="edge")["status"] == "ok"
    assert "HTTP 401" in runs.task("host-vars", "identity", host="edge_wrong")["result"]["msg"]
    assert runs.rcs["inventory-list"] == 0 and "johannesburg_hq" in runs.texts["inventory-cached"]
    assert "HTTP 401" in runs.texts["inventory-wrong-token"]
    assert runs.rcs["gather-facts"] == 0, runs.texts["gather-facts"][-4000:]
    assert runs.task("gather-facts", "hostname", host="johannesburg_hq")["result"]["ansible_net_hostname"]
    assert os.listdir(runs.workdir / "inventory-cache") and os.listdir(runs.workdir / "fact-cache")
    assert os.listdir(runs.workdir / "backups")


def test_no_output_carries_the_token(runs):
    found = {label: leaks(text) for label, text in runs.texts.items()}
    assert not any(found.values()), found


def test_no_task_result_carries_the_token(runs):
    found = {label: leaks(json.dumps(results)) for label, results in runs.results.items()}
    assert not any(found.values()), found


def test_the_simulator_logs_carry_no_token(runs):
    assert not leaks(runs.request_log)
    assert not leaks(runs.jobs)
    assert '"authorization"' not in runs.request_log.lower()


def test_the_simulator_log_file_carries_no_token(runs):
    assert "GET /sites" in runs.sim_log
    assert not leaks(runs.sim_log)


def test_no_file_the_runs_wrote_carries_the_token(runs):
    scanned = []
    for root, _dirs, files in os.walk(runs.workdir):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".yml") and root == str(runs.workdir):
                continue  # the inputs: the playbooks and inventories written by this test
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            scanned.append(os.path.relpath(path, runs.workdir))
            assert not leaks(text), path
    assert "ansible.log" in scanned
    assert any(name.startswith("inventory-cache") for name in scanned)
    assert any(name.startswith("fact-cache") for name in scanned)
    assert any(name.startswith("backups") for name in scanned)


@pytest.mark.parametrize("wrap", [
    lambda token: "Authorization: Bearer %s" % token,
    lambda token: "x" + base64.b64encode(("Authorization: Bearer %s\r\n" % token).encode()).decode(),
    lambda token: base64.b64encode(("ab" + token).encode()).decode(),
    lambda token: base64.urlsafe_b64encode(("a" + token + "zz").encode()).decode(),
    lambda token: "?api_token=" + urllib.parse.quote(token, safe=""),
    lambda token: "api_token=" + urllib.parse.quote_plus(token),
    lambda token: "token: ...%s" % token[len("alto_sk_"):],
])
def test_the_scan_finds_every_form(wrap):
    assert leaks(wrap(TOKEN)) and leaks(wrap(WRONG_TOKEN))
    assert not leaks(wrap("alto_sk_" + uuid.uuid4().hex + "+/x="))
