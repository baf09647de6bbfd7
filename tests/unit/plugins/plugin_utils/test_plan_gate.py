# SPDX-License-Identifier: GPL-3.0-or-later
"""The gate that holds an apply to the reviewed plan, in-process against the simulator: a router that changes in
the instant between the gate's check and the apply's own reads is refused with nothing queued; and the sentences
that name the first difference between two plan records."""

from __future__ import annotations

import json

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import validate
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute
from ansible_collections.altostrat.sdx.plugins.module_utils.run.config import CONFIG
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job import JOB
from ansible_collections.altostrat.sdx.plugins.plugin_utils import plan_gate
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_compare import first_difference
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import build_document, dumps, site_record
from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import

BLOCKLIST = dict(path="/ip/firewall/address-list", restrict={"list": "blocklist"}, handle_absent_entries="remove",
                 entries=[{"list": "blocklist", "address": "203.0.113.7"}])
SYSLOG = dict(description="Syslog", script="/system logging action set remote remote=192.0.2.50")


def params_of(sim, module_def, site_id, args):  # pylint: disable=redefined-outer-name
    params, errors, _secrets = validate(module_def, dict(args, api_url=sim.url, api_token=sim.token, rate_limit=0,
                                                         poll_interval=0.1, site_id=site_id))
    assert errors == [], errors
    return params


def reviewed_plan(tmp_path, sim, module_def, site_id, args):  # pylint: disable=redefined-outer-name
    """The plan a check run of one task on one host writes, as a file."""
    module = "altostrat.sdx." + module_def.name
    result = execute(module_def, params_of(sim, module_def, site_id, args), check_mode=True)
    record = site_record(module, "the task", args, result, site_id, True)
    path = tmp_path / "plan.json"
    path.write_text(dumps(build_document({"router": dict(site_id=site_id, site_name=None, records=[record])})),
                    encoding="utf-8")
    return plan_gate.Gate(str(path), module, "the task", args, "router", None)


def jobs_queued(sim):  # pylint: disable=redefined-outer-name
    return [e for e in sim.writes() if e["path"].endswith("/job")]


def changed_in_between(monkeypatch, sim, site_id, script):  # pylint: disable=redefined-outer-name
    """The router changes right after the gate's check-mode run, before the apply reads it."""
    real = plan_gate.run

    def run(module_def, params, check_mode, diff, before_queue=None):
        outcome = real(module_def, params, check_mode, diff, before_queue=before_queue)
        if check_mode:
            assert sim.run_script(site_id, script)["ok"]
        return outcome
    monkeypatch.setattr(plan_gate, "run", run)


def test_a_router_changed_between_the_check_and_the_apply_is_refused_with_nothing_queued(sim, tmp_path, monkeypatch):  # pylint: disable=redefined-outer-name
    site_id = sim.site_ids(online=True)[0]
    gate = reviewed_plan(tmp_path, sim, CONFIG, site_id, BLOCKLIST)
    changed_in_between(monkeypatch, sim, site_id, "/ip firewall address-list add list=blocklist address=198.51.100.1")
    sim.clear_requests()
    outcome = gate.execute(CONFIG, params_of(sim, CONFIG, site_id, BLOCKLIST))
    assert outcome["failed"] and outcome["refused_by_plan"]
    assert "the router changed between the check against the reviewed plan and the apply" in outcome["msg"]
    assert "entry address=198.51.100.1 list=blocklist of /ip/firewall/address-list was absent when reviewed, " \
           "is present now" in outcome["msg"]
    assert jobs_queued(sim) == []


def test_a_job_whose_router_changed_in_between_is_refused_too(sim, tmp_path, monkeypatch):  # pylint: disable=redefined-outer-name
    site_id = sim.site_ids(online=True)[1]
    gate = reviewed_plan(tmp_path, sim, JOB, site_id, SYSLOG)
    changed_in_between(monkeypatch, sim, site_id, "/system logging action set remote remote=192.0.2.1")
    sim.clear_requests()
    outcome = gate.execute(JOB, params_of(sim, JOB, site_id, SYSLOG))
    assert outcome["failed"] and "remote=192.0.2.1 now" in outcome["msg"], outcome["msg"]
    assert jobs_queued(sim) == []


def test_an_unchanged_router_is_applied_once(sim, tmp_path):  # pylint: disable=redefined-outer-name
    site_id = sim.site_ids(online=True)[2]
    gate = reviewed_plan(tmp_path, sim, CONFIG, site_id, BLOCKLIST)
    sim.clear_requests()
    outcome = gate.execute(CONFIG, params_of(sim, CONFIG, site_id, BLOCKLIST))
    assert outcome["changed"] and not outcome.get("failed"), outcome
    document = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [e["body"] for e in jobs_queued(sim)] == [document["hosts"]["router"]["tasks"][0]["script"]]
    sim.clear_requests()
    again = gate.execute(CONFIG, params_of(sim, CONFIG, site_id, BLOCKLIST))
    assert again["changed"] is False and jobs_queued(sim) == []


def record(changes, status="change", script="x", unknowns=()):
    return dict(changes=changes, status=status, script=script, unknowns=list(unknowns), error=None,
                fingerprints=dict(state="a", plan="b"))


def test_the_first_difference_is_named_in_the_engineers_terms():
    entry = dict(menu="/ip/firewall/address-list", entry={"list": "blocklist", "address": "203.0.113.9"})
    add = dict(entry, action="add", before=None, after={"list": "blocklist", "address": "203.0.113.9"})
    remove = dict(entry, action="remove", before={"list": "blocklist", "address": "203.0.113.9"}, after=None)
    dns = dict(menu="/ip/dns", entry={}, action="set", before={"servers": "8.8.8.8"}, after={"servers": "1.1.1.1"})
    name = "entry address=203.0.113.9 list=blocklist of /ip/firewall/address-list"
    assert first_difference(record([add]), record([])) == name + " was absent when reviewed, is present now"
    assert first_difference(record([]), record([add])) == name + " was present when reviewed, is absent now"
    assert first_difference(record([]), record([remove])).startswith(name + " was absent when reviewed, is present now")
    assert first_difference(record([dns]), record([dict(dns, before={"servers": "9.9.9.9"})])) == \
        "the settings of /ip/dns was servers=8.8.8.8 when reviewed, is servers=9.9.9.9 now"
    offline = record([], status="unknown", unknowns=[dict(line=None, command=None, reason="not planned: offline")])
    assert first_difference(offline, record([])) == "it was unknown when reviewed (not planned: offline), is change now"
    assert first_difference(record([dns]), record([dns])) is None
