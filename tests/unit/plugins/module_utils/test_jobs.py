# SPDX-License-Identifier: GPL-3.0-or-later
"""Job helpers: keys, status from timestamps, option rules, waiting."""

from __future__ import annotations

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxConnectionError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import (
    check_job_options, check_notify_url, create_job, idempotency_key, job_status, wait_for_job)

SITE = "9c69345c-8d39-4786-9f17-8153c988c89a"


def options(**overrides):
    params = dict(description="Set DNS", script="/ip dns set servers=1.1.1.1", notify_url=None, idempotency_key=None,
                  wait_timeout=60, poll_interval=1)
    params.update(overrides)
    return params


def test_key_is_stable_and_depends_on_every_part():
    base = (SITE, "Set DNS", "/ip dns set servers=1.1.1.1", True, False, True)
    key = idempotency_key(*base)
    assert key == idempotency_key(*base)
    assert key == idempotency_key(SITE.upper(), *base[1:])
    for index, other in ((0, "1b4e28ba-2fa1-41d2-883f-0016d3cca427"), (1, "Set DNS!"), (2, "/ip dns set servers=9.9.9.9"),
                         (3, False), (4, True), (5, False)):
        changed = list(base)
        changed[index] = other
        assert idempotency_key(*changed) != key
    assert len(key) == 36 and key[14] == "5"


@pytest.mark.parametrize("job, status", [
    ({}, "pending"),
    ({"started_at": "t"}, "running"),
    ({"started_at": "t", "completed_at": "t"}, "completed"),
    ({"started_at": "t", "failed_at": "t"}, "failed"),
    ({"started_at": "t", "completed_at": "t", "failed_at": "t"}, "failed"),
])
def test_status_from_timestamps(job, status):
    assert job_status(job) == status


@pytest.mark.parametrize("overrides, message", [
    (dict(description="ab"), "description must be 3 to 100 characters (got 2)"),
    (dict(description="x" * 101), "description must be 3 to 100 characters (got 101)"),
    (dict(description=None), "description must be 3 to 100"),
    (dict(script="   "), "script is required"),
    (dict(script="x" * 10001), "script is 10001 characters; SDX accepts at most 10000"),
    (dict(script="x" * 2001, notify_url="https://example.com/hook"), "at most 2000 with notify_url"),
    (dict(idempotency_key="not-a-uuid"), "idempotency_key must be a UUID"),
    (dict(notify_url="http://example.com/hook"), "notify_url must use https://"),
    (dict(notify_url="ftp://example.com/hook"), "notify_url must be an https:// URL"),
])
def test_bad_options_are_named(overrides, message):
    with pytest.raises(SdxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_job_options(options(**overrides))


@pytest.mark.parametrize("url", ["https://example.com/hook", "http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:9/x"])
def test_good_notify_urls(url):
    check_notify_url(url)


class FakeClient:
    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = 0

    def get(self, path, shape=None):
        self.calls += 1
        return self.answers.pop(0)


def test_wait_polls_until_done_with_growing_capped_intervals():
    sleeps = []
    client = FakeClient([{"id": "j", "started_at": "t"}] * 6 + [{"id": "j", "started_at": "t", "completed_at": "t"}])
    job = wait_for_job(client, SITE, {"id": "j"}, timeout=1000, interval=4, sleep=sleeps.append, clock=lambda: 0.0)
    assert job_status(job) == "completed"
    assert sleeps[:3] == [4, 6, 9] and max(sleeps) == 10
    assert client.calls == 7


def test_wait_times_out_with_the_job_id_and_last_status():
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    client = FakeClient([{"id": "job-7", "started_at": "t"}] * 100)
    with pytest.raises(SdxError, match="job job-7 .* did not finish within 5 s \\(last status: running\\)"):
        wait_for_job(client, SITE, {"id": "job-7"}, timeout=5, interval=1, sleep=sleep, clock=lambda: now[0])


# --- jobs as the service itself may describe them --------------------------------------------------

@pytest.mark.parametrize("job, status", [
    ({"deleted_at": "2026-12-01T10:00:00Z"}, "cancelled"),
    ({"status": "deleted"}, "cancelled"),
    ({"status": "deleted", "completed_at": "2026-12-01T10:00:00Z"}, "cancelled"),
    ({"status": "busy"}, "running"),
    ({"status": "loaded"}, "running"),
    ({"status": "done"}, "completed"),
    ({"status": "fail"}, "failed"),
    ({"status": "pending", "completed_at": "2026-12-01T10:00:00Z"}, "completed"),
    ({"status": "something new"}, "pending"),
    ({}, "pending"),
])
def test_status_honours_deleted_at_and_status_words(job, status):
    assert job_status(job) == status


def test_a_cancelled_job_is_not_waited_for():
    client = FakeClient([{"id": "j", "deleted_at": "2026-12-01T10:00:00Z"}])
    job = wait_for_job(client, "s", {"id": "j"}, 600, 1.0, sleep=lambda s: None)
    assert job_status(job) == "cancelled" and client.calls == 1


class KeyedApi:
    """create_job against a service that drops the answer (or refuses the replay) after creating the job."""

    def __init__(self, error, listed):
        self.error = error
        self.listed = listed
        self.calls = []

    def post(self, path, **kwargs):
        self.calls.append(("POST", path))
        raise self.error

    def get_all(self, path, params=None):
        self.calls.append(("GET", path))
        return self.listed


PARAMS = dict(description="Set DNS", script="/ip dns set servers=1.1.1.1", make_backup=False, express_execute=False,
              needs_acknowledgement=True)
KEY = "0b6f7a52-5c1e-4f0e-9d6a-0e3c1b7f2a11"


@pytest.mark.parametrize("error", [
    SdxApiError("POST", "/site/s/job", 422, {"message": "The idempotency key has already been used."}),
    SdxApiError("POST", "/site/s/job", 409, {"message": "Conflict"}),
    SdxApiError("POST", "/site/s/job", 500, {"message": "Server Error"}),
    SdxConnectionError("POST /site/s/job failed: connection failed (RemoteDisconnected)"),
])
def test_after_any_error_on_a_keyed_create_the_job_with_the_key_is_adopted(error):
    listed = [dict(PARAMS, id="job-1", idempotency_key=KEY, should_backup=False)]
    api = KeyedApi(error, listed)
    assert create_job(api, "s", PARAMS, KEY)["id"] == "job-1"
    assert api.calls == [("POST", "/site/s/job"), ("GET", "/site/s/job")]


def test_a_key_that_names_other_content_is_a_clear_error_naming_the_job():
    listed = [dict(PARAMS, id="job-1", idempotency_key=KEY, script="/system reboot")]
    api = KeyedApi(SdxApiError("POST", "/site/s/job", 422, {"message": "The idempotency key has already been used."}), listed)
    with pytest.raises(SdxError, match="already names job job-1.*script"):
        create_job(api, "s", PARAMS, KEY)


def test_a_refused_replay_without_a_listed_job_says_the_key_is_used():
    api = KeyedApi(SdxApiError("POST", "/site/s/job", 422, {"message": "The idempotency key has already been used."}), [])
    with pytest.raises(SdxError, match="was already used on site s"):
        create_job(api, "s", PARAMS, KEY)
