# SPDX-License-Identifier: GPL-3.0-or-later
"""TLS against an HTTPS simulator with a private CA: verified by default, trusted through ca_path, or not checked."""

from __future__ import annotations

import os
import subprocess
import textwrap
import time

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxConnectionError
from tests.integration.playbook import BIN, ansible_env, run_playbook
from tests.simulator.harness import Simulator

UNTRUSTED = "TLS certificate verification failed (set ca_path"
FAIL_ON_ERROR = dict(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="true")

INFO = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: info
      altostrat.sdx.altostrat_site_info: %s
"""


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=5, checkin_interval=0.2, tls=True) as simulator:
        yield simulator


@pytest.fixture
def fresh(sim):
    sim.clear_faults()
    sim.clear_requests()
    return sim


def inventory(sim, tmp_path, source="", env=None):
    path = tmp_path / "tls.altostrat.yml"
    path.write_text("plugin: altostrat.sdx.sites\n" + textwrap.dedent(source), encoding="utf-8")
    return subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(path), "--list"],
                          env=ansible_env(sim, **dict(FAIL_ON_ERROR, **(env or {}))), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_simulator_serves_https_only(fresh):
    assert fresh.url.startswith("https://127.0.0.1:")
    assert fresh.api("GET", "/sites").status_code == 200
    assert fresh.env()["ALTOSTRAT_CA_PATH"] == fresh.ca_path


# --- modules -------------------------------------------------------------------------------------------


def test_without_the_ca_a_module_fails_clearly_and_sends_nothing(fresh):
    started = time.monotonic()
    run = run_playbook(INFO % "{}", fresh)
    assert run.rc != 0
    msg = run.task("info")["result"]["msg"]
    assert "GET %s/sites failed" % fresh.url in msg and UNTRUSTED in msg
    # An untrusted certificate is not retried: no retry warning, no backoff.
    assert "retrying" not in run.output
    assert time.monotonic() - started < 20
    assert fresh.requests() == []


@pytest.mark.parametrize("how", ["option", "environment"])
def test_ca_path_makes_the_certificate_trusted(fresh, how):
    if how == "option":
        run = run_playbook(INFO % "{ca_path: '%s'}" % fresh.ca_path, fresh)
    else:
        run = run_playbook(INFO % "{}", fresh, env=dict(ALTOSTRAT_CA_PATH=fresh.ca_path))
    assert run.rc == 0, run.output
    assert len(run.task("info")["result"]["sites"]) == 5
    assert [(r["method"], r["path"]) for r in fresh.requests()] == [("GET", "/sites")]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_validate_certs_false_skips_verification(fresh, how):
    if how == "option":
        run = run_playbook(INFO % "{validate_certs: false}", fresh)
    else:
        run = run_playbook(INFO % "{}", fresh, env=dict(ALTOSTRAT_VALIDATE_CERTS="false"))
    assert run.rc == 0, run.output
    assert len(run.task("info")["result"]["sites"]) == 5
    # the user asked for it: no urllib3 warning repeated on stderr
    assert "InsecureRequestWarning" not in run.output and "Unverified HTTPS request" not in run.output


def test_a_wrong_ca_is_still_untrusted(fresh, tmp_path):
    # Another simulator's CA: a valid bundle that did not sign this server's certificate.
    with Simulator(sites=1, tls=True) as other:
        run = run_playbook(INFO % "{ca_path: '%s'}" % other.ca_path, fresh)
    assert run.rc != 0
    assert UNTRUSTED in run.task("info")["result"]["msg"]
    assert fresh.requests() == []


def test_ca_path_wins_over_requests_ca_bundle_in_the_environment(fresh):
    # requests prefers REQUESTS_CA_BUNDLE to a session's own setting; the client must not.
    run = run_playbook(INFO % "{ca_path: '%s'}" % fresh.ca_path, fresh,
                       env=dict(REQUESTS_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt",
                                CURL_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt"))
    assert run.rc == 0, run.output
    run = run_playbook(INFO % "{validate_certs: false}", fresh,
                       env=dict(REQUESTS_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt"))
    assert run.rc == 0, run.output


def test_the_client_does_not_retry_an_untrusted_certificate(fresh, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    sleeps = []
    client = SdxClient(api_url=fresh.url, api_token=fresh.token, retries=5, sleep=sleeps.append)
    attempts = []
    send = client.session.request
    monkeypatch.setattr(client.session, "request", lambda *args, **kwargs: attempts.append(args) or send(*args, **kwargs))
    with pytest.raises(SdxConnectionError) as failure:
        client.get("/sites")
    assert UNTRUSTED in failure.value.msg and fresh.token not in failure.value.msg
    assert len(attempts) == 1 and sleeps == []
    trusted = SdxClient(api_url=fresh.url, api_token=fresh.token, ca_path=fresh.ca_path)
    assert len(trusted.get("/sites")) == 5


# --- the inventory -----------------------------------------------------------------------------------------


def test_without_the_ca_the_inventory_fails_clearly_and_sends_nothing(fresh, tmp_path):
    proc = inventory(fresh, tmp_path)
    assert proc.returncode != 0
    assert UNTRUSTED in proc.stderr
    assert "johannesburg_hq" not in proc.stdout
    assert fresh.requests() == []


@pytest.mark.parametrize("source, env", [
    ("ca_path: {ca}\n", None),
    ("", "ca"),
    ("validate_certs: false\n", None),
    ("", "no-verify"),
])
def test_the_inventory_trusts_ca_path_or_skips_verification(fresh, tmp_path, source, env):
    extra = {"ca": dict(ALTOSTRAT_CA_PATH=fresh.ca_path), "no-verify": dict(ALTOSTRAT_VALIDATE_CERTS="false")}.get(env)
    proc = inventory(fresh, tmp_path, source.format(ca=fresh.ca_path), env=extra)
    assert proc.returncode == 0, proc.stderr
    assert "johannesburg_hq" in proc.stdout
    assert [(r["method"], r["path"]) for r in fresh.requests()] == [("GET", "/sites"), ("GET", "/tags")]


def test_gather_facts_through_the_inventory_over_tls(fresh, tmp_path):
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    playbook = """
    - hosts: johannesburg_hq
      gather_facts: true
      module_defaults:
        altostrat.sdx.altostrat_facts:
          gather_subset: [min]
      tasks:
        - name: command
          altostrat.sdx.altostrat_command:
            command: /system/identity/print
    """
    run = run_playbook(playbook, fresh, inventory=str(source), env=dict(ALTOSTRAT_CA_PATH=fresh.ca_path))
    assert run.rc == 0, run.output[-4000:]
    assert run.task("command")["result"]["data"][0]["name"]
    untrusted = run_playbook(playbook, fresh, inventory=str(source), env=dict(ALTOSTRAT_VALIDATE_CERTS="false"))
    assert untrusted.rc == 0, untrusted.output[-4000:]


def test_ca_path_in_the_inventory_source_reaches_the_tasks(fresh, tmp_path):
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\nca_path: %s\n" % fresh.ca_path, encoding="utf-8")
    playbook = """
    - hosts: johannesburg_hq
      gather_facts: false
      tasks:
        - name: info
          altostrat.sdx.altostrat_site_info: {}
    """
    run = run_playbook(playbook, fresh, inventory=str(source))
    assert run.rc == 0, run.output[-4000:]
