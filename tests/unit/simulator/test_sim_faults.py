# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection, latency, the request log and its redaction, tenant isolation."""

import email.utils
import time
import uuid

import pytest
import requests

from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import

UNAUTHORIZED = {"message": "Unauthorized or invalid token provided."}


@pytest.fixture(autouse=True)
def clean(sim):
    sim.clear_faults()
    sim.clear_requests()
    yield
    sim.clear_faults()


def job_headers(**extra):
    return {"X-Idempotency-Key": str(uuid.uuid4()), "X-Description": "Fault test", **extra}


def test_429_with_retry_after_seconds_then_normal_service(sim):
    site = sim.site_ids(online=True)[0]
    sim.fault(method="POST", path=r"/job$", status=429, retry_after="2", count=1)
    headers = job_headers()
    first = sim.api("POST", f"/site/{site}/job", headers=headers, data=":put a")
    assert first.status_code == 429 and first.headers["Retry-After"] == "2"
    assert first.json()["code"] == "rate_limited" and first.json()["type"] == "rate_limit_error"
    assert headers["X-Idempotency-Key"] not in [j["idempotency_key"] for j in sim.jobs(site)]
    second = sim.api("POST", f"/site/{site}/job", headers=headers, data=":put a")
    assert second.status_code == 201


def test_retry_after_as_http_date(sim):
    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    sim.fault(path="^/sites$", status=429, retry_after=when, count=1)
    response = sim.api("GET", "/sites")
    assert response.status_code == 429 and response.headers["Retry-After"] == when


@pytest.mark.parametrize("status, code", [(500, "internal_server_error"), (502, "bad_gateway"),
                                          (503, "service_unavailable"), (504, "gateway_timeout")])
def test_server_errors_use_the_error_shape(sim, status, code):
    sim.fault(method="GET", path="^/sites$", status=status, count=1)
    response = sim.api("GET", "/sites")
    assert response.status_code == status
    assert response.json() == {"type": "api_error", "code": code, "message": response.json()["message"],
                               "doc_url": f"https://docs.altostrat.io/errors/{code}"}
    assert sim.api("GET", "/sites").status_code == 200


def test_drop_after_a_processed_write(sim):
    site = sim.site_ids(online=True)[0]
    sim.fault(method="POST", path=r"^/site/[^/]+/job$", drop=True, count=1)
    headers = job_headers()
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{sim.url}/site/{site}/job", headers=sim.headers(**headers), data=":put dropped", timeout=10)
    created = [j for j in sim.jobs(site) if j["idempotency_key"] == headers["X-Idempotency-Key"]]
    assert len(created) == 1, "the write happened although the answer was lost"
    replay = sim.api("POST", f"/site/{site}/job", headers=headers, data=":put dropped")
    assert replay.status_code == 201 and replay.json()["id"] == created[0]["id"]
    log = sim.requests(method="POST")
    assert [(e["status"], e["fault"]) for e in log] == [(201, "drop"), (201, None)]


def test_latency_rule_and_global_latency(sim):
    sim.fault(path="^/sites$", latency_ms=300, count=1)
    started = time.monotonic()
    assert sim.api("GET", "/sites").status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    sim.api("GET", "/sites")
    assert time.monotonic() - started < 0.3
    sim.faults(latency_ms=200)
    started = time.monotonic()
    sim.api("GET", "/tags")
    assert time.monotonic() - started >= 0.2
    sim.configure(latency_ms=0)


def test_runtime_latency_setting(sim):
    sim.configure(latency_ms=150)
    try:
        started = time.monotonic()
        sim.api("GET", "/tags")
        assert time.monotonic() - started >= 0.15
    finally:
        sim.configure(latency_ms=0)


def test_count_limits_and_rules_match_in_order(sim):
    sim.faults([{"path": "^/tags$", "status": 503, "count": 2}, {"path": "^/tags$", "status": 500, "count": 1}])
    statuses = [sim.api("GET", "/tags").status_code for _attempt in range(5)]
    assert statuses == [503, 503, 500, 200, 200]
    rules = sim._control("GET", "/faults")["rules"]  # pylint: disable=protected-access
    assert [rule["hits"] for rule in rules] == [2, 1]


