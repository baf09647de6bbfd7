# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulator's helpers, in-process: formats, fault rules, seeding, the store's idempotency."""

import asyncio
import json
import threading
import uuid

import pytest

from tests.simulator import common, faults, seed, store


def test_iso_is_laravel_style_utc():
    assert common.iso(0) == "1970-01-01T00:00:00.000000Z"
    assert common.iso(1732567800.25) == "2024-11-25T20:50:00.250000Z"
    assert common.iso(None) is None
    assert common.iso_offset(1716883528) == "2024-05-28T08:05:28+00:00"


@pytest.mark.parametrize("seconds, text", [(0, "just now"), (1, "1 second ago"), (120, "2 minutes ago"),
                                           (3600 * 5, "5 hours ago"), (86400, "1 day ago")])
def test_ago(seconds, text):
    assert common.ago(seconds) == text


@pytest.mark.parametrize("seconds, text", [(0, "0s"), (59, "59s"), (3600, "1h"), (694861, "1w1d1h1m1s")])
def test_routeros_uptime(seconds, text):
    assert common.routeros_uptime(seconds) == text


def test_sizes_and_tokens():
    assert common.human_size(512) == "512B"
    assert common.human_size(12595) == "12.3KB"
    assert common.human_size(3 * 1024 * 1024) == "3.0MB"
    job_id = str(uuid.uuid4())
    assert len(common.short_token(job_id)) == 10 and common.short_token(job_id) == common.short_token(job_id)
    assert common.is_uuid(job_id) and not common.is_uuid("x") and not common.is_uuid(job_id.replace("-", ""))


def test_error_body_links_the_code():
    assert common.error_body("resource_missing", "gone") == {
        "type": "invalid_request_error", "code": "resource_missing", "message": "gone",
        "doc_url": "https://docs.altostrat.io/errors/resource_missing"}


def test_fault_rules_are_checked():
    rule = faults.normalise_rule({"method": "post", "path": "/job$", "status": 429, "retry_after": 2})
    assert rule["method"] == "POST" and rule["retry_after"] == "2" and rule["rate"] == 1.0
    for bad in ({"status": 302}, {"latency_ms": -1}, {"drop": "yes"}, {"count": -1, "status": 500}, {}, []):
        with pytest.raises(faults.RuleError):
            faults.normalise_rule(bad)


def test_fault_matching_counts_hits_in_order():
    table = faults.Faults()
    table.add([{"path": "^/a", "status": 500, "count": 1}, {"method": "GET", "status": 503}])
    assert table.match("POST", "/a")["status"] == 500
    assert table.match("POST", "/a") is None
    assert table.match("GET", "/a")["status"] == 503
    table.clear()
    assert table.match("GET", "/a") is None


def test_request_log_filters():
    log = faults.RequestLog(limit=3)
    for method, path in (("GET", "/sites"), ("POST", "/site/x/job"), ("GET", "/tags"), ("DELETE", "/site/x/job/y")):
        log.add({"method": method, "path": path})
    assert [e["seq"] for e in log.query()] == [2, 3, 4]
    assert [e["path"] for e in log.query(method="post")] == ["/site/x/job"]
    assert [e["path"] for e in log.query(path="/job")] == ["/site/x/job", "/site/x/job/y"]
    assert [e["seq"] for e in log.query(since=3)] == [4]


def test_site_names_are_unique_and_the_first_id_is_the_documented_example():
    names = [seed.site_name("default", i) for i in range(1000)]
    assert len(set(names)) == 1000
    assert names[:2] == ["Johannesburg HQ", "Cape Town Branch"]
    assert seed.site_id("default", 0) == common.EXAMPLE_SITE_ID
    assert seed.site_id("b", 0) != common.EXAMPLE_SITE_ID
    assert seed.site_id("default", 7) == seed.site_id("default", 7)


@pytest.fixture(name="db")
def fresh_store(tmp_path):
    state = store.Store(str(tmp_path / "state.sqlite"))
    state.set_tenant("default", "alto_sk_demo")
    yield state
    state.close()


def test_seed_offline_and_models(db):
    ids = seed.seed(db, 10)
    rows = db.list_sites("default")
    assert [row["id"] for row in rows] == ids
    assert [bool(row["has_pulse"]) for row in rows].count(False) == 2 and rows[0]["has_pulse"]
    seed.seed(db, 4, offline=4, tenant="default", replace=True)
    assert [bool(row["has_pulse"]) for row in db.list_sites("default")] == [True, False, False, False]


def test_store_idempotency_is_atomic(db):
    site = seed.seed(db, 1)[0]
    flags = {"express_execute": False, "needs_acknowledgement": True, "should_backup": False}
    results = []

    def create():
        results.append(db.create_job(site, "k-1", "desc", ":put 1", flags))

    threads = [threading.Thread(target=create) for _thread in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for result in results if result[1]) == 1
    assert len({result[0]["id"] for result in results}) == 1
    with pytest.raises(common.ApiError) as error:
        db.create_job(site, "k-1", "desc", ":put 2", flags)
    assert error.value.code == "idempotency_key_reused" and error.value.status == 400


def test_backup_names_are_unique_per_site(db):
    site = seed.seed(db, 1)[0]
    names = [db.add_backup(site, "# export") for _attempt in range(3)]
    assert len(set(names)) == 3
    assert [row["filename"] for row in db.list_backups(site)] == sorted(names, reverse=True)


def test_control_api_answers_loopback_clients_only():
    assert faults.is_loopback({"client": ("127.0.0.1", 5000)}) and faults.is_loopback({"client": ("::1", 5000)})
    assert not faults.is_loopback({"client": ("10.1.2.3", 5000)}) and not faults.is_loopback({})
    sent = []

    async def app(_scope, _receive, _send):
        raise AssertionError("the control API must not be reached")

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    middleware = faults.SimMiddleware(app, state=None)
    scope = {"type": "http", "path": "/_sim/health", "method": "GET", "client": ("192.0.2.7", 40000), "headers": []}
    asyncio.run(middleware(scope, receive, send))
    assert sent[0]["status"] == 403
    assert json.loads(sent[1]["body"])["code"] == "forbidden"
