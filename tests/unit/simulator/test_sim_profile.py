# SPDX-License-Identifier: GPL-3.0-or-later
"""Choosing the realistic profile: the command line, the harness, the fixtures, the parts' building blocks."""

import argparse
import sqlite3
import subprocess
import sys

import pytest

from tests.simulator import realism as realistic
from tests.simulator.harness import REPO_ROOT, Simulator
from tests.simulator.pytest_fixtures import realistic_sim, sim_factory  # noqa: F401  pylint: disable=unused-import
from tests.simulator.ratelimit import RateLimiter
from tests.simulator.store import Store


def parse(*argv):
    parser = argparse.ArgumentParser()
    realistic.add_arguments(parser)
    return realistic.from_args(parser.parse_args(list(argv)))


def test_command_line_profiles_and_parts():
    assert parse()[0].parts == set()
    assert parse("--profile", "realistic")[0].parts == set(realistic.PARTS)
    assert parse("--realistic", "rate_limit, laravel_errors")[0].parts == {"rate_limit", "laravel_errors"}
    assert parse("--profile", "realistic", "--no-realistic", "checkins,rate_limit")[0].parts == \
        set(realistic.PARTS) - {"checkins", "rate_limit"}
    assert parse("--realistic", "all")[0].parts == set(realistic.PARTS)


def test_rate_limit_switch_and_options():
    chosen = parse("--rate-limit", "60")[0]
    assert chosen.parts == {"rate_limit"} and chosen["rate_limit"] == 60
    assert parse("--profile", "realistic", "--rate-limit", "0")[0].parts == set(realistic.PARTS) - {"rate_limit"}
    chosen, limited = parse("--realism", "offline_sync=504", "--realism", "rate_window=2.5",
                            "--limited-token", "alto_sk_ro=sites:read,jobs:read")
    assert chosen["offline_sync"] == "504" and chosen["rate_window"] == 2.5
    assert limited == {"alto_sk_ro": frozenset({"sites:read", "jobs:read"})}


@pytest.mark.parametrize("argv, words", [
    (("--realistic", "rate_limits"), "unknown realistic part"),
    (("--realism", "offline_sync=maybe"), "must be one of"),
    (("--realism", "nothing=1"), "unknown realism option"),
    (("--realism", "page_size"), "name=value"),
    (("--realism", "timezone=Mars/Olympus"), "unknown time zone"),
    (("--realism", "async_unlisted=2"), "probability"),
    (("--limited-token", "alto_sk_x=sites:write"), "unknown permission"),
    (("--rate-limit", "-1"), "--rate-limit"),
])
def test_command_line_mistakes_are_named(argv, words):
    with pytest.raises(realistic.RealismError, match=words):
        parse(*argv)


