# SPDX-License-Identifier: GPL-3.0-or-later
"""The request budget: never more than the limit in any window, shared by threads and processes,
and what the server says (X-RateLimit-*, Retry-After) wins."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import threading
import time

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.rate_budget import RequestBudget
from tests.unit.fake_api import FakeApi, Reply

TOKEN = "alto_sk_budget_test_token_77"


class FakeTime:
    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def budget(tmp_path, limit=5, window=10.0, fake=None, url="https://api.example"):
    fake = fake or FakeTime()
    return RequestBudget(url, TOKEN, limit, window, state_dir=str(tmp_path), clock=fake.clock, sleep=fake.sleep), fake


def max_in_any_window(times, window):
    times = sorted(times)
    return max(sum(1 for t in times if start <= t < start + window) for start in times)


def test_never_more_than_the_limit_in_any_window(tmp_path):
    paced, fake = budget(tmp_path)
    sent = []
    for _count in range(23):
        paced.acquire()
        sent.append(fake.now)
    assert max_in_any_window(sent, 10.0) == 5
    # 23 requests at 5 per 10 s: the last goes out in the fifth window (each a little longer, for the slack)
    assert 40.0 <= sent[-1] - sent[0] <= 4 * (10.0 * 1.01 + 0.05) + 0.1


def test_a_burst_within_the_limit_waits_for_nothing(tmp_path):
    paced, fake = budget(tmp_path, limit=60, window=60.0)
    for _count in range(60):
        paced.acquire()
    assert fake.slept == []


def test_limit_zero_turns_pacing_off_and_writes_no_state(tmp_path):
    paced, fake = budget(tmp_path, limit=0)
    for _count in range(500):
        paced.acquire()
    assert fake.slept == [] and os.listdir(str(tmp_path)) == []


def test_the_state_file_names_no_token_and_only_its_owner_reads_it(tmp_path):
    paced, _fake = budget(tmp_path)
    paced.acquire()
    (path,) = [os.path.join(str(tmp_path), name) for name in os.listdir(str(tmp_path))]
    assert TOKEN not in path and TOKEN not in open(path, encoding="ascii").read()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_keys_and_api_urls_have_separate_budgets(tmp_path):
    fake = FakeTime()
    one, _fake = budget(tmp_path, limit=2, fake=fake)
    other = RequestBudget("https://api.example", TOKEN + "x", 2, 10.0, state_dir=str(tmp_path), clock=fake.clock, sleep=fake.sleep)
    elsewhere, _fake2 = budget(tmp_path, limit=2, fake=fake, url="https://other.example")
    for paced in (one, other, elsewhere, one, other, elsewhere):
        paced.acquire()
    assert fake.slept == []


def test_the_servers_limit_wins(tmp_path):
    paced, fake = budget(tmp_path, limit=60)
    paced.observe(200, {"X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "2"})
    for _count in range(3):
        paced.acquire()
    assert fake.slept != []


def test_remaining_below_our_count_means_others_use_the_key(tmp_path):
    paced, fake = budget(tmp_path, limit=10)
    paced.acquire()
    # the server saw 9 requests in this window; this controller sent one: the others' 8 count as sent now,
    # and this controller claims its part of the window, one in nine
    paced.observe(200, {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "1"})
    assert 1.0 <= state_of(paced)["share"] < 1.2
    paced.acquire()
    assert sum(fake.slept) >= 10.0


def test_a_429_holds_every_user_of_the_key_back(tmp_path):
    fake = FakeTime()
    first, _first_time = budget(tmp_path, limit=100, fake=fake)
    second, _second_time = budget(tmp_path, limit=100, fake=fake)
    first.observe(429, {"Retry-After": "7"})
    second.acquire()
    assert 7.0 <= sum(fake.slept) <= 7.5


def state_of(paced):
    with open(paced.path, encoding="ascii") as handle:
        return json.load(handle)


def test_while_others_spend_the_key_its_part_goes_out_evenly_spaced(tmp_path):
    paced, fake = budget(tmp_path, limit=30)
    for _count in range(2):
        paced.acquire()
    paced.observe(200, {"X-RateLimit-Limit": "30", "X-RateLimit-Remaining": "24"})  # 4 sent by others
    assert state_of(paced)["share"] == pytest.approx(30 * 2 / 6.0)  # its part of what the server counted
    sent = []
    for _count in range(4):
        paced.acquire()
        sent.append(fake.now)
    assert min(b - a for a, b in zip(sent, sent[1:])) >= paced.span / 10.0 - 1e-9
    assert max_in_any_window(sent + [1000.0, 1000.0], paced.span) <= 10 - 4  # with the others' 4: its share


def test_once_the_others_requests_leave_the_window_the_whole_limit_is_back(tmp_path):
    paced, fake = budget(tmp_path, limit=10)
    paced.acquire()
    paced.observe(200, {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "5"})
    fake.now += paced.span
    start = fake.now
    for _count in range(10):
        paced.acquire()
    assert fake.now == start  # a whole window's burst, no spacing
    paced.observe(200, {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"})
    assert "share" not in state_of(paced)


def test_a_429_its_own_requests_explain_leaves_the_whole_limit(tmp_path):
    paced, fake = budget(tmp_path, limit=10)
    for _count in range(10):
        paced.acquire()
    # a late arrival counted in the server's window: nobody else
    paced.observe(429, {"Retry-After": "1", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"})
    assert "share" not in state_of(paced) and state_of(paced)["others"] == []
    fake.now += paced.span
    start = fake.now
    for _count in range(10):
        paced.acquire()
    assert fake.now == start


def test_threads_share_one_budget(tmp_path):
    sent, lock = [], threading.Lock()

    def work():
        paced = RequestBudget("https://api.example", TOKEN, 10, 2.0, state_dir=str(tmp_path))
        for _count in range(8):
            paced.acquire()
            with lock:
                sent.append(time.monotonic())
    threads = [threading.Thread(target=work) for _count in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 32
    # stamps are taken just after acquire() returns: allow a scheduling delay of up to 0.2 s
    assert max_in_any_window(sent, 1.8) <= 10


def _process_worker(state_dir, out, count):
    paced = RequestBudget("https://api.example", TOKEN, 10, 2.0, state_dir=state_dir)
    stamps = []
    for _count in range(count):
        paced.acquire()
        stamps.append(time.time())
    with open(out, "w", encoding="ascii") as handle:
        json.dump(stamps, handle)


def test_processes_share_one_budget(tmp_path):
    outs = [str(tmp_path / ("out%d.json" % i)) for i in range(3)]
    procs = [multiprocessing.get_context("fork").Process(target=_process_worker, args=(str(tmp_path), out, 8)) for out in outs]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(30)
    sent = [t for out in outs for t in json.load(open(out, encoding="ascii"))]
    assert len(sent) == 24
    assert max_in_any_window(sent, 1.8) <= 10
    assert max(sent) - min(sent) >= 3.8   # 24 requests at 10 per 2 s need at least three windows


# --- the client under a rate limit ----------------------------------------------------------------------

def client(url, sleeps, **kwargs):
    return SdxClient(api_url=url, api_token=TOKEN, sleep=sleeps.append, retries=0, rate_limit=0, **kwargs)


def test_429_is_waited_out_beyond_the_retry_count():
    sleeps = []
    throttled = [Reply(429, {"message": "Too Many Attempts."}, headers={"Retry-After": "2"})] * 8
    with FakeApi(*throttled, Reply(200, [{"id": "a"}])) as api:
        assert client(api.url, sleeps).get("/sites") == [{"id": "a"}]
    assert sleeps == [2.0] * 8


def test_a_write_without_a_key_is_sent_again_after_a_429():
    sleeps = []
    with FakeApi(Reply(429, {"message": "Too Many Attempts."}, headers={"Retry-After": "1"}),
                 Reply(202, {"status": "success", "data": {"idempotency_key": "k"}})) as api:
        answer = client(api.url, sleeps).post("/api/asynchronous/x", json_body={"script": "x"})
    assert answer["idempotency_key"] == "k" and len(api.received) == 2


def test_a_limit_that_never_passes_fails_clearly_in_the_end(monkeypatch):
    from ansible_collections.altostrat.sdx.plugins.module_utils.transport import client as client_module
    monkeypatch.setattr(client_module, "RATE_LIMIT_PATIENCE", 10.0)
    sleeps = []
    with FakeApi(Reply(429, {"message": "Too Many Attempts."}, headers={"Retry-After": "3"})) as api:
        with pytest.raises(SdxError, match="rate limited for 12 s in all"):
            client(api.url, sleeps).get("/sites")
    assert sleeps == [3.0, 3.0, 3.0]


def test_the_client_paces_by_the_servers_headers(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    sleeps = []
    headers = {"X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "1"}
    with FakeApi(Reply(200, [], headers=headers)) as api:
        paced = SdxClient(api_url=api.url, api_token=TOKEN, sleep=sleeps.append, rate_limit=60, rate_window=0.2)
        for _count in range(3):
            paced.get("/sites")
    assert sleeps, "the third request in one window should have waited"


@pytest.mark.parametrize("kwargs, message", [(dict(rate_limit=-1), "rate_limit must be 0"),
                                             (dict(rate_window=0), "rate_window must be a positive")])
def test_bad_budget_settings_are_refused(kwargs, message):
    with pytest.raises(SdxError, match=message):
        SdxClient(api_url="https://api.example", api_token=TOKEN, **kwargs)


def test_a_non_429_error_is_still_raised_as_it_is():
    with FakeApi(Reply(403, {"message": "This action is unauthorized."})) as api:
        with pytest.raises(SdxApiError, match="HTTP 403"):
            client(api.url, []).get("/tags")