def test_rate_fires_for_a_fraction(sim):
    sim.fault(path="^/tags$", status=500, rate=0.5)
    statuses = [sim.api("GET", "/tags").status_code for _attempt in range(60)]
    assert 10 < statuses.count(500) < 50 and statuses.count(200) + statuses.count(500) == 60


def test_rate_zero_never_fires_and_method_filters(sim):
    sim.faults([{"path": "^/tags$", "status": 500, "rate": 0}, {"method": "POST", "path": "^/tags$", "status": 500}])
    assert all(sim.api("GET", "/tags").status_code == 200 for _attempt in range(10))


def test_bad_rules_are_rejected(sim):
    for rule in ({"status": 200}, {"path": "("}, {"rate": 2, "status": 500}, {"path": "x"}, {"colour": "red", "status": 500}):
        response = sim.session.post(sim.url + "/_sim/faults", json=rule)
        assert response.status_code == 400, rule
        assert response.json()["code"] == "parameter_invalid"


def test_request_log_records_calls_without_the_token(sim):
    site = sim.site_ids(online=True)[0]
    sim.clear_requests()
    sim.api("GET", "/sites", params={"x": "1"})
    sim.api("POST", f"/site/{site}/job", headers=job_headers(), data=":put logged")
    # a token pasted into a body is masked as well
    sim.api("POST", f"/api/asynchronous/{site}", json={"description": sim.token, "script": ":put 1"})
    sim.health()
    log = sim.requests()
    assert [(e["method"], e["path"]) for e in log] == [
        ("GET", "/sites"), ("POST", f"/site/{site}/job"), ("POST", f"/api/asynchronous/{site}")]
    assert log[0]["query"] == "x=1" and log[0]["status"] == 200
    assert log[1]["body"] == ":put logged" and log[1]["headers"]["x-description"] == "Fault test"
    assert all("authorization" not in entry["headers"] for entry in log)
    assert [e["seq"] for e in log] == sorted(e["seq"] for e in log)
    text = str(log)
    assert sim.token not in text and sim.other_token not in text
    assert "[redacted]" in log[2]["body"]
    assert sim.token not in sim.log()
    assert [e["path"] for e in sim.requests(method="POST", path="/job$")] == [f"/site/{site}/job"]
    assert [e["method"] for e in sim.writes()] == ["POST", "POST"]
    sim.clear_requests()
    assert not sim.requests()


def test_tenants_see_only_their_sites(sim):
    mine = set(sim.site_ids())
    theirs = set(sim.site_ids(token=sim.other_token))
    assert len(theirs) == 2 and not mine & theirs
    foreign = sorted(theirs)[0]
    for method, path in (("GET", f"/sites/{foreign}"), ("GET", f"/site/{foreign}/job"), ("GET", f"/backup/{foreign}"),
                         ("POST", f"/api/synchronous/{foreign}")):
        response = sim.api(method, path, json={"command": "/system/identity/print"})
        assert response.status_code == 404 and response.json()["code"] == "resource_missing"
    assert sim.create_job(foreign, ":put no").status_code == 404
    job = sim.create_job(foreign, ":put yes", token=sim.other_token)
    assert job.status_code == 201
    own_job = sim.api("GET", f"/site/{foreign}/job/{job.json()['id']}", token=sim.other_token)
    assert own_job.status_code == 200
    tags_b = sim.api("GET", "/tags", token=sim.other_token).json()
    assert {value["correlation_id"] for tag in tags_b for value in tag["values"]} == theirs
    assert any(j["site_id"] == foreign for j in sim.jobs())


def test_unknown_keys_are_401(sim):
    for token in ("alto_sk_" + "x" * 20, sim.token + "x", "eyJhbGciOiJIUzI1NiJ9.e30.x"):
        response = sim.session.get(sim.url + "/sites", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401 and response.json() == UNAUTHORIZED
