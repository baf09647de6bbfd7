# SPDX-License-Identifier: GPL-3.0-or-later
"""Jobs through the asynchronous API: one per content from this controller, found before SDX lists them."""

from __future__ import annotations

from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.async_jobs import find_async, listed_job, queue_async

PARAMS = dict(description="Hook job", script="/log info x", make_backup=False, express_execute=False,
              needs_acknowledgement=False, notify_url="https://hooks.example/a")


class AsyncApi:
    """Accepts asynchronous jobs and lists each one only after `lag` list calls (or never, with lag None)."""

    def __init__(self, tmp_path, lag=0):
        self.tmp_path = tmp_path
        self.lag = lag
        self.jobs = []
        self.posts = 0
        self.lists = 0

    def shared_state_path(self, kind):
        return str(self.tmp_path / ("state." + kind))

    def post(self, path, json_body=None, **kwargs):
        self.posts += 1
        key = "sdx-key-%d" % self.posts
        self.jobs.append(dict(json_body, id="job-%d" % self.posts, idempotency_key=key, listed_after=self.lists + (self.lag or 0),
                              never=self.lag is None, should_backup=False))
        return {"idempotency_key": key}  # the client gives the payload of {status, data}

    def get_all(self, path, params=None):
        self.lists += 1
        return [j for j in self.jobs if not j["never"] and self.lists > j["listed_after"]]


def test_a_job_listed_late_is_found_and_not_queued_twice(tmp_path):
    api = AsyncApi(tmp_path, lag=3)
    first, created = queue_async(api, "s", PARAMS, "content-1", sleep=lambda s: None)
    assert created and first["id"] == "job-1"
    second, created = queue_async(api, "s", PARAMS, "content-1", sleep=lambda s: None)
    assert not created and second["id"] == "job-1" and api.posts == 1


def test_a_job_never_listed_is_reported_with_a_warning_and_still_not_queued_again(tmp_path, monkeypatch):
    monkeypatch.setattr("ansible_collections.altostrat.sdx.plugins.module_utils.sdx.async_jobs.LISTING_WAIT", 0.0)
    api, warnings = AsyncApi(tmp_path, lag=None), []
    ticks = iter(range(0, 1000, 5))
    job = listed_job(api, "s", "k", warn=warnings.append, sleep=lambda s: None, clock=lambda: next(ticks))
    assert job["id"] is None and job["listed"] is False and "has not listed it" in warnings[0]
    queue_async(api, "s", PARAMS, "content-2", warn=warnings.append, sleep=lambda s: None)
    assert find_async(api, "s", PARAMS, "content-2")["idempotency_key"] == "sdx-key-1"
    queue_async(api, "s", PARAMS, "content-2", sleep=lambda s: None)
    assert api.posts == 1


def test_other_content_with_the_same_script_is_a_new_job(tmp_path):
    api = AsyncApi(tmp_path)
    queue_async(api, "s", PARAMS, "content-a", sleep=lambda s: None)
    job, created = queue_async(api, "s", dict(PARAMS, notify_url="https://hooks.example/b"), "content-b", sleep=lambda s: None)
    assert created and job["id"] == "job-2"


def test_a_job_made_elsewhere_with_the_same_content_is_adopted(tmp_path):
    api = AsyncApi(tmp_path)
    api.jobs.append(dict(PARAMS, id="job-x", idempotency_key="made-elsewhere", listed_after=0, never=False, should_backup=False))
    job, created = queue_async(api, "s", PARAMS, "content-c", sleep=lambda s: None)
    assert not created and job["id"] == "job-x" and api.posts == 0
