# SPDX-License-Identifier: GPL-3.0-or-later
"""Every endpoint's answer against the documented examples: same keys, same JSON types."""

import datetime
import time
import uuid

import pytest

from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import

EXAMPLE_SITE_ID = "9c69345c-8d39-4786-9f17-8153c988c89a"

# REFERENCE §3 (retrieve-a-site): the Site object; `string|null` fields listed in SITE_NULLABLE.
SITE_EXAMPLE = {
    "id": EXAMPLE_SITE_ID, "pid": "site_2a1b3c", "name": "Main Office", "address": "1 Main Road", "has_pulse": True,
    "uptime": "3d04:05:06", "architecture_name": "arm64", "hardware_hash": "a1b2c3", "serial_number": "HE408F3K2M1",
    "software_version": "7.15.1", "software_id": "ABCD-EFGH", "identity": "MikroTik", "last_seen_from": "196.25.1.1",
    "model": "RB5009UG+S+", "board_name": "RB5009UG+S+", "routerboard": True, "last_seen": "2 minutes ago",
    "last_seen_at": "2025-10-29T11:45:56Z", "created_at": "2025-10-29T11:45:56Z", "updated_at": "2025-10-29T11:45:56Z",
    "deleted_at": None, "scheduler_removal": None,
}
SITE_NULLABLE = {"address", "uptime", "serial_number", "software_version", "software_id", "deleted_at", "scheduler_removal"}
MINIMAL_EXAMPLE = {"id": EXAMPLE_SITE_ID, "pid": "site_2a1b3c", "name": "Main Office", "has_pulse": True,
                   "software_version": "7.15.1", "software_id": "ABCD-EFGH", "serial_number": "HE408F3K2M1",
                   "created_at": "2025-10-29T11:45:56Z"}
# 002 (create-a-job-for-a-site): the Job schema's examples.
JOB_EXAMPLE = {
    "id": "8b8b2e5e-1a19-4a19-8b19-1e1919191919", "token": "2jP5kLqWnZ", "site_id": "9a9a3e6f-1b1a-4b1a-8c1a-1e1a1a1a1a1a",
    "idempotency_key": "7c7c1e4e-1918-4918-8a18-1e1818181818", "description": "Add new firewall rule for guest network",
    "express_execute": False, "needs_acknowledgement": True, "should_backup": True,
    "associated_backup": "9a9a3e6f-1b1a-4b1a-8c1a-1e1a1a1a1a1a/1667888400.rsc", "started_at": "2025-10-29T12:05:10Z",
    "completed_at": None, "failed_at": None, "created_at": "2025-10-29T12:00:00Z",
    "log_url": "logs?group=sites&streams=9a9a...&start=...&end=...&filter={$.message=*2jP5kLqWnZ*}",
    "script": "/ip firewall filter add chain=forward action=accept src-address-list=guests",
}
JOB_NULLABLE = {"associated_backup", "started_at", "completed_at", "failed_at"}
JOB_EXTENSIONS = {"output", "error"}
# 000 / 001: the asynchronous API's answer.
ASYNC_EXAMPLE = {"status": "success", "data": {
    "idempotency_key": "7bbb8378-1675-515d-8ef4-ddb784fd0e52", "request_id": "2859d7db-bd7f-5d0d-b973-89142ff7b202",
    "target": "a1b2c3d4-5678-90ab-cdef-1234567890ab", "notify_url": "https://example.com/notify",
    "date": "2024-05-28T08:05:28+00:00"}}
# 000: the synchronous API's answer (RouterOS items, values as strings).
SYNC_EXAMPLE = {"status": "success", "data": [{"id": "*1", "address": "192.168.88.254", "interface": "bridge"}]}
# REFERENCE §7: BackupFile.
BACKUP_EXAMPLE = {"filename": "1732567800.rsc", "size": "12.3KB", "date": "2024-11-25", "time": "20:50:00",
                  "created_at": "2024-11-25T20:50:00Z"}
# REFERENCE §10: tag definitions with their values.
TAG_EXAMPLE = {"id": "tag_2a1b3c", "key": "region", "color": "#1E88E5", "mandatory_on": ["site"],
               "created_at": "2025-10-29T11:45:56Z", "updated_at": "2025-10-29T11:45:56Z", "values": []}
TAG_VALUE_EXAMPLE = {"tag_id": "tag_2a1b3c", "correlation_id": EXAMPLE_SITE_ID, "correlation_type": "site",
                     "value": "gauteng", "created_at": "2025-10-29T11:45:56Z", "updated_at": "2025-10-29T11:45:56Z"}
