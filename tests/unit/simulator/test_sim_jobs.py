# SPDX-License-Identifier: GPL-3.0-or-later
"""The job lifecycle: check-ins, timestamps, express, acknowledgement, backups, idempotency, notifications."""

import datetime
import http.server
import json
import threading
import time
import uuid

import pytest

from tests.simulator.harness import Simulator

NOTIFY_KEYS = {"job_id", "customer_id", "description", "router_id", "idempotency_key", "express_execute",
               "needs_acknowledgement", "make_backup", "seq_id", "started_at", "completed_at", "failed_at",
               "deleted_at", "status"}


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=5, checkin_interval=0.2) as simulator:
        yield simulator


@pytest.fixture(name="site")
def online_site(sim):
    sim.configure(checkin_interval=0.2, job_duration=0)
    return sim.site_ids(online=True)[1]


def ts(value):
    return datetime.datetime.fromisoformat(value)


def get_job(sim, site, job_id):
    return sim.api("GET", f"/site/{site}/job/{job_id}").json()


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_job_stays_pending_until_the_site_checks_in(sim, site):
    sim.configure(checkin_interval=3600)
    job = sim.create_job(site, ':put "waited"').json()
    time.sleep(0.3)
    pending = get_job(sim, site, job["id"])
    assert (pending["started_at"], pending["completed_at"], pending["failed_at"]) == (None, None, None)
    sim.configure(checkin_interval=0.2)
    done = sim.wait_job(site, job["id"])
    assert done["completed_at"] and done["failed_at"] is None
    assert ts(done["created_at"]) <= ts(done["started_at"]) <= ts(done["completed_at"])
    assert done["output"].strip() == "waited" and done["error"] is None


def test_running_state_is_visible_while_the_job_runs(sim, site):
    sim.configure(job_duration=0.6)
    job = sim.create_job(site, ":put running", express_execute=True).json()

    def started():
        current = get_job(sim, site, job["id"])
        return current if current["started_at"] else None

    running = wait_for(started)
    assert running["completed_at"] is None and running["failed_at"] is None
    done = sim.wait_job(site, job["id"])
    assert done["completed_at"] and ts(done["completed_at"]) - ts(done["started_at"]) >= datetime.timedelta(seconds=0.5)


def test_failing_script_sets_failed_at_and_keeps_the_error(sim, site):
    job = sim.create_job(site, ':put "before"\n/ip address add address=10.9.9.1/24 interface=no-such-port\n:put "after"').json()
    done = sim.wait_job(site, job["id"])
    assert done["failed_at"] and done["completed_at"] is None
    assert done["error"] and "after" not in done["output"]
    assert done["output"].strip() == "before"


def test_express_job_runs_at_once(sim, site):
    sim.configure(checkin_interval=3600)
    started = time.monotonic()
    job = sim.create_job(site, ":put express", express_execute=True).json()
    done = sim.wait_job(site, job["id"], timeout=5)
    assert done["completed_at"] and time.monotonic() - started < 1.0


def test_needs_ack_false_completes_on_download_even_if_the_script_fails(sim, site):
    job = sim.create_job(site, "/no/such/menu print", needs_ack=False).json()
    assert job["needs_acknowledgement"] is False
    done = sim.wait_job(site, job["id"])
    assert done["completed_at"] and done["failed_at"] is None
    assert done["completed_at"] == done["started_at"]
    assert done["error"]


def test_backup_is_taken_before_the_script_and_linked(sim, site):
    before = sim.api("POST", f"/api/synchronous/{site}", json={"command": "/system/identity/print"}).json()["data"][0]
    job = sim.create_job(site, "/system identity set name=after-backup", backup=True).json()
    done = sim.wait_job(site, job["id"])
    assert done["completed_at"]
    folder, filename = done["associated_backup"].split("/")
    assert folder == site
    backup = sim.api("GET", f"/backup/{site}/{filename}").json()
    assert f"set name={before['name']}" in backup["content"]
    assert "after-backup" not in backup["content"]
    assert ts(backup["created_at"]) <= ts(done["completed_at"])
    assert filename in [b["filename"] for b in sim.api("GET", f"/backup/{site}").json()]
    assert sim.api("GET", f"/sites/{site}").json()["identity"] == "after-backup"


def test_backup_filenames_stay_unique_per_site(sim, site):
    for _attempt in range(3):
        assert sim.api("POST", f"/backup/{site}").status_code == 202
    sim.create_job(site, ":put flush", express_execute=True)
    wait_for(lambda: not [j for j in sim.jobs(site) if j["status"] in ("pending", "running")])
    names = [b["filename"] for b in sim.api("GET", f"/backup/{site}").json()]
    assert len(names) == len(set(names)) >= 3


def test_jobs_run_oldest_first_one_per_check_in(sim, site):
    ids = [sim.create_job(site, f":put {n}").json()["id"] for n in range(3)]
    done = [sim.wait_job(site, job_id) for job_id in ids]
    starts = [ts(job["started_at"]) for job in done]
    assert starts == sorted(starts)
    assert starts[2] - starts[0] >= datetime.timedelta(seconds=0.2)


