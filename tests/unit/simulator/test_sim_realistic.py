# SPDX-License-Identifier: GPL-3.0-or-later
"""The realistic profile, one part at a time, switched on at run time on one simulator."""

import concurrent.futures
import datetime
import http.server
import json
import re
import threading
import time
import uuid
import zoneinfo

import pytest
import requests

from tests.simulator.pytest_fixtures import realism, sim  # noqa: F401  pylint: disable=unused-import

NO_TAGS = "alto_sk_no_tags"


@pytest.fixture(autouse=True)
def clean(sim):
    sim.clear_faults()
    sim.configure(checkin_interval=0.2, job_duration=0)
    yield
    sim.clear_faults()


@pytest.fixture(name="site")
def online_site(sim):
    return sim.site_ids(online=True)[1]


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def post_job(sim, site, script=":put hi", key=None, token=None):
    return sim.create_job(site, script, key=key, token=token)


# rate_limit


def test_rate_limit_counts_per_token_and_answers_like_laravel(sim, realism):
    realism(enable=["rate_limit"], rate_limit=3, rate_window=1.5)
    answers = [sim.api("GET", "/sites") for _attempt in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert all(a.headers["X-RateLimit-Limit"] == "3" for a in answers)
    throttled = answers[-1]
    assert throttled.json() == {"message": "Too Many Attempts."}
    assert 1 <= int(throttled.headers["Retry-After"]) <= 2 and "X-RateLimit-Reset" in throttled.headers
    # The other tenant's token has a budget of its own; a 429 did not spend anything.
    assert sim.api("GET", "/sites", token=sim.other_token).headers["X-RateLimit-Remaining"] == "2"
    time.sleep(float(throttled.headers["Retry-After"]))
    assert sim.api("GET", "/sites").status_code == 200


def test_rate_limit_is_shared_by_concurrent_clients_of_one_token(sim, realism):
    realism(enable=["rate_limit"], rate_limit=10, rate_window=30)

    def call(_index):
        with requests.Session() as session:  # separate connections, as separate processes would use
            return session.get(sim.url + "/site-minimal", headers=sim.headers(), timeout=10).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(call, range(25)))
    assert statuses.count(200) == 10 and statuses.count(429) == 15
    state = sim.rate_limit_state()
    assert state["throttled"] == 15 and state["limit"] == 10
    assert sim.token not in json.dumps(state)  # tokens are never shown
    # Bookkeeping calls of the harness are not counted.
    assert sim.site_ids(online=True)


@pytest.mark.parametrize("scope, other_status", [("tenant", 429), ("global", 429), ("token", 200)])
def test_rate_limit_scope(sim, realism, scope, other_status):
    realism(enable=["rate_limit", "permissions"], rate_limit=1, rate_window=30, rate_scope=scope)
    assert sim.api("GET", "/sites").status_code == 200
    # NO_TAGS is another token of the same tenant.
    assert sim.api("GET", "/sites", token=NO_TAGS).status_code == other_status


def test_rate_limit_zero_is_no_limit(sim, realism):
    realism(enable=["rate_limit"], rate_limit=0)
    answer = sim.api("GET", "/sites")
    assert answer.status_code == 200 and "X-RateLimit-Limit" not in answer.headers


# laravel_errors


def test_laravel_error_bodies(sim, realism, site):
    realism(enable=["laravel_errors"])
    missing = sim.api("POST", f"/site/{site}/job", headers={"X-Description": "No key"}, data=":put a")
    assert missing.status_code == 422
    assert missing.json() == {"message": "The x-idempotency-key field is required.",
                              "errors": {"x-idempotency-key": ["The x-idempotency-key field is required."]}}
    body = sim.api("POST", f"/api/asynchronous/{site}", json={"script": ":put a"})
    assert body.status_code == 422 and body.json()["errors"] == {"description": ["The description field is required."]}
    unknown = sim.api("GET", f"/sites/{uuid.uuid4()}")
    assert unknown.status_code == 404 and set(unknown.json()) == {"message"}
    assert unknown.json()["message"].startswith("No query results for model [App\\Models\\Site]")
    assert set(sim.api("GET", "/nowhere").json()) == {"message"}
    not_allowed = sim.api("PUT", "/sites")
    assert not_allowed.status_code == 405 and "not supported" in not_allowed.json()["message"]
    sim.fault(path="^/sites$", status=503, count=1)
    assert sim.api("GET", "/sites").json() == {"message": "The service is temporarily unavailable. Please try again later."}


