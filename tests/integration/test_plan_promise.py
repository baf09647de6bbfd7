# SPDX-License-Identifier: GPL-3.0-or-later
"""A check-mode plan is a promise the apply keeps, also after the router drifts; a key names one job's
content; restrict never makes a duplicate; descriptions in any language arrive exactly."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.integration.playbook import mutating_requests, run_playbook

SCRIPT = "/ip dns set servers=1.1.1.1,9.9.9.9\n/system identity set name=promise-edge\n"


def play(module, **options):
    options = {k: v for k, v in options.items() if v is not None}
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: task
      altostrat.sdx.%s: %s
      ignore_errors: true
""" % (module, json.dumps(options, ensure_ascii=False))


@pytest.fixture
def site(fresh_log):
    site_id = fresh_log.site_ids(online=True)[0]
    fresh_log.reset(site_id, "default")
    fresh_log.clear_requests()
    return site_id


def run(sim, module, check=False, **options):
    result = run_playbook(play(module, **options), sim, check=check, diff=check)
    assert result.rc == 0, result.output[-3000:]
    return result.task("task")


def writes(sim):
    return mutating_requests(sim.requests())


def test_after_drift_check_mode_and_apply_agree_and_the_repair_happens_once(fresh_log, site):
    job = dict(site_id=site, description="Promise after drift", script=SCRIPT)
    first = run(fresh_log, "altostrat_job", **job)
    assert first["status"] == "changed"
    fresh_log.run_script(site, "/ip dns set servers=8.8.8.8")   # someone changes the router by hand

    fresh_log.clear_requests()
    planned = run(fresh_log, "altostrat_job", check=True, **job)
    assert planned["status"] == "changed"
    assert writes(fresh_log) == []
    applied = run(fresh_log, "altostrat_job", **job)
    assert applied["status"] == "changed", applied
    assert applied["result"]["job_id"] != first["result"]["job_id"]
    assert "servers=1.1.1.1,9.9.9.9" in fresh_log.export(site)

    for check in (True, False):   # and then nothing is due, in either mode, twice
        fresh_log.clear_requests()
        again = run(fresh_log, "altostrat_job", check=check, **job)
        assert again["status"] == "ok", again
        assert writes(fresh_log) == []
    assert len([j for j in fresh_log.jobs(site) if j["description"] == job["description"]]) == 2


def test_run_once_jobs_are_not_repeated_after_drift_and_check_mode_says_so(fresh_log, site):
    job = dict(site_id=site, description="Promise run once", script=SCRIPT, converge=False)
    assert run(fresh_log, "altostrat_job", **job)["status"] == "changed"
    fresh_log.run_script(site, "/ip dns set servers=8.8.8.8")
    fresh_log.clear_requests()
    planned = run(fresh_log, "altostrat_job", check=True, **job)
    applied = run(fresh_log, "altostrat_job", **job)
    assert (planned["status"], applied["status"]) == ("ok", "ok")
    assert writes(fresh_log) == []


def test_a_script_the_plan_cannot_read_is_queued_once_and_check_mode_agrees(fresh_log, site):
    script = ':foreach i in=[/ip address find] do={ :log info "seen $i" }\n'
    job = dict(site_id=site, description="Promise unknown", script=script)
    assert run(fresh_log, "altostrat_job", check=True, **job)["status"] == "changed"
    assert run(fresh_log, "altostrat_job", **job)["status"] == "changed"
    for check in (True, False):
        fresh_log.clear_requests()
        assert run(fresh_log, "altostrat_job", check=check, **job)["status"] == "ok"
        assert writes(fresh_log) == []


def test_an_explicit_key_reused_for_other_content_is_refused_and_nothing_is_lost_silently(fresh_log, site):
    key = str(uuid.uuid4())
    first = run(fresh_log, "altostrat_job", site_id=site, description="Promise key", script=SCRIPT, idempotency_key=key)
    assert first["status"] == "changed"
    fresh_log.clear_requests()
    for check in (True, False):
        other = run(fresh_log, "altostrat_job", check=check, site_id=site, description="Promise key",
                    script="/system identity set name=other-name\n", idempotency_key=key)
        assert other["status"] == "failed", other
        assert key in other["result"]["msg"] and first["result"]["job_id"] in other["result"]["msg"]
        assert "script" in other["result"]["msg"]
    assert writes(fresh_log) == []
    again = run(fresh_log, "altostrat_job", site_id=site, description="Promise key", script=SCRIPT, idempotency_key=key)
    assert again["status"] == "ok"


def test_restrict_fills_the_scope_so_there_is_never_a_duplicate(fresh_log, site):
    config = dict(site_id=site, path="/ip/dns/static", restrict={"comment": "managed"}, keys=["name"],
                  entries=[{"name": "nas.lan", "address": "192.168.88.20"}])
    assert run(fresh_log, "altostrat_config", **config)["status"] == "changed"
    for check in (True, False, False):
        fresh_log.clear_requests()
        assert run(fresh_log, "altostrat_config", check=check, **config)["status"] == "ok"
        assert writes(fresh_log) == []
    export = fresh_log.export(site)
    assert export.count("name=nas.lan") == 1 and 'comment=managed' in export


DESCRIPTIONS = ["Prix 5 € — mise à jour", "設定を更新する", "Обновить DNS-серверы", "تحديث الخوادم", "DNS 🙂 ✓",
                "Ελληνικά και 中文 mixed", "naïve café déjà vu"]


@pytest.mark.parametrize("description", DESCRIPTIONS)
def test_a_description_in_any_language_arrives_exactly_and_reruns_are_ok(fresh_log, site, description):
    script = "/system identity set name=%s\n" % ("u%08x" % (hash(description) & 0xffffffff))
    job = dict(site_id=site, description=description, script=script, converge=False)
    first = run(fresh_log, "altostrat_job", **job)
    assert first["status"] == "changed", first
    stored = [j for j in fresh_log.jobs(site) if j["id"] == first["result"]["job_id"]]
    assert stored and stored[0]["description"] == description
    assert first["result"]["job"]["description"] == description
    fresh_log.clear_requests()
    assert run(fresh_log, "altostrat_job", **job)["status"] == "ok"
    assert writes(fresh_log) == []
