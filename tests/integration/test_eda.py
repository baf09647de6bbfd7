# SPDX-License-Identifier: GPL-3.0-or-later
"""The altostrat.sdx.job_events event source: ansible-rulebook (from build/venv-eda) runs the example rulebook
against the simulator, which posts its notify_url notifications; the source is also run in-process."""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import json
import os
import secrets
import signal
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.integration.playbook import REPO, ansible_env, run_playbook
from tests.simulator.harness import free_port, make_tls_files

SOURCE = os.path.join(REPO, "extensions", "eda", "plugins", "event_source", "job_events.py")
RULEBOOK = "extensions/eda/rulebooks/job_events.yml"
INVENTORY = "extensions/eda/inventory.yml"
# `make` exports SDX_EDA_VENV after building it; there a missing venv is a failure, not a skip.
EDA_VENV = os.environ.get("SDX_EDA_VENV") or os.path.join(REPO, "build", "venv-eda")
BAD_SCRIPT = "/ip address add address=10.77.0.1/24 interface=no-such-port"


def load_source():
    spec = importlib.util.spec_from_file_location("sdx_job_events", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def post(url, body, method="POST", context=None):
    """(status, decoded JSON answer) of one request; body is a dict (sent as JSON) or raw bytes."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:  # nosec - loopback test receiver
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def notification(job_id=None, status="failed", router_id="9c69345c-8d39-4786-9f17-8153c988c89a"):
    return {"job_id": job_id or str(uuid.uuid4()), "customer_id": str(uuid.uuid4()), "description": "test",
            "router_id": router_id, "idempotency_key": str(uuid.uuid4()), "express_execute": False,
            "needs_acknowledgement": True, "make_backup": False, "seq_id": 7, "started_at": None,
            "completed_at": None, "failed_at": None, "deleted_at": None, "status": status}


class Rulebook:
    """ansible-rulebook running the example rulebook, its output collected as it comes."""

    def __init__(self, sim, tmp):
        self.port = free_port()
        self.secret = secrets.token_urlsafe(24)
        self.reports = os.path.join(tmp, "failed-jobs")
        self.base = "http://127.0.0.1:%d/sdx/job-events" % self.port
        self.url = "%s?token=%s" % (self.base, self.secret)
        env = ansible_env(sim, SDX_EVENTS_PORT=self.port, SDX_EVENTS_SECRET=self.secret,
                          SDX_FAILED_JOBS_DIR=self.reports)
        env["PATH"] = os.path.join(EDA_VENV, "bin") + os.pathsep + env["PATH"]
        cmd = ["ansible-rulebook", "-r", RULEBOOK, "-i", INVENTORY, "--env-vars", "SDX_EVENTS_PORT,SDX_EVENTS_SECRET",
               "--print-events"]
        self.lines = []
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def output(self):
        return "".join(self.lines)

    def events(self):
        """Every event printed so far (--print-events shows each as a Python literal)."""
        found = []
        for block in self.output.split("[received event]")[1:]:
            text = block.split("Event:\n", 1)[1].split("\n****", 1)[0]
            found.append(ast.literal_eval(text))
        return found

    def statuses(self, job_id):
        return [event["sdx_job"]["status"] for event in self.events() if event["sdx_job"]["job_id"] == job_id]

    def wait_listening(self, timeout=90):
        deadline = time.monotonic() + timeout
        while True:
            assert self.proc.poll() is None, "ansible-rulebook exited with %s:\n%s" % (self.proc.returncode, self.output)
            try:
                if post(self.url, None, method="GET")[0] == 405:
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, "the source did not listen within %d s:\n%s" % (timeout, self.output)
            time.sleep(0.2)

    def wait_output(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert self.proc.poll() is None, "ansible-rulebook exited with %s:\n%s" % (self.proc.returncode, self.output)
            assert time.monotonic() < deadline, "%r not in the rulebook's output within %d s:\n%s" % (
                text, timeout, self.output[-4000:])
            time.sleep(0.1)

    def drain(self):
        """Post one valid event and wait for it: any event queued before it has been printed by then."""
        marker = str(uuid.uuid4())
        assert post(self.url, notification(marker, status="completed")) == (200, {"status": "accepted"})
        self.wait_output(marker)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.reader.join(timeout=10)


@pytest.fixture(scope="module")
def rulebook(sim, tmp_path_factory):
    if not os.path.exists(os.path.join(EDA_VENV, "bin", "ansible-rulebook")):
        message = "%s has no ansible-rulebook: run `make venv-eda` (it installs requirements-eda.txt)" % EDA_VENV
        if os.environ.get("SDX_EDA_VENV"):
            pytest.fail(message)
        pytest.skip(message)
    running = Rulebook(sim, str(tmp_path_factory.mktemp("eda")))
    try:
        running.wait_listening()
        yield running
    finally:
        running.stop()


def test_failed_job_runs_the_playbook_for_that_job(sim, rulebook):
    site = sim.site_ids(online=True)[0]
    # A job that succeeds, notified to the same receiver: the rulebook must leave it alone.
    answer = sim.api("POST", "/api/asynchronous/%s" % site, json={
        "description": "eda test: a job that succeeds", "script": ":put fine", "make_backup": False,
        "express_execute": True, "needs_acknowledgement": True, "notify_url": rulebook.url})
    assert answer.status_code == 202, answer.text
    run = run_playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: job
              altostrat.sdx.altostrat_job:
                site_id: %s
                description: "eda test: a job that fails"
                script: %s
                make_backup: true
                express_execute: true
                notify_url: "%s"
              ignore_errors: true
        """ % (site, json.dumps(BAD_SCRIPT), rulebook.url), sim=sim)
    assert run.task("job")["status"] == "failed", run.output
    jobs = {job["description"]: job for job in sim.jobs(site)}
    failed, fine = jobs["eda test: a job that fails"], jobs["eda test: a job that succeeds"]

    report = os.path.join(rulebook.reports, failed["id"] + ".json")
    deadline = time.monotonic() + 120
    while not os.path.exists(report):
        assert time.monotonic() < deadline, "the playbook wrote no %s:\n%s" % (report, rulebook.output[-4000:])
        assert rulebook.proc.poll() is None, rulebook.output
        time.sleep(0.2)
    rulebook.drain()

    with open(report, encoding="utf-8") as handle:
        kept = json.load(handle)
    assert kept["id"] == failed["id"] and kept["failed_at"] and "no-such-port" in json.dumps(kept)
    filename = kept["associated_backup"].rsplit("/", 1)[-1]
    backup = sim.api("GET", "/backup/%s/%s" % (site, filename), headers={"X-View-Raw": "true"})
    with open(os.path.join(rulebook.reports, failed["id"] + ".rsc"), encoding="utf-8") as handle:
        assert handle.read() == backup.text
    # Both jobs were notified, on every transition; the playbook ran once, for the failed one only.
    # (Order is the sender's business: one post that times out on a busy machine lets the next one overtake it.)
    notified = "\n".join(line for line in sim.log().splitlines() if "notify" in line)
    assert sorted(rulebook.statuses(failed["id"])) == ["failed", "pending", "running"], notified
    assert sorted(rulebook.statuses(fine["id"])) == ["completed", "pending", "running"], notified
    assert sorted(os.listdir(rulebook.reports)) == [failed["id"] + ".json", failed["id"] + ".rsc"]
    assert rulebook.output.count("PLAY [Collect a failed SDX job and its backup]") == 1, rulebook.output[-4000:]
    event = [e for e in rulebook.events() if e["sdx_job"]["job_id"] == failed["id"]][-1]
    assert event["sdx_job"]["router_id"] == site and event["meta"]["endpoint"] == "/sdx/job-events"
    assert event["meta"]["source"] == {"name": "sdx_job_events", "type": "altostrat.sdx.job_events"}