def test_laravel_job_already_started_keeps_its_status(sim, realism, site):
    realism(enable=["laravel_errors"])
    job = sim.wait_job(site, post_job(sim, site).json()["id"])
    answer = sim.api("DELETE", f"/site/{site}/job/{job['id']}")
    assert answer.status_code == 400 and set(answer.json()) == {"message"}


# offline_sync and pulse_lag


def offline_site(sim):
    return sim.site_ids(online=False)[0]


def sync(sim, site, **kwargs):
    return sim.api("POST", f"/api/synchronous/{site}", json={"command": "/system/identity/print"}, **kwargs)


def test_offline_sync_bare_504_and_500(sim, realism):
    site = offline_site(sim)
    assert sync(sim, site).json()["code"] == "site_offline"  # the default profile
    realism(enable=["offline_sync"], offline_sync="504")
    answer = sync(sim, site)
    assert answer.status_code == 504 and answer.headers["content-type"].startswith("text/html")
    assert "504 Gateway Time-out" in answer.text
    realism(offline_sync="500")
    answer = sync(sim, site)
    assert answer.status_code == 500 and answer.json() == {"message": "Server Error"}


def test_offline_sync_hangs_until_the_client_gives_up(sim, realism):
    site = offline_site(sim)
    realism(enable=["offline_sync"], offline_sync="hang", offline_hang=0.6)
    with pytest.raises(requests.ReadTimeout):
        sync(sim, site, timeout=0.2)
    started = time.monotonic()
    answer = sync(sim, site, timeout=5)
    assert answer.status_code == 504 and time.monotonic() - started >= 0.55


def test_pulse_lags_the_real_state(sim, realism):
    realism(enable=["pulse_lag", "offline_sync"], pulse_misses=3, offline_sync="500")
    site = sim.site_ids(online=True)[2]
    sim.set_online(site, False)
    try:
        went = time.monotonic()
        listed = {s["id"]: s for s in sim.sites()}[site]
        minimal = {s["id"]: s for s in sim.api("GET", "/site-minimal").json()}[site]
        assert listed["has_pulse"] is True and minimal["has_pulse"] is True and listed["uptime"]
        assert sync(sim, site).status_code == 500  # the router is gone, whatever has_pulse says
        key = post_job(sim, site).json()["id"]
        wait_for(lambda: not {s["id"]: s for s in sim.sites()}[site]["has_pulse"])
        assert 0.5 <= time.monotonic() - went <= 3.0  # 3 missed check-ins of 0.2 s
        assert sim.api("GET", f"/site/{site}/job/{key}").json()["started_at"] is None
    finally:
        sim.set_online(site, True)
    assert {s["id"]: s for s in sim.sites()}[site]["has_pulse"] is True  # back at once


def test_checkins_part_sets_and_restores_the_interval(sim, realism):
    realism(enable=["checkins"], checkin_seconds=30)
    assert sim.health()["config"]["checkin_interval"] == 30
    realism(disable=["checkins"])
    assert sim.health()["config"]["checkin_interval"] == 0.2


# cancelled_jobs


def test_cancelled_job_stays_listed_with_deleted_at(sim, realism, site):
    realism(enable=["cancelled_jobs"])
    sim.configure(checkin_interval=3600)
    job = post_job(sim, site).json()
    assert job["status"] == "pending" and job["deleted_at"] is None
    assert sim.api("DELETE", f"/site/{site}/job/{job['id']}").status_code == 204
    again = sim.api("GET", f"/site/{site}/job/{job['id']}")
    assert again.status_code == 200 and again.json()["status"] == "deleted" and again.json()["deleted_at"]
    assert again.json()["started_at"] is None
    assert job["id"] in [j["id"] for j in sim.api("GET", f"/site/{site}/job").json()]
    assert sim.api("DELETE", f"/site/{site}/job/{job['id']}").status_code == 404
    sim.configure(checkin_interval=0.05)
    time.sleep(0.3)
    assert sim.api("GET", f"/site/{site}/job/{job['id']}").json()["started_at"] is None  # never runs
    done = sim.wait_job(site, post_job(sim, site).json()["id"])
    assert done["status"] == "completed"
    realism(disable=["cancelled_jobs"])
    assert sim.api("GET", f"/site/{site}/job/{job['id']}").status_code == 404  # the default profile: gone