ERROR_EXAMPLE = {"type": "invalid_request_error", "code": "job_already_started", "message": "...",
                 "doc_url": "https://docs.altostrat.io/errors/job_already_started"}
UNAUTHORIZED = {"message": "Unauthorized or invalid token provided."}
TIMESTAMPS = ("created_at", "updated_at", "last_seen_at", "started_at", "completed_at", "failed_at", "date")


def assert_shape(actual, example, nullable=(), extra=()):
    """Same keys as the example (plus documented extensions) and the same JSON type per key."""
    assert isinstance(actual, dict), actual
    assert set(actual) == set(example) | set(extra), set(actual) ^ (set(example) | set(extra))
    for key, value in example.items():
        if value is None or key in nullable:
            assert actual[key] is None or isinstance(actual[key], str), (key, actual[key])
        else:
            assert type(actual[key]) is type(value), (key, actual[key])
        if key in TIMESTAMPS and isinstance(actual[key], str):
            datetime.datetime.fromisoformat(actual[key])


def assert_error(response, status, code=None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert_shape(body, ERROR_EXAMPLE)
    assert body["doc_url"] == "https://docs.altostrat.io/errors/" + body["code"]
    if code:
        assert body["code"] == code, body
    return body


def test_list_sites_matches_the_documented_site_object(sim):
    sites = sim.sites()
    assert len(sites) == 5
    for site in sites:
        assert_shape(site, SITE_EXAMPLE, SITE_NULLABLE)
        assert uuid.UUID(site["id"])
        assert site["pid"].startswith("site_")


def test_seeded_fleet_is_realistic(sim):
    sites = sim.sites()
    assert sites[0]["id"] == EXAMPLE_SITE_ID and sites[0]["has_pulse"] is True
    assert [site["has_pulse"] for site in sites].count(False) == 1
    assert sites[0]["name"] == "Johannesburg HQ" and sites[1]["name"] == "Cape Town Branch"
    assert len({site["name"] for site in sites}) == 5
    majors = {site["software_version"].split(".")[0] for site in sites}
    assert majors == {"6", "7"}
    offline = [site for site in sites if not site["has_pulse"]][0]
    assert offline["uptime"] is None and offline["last_seen"].endswith("ago")


def test_get_site_returns_the_listed_site(sim):
    listed = {site["id"]: site for site in sim.sites()}
    for site_id, site in listed.items():
        got = sim.api("GET", f"/sites/{site_id}")
        assert got.status_code == 200
        assert_shape(got.json(), SITE_EXAMPLE, SITE_NULLABLE)
        assert {k: v for k, v in got.json().items() if not k.startswith(("last_seen", "uptime"))} == \
            {k: v for k, v in site.items() if not k.startswith(("last_seen", "uptime"))}


def test_site_minimal_shape(sim):
    minimal = sim.api("GET", "/site-minimal").json()
    assert [site["id"] for site in minimal] == sim.site_ids()
    for site in minimal:
        assert_shape(site, MINIMAL_EXAMPLE, {"software_version", "software_id", "serial_number"})


def test_tags_shape_and_site_correlation(sim):
    tags = sim.api("GET", "/tags").json()
    assert {tag["key"] for tag in tags} == {"region", "environment", "customer"}
    site_ids = set(sim.site_ids())
    for tag in tags:
        assert_shape(tag, TAG_EXAMPLE)
        assert tag["id"].startswith("tag_")
        assert {value["correlation_id"] for value in tag["values"]} == site_ids
        for value in tag["values"]:
            assert_shape(value, TAG_VALUE_EXAMPLE)
            assert value["tag_id"] == tag["id"]


def test_create_job_answers_201_with_the_job(sim):
    key = str(uuid.uuid4())
    response = sim.create_job(EXAMPLE_SITE_ID, ':put "shape"', description="Shape check", key=key, backup=True)
    assert response.status_code == 201
    job = response.json()
    assert_shape(job, JOB_EXAMPLE, JOB_NULLABLE, extra=JOB_EXTENSIONS)
    assert job["idempotency_key"] == key and job["site_id"] == EXAMPLE_SITE_ID
    assert job["description"] == "Shape check" and job["script"] == ':put "shape"'
    assert (job["express_execute"], job["needs_acknowledgement"], job["should_backup"]) == (False, True, True)
    assert job["token"] in job["log_url"]
    done = sim.wait_job(EXAMPLE_SITE_ID, job["id"])
    assert_shape(done, JOB_EXAMPLE, JOB_NULLABLE, extra=JOB_EXTENSIONS)
    assert done["output"].strip() == "shape" and done["error"] is None
    assert done["associated_backup"].startswith(EXAMPLE_SITE_ID + "/") and done["associated_backup"].endswith(".rsc")


def test_list_jobs_newest_first_and_get_one(sim):
    ids = [sim.create_job(EXAMPLE_SITE_ID, f":put {n}").json()["id"] for n in range(3)]
    listed = sim.api("GET", f"/site/{EXAMPLE_SITE_ID}/job").json()
    assert [job["id"] for job in listed][:3] == ids[::-1]
    for job in listed:
        assert_shape(job, JOB_EXAMPLE, JOB_NULLABLE, extra=JOB_EXTENSIONS)
    one = sim.api("GET", f"/site/{EXAMPLE_SITE_ID}/job/{ids[0]}")
    assert one.status_code == 200 and one.json()["id"] == ids[0]


def test_asynchronous_answers_202_and_creates_the_job(sim):
    body = {"description": "Log test message", "script": ":log info test", "make_backup": False,
            "express_execute": True, "needs_acknowledgement": False, "notify_url": None}
    response = sim.api("POST", f"/api/asynchronous/{EXAMPLE_SITE_ID}", json=body)
    assert response.status_code == 202
    answer = response.json()
    assert_shape(answer, ASYNC_EXAMPLE)
    assert_shape(answer["data"], ASYNC_EXAMPLE["data"], {"notify_url"})
    assert answer["data"]["target"] == EXAMPLE_SITE_ID
    jobs = [job for job in sim.api("GET", f"/site/{EXAMPLE_SITE_ID}/job").json()
            if job["idempotency_key"] == answer["data"]["idempotency_key"]]
    assert len(jobs) == 1
    assert (jobs[0]["description"], jobs[0]["express_execute"], jobs[0]["needs_acknowledgement"]) == \
        ("Log test message", True, False)


def test_synchronous_answers_with_the_success_envelope(sim):
    response = sim.api("POST", f"/api/synchronous/{EXAMPLE_SITE_ID}", json={"command": "/ip/address/print"})
    assert response.status_code == 200
    answer = response.json()
    assert_shape(answer, SYNC_EXAMPLE)
    assert answer["data"], answer
    for item in answer["data"]:
        assert isinstance(item, dict)


def test_backup_request_list_and_file(sim):
    response = sim.api("POST", f"/backup/{EXAMPLE_SITE_ID}")
    assert response.status_code == 202 and response.json() == {"message": "Backup requested"}
    deadline = time.monotonic() + 10
    while not sim.api("GET", f"/backup/{EXAMPLE_SITE_ID}").json() and time.monotonic() < deadline:
        time.sleep(0.05)
    backups = sim.api("GET", f"/backup/{EXAMPLE_SITE_ID}").json()
    assert backups
    for backup in backups:
        assert_shape(backup, BACKUP_EXAMPLE)
        assert backup["filename"].endswith(".rsc") and backup["filename"][:-4].isdigit()
    assert [b["filename"] for b in backups] == sorted((b["filename"] for b in backups), reverse=True)
    name = backups[0]["filename"]
    full = sim.api("GET", f"/backup/{EXAMPLE_SITE_ID}/{name}")
    assert full.status_code == 200
    assert_shape(full.json(), dict(BACKUP_EXAMPLE, content="# export"))
    raw = sim.api("GET", f"/backup/{EXAMPLE_SITE_ID}/{name}", headers={"X-View-Raw": "true"})
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.text == full.json()["content"] and raw.text


def test_old_path_aliases(sim):
    jobs = sim.api("GET", f"/sites/{EXAMPLE_SITE_ID}/jobs")
    assert jobs.status_code == 200
    assert [job["id"] for job in jobs.json()] == [job["id"] for job in sim.api("GET", f"/site/{EXAMPLE_SITE_ID}/job").json()]
    created = sim.api("POST", f"/sites/{EXAMPLE_SITE_ID}/jobs", data=":put alias",
                      headers={"X-Idempotency-Key": str(uuid.uuid4()), "X-Description": "alias"})
    assert created.status_code == 201
    assert sim.api("GET", f"/sites/{EXAMPLE_SITE_ID}/jobs/{created.json()['id']}").json()["id"] == created.json()["id"]
    assert sim.api("GET", f"/sites/{EXAMPLE_SITE_ID}/backups").json() == sim.api("GET", f"/backup/{EXAMPLE_SITE_ID}").json()


def test_unknown_site_and_job_are_404_resource_missing(sim):
    missing = str(uuid.uuid4())
    for method, path in (("GET", f"/sites/{missing}"), ("GET", f"/site/{missing}/job"), ("GET", f"/backup/{missing}"),
                         ("POST", f"/api/synchronous/{missing}"), ("GET", f"/site/{EXAMPLE_SITE_ID}/job/{missing}"),
                         ("DELETE", f"/site/{EXAMPLE_SITE_ID}/job/{missing}"), ("GET", "/sites/not-a-uuid"),
                         ("GET", f"/backup/{EXAMPLE_SITE_ID}/1.rsc")):
        body = assert_error(sim.api(method, path, json={"command": "/ip/address/print"}), 404, "resource_missing")
        assert "not found" in body["message"]


@pytest.mark.parametrize("headers, body, field", [
    ({"X-Description": "no key"}, ":put 1", "X-Idempotency-Key"),
    ({"X-Idempotency-Key": "not-a-uuid", "X-Description": "bad key"}, ":put 1", "X-Idempotency-Key"),
    ({"X-Idempotency-Key": "KEY"}, ":put 1", "X-Description"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "ab"}, ":put 1", "X-Description"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "x" * 101}, ":put 1", "X-Description"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "flags", "X-Backup": "maybe"}, ":put 1", "X-Backup"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "flags", "X-Needs-Ack": "2"}, ":put 1", "X-Needs-Ack"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "empty"}, "", "script"),
    ({"X-Idempotency-Key": "KEY", "X-Description": "long"}, "x" * 10001, "script"),
])
def test_create_job_validation_is_400_naming_the_field(sim, headers, body, field):
    headers = {k: (str(uuid.uuid4()) if v == "KEY" else v) for k, v in headers.items()}
    answer = assert_error(sim.api("POST", f"/site/{EXAMPLE_SITE_ID}/job", headers=headers, data=body), 400)
    assert field in answer["message"]
    assert answer["type"] == "invalid_request_error"