def test_offline_site_keeps_jobs_pending(sim):
    offline = sim.site_ids(online=False)[0]
    job = sim.create_job(offline, ":put later", express_execute=True).json()
    time.sleep(0.5)
    assert get_job(sim, offline, job["id"])["started_at"] is None
    sim.set_online(offline, True)
    try:
        assert sim.wait_job(offline, job["id"])["completed_at"]
    finally:
        sim.set_online(offline, False)


def test_cancel_pending_job_then_404(sim, site):
    sim.configure(checkin_interval=3600)
    job = sim.create_job(site, ":put never").json()
    response = sim.api("DELETE", f"/site/{site}/job/{job['id']}")
    assert response.status_code == 204 and not response.content
    assert sim.api("GET", f"/site/{site}/job/{job['id']}").status_code == 404
    assert job["id"] not in [j["id"] for j in sim.jobs(site)]


def test_cancel_started_job_is_job_already_started(sim, site):
    job = sim.create_job(site, ":put done", express_execute=True).json()
    sim.wait_job(site, job["id"])
    response = sim.api("DELETE", f"/site/{site}/job/{job['id']}")
    assert response.status_code == 400
    assert response.json()["code"] == "job_already_started"
    assert response.json()["type"] == "invalid_request_error"


def test_same_key_returns_the_same_job(sim, site):
    key = str(uuid.uuid4())
    first = sim.create_job(site, ":put once", key=key, description="Replay me")
    second = sim.create_job(site, ":put once", key=key, description="Replay me")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert [j["idempotency_key"] for j in sim.jobs(site)].count(key) == 1


@pytest.mark.parametrize("change", [{"script": ":put other"}, {"description": "Other text"}, {"backup": True},
                                    {"needs_ack": False}, {"express_execute": True}])
def test_same_key_different_job_is_idempotency_key_reused(sim, site, change):
    key = str(uuid.uuid4())
    base = {"script": ":put base", "description": "Base job"}
    assert sim.create_job(site, key=key, **base).status_code == 201
    response = sim.create_job(site, key=key, **dict(base, **change))
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_reused"
    assert [j["idempotency_key"] for j in sim.jobs(site)].count(key) == 1


def test_same_key_on_another_site_is_another_job(sim, site):
    key = str(uuid.uuid4())
    other = sim.site_ids(online=True)[2]
    one = sim.create_job(site, ":put k", key=key).json()
    two = sim.create_job(other, ":put k", key=key).json()
    assert one["id"] != two["id"]


def test_concurrent_identical_posts_create_one_job(sim, site):
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)
    answers = []

    def post():
        barrier.wait()
        answers.append(Simulator.create_job(sim, site, ":put race", key=key, description="Race"))

    threads = [threading.Thread(target=post) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {answer.status_code for answer in answers} == {201}
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert [j["idempotency_key"] for j in sim.jobs(site)].count(key) == 1


class Receiver(http.server.BaseHTTPRequestHandler):
    posts = []

    def do_POST(self):  # noqa: N802  pylint: disable=invalid-name
        length = int(self.headers.get("Content-Length", 0))
        Receiver.posts.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass


def test_notify_url_receives_every_transition(sim, site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        body = {"description": "Notify me", "script": ":put notified", "make_backup": True, "express_execute": True,
                "needs_acknowledgement": True, "notify_url": url}
        answer = sim.api("POST", f"/api/asynchronous/{site}", json=body).json()["data"]
        assert answer["notify_url"] == url
        wait_for(lambda: any(p["status"] == "completed" for p in Receiver.posts))
        statuses = [p["status"] for p in Receiver.posts]
        assert statuses == ["pending", "running", "completed"]
        for payload in Receiver.posts:
            assert set(payload) == NOTIFY_KEYS
            assert payload["router_id"] == site and payload["idempotency_key"] == answer["idempotency_key"]
            assert isinstance(payload["seq_id"], int) and payload["make_backup"] is True
        assert Receiver.posts[-1]["completed_at"] and Receiver.posts[-1]["failed_at"] is None
        # a cancelled job reports "deleted"
        sim.configure(checkin_interval=3600)
        body.update(express_execute=False, make_backup=False)
        key = sim.api("POST", f"/api/asynchronous/{site}", json=body).json()["data"]["idempotency_key"]
        job = [j for j in sim.api("GET", f"/site/{site}/job").json() if j["idempotency_key"] == key][0]
        assert sim.api("DELETE", f"/site/{site}/job/{job['id']}").status_code == 204
        wait_for(lambda: Receiver.posts[-1]["status"] == "deleted")
        assert Receiver.posts[-1]["deleted_at"]
    finally:
        server.shutdown()
        server.server_close()


def test_unreachable_notify_url_never_blocks_the_api(sim, site):
    body = {"description": "Nobody listens", "script": ":put x", "express_execute": True,
            "notify_url": "http://127.0.0.1:9/unreachable"}
    started = time.monotonic()
    response = sim.api("POST", f"/api/asynchronous/{site}", json=body)
    assert response.status_code == 202 and time.monotonic() - started < 1.0
    key = response.json()["data"]["idempotency_key"]
    job = [j for j in sim.api("GET", f"/site/{site}/job").json() if j["idempotency_key"] == key][0]
    assert sim.wait_job(site, job["id"])["completed_at"]