# async_lag


def queue_async(sim, site):
    answer = sim.api("POST", f"/api/asynchronous/{site}", json={"description": "Late", "script": ":put late"})
    assert answer.status_code == 202
    return answer.json()["data"]["idempotency_key"]


def listed_keys(sim, site):
    return [job["idempotency_key"] for job in sim.api("GET", f"/site/{site}/job").json()]


def test_asynchronous_job_is_listed_late(sim, realism, site):
    realism(enable=["async_lag"], async_delay=0.6, async_unlisted=0)
    key = queue_async(sim, site)
    assert key not in listed_keys(sim, site)
    wait_for(lambda: key in listed_keys(sim, site), timeout=3)


def test_asynchronous_job_never_listed_still_runs(sim, realism, site):
    realism(enable=["async_lag"], async_unlisted=1)
    key = queue_async(sim, site)
    job = wait_for(lambda: next((j for j in sim.jobs(site) if j["idempotency_key"] == key and j["completed_at"]), None))
    assert job["listed"] is False
    assert key not in listed_keys(sim, site)
    assert sim.api("GET", f"/site/{site}/job/{job['id']}").status_code == 404


# job_pages and platform_jobs


def test_job_list_is_a_laravel_paginator(sim, realism, site):
    realism(enable=["job_pages"], page_size=2)
    for _job in range(3):
        post_job(sim, site)
    first = sim.api("GET", f"/site/{site}/job").json()
    assert set(first) == {"data", "links", "meta"} and len(first["data"]) == 2
    meta = first["meta"]
    assert meta["current_page"] == 1 and meta["per_page"] == 2 and meta["total"] >= 3 and meta["from"] == 1
    assert first["links"]["prev"] is None and first["links"]["next"].endswith("?page=2")
    seen, url = [], sim.url + f"/site/{site}/job"
    while url:
        page = sim.session.get(url, headers=sim.headers(), timeout=10).json()
        seen += [job["id"] for job in page["data"]]
        url = page["links"]["next"]
    assert len(seen) == meta["total"] == len(set(seen))
    assert sim.api("GET", f"/site/{site}/job?page=0").status_code == 400


def test_platform_jobs_in_the_list(sim, realism):
    site = sim.site_ids(online=True)[3]
    realism(enable=["platform_jobs"], platform_history=6)
    jobs = sim.api("GET", f"/site/{site}/job").json()
    descriptions = [job["description"] for job in jobs]
    assert descriptions.count("Daily backup") == 1 and "ARP sync" in descriptions and len(jobs) >= 6
    backup = next(job for job in jobs if job["description"] == "Daily backup")
    assert backup["completed_at"] and backup["associated_backup"].startswith(site + "/")
    filename = backup["associated_backup"].split("/", 1)[1]
    assert sim.api("GET", f"/backup/{site}/{filename}").json()["content"]
    assert all(job["kind"] == "platform" for job in sim.jobs(site) if job["description"] in ("ARP sync", "Daily backup"))
    realism(platform_every=0.3)
    before = len(jobs)
    wait_for(lambda: len([j for j in sim.api("GET", f"/site/{site}/job").json() if j["completed_at"]]) > before)
    realism(platform_every=0)


# notify_retries


class Receiver(http.server.BaseHTTPRequestHandler):
    failures = 0  # answer 500 to this many `pending` notifications first
    seen = []

    def do_POST(self):  # noqa: N802  pylint: disable=invalid-name
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        failing = payload["status"] == "pending" and Receiver.failures > 0
        Receiver.failures -= payload["status"] == "pending"
        Receiver.seen.append((payload["status"], failing))
        self.send_response(500 if failing else 204)
        self.end_headers()

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass


@pytest.fixture(name="receiver")
def notify_receiver():
    Receiver.seen, Receiver.failures = [], 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def queue_notified(sim, site, url):
    body = {"description": "Notified", "script": ":put n", "needs_acknowledgement": True, "notify_url": url}
    assert sim.api("POST", f"/api/asynchronous/{site}", json=body).status_code == 202