@pytest.mark.parametrize("token, expected", [(None, 401), ("wrong", 403), ("", 403), ("SECRET-upper", 403),
                                             ("SECRET+extra", 403)])
def test_a_post_without_the_secret_is_rejected_and_queues_nothing(rulebook, token, expected):
    job_id = str(uuid.uuid4())
    if token is None:
        url = rulebook.base
    else:
        token = token.replace("SECRET-upper", rulebook.secret.upper()).replace("SECRET", rulebook.secret)
        url = "%s?token=%s" % (rulebook.base, urllib.request.quote(token))
    status, answer = post(url, notification(job_id))
    assert status == expected and "token" in answer["error"]
    rulebook.drain()
    assert not rulebook.statuses(job_id) and job_id not in rulebook.output
    assert not os.path.exists(os.path.join(rulebook.reports, job_id + ".json"))


MALFORMED = {
    "not JSON": b"status=failed",
    "a JSON array": b"[]",
    "no job_id": json.dumps({k: v for k, v in notification().items() if k != "job_id"}).encode(),
    "an empty router_id": json.dumps(dict(notification(), router_id="")).encode(),
    "a numeric job_id": json.dumps(dict(notification(), job_id=12)).encode(),
    "an unknown status": json.dumps(dict(notification(), status="exploded")).encode(),
    "no status": json.dumps({k: v for k, v in notification().items() if k != "status"}).encode(),
    "nested past the parser's limit": b'{"job_id": "j", "x": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    "nested deeper than a notification": json.dumps(dict(notification(), extra=json.loads("[" * 200 + "]" * 200))).encode(),
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=list(MALFORMED))
def test_a_malformed_notification_is_rejected_and_queues_nothing(rulebook, body):
    before = len(rulebook.events())
    status, answer = post(rulebook.url, body)
    assert status == 400, answer
    rulebook.drain()
    # Nothing but the drain's own event reached the rulebook.
    assert len(rulebook.events()) == before + 1