def test_simulator_refuses_an_unknown_part_at_start():
    done = subprocess.run([sys.executable, "-m", "tests.simulator", "--realistic", "nope"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 2 and "unknown realistic part(s): nope" in done.stderr


def test_harness_command_line():
    sim = Simulator(profile="realistic", realistic="rate_limit", no_realistic=["checkins"], rate_limit=30,
                    realism={"rate_window": 2}, limited_tokens={"alto_sk_ro": ["sites:read"]})
    try:
        assert sim.realism_args() == ["--profile", "realistic", "--realistic", "rate_limit", "--no-realistic",
                                      "checkins", "--rate-limit", "30", "--realism", "rate_window=2",
                                      "--limited-token", "alto_sk_ro=sites:read"]
        assert Simulator().realism_args() == []
    finally:
        sim.close()


def test_laravel_bodies():
    assert realistic.laravel_error(400, "parameter_missing", "x", "description") == (
        422, {"message": "The description field is required.", "errors": {"description": ["The description field is required."]}})
    assert realistic.laravel_error(500, "internal_server_error", "boom") == (500, {"message": "Server Error"})
    assert realistic.laravel_error(404, "resource_missing", "site x not found", laravel_message="No query results") == (
        404, {"message": "No query results"})


def test_php_dates():
    stamp = 1761739510  # 2025-10-29T12:05:10Z
    assert realistic.php_date(stamp, "d/m/Y", "Africa/Johannesburg") == "29/10/2025"
    assert realistic.php_date(stamp, "H:i", "Africa/Johannesburg") == "14:05"
    assert realistic.php_date(stamp, "j M Y, g", "UTC") == "29 Oct 2025, g"
    assert realistic.php_date(stamp, "n/j/y h:i a", "America/New_York") == "10/29/25 08:05 am"


@pytest.mark.parametrize("method, route, permission", [
    ("GET", "/sites", "sites:read"), ("GET", "/site-minimal", "sites:read"), ("GET", "/tags", "tags:read"),
    ("GET", "/site/{site_id}/job", "jobs:read"), ("POST", "/sites/{site_id}/jobs", "jobs:write"),
    ("DELETE", "/site/{site_id}/job/{job_id}", "jobs:write"), ("POST", "/api/synchronous/{site_id}", "scripts:write"),
    ("GET", "/backup/{site_id}/{filename}", "backups:read"), ("POST", "/sites/{site_id}/backups", "backups:write"),
])
def test_permissions_by_route(method, route, permission):
    assert realistic.required_permission(method, route) == permission


def test_rate_windows_open_at_the_first_request():
    chosen = realistic.Realism({"rate_limit"}, {"rate_limit": 2, "rate_window": 10})
    limiter = RateLimiter(chosen, {"a": "default", "b": "default"})
    assert [limiter.hit("a", "ip", at)[0] for at in (100.0, 101.0, 109.9)] == [True, True, False]
    allowed, headers = limiter.hit("a", "ip", 109.0)
    assert not allowed and dict(headers)[b"retry-after"] == b"1"
    assert limiter.hit("a", "ip", 110.0) == (True, [(b"x-ratelimit-limit", b"2"), (b"x-ratelimit-remaining", b"1")])
    assert limiter.hit("", "10.0.0.1", 110.0)[0] and limiter.key("", "10.0.0.1") == "ip:10.0.0.1"


def test_state_file_from_before_gains_the_new_job_columns(tmp_path):
    path = str(tmp_path / "old.sqlite")
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, site_id TEXT NOT NULL, "
                "kind TEXT NOT NULL DEFAULT 'script', idempotency_key TEXT NOT NULL, description TEXT NOT NULL, "
                "script TEXT NOT NULL, express_execute INTEGER NOT NULL, needs_acknowledgement INTEGER NOT NULL, "
                "should_backup INTEGER NOT NULL, associated_backup TEXT, created_at REAL NOT NULL, started_at REAL, "
                "completed_at REAL, failed_at REAL, finish_at REAL, finish_ok INTEGER, output TEXT, error TEXT, "
                "notify_url TEXT, UNIQUE (site_id, idempotency_key))")
    old.close()
    store = Store(path)
    try:
        columns = {row["name"] for row in store.db.execute("PRAGMA table_info(jobs)")}
        assert {"deleted_at", "visible_at", "stuck"} <= columns
    finally:
        store.close()


def test_the_whole_realistic_profile(realistic_sim):  # noqa: F811
    sim = realistic_sim
    health = sim.health()
    assert health["realistic"] == sorted(realistic.PARTS) and health["config"]["checkin_interval"] == 0.5
    answer = sim.api("GET", "/sites")
    assert answer.headers["X-RateLimit-Limit"] == "600"
    assert sim.api("GET", "/tags", token=realistic.NO_TAGS_TOKEN).json() == {"message": "This action is unauthorized."}
    site = sim.site_ids(online=True)[0]
    page = sim.api("GET", f"/site/{site}/job").json()
    assert page["meta"]["total"] == 20 and len(page["data"]) == 15 and page["links"]["next"]
    assert {job["status"] for job in page["data"]} == {"completed"}
    invalid = sim.api("POST", f"/site/{site}/job", headers={"X-Description": "x"}, data=":put a")
    assert invalid.status_code == 422 and set(invalid.json()) == {"message", "errors"}


def test_factory_starts_one_part_for_one_test(sim_factory):  # noqa: F811
    sim = sim_factory(sites=2, rate_limit=2, realism={"rate_window": 30})
    assert sim.realism_state()["parts"] == ["rate_limit"]
    assert [sim.api("GET", "/sites").status_code for _attempt in range(3)] == [200, 200, 429]
    sim.restart()  # the command line holds the profile: it survives a restart, the budget does not
    assert sim.realism_state()["parts"] == ["rate_limit"] and sim.api("GET", "/sites").status_code == 200


def test_profile_from_the_environment():
    from tests.simulator.pytest_fixtures import env_profile  # pylint: disable=import-outside-toplevel
    assert env_profile({}) == {}
    assert env_profile({"SDX_SIM_PROFILE": "realistic", "SDX_SIM_NO_REALISTIC": "checkins", "SDX_SIM_RATE_LIMIT": "60",
                        "SDX_SIM_REALISM": "rate_window=10,offline_sync=504"}) == {
        "profile": "realistic", "no_realistic": "checkins", "rate_limit": 60,
        "realism": {"rate_window": "10", "offline_sync": "504"}}
    assert env_profile({"SDX_SIM_REALISTIC": "rate_limit,laravel_errors"}) == {"realistic": "rate_limit,laravel_errors"}