def test_notifications_say_loaded_and_arrive_twice(sim, realism, site, receiver):
    realism(enable=["notify_retries"], notify_duplicates=1, notify_backoff=0.05)
    queue_notified(sim, site, receiver)
    wait_for(lambda: [seen[0] for seen in Receiver.seen].count("completed") == 2)
    statuses = [seen[0] for seen in Receiver.seen]
    assert all(statuses.count(word) == 2 for word in ("pending", "loaded", "running", "completed"))


def test_failed_notifications_are_retried(sim, realism, site, receiver):
    realism(enable=["notify_retries"], notify_duplicates=0, notify_backoff=0.05, notify_retries=3)
    Receiver.failures = 2
    queue_notified(sim, site, receiver)
    wait_for(lambda: ("completed", False) in Receiver.seen and ("pending", False) in Receiver.seen)
    # Two refusals, then delivered; later events do not wait for a retry (order is not kept).
    pending = [seen for seen in Receiver.seen if seen[0] == "pending"]
    assert pending == [("pending", True), ("pending", True), ("pending", False)]
    assert {status for status, failed in Receiver.seen if not failed} == {"pending", "loaded", "running", "completed"}


def test_without_the_part_a_failed_notification_is_not_retried(sim, site, receiver):
    Receiver.failures = 1
    queue_notified(sim, site, receiver)
    wait_for(lambda: ("completed", False) in Receiver.seen)
    assert [seen[0] for seen in Receiver.seen] == ["pending", "running", "completed"]


# permissions


def test_token_without_tag_access_gets_403_on_tags_only(sim, realism, site):
    assert sim.api("GET", "/sites", token=NO_TAGS).status_code == 401  # no such token by default
    realism(enable=["permissions"])
    refused = sim.api("GET", "/tags", token=NO_TAGS)
    assert refused.status_code == 403
    assert sim.api("GET", "/sites", token=NO_TAGS).status_code == 200
    assert post_job(sim, site, token=NO_TAGS).status_code == 201
    realism(enable=["laravel_errors"])
    assert sim.api("GET", "/tags", token=NO_TAGS).json() == {"message": "This action is unauthorized."}


def test_limited_token_added_at_run_time(sim, realism, site):
    realism(limited_tokens={"alto_sk_read_only": ["sites:read", "jobs:read"]})
    assert sim.api("GET", f"/sites/{site}", token="alto_sk_read_only").status_code == 200
    assert sim.api("GET", f"/site/{site}/job", token="alto_sk_read_only").status_code == 200
    assert post_job(sim, site, token="alto_sk_read_only").status_code == 403
    assert sim.api("POST", f"/api/synchronous/{site}", token="alto_sk_read_only",
                   json={"command": "/system/identity/print"}).status_code == 403
    entries = sim.requests(path=f"/sites/{site}$")
    assert "alto_sk_read_only" not in json.dumps(entries)


# backups


def a_backup(sim, site):
    job = sim.wait_job(site, sim.create_job(site, ":put b", backup=True).json()["id"])
    return job["associated_backup"].split("/", 1)[1]


def test_backup_format_headers(sim, realism, site):
    filename = a_backup(sim, site)
    path = f"/backup/{site}/{filename}"
    assert sim.api("GET", path, headers={"X-View": "true"}).headers["content-type"].startswith("text/plain")
    assert sim.api("GET", path, headers={"X-View-Raw": "true"}).headers["content-type"].startswith("text/plain")
    highlighted = sim.api("GET", path, headers={"X-Highlight": "true"})
    assert highlighted.headers["content-type"].startswith("text/html") and highlighted.text.startswith("<pre")
    download = sim.api("GET", path, headers={"X-Download": "true"})
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"] == f'attachment; filename="{filename}"'
    realism(enable=["backup_headers"])
    assert sim.api("GET", path, headers={"X-View-Raw": "true"}).json()["filename"] == filename
    assert sim.api("GET", path, headers={"X-View": "true"}).text == download.text


def test_backup_date_in_the_users_format(sim, realism, site):
    filename = a_backup(sim, site)
    realism(enable=["backup_format"], date_format="d/m/Y", time_format="h:i A", timezone="Africa/Johannesburg")
    backup = next(b for b in sim.api("GET", f"/backup/{site}").json() if b["filename"] == filename)
    created = datetime.datetime.fromisoformat(backup["created_at"].replace("Z", "+00:00"))
    local = created.astimezone(zoneinfo.ZoneInfo("Africa/Johannesburg"))
    assert backup["date"] == local.strftime("%d/%m/%Y")
    assert backup["time"] == local.strftime("%I:%M %p") and re.fullmatch(r"\d\d:\d\d [AP]M", backup["time"])


