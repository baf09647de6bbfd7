# SPDX-License-Identifier: GPL-3.0-or-later
"""execute_fleet: one module function over many sites, each with its own result."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute, ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.fleet import HOSTS, plan_batches, run_fleet, stage_stops
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import fleet_options

IDS = ["00000000-0000-4000-8000-%012d" % n for n in range(1, 8)]


def module(run):
    return ModuleDef(name="probe", options=fleet_options(), run=run)


def params(**extra):
    base = dict(site_ids=IDS, concurrency=3, api_url="http://127.0.0.1:9", api_token="t", validate_certs=True,
                ca_path=None, timeout=5.0, retries=0)
    base.update(extra)
    return base


def test_every_site_gets_its_own_result_at_most_concurrency_at_a_time():
    lock = threading.Lock()
    running = []
    peak = []

    def run(p, ctx):
        with lock:
            running.append(p["site_id"])
            peak.append(len(running))
        threading.Event().wait(0.02)
        with lock:
            running.remove(p["site_id"])
        assert ctx.parallel_reads == 1  # the sites are the concurrency
        return dict(changed=p["site_id"] == IDS[2], seen=p["site_id"])

    result = execute(module(run), params(site_ids=IDS + IDS[:2]))  # repeated ids are worked on once
    assert list(result["per_site"]) == IDS
    assert all(result["per_site"][s]["seen"] == s for s in IDS)
    assert result["changed"] is True and result["failed_sites"] == []
    assert max(peak) == 3


def test_diffs_are_collected_with_the_site_in_their_headers_and_warnings_summarised():
    def run(p, ctx):
        ctx.warn("careful")
        return dict(diff=[dict(before_header="x", after_header="y", before="1", after="2")])

    result = execute(module(run), params(site_ids=IDS[:2]))
    assert [d["before_header"] for d in result["diff"]] == ["%s: x" % IDS[0], "%s: x" % IDS[1]]
    assert result["per_site"][IDS[0]]["warnings"] == ["careful"]
    assert result["warnings"] == ["2 site(s) have warnings; see per_site[<site id>].warnings: %s, %s" % (IDS[0], IDS[1])]


def test_one_failing_site_fails_the_task_after_the_others_ran():
    def run(p, ctx):
        if p["site_id"] == IDS[4]:
            raise SdxError("site %s is offline" % p["site_id"], status=503)
        return dict(changed=True)

    with pytest.raises(SdxError) as caught:
        execute(module(run), params())
    details = caught.value.details
    assert caught.value.msg == "1 of 7 sites failed (per_site[<site id>].msg says why); the first, %s: site %s is offline" % (IDS[4], IDS[4])
    assert details["failed_sites"] == [IDS[4]] and details["changed"] is True
    assert details["per_site"][IDS[4]] == dict(failed=True, msg="site %s is offline" % IDS[4], status=503)
    assert all(details["per_site"][s]["changed"] for s in IDS if s != IDS[4])


def test_the_same_refusal_everywhere_is_said_once():
    def run(p, ctx):
        raise SdxError("entries: bad")

    with pytest.raises(SdxError, match="^every site failed: entries: bad$"):
        execute(module(run), params())


@pytest.mark.parametrize("extra, message", [
    (dict(site_ids=["nope"]), "site_ids must be a UUID"),
    (dict(concurrency=0), "concurrency must be between 1 and 100"),
    (dict(concurrency=101), "concurrency must be between 1 and 100"),
])
def test_bad_fleet_settings_fail_before_any_site_is_worked_on(extra, message):
    calls = []
    with pytest.raises(SdxError, match=message):
        execute(module(lambda p, ctx: calls.append(p)), params(**extra))
    assert calls == []


def test_no_sites_is_nothing_to_do():
    assert execute(module(lambda p, ctx: {}), params(site_ids=[])) == dict(changed=False, per_site={}, failed_sites=[])


def test_options_naming_one_sites_objects_are_refused():
    bound = ModuleDef(name="probe", options=dict(fleet_options(), job_id=dict(type="str")), run=lambda p, ctx: {},
                      site_bound=("job_id",))
    with pytest.raises(SdxError, match="job_id cannot be used with site_ids or fleet: it names one site's job id"):
        execute(bound, params(job_id="x"))
    assert execute(bound, params(job_id=None))["failed_sites"] == []


def test_a_single_diff_entry_is_collected_too():
    result = execute(module(lambda p, ctx: dict(diff=dict(before="a", after="b"))), params(site_ids=IDS[:1]))
    assert result["diff"] == [dict(before="a", after="b", before_header="%s: " % IDS[0], after_header="%s: " % IDS[0])]


# Staged rollouts (batches, max_fail_percentage) and fleets of named hosts (fleet: true)

HOST_NAMES = ["router%02d" % n for n in range(1, 21)]
SITE_OF = dict(zip(HOST_NAMES, ["00000000-0000-4000-8000-%012d" % n for n in range(1, 21)]))


def host_targets(**extra):
    return [(name, params(site_id=SITE_OF[name], **extra)) for name in HOST_NAMES]


def staged(batches, limit=None, concurrency=5):
    return dict(batches=batches, max_fail_percentage=limit, concurrency=concurrency)


@pytest.mark.parametrize("count, batches, sizes", [
    (20, None, [20]),
    (20, [3], [3, 3, 3, 3, 3, 3, 2]),
    (20, [1, 5, "50%"], [1, 5, 10, 4]),
    (20, ["10%", "100%"], [2, 18]),
    (3, [5], [3]),
    (7, ["1%"], [1] * 7),  # a share is at least one site
    (0, [3], []),
    (0, None, []),
])
def test_batches_are_cut_as_a_plays_serial_cuts_them(count, batches, sizes):
    assert plan_batches(count, batches) == sizes


@pytest.mark.parametrize("failed, size, limit, stops", [
    (0, 3, None, False), (1, 3, None, True), (1, 3, 0, True),
    (1, 3, 33.4, False), (1, 3, 33.3, True), (2, 4, 50, False), (3, 4, 50, True), (4, 4, 100, False),
])
def test_a_stage_stops_the_rollout_when_its_failures_pass_the_threshold(failed, size, limit, stops):
    results = [dict(failed=True)] * failed + [dict(changed=True)] * (size - failed)
    assert stage_stops(results, limit) is stops


def test_the_third_canary_failing_stops_the_rollout_and_the_rest_are_not_attempted():
    ran = []
    lock = threading.Lock()

    def run(p, ctx):
        with lock:
            ran.append(p["site_id"])
        if p["site_id"] == SITE_OF["router03"]:
            raise SdxError("the job failed: no such item")
        return dict(changed=True)

    with pytest.raises(SdxError) as caught:
        run_fleet(module(run), host_targets(), staged([3, 5, "50%"]), HOSTS)
    assert sorted(ran) == sorted(SITE_OF[name] for name in HOST_NAMES[:3])
    details = caught.value.details
    assert caught.value.msg == ("the rollout stopped after stage 1 of 4: 1 of its 3 hosts failed (router03), more than "
                                "max_fail_percentage allows; 17 hosts not attempted; router03: the job failed: no such item")
    assert list(details["per_host"]) == HOST_NAMES
    assert details["failed_hosts"] == ["router03"] and details["not_attempted"] == HOST_NAMES[3:]
    assert all(details["per_host"][h]["not_attempted"] and details["per_host"][h]["skipped"] for h in HOST_NAMES[3:])
    assert details["per_host"]["router01"] == dict(changed=True, site_id=SITE_OF["router01"])
    assert details["changed"] is True


def test_failures_under_the_threshold_let_the_rollout_finish_and_then_fail_the_task():
    def run(p, ctx):
        if p["site_id"] in (SITE_OF["router02"], SITE_OF["router09"]):
            raise SdxError("offline")
        return dict(changed=False)

    with pytest.raises(SdxError) as caught:
        run_fleet(module(run), host_targets(), staged([5], limit=20), HOSTS)
    assert caught.value.msg.startswith("2 of 20 hosts failed (per_host[<host>].msg says why); the first, router02: ")
    assert "not_attempted" not in caught.value.details


def test_stages_run_one_after_another():
    order = []

    def run(p, ctx):
        order.append(p["site_id"])
        return {}

    run_fleet(module(run), host_targets(), staged([1, 2, "25%"], concurrency=1), HOSTS)
    assert order == [SITE_OF[name] for name in HOST_NAMES]


def test_check_mode_plans_every_host_in_one_stage_whatever_fails():
    seen = []

    def run(p, ctx):
        seen.append(p["site_id"])
        if p["site_id"] == SITE_OF["router01"]:
            raise SdxError("offline")
        return dict(changed=ctx.check_mode)

    with pytest.raises(SdxError) as caught:
        run_fleet(module(run), host_targets(), staged([1]), HOSTS, check_mode=True)
    assert len(seen) == 20 and "not_attempted" not in caught.value.details
    assert caught.value.msg.startswith("1 of 20 hosts failed")


def test_a_host_whose_arguments_were_refused_fails_alone_and_counts_in_its_stage():
    targets = host_targets()
    targets[1] = ("router02", SdxError("router02 has no altostrat_site_id host variable: it is not an SDX site"))
    with pytest.raises(SdxError) as caught:
        run_fleet(module(lambda p, ctx: {}), targets, staged([2, "100%"]), HOSTS)
    details = caught.value.details
    assert details["per_host"]["router02"] == dict(failed=True, msg=targets[1][1].msg)
    assert details["not_attempted"] == HOST_NAMES[2:]


def test_diffs_and_warnings_name_the_hosts():
    def run(p, ctx):
        ctx.warn("careful")
        return dict(diff=dict(before_header="/ip/dns", after_header="/ip/dns", before="a", after="b"))

    result = run_fleet(module(run), host_targets()[:2], dict(concurrency=2), HOSTS)
    assert [d["before_header"] for d in result["diff"]] == ["router01: /ip/dns", "router02: /ip/dns"]
    assert result["warnings"] == ["2 host(s) have warnings; see per_host[<host>].warnings: router01, router02"]


@pytest.mark.parametrize("settings, message", [
    (dict(batches=[0]), r"batches\[0\] must be a number of sites from 1"),
    (dict(batches=["x"]), r"batches\[0\] must be"),
    (dict(batches=[2, "120%"]), r"batches\[1\] must be"),
    (dict(batches=[True]), r"batches\[0\] must be"),
    (dict(batches=[1], max_fail_percentage=101), "max_fail_percentage must be between 0 and 100"),
])
def test_bad_stages_fail_before_any_host_is_worked_on(settings, message):
    calls = []
    with pytest.raises(SdxError, match=message):
        run_fleet(module(lambda p, ctx: calls.append(p)), host_targets(), settings, HOSTS)
    assert calls == []


def test_max_fail_percentage_needs_batches_and_fleet_excludes_site_ids():
    from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import validate
    probe = module(lambda p, ctx: {})
    _params, errors, _secrets = validate(probe, dict(site_ids=IDS, max_fail_percentage=10))
    assert any("max_fail_percentage" in e and "batches" in e for e in errors), errors
    _params, errors, _secrets = validate(probe, dict(site_ids=IDS, fleet=True))
    assert any("mutually exclusive" in e for e in errors), errors


def test_the_module_door_refuses_fleet():
    with pytest.raises(SdxError, match="fleet works through the action plugin"):
        execute(module(lambda p, ctx: {}), params(site_ids=None, fleet=True))
