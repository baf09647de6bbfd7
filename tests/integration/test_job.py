# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_job through ansible-playbook: exactly once, backed up, waited for, planned from reads."""

from __future__ import annotations

import json

import pytest

from tests.integration.playbook import mutating_requests, run_playbook

SCRIPT = """/ip dns set servers=1.1.1.1,9.9.9.9
/ip address
add address=192.168.99.1/24 interface=bridge comment="guest \\"net\\""
"""


# Each test gets its own description, so its jobs get their own keys on the shared simulator.
DESCRIPTION = {"text": "DNS and guest address"}


@pytest.fixture(autouse=True)
def own_description(request):
    DESCRIPTION["text"] = ("job test " + request.node.name)[:100]


def job_play(site, **args):
    options = dict(site_id=site, description=DESCRIPTION["text"], script=SCRIPT, make_backup=True)
    options.update(args)
    options = {k: v for k, v in options.items() if v is not None}
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: job
      altostrat.sdx.altostrat_job: %s
""" % json.dumps(options)


@pytest.fixture
def site(fresh_log):
    site_id = fresh_log.site_ids(online=True)[0]
    fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()
    return site_id


def job_posts(sim):
    return [r for r in mutating_requests(sim.requests()) if r["path"].endswith("/job")]


def our_jobs(sim, site):
    """This test's jobs on the site (the simulator is shared by the module's tests)."""
    return [job for job in sim.jobs(site) if job["description"] == DESCRIPTION["text"]]


def test_first_run_queues_one_backed_up_job_and_waits_second_run_changes_nothing(fresh_log, site):
    first = run_playbook(job_play(site), fresh_log)
    assert first.rc == 0, first.output
    result = first.task("job")["result"]
    assert result["changed"] is True and result["status"] == "completed"
    assert result["backup"] and result["backup"].startswith(site + "/")
    assert len(job_posts(fresh_log)) == 1
    assert len(our_jobs(fresh_log, site)) == 1
    assert fresh_log.requests(method="POST", path="/job$")[0]["headers"]["x-backup"] == "true"

    fresh_log.clear_requests()
    second = run_playbook(job_play(site), fresh_log)
    assert second.rc == 0, second.output
    assert second.task("job")["status"] == "ok"
    assert [e["would_change"] for e in second.task("job")["result"]["plan"]] == ["no", "no"]
    assert mutating_requests(fresh_log.requests()) == []
    assert len(our_jobs(fresh_log, site)) == 1


def test_the_script_really_ran_on_the_router(fresh_log, site):
    run_playbook(job_play(site), fresh_log)
    export = fresh_log.export(site)
    assert "servers=1.1.1.1,9.9.9.9" in export
    assert 'comment="guest \\"net\\""' in export


def test_check_mode_writes_nothing_and_its_plan_is_what_apply_does(fresh_log, site):
    check = run_playbook(job_play(site), fresh_log, check=True, diff=True)
    assert check.rc == 0, check.output
    result = check.task("job")["result"]
    assert result["changed"] is True
    assert [e["would_change"] for e in result["plan"]] == ["yes", "yes"]
    assert mutating_requests(fresh_log.requests()) == []
    assert our_jobs(fresh_log, site) == []
    assert "servers=1.1.1.1,9.9.9.9" in check.stdout  # the diff shows the after state

    apply = run_playbook(job_play(site), fresh_log)
    assert apply.task("job")["result"]["plan"] == result["plan"]
    fresh_log.clear_requests()
    after = run_playbook(job_play(site), fresh_log, check=True)
    assert after.task("job")["result"]["changed"] is False
    assert mutating_requests(fresh_log.requests()) == []


def test_check_mode_reads_each_menu_once(fresh_log, site):
    script = "/ip address add address=10.0.0.1/24 interface=bridge\n/ip address add address=10.0.1.1/24 interface=bridge\n" \
             "/ip dns set servers=1.1.1.1\n/ip dns set allow-remote-requests=yes"
    run_playbook(job_play(site, script=script), fresh_log, check=True)
    commands = [json.loads(r["body"])["command"] for r in fresh_log.requests(path="/api/synchronous/")]
    assert sorted(commands) == ["/ip/address/print", "/ip/dns/print"]


def test_unknown_commands_are_reported_and_warned_in_check_mode(fresh_log, site):
    run = run_playbook(job_play(site, script=':log info "hello"\n/system identity set name=x'), fresh_log, check=True)
    result = run.task("job")["result"]
    assert [e["would_change"] for e in result["plan"]] == ["unknown", "yes"]
    assert any(":log info" in w for w in result.get("warnings", []))
    assert mutating_requests(fresh_log.requests()) == []


def test_a_failing_script_fails_the_task_with_routeros_message(fresh_log, site):
    run = run_playbook(job_play(site, script="/ip address add address=10.9.9.1/24 interface=no-such-port",
                                make_backup=False), fresh_log)
    assert run.rc != 0
    msg = run.task("job")["result"]["msg"]
    assert "failed" in msg and "input does not match any value of interface" in msg
    assert run.task("job")["result"]["job_id"] in msg


def test_no_wait_returns_pending_and_cancel_removes_it(fresh_log, site):
    fresh_log.set_online(site, False)
    try:
        queued = run_playbook(job_play(site, wait=False, make_backup=False, script="/system identity set name=later"), fresh_log)
        assert queued.rc == 0, queued.output
        result = queued.task("job")["result"]
        assert result["status"] == "pending" and result["changed"] is True
        assert any("offline" in w for w in result.get("warnings", []))
        cancel = run_playbook(job_play(site, state="absent", script=None, description=None, make_backup=None,
                                       idempotency_key=result["idempotency_key"]), fresh_log)
        assert cancel.rc == 0, cancel.output
        assert cancel.task("job")["result"]["status"] == "cancelled"
        # gone from the list (as documented), or listed as cancelled (as the older job object shows it)
        assert all(job.get("deleted_at") for job in our_jobs(fresh_log, site))
        again = run_playbook(job_play(site, state="absent", script=None, description=None, make_backup=None,
                                      idempotency_key=result["idempotency_key"]), fresh_log)
        assert again.task("job")["status"] == "ok"
    finally:
        fresh_log.set_online(site, True)


def test_wait_timeout_fails_with_the_job_id_and_status(fresh_log, site):
    fresh_log.set_online(site, False)
    try:
        run = run_playbook(job_play(site, wait_timeout=1, poll_interval=0.2, make_backup=False,
                                    script="/system identity set name=never"), fresh_log)
        assert run.rc != 0
        msg = run.task("job")["result"]["msg"]
        assert "did not finish within 1" in msg and "last status: pending" in msg
        (job,) = our_jobs(fresh_log, site)
        assert job["id"] in msg
    finally:
        fresh_log.set_online(site, True)


@pytest.mark.parametrize("fault", [
    dict(status=429, retry_after="1", count=2),
    dict(status=503, count=2),
    dict(drop=True, count=1),
])
def test_a_job_is_created_exactly_once_under_faults(fresh_log, site, fault):
    fresh_log.fault(method="POST", path="/job$", **fault)
    run = run_playbook(job_play(site, make_backup=False, script="/system identity set name=once-%s" % fault.get("status", "drop")),
                       fresh_log)
    assert run.rc == 0, run.output
    assert len(our_jobs(fresh_log, site)) == 1
    assert len(job_posts(fresh_log)) >= 2


@pytest.mark.parametrize("args, message", [
    (dict(description="ab"), "description must be 3 to 100 characters"),
    (dict(script=""), "script is required"),
    (dict(script="x" * 10001), "at most 10000"),
    (dict(idempotency_key="123"), "idempotency_key must be a UUID"),
    (dict(notify_url="http://example.com/x"), "notify_url must use https://"),
    (dict(site_id="nope"), "site_id must be a UUID"),
    (dict(site_id="00000000-0000-4000-8000-000000000000"), "was not found"),
    (dict(wait_timeout=0), "wait_timeout must be a positive"),
    (dict(state="absent", script=None), "needs job_id or idempotency_key"),
    (dict(state="gone"), "state"),
    (dict(make_backup="perhaps"), "make_backup"),
    (dict(description="x" * 101), "description must be 3 to 100 characters (got 101)"),
    (dict(description=None), "description"),
    (dict(script=None), "script"),
    (dict(script="x" * 2001, notify_url="https://example.com/hook"), "at most 2000 with notify_url"),
    (dict(notify_url="ftp://example.com/x"), "notify_url must be an https:// URL"),
    (dict(notify_url="http://10.0.0.5/x"), "plain http:// is allowed only to a loopback address"),
    (dict(poll_interval=-1), "poll_interval must be a positive"),
    (dict(wait_timeout="soon"), "wait_timeout"),
    (dict(job_id="7d1b1c4e-5f0a-4d8e-9a43-1f2e3d4c5b6a"), "mutually exclusive"),
    (dict(colour="blue"), "colour"),
    (dict(api_token="alto_sk_wrong"), "HTTP 401"),
    (dict(timeout=0), "timeout must be a positive"),
])
def test_bad_input_is_a_clear_error_and_queues_nothing(fresh_log, site, args, message):
    run = run_playbook(job_play(site, **args), fresh_log)
    assert run.rc != 0
    assert message in run.task("job")["result"]["msg"]
    assert mutating_requests(fresh_log.requests()) == []


def test_offline_site_queues_without_a_plan_and_says_so(fresh_log, site):
    fresh_log.set_online(site, False)
    try:
        run = run_playbook(job_play(site, wait=False, script="/ip dns set servers=9.9.9.9"), fresh_log, check=True)
        result = run.task("job")["result"]
        assert result["changed"] is True and "plan" not in result
        assert any("offline" in w for w in result["warnings"])
        assert mutating_requests(fresh_log.requests()) == []
    finally:
        fresh_log.set_online(site, True)


def test_notify_url_queues_through_the_asynchronous_api_once_and_notifies(fresh_log, site):
    from tests.unit.fake_api import FakeApi, Reply

    with FakeApi(Reply(200, {})) as receiver:
        hook = receiver.url + "/hook"
        script = "/system identity set name=notified"
        first = run_playbook(job_play(site, script=script, make_backup=False, notify_url=hook, poll_interval=0.2), fresh_log)
        assert first.rc == 0, first.output
        assert first.task("job")["result"]["status"] == "completed"
        assert [r["path"] for r in fresh_log.requests(method="POST", path="/api/asynchronous/")] == ["/api/asynchronous/%s" % site]
        again = run_playbook(job_play(site, script=script, make_backup=False, notify_url=hook, converge=False), fresh_log)
        assert again.rc == 0, again.output
        assert again.task("job")["result"]["changed"] is False
        assert len(fresh_log.requests(method="POST", path="/api/asynchronous/")) == 1
        assert len(our_jobs(fresh_log, site)) == 1
        statuses = [json.loads(r["body"]).get("status") for r in receiver.received]
    assert "completed" in statuses


def test_two_notify_url_runs_at_once_queue_one_job_and_a_new_notify_url_is_a_new_job(fresh_log, site):
    import concurrent.futures

    from tests.unit.fake_api import FakeApi, Reply

    with FakeApi(Reply(200, {})) as receiver:
        hook = receiver.url + "/hook"
        play = job_play(site, script="/system identity set name=twice", make_backup=False, notify_url=hook,
                        converge=False, wait=False)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda _n: run_playbook(play, fresh_log), range(2)))
        assert all(run.rc == 0 for run in runs), [run.output[-2000:] for run in runs]
        assert sorted(run.task("job")["result"]["changed"] for run in runs) == [False, True]
        assert len(fresh_log.requests(method="POST", path="/api/asynchronous/")) == 1

        other = run_playbook(job_play(site, script="/system identity set name=twice", make_backup=False,
                                      notify_url=hook + "?v=2", converge=False, wait=False), fresh_log)
        assert other.rc == 0, other.output
        assert other.task("job")["result"]["changed"] is True
        assert len(fresh_log.requests(method="POST", path="/api/asynchronous/")) == 2
