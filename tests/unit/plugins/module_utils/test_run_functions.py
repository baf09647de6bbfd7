# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module's run function, in-process, against the simulator: the same path a task takes after the
action plugin has validated its arguments, without an ansible-playbook process around it.

Each change is made twice (the second run is `ok` with no writes) and planned in check mode first (no
writes either); the simulator's request log is the proof.
"""

from __future__ import annotations

import os

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.arguments import validate
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import execute
from ansible_collections.altostrat.sdx.plugins.module_utils.run.backup import BACKUP
from ansible_collections.altostrat.sdx.plugins.module_utils.run.command import COMMAND
from ansible_collections.altostrat.sdx.plugins.module_utils.run.config import CONFIG
from ansible_collections.altostrat.sdx.plugins.module_utils.run.facts import FACTS
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job import JOB
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job_info import JOB_INFO
from ansible_collections.altostrat.sdx.plugins.module_utils.run.site_info import SITE_INFO
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import


def run(sim, module_def, check_mode=False, diff=True, **args):  # pylint: disable=redefined-outer-name
    args = dict(api_url=sim.url, api_token=sim.token, rate_limit=0, poll_interval=0.1, **args)
    args = {name: value for name, value in args.items() if name in module_def.argument_spec}
    params, errors, _secrets = validate(module_def, args)
    assert errors == [], errors
    return execute(module_def, params, check_mode=check_mode, diff=diff)


def changes(sim):  # pylint: disable=redefined-outer-name
    """Requests that could change something: every non-GET but the synchronous reads."""
    return [e for e in sim.writes() if not e["path"].startswith("/api/synchronous/")]


@pytest.fixture
def site(sim):  # pylint: disable=redefined-outer-name
    sim.clear_requests()
    return sim.site_ids(online=True)[0]


def test_site_info_lists_and_filters(sim):  # pylint: disable=redefined-outer-name
    everything = run(sim, SITE_INFO)["sites"]
    online = run(sim, SITE_INFO, online=True)["sites"]
    assert len(everything) == 5 and 0 < len(online) < 5 and all(s["has_pulse"] for s in online)
    named = run(sim, SITE_INFO, name=everything[0]["name"])["sites"]
    assert [s["id"] for s in named] == [everything[0]["id"]]


def test_facts_are_typed_and_read_only(sim, site):  # pylint: disable=redefined-outer-name
    result = run(sim, FACTS, site_id=site)
    facts = result["ansible_facts"]
    identity = run(sim, COMMAND, site_id=site, command="/system/identity/print")["data"][0]["name"]
    assert facts["ansible_net_hostname"] == identity and result["changed"] is False
    assert isinstance(facts["ansible_net_interfaces"], dict) and facts["ansible_net_interfaces"]
    assert changes(sim) == []


def test_command_reads_and_check_mode_does_not_send_a_write(sim, site):  # pylint: disable=redefined-outer-name
    read = run(sim, COMMAND, site_id=site, command="/ip/address/print")
    assert read["read"] and read["sent"] and read["changed"] is False and read["data"]
    planned = run(sim, COMMAND, check_mode=True, site_id=site, command="/system/identity/set",
                  parameters=["=name=renamed"])
    assert planned["sent"] is False and planned["changed"] is True
    assert sim.writes() == [e for e in sim.writes() if "identity/set" not in str(e.get("body"))]


def test_a_job_is_planned_queued_once_and_then_ok(sim, site):  # pylint: disable=redefined-outer-name
    options = dict(site_id=site, description="in-process job", script="/ip dns set cache-size=4096KiB", wait_timeout=30)
    planned = run(sim, JOB, check_mode=True, **options)
    assert planned["changed"] is True and planned["plan"][0]["would_change"] == "yes" and changes(sim) == []
    applied = run(sim, JOB, **options)
    assert applied["changed"] is True and applied["status"] == "completed"
    written = len(changes(sim))
    again = run(sim, JOB, **options)
    assert again["changed"] is False and len(changes(sim)) == written == 1
    info = run(sim, JOB_INFO, site_id=site, job_id=applied["job_id"], wait=True)
    assert info["job"]["status"] == "completed"


def test_config_plans_applies_and_converges(sim, site):  # pylint: disable=redefined-outer-name
    options = dict(site_id=site, path="/ip/firewall/address-list", keys=["list", "address"], wait_timeout=30,
                   entries=[{"list": "in-process", "address": "192.0.2.10", "comment": "one"},
                            {"list": "in-process", "address": "192.0.2.11"}])
    planned = run(sim, CONFIG, check_mode=True, **options)
    assert [change["action"] for change in planned["plan"]] == ["add", "add"] and changes(sim) == []
    applied = run(sim, CONFIG, **options)
    assert applied["changed"] is True and applied["script"] == planned["script"]
    written = len(changes(sim))
    again = run(sim, CONFIG, **options)
    assert again["changed"] is False and again["plan"] == [] and len(changes(sim)) == written
    gathered = run(sim, CONFIG, site_id=site, path="/ip/firewall/address-list", state="gathered")["gathered"]
    assert {"list": "in-process", "address": "192.0.2.10", "comment": "one"} in gathered


def test_menus_on_an_offline_site_with_if_offline_skip_are_skipped_not_planned(sim):  # pylint: disable=redefined-outer-name
    offline = sim.site_ids(online=False)[0]
    menus = [dict(path="/ip/dns", entries={"servers": "1.1.1.1"}), dict(path="/system/clock", entries={"time-zone-name": "UTC"})]
    result = run(sim, CONFIG, check_mode=True, site_id=offline, menus=menus, if_offline="skip")
    assert result["skipped"] is True and result["changed"] is False and "skipped" in result["msg"], result
    assert [menu.get("skipped") for menu in result["menus"]] == [True, True]


def test_backup_is_requested_listed_and_fetched_once(sim, site, tmp_path):  # pylint: disable=redefined-outer-name
    assert run(sim, BACKUP, check_mode=True, site_id=site)["changed"] is True and changes(sim) == []
    requested = run(sim, BACKUP, site_id=site, wait_timeout=30)
    assert requested["backup"]["filename"]
    listed = run(sim, BACKUP, site_id=site, operation="list")["backups"]
    assert requested["backup"]["filename"] in [b["filename"] for b in listed]
    dest = str(tmp_path)
    fetched = run(sim, BACKUP, site_id=site, operation="fetch", dest=dest, filename=requested["backup"]["filename"])
    assert fetched["changed"] is True and os.path.getsize(fetched["dest"]) > 0
    again = run(sim, BACKUP, site_id=site, operation="fetch", dest=dest, filename=requested["backup"]["filename"])
    assert again["changed"] is False


def test_a_rule_in_the_spec_fails_before_any_request(sim):  # pylint: disable=redefined-outer-name
    site_id = sim.site_ids()[0]
    sim.clear_requests()
    for module_def, args, named in [(BACKUP, dict(operation="fetch"), "dest"), (CONFIG, dict(path="/ip/dns"), "entries"),
                                    (JOB, dict(state="absent"), "job_id"), (JOB_INFO, dict(wait=True), "job_id"),
                                    (JOB_INFO, dict(wait_timeout=0), "wait_timeout"),
                                    (CONFIG, dict(menus=[dict(path="/ip/dns", entries={}), dict(name="x")]),
                                     "menus[1] needs path and entries"),
                                    (CONFIG, dict(menus=[dict(path="/ip/dns", entries={}, entires=[])]),
                                     "menus.entires (did you mean entries?)")]:
        args = dict(args, api_url=sim.url, api_token=sim.token, site_id=site_id)
        _params, errors, _secrets = validate(module_def, args)
        assert errors and named in errors[0], (module_def.name, errors)
    assert sim.requests() == []


def test_an_unknown_site_is_named(sim):  # pylint: disable=redefined-outer-name
    missing = "00000000-0000-4000-8000-000000000000"
    for module_def, args in [(FACTS, {}), (JOB_INFO, {}), (BACKUP, dict(operation="list"))]:
        with pytest.raises(SdxError, match="site %s was not found" % missing):
            run(sim, module_def, site_id=missing, **args)