def test_a_large_refused_post_still_gets_its_answer(rulebook):
    # The body of a refused post is never read; the sender must still see the answer, not a reset connection.
    big = dict(notification(), description="x" * 600000)
    assert post(rulebook.url.replace("token=", "token=x"), big)[0] == 403
    huge = dict(notification(), description="x" * (2 * 1024 * 1024))
    assert post(rulebook.url, huge) == (413, {"error": "the body is larger than 1048576 bytes"})
    rulebook.drain()
    assert big["job_id"] not in rulebook.output and huge["job_id"] not in rulebook.output


def test_other_paths_and_methods_are_refused(rulebook):
    assert post(rulebook.url, None, method="GET")[0] == 405
    assert post(rulebook.url.replace("/job-events", "/other"), notification())[0] == 404


def run_source(args, requests_to_send):
    """Run the source in-process, send requests (functions of the queue), return what was queued."""

    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.create_task(load_source().main(queue, args))
        try:
            for attempt in range(100):
                if task.done():
                    task.result()
                try:
                    await asyncio.to_thread(requests_to_send)
                    break
                except OSError:
                    if attempt == 99:
                        raise
                    await asyncio.sleep(0.05)
        finally:
            task.cancel()
        events = []
        while not queue.empty():
            events.append(queue.get_nowait())
        return events

    return asyncio.run(scenario())


def test_source_serves_https_with_certfile_and_keyfile(tmp_path):
    ca, cert, key = make_tls_files(str(tmp_path))
    port, secret = free_port(), secrets.token_urlsafe(16)
    context = ssl.create_default_context(cafile=ca)
    payload = notification(status="deleted")
    answers = []

    def send():
        answers.append(post("https://127.0.0.1:%d/hooks/sdx?token=%s" % (port, secret), payload, context=context))

    events = run_source({"port": port, "secret": secret, "path": "/hooks/sdx", "certfile": cert, "keyfile": key}, send)
    assert answers == [(200, {"status": "accepted"})]
    assert events == [{"sdx_job": payload, "meta": {"endpoint": "/hooks/sdx", "remote_addr": "127.0.0.1"}}]


@pytest.mark.parametrize("args, message", [
    ({"secret": "a" * 16}, "port is required"),
    ({"port": "http", "secret": "a" * 16}, "port must be a number"),
    ({"port": 70000, "secret": "a" * 16}, "port must be 1 to 65535"),
    ({"port": 5080}, "secret is required"),
    ({"port": 5080, "secret": "short"}, "at least 16"),
    ({"port": 5080, "secret": "has spaces and &s in it"}, "URL-safe"),
    ({"port": 5080, "secret": "a" * 16, "path": "no-slash"}, "path must start with /"),
    ({"port": 5080, "secret": "a" * 16, "certfile": "/tmp/cert.pem"}, "certfile and keyfile go together"),
])
def test_source_refuses_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        load_source().read_args(args)
