# SPDX-License-Identifier: GPL-3.0-or-later
"""execute_fleet: one module function over many sites, each with its own result."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute, ModuleDef
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