# async_script_cap


def test_asynchronous_script_cap(sim, realism, site):
    def queue(script):
        return sim.api("POST", f"/api/asynchronous/{site}", json={"description": "Cap", "script": script})

    assert queue("#" * 2001).status_code == 202  # the default profile: 10,000
    realism(enable=["async_script_cap"])
    assert queue("#" * 2000).status_code == 202
    refused = queue("#" * 2001)
    assert refused.status_code == 400 and "2000" in refused.json()["message"]
    realism(enable=["laravel_errors"])
    refused = queue("#" * 2001)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"script": ["The script field must not be greater than 2000 characters."]}
    assert post_job(sim, site, script="#" * 2001).status_code == 201  # the header API is not capped


# job_wrapper


def test_script_that_does_not_parse_is_never_reported(sim, realism, site):
    realism(enable=["job_wrapper"])
    before = sim.run_script(site, ":put [/ip dns get servers]")["output"]
    broken = post_job(sim, site, script='/ip dns set servers=203.0.113.7\n:put "unclosed').json()
    failing = post_job(sim, site, script="/ip dns set servers=203.0.113.8\n:error boom").json()
    failed = sim.wait_job(site, failing["id"])
    assert failed["failed_at"]  # a runtime error still reports: on-error runs
    job = sim.api("GET", f"/site/{site}/job/{broken['id']}").json()
    assert job["started_at"] and not job["completed_at"] and not job["failed_at"]
    time.sleep(0.5)  # more check-ins: still never reported
    assert not sim.api("GET", f"/site/{site}/job/{broken['id']}").json()["completed_at"]
    assert [j["never_reported"] for j in sim.jobs(site) if j["id"] == broken["id"]] == [True]
    assert "203.0.113.7" not in sim.run_script(site, ":put [/ip dns get servers]")["output"]  # nothing ran
    restore = before.strip() or '""'
    sim.run_script(site, f"/ip dns set servers={restore}")


def test_never_reported_job_can_stay_pending(sim, realism, site):
    realism(enable=["job_wrapper"], wrapper_stuck="pending")
    broken = post_job(sim, site, script="/nope").json()
    after = sim.wait_job(site, post_job(sim, site).json()["id"])
    assert after["completed_at"]  # the queue moves on
    assert sim.api("GET", f"/site/{site}/job/{broken['id']}").json()["started_at"] is None
    unacknowledged = sim.wait_job(site, sim.create_job(site, "/nope", needs_ack=False).json()["id"])
    assert unacknowledged["completed_at"]  # complete once downloaded: no report awaited


# replay


@pytest.mark.parametrize("mode, status", [("conflict", 409), ("bad_request", 400), ("unprocessable", 422)])
def test_replayed_key_after_a_lost_answer_is_refused(sim, realism, site, mode, status):
    realism(enable=["replay", "laravel_errors"], replay=mode)
    key = str(uuid.uuid4())
    sim.fault(method="POST", path=r"/job$", drop=True, count=1)
    with pytest.raises(requests.ConnectionError):
        post_job(sim, site, key=key)
    answer = post_job(sim, site, key=key)
    assert answer.status_code == status and "message" in answer.json()
    if status == 422:
        assert answer.json()["errors"] == {"idempotency_key": ["The idempotency key has already been taken."]}
    assert [j["idempotency_key"] for j in sim.jobs(site)].count(key) == 1


def test_replayed_key_can_make_a_second_job(sim, realism, site):
    realism(enable=["replay"], replay="duplicate")
    key = str(uuid.uuid4())
    first, second = post_job(sim, site, key=key).json(), post_job(sim, site, key=key).json()
    assert first["id"] != second["id"] and first["idempotency_key"] == second["idempotency_key"] == key
    assert [j["idempotency_key"] for j in sim.jobs(site)].count(key) == 2


def test_replay_same_is_the_default_answer(sim, realism, site):
    realism(enable=["replay"], replay="same")
    key = str(uuid.uuid4())
    assert post_job(sim, site, key=key).json()["id"] == post_job(sim, site, key=key).json()["id"]