@pytest.mark.parametrize("path, body, field", [
    ("/api/asynchronous/{}", {"script": ":put 1"}, "description"),
    ("/api/asynchronous/{}", {"description": "x", "script": ""}, "script"),
    ("/api/asynchronous/{}", {"description": "x" * 101, "script": ":put 1"}, "description"),
    ("/api/asynchronous/{}", {"description": "d", "script": ":put 1", "make_backup": "yes"}, "make_backup"),
    ("/api/asynchronous/{}", {"description": "d", "script": ":put 1", "notify_url": "ftp://x"}, "notify_url"),
    ("/api/asynchronous/{}", [1, 2], "JSON object"),
    ("/api/synchronous/{}", {}, "command"),
    ("/api/synchronous/{}", {"command": 5}, "command"),
    ("/api/synchronous/{}", {"command": "/ip/address/print", "parameters": [1]}, "parameters"),
])
def test_json_validation_is_400_never_422(sim, path, body, field):
    answer = assert_error(sim.api("POST", path.format(EXAMPLE_SITE_ID), json=body), 400)
    assert field in answer["message"]


def test_malformed_json_is_400(sim):
    response = sim.api("POST", f"/api/asynchronous/{EXAMPLE_SITE_ID}", data=b"{not json",
                       headers={"Content-Type": "application/json"})
    assert_error(response, 400, "parameter_invalid")


def test_unauthorized_shapes(sim):
    for headers in ({}, {"Authorization": "Bearer alto_sk_unknown_key"}, {"Authorization": "Basic abc"},
                    {"Authorization": "Bearer"}, {"Authorization": sim.token}):
        response = sim.session.get(sim.url + "/sites", headers=headers)
        assert response.status_code == 401
        assert response.json() == UNAUTHORIZED
    response = sim.session.post(f"{sim.url}/site/{EXAMPLE_SITE_ID}/job", data=":put 1")
    assert response.status_code == 401 and response.json() == UNAUTHORIZED


def test_unknown_route_and_method_use_the_error_shape(sim):
    assert_error(sim.api("GET", "/no/such/endpoint"), 404, "resource_missing")
    response = sim.api("PUT", f"/api/synchronous/{EXAMPLE_SITE_ID}")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["allow"]
