# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan document: records from module results, fleet results split per site, fingerprints."""

from __future__ import annotations

import json

from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import (
    build_document, check_document, dumps, site_record, task_records)

SITE_A = "9c69345c-8d39-4786-9f17-8153c988c89a"
SITE_B = "86283936-0f3f-5162-a258-03d29bb4b90a"
CONFIG = "altostrat.sdx.altostrat_config"
JOB = "altostrat.sdx.altostrat_job"
DNS_ARGS = {"path": "/ip/dns", "entries": {"servers": ["1.1.1.1"]}}
DNS_RESULT = {
    "changed": True, "path": "/ip/dns", "script": "/ip dns\nset servers=1.1.1.1\n",
    "plan": [{"action": "set", "key": {}, "before": {"servers": "8.8.8.8"}, "after": {"servers": "1.1.1.1"},
              "line": "set servers=1.1.1.1"}],
}
LIST_RESULT = {
    "changed": True, "path": "/ip/firewall/address-list", "script": "/ip firewall address-list\nremove *3\n",
    "plan": [{"action": "remove", "key": {"list": "blocklist", "address": "192.0.2.9"}, "id": "*3",
              "before": {"list": "blocklist", "address": "192.0.2.9"}, "after": None, "line": "remove *3"}],
}
JOB_RESULT = {
    "changed": True, "idempotency_key": "5e012c74-d435-58dd-8efb-ee60e4cd5009",
    "plan": [
        {"command": "/ip dns set servers=1.1.1.1", "line": 1, "path": "/ip/dns", "action": "set", "would_change": "yes",
         "reason": "1 of 1 item(s) differ", "before": [{"servers": "8.8.8.8"}], "after": [{"servers": "1.1.1.1"}]},
        {"command": "/system ntp client set enabled=yes", "line": 2, "path": "/system/ntp/client", "action": "set",
         "would_change": "no", "reason": "already set", "before": [{"enabled": "true"}], "after": [{"enabled": "yes"}]},
        {"command": ":foreach i in=[/interface find] do={}", "line": 3, "path": None, "action": "script",
         "would_change": "unknown", "reason": "cannot predict: scripting (:foreach)"},
    ],
}
JOB_ARGS = {"description": "DNS", "script": "/ip dns set servers=1.1.1.1\n/system ntp client set enabled=yes\n"}


def record(module=CONFIG, args=None, result=None, site=SITE_A, check=True):
    return site_record(module, "task", DNS_ARGS if args is None else args, DNS_RESULT if result is None else result,
                       site, check)


def test_a_config_change_names_its_entry_by_key_properties_and_never_by_internal_id():
    found = record(args={"path": "/ip/firewall/address-list"}, result=LIST_RESULT)
    assert found["status"] == "change" and found["changed"] is True
    change = found["changes"][0]
    assert change["entry"] == {"list": "blocklist", "address": "192.0.2.9"}
    assert "id" not in change and "*3" not in json.dumps(change["entry"])
    assert change["before"] == {"list": "blocklist", "address": "192.0.2.9"} and change["after"] is None
    assert found["script"] == LIST_RESULT["script"]


def test_a_config_plan_decides_changed_even_when_the_task_says_otherwise():
    # a changed_when: false (as the drift report sets) does not hide what would change
    found = record(result=dict(DNS_RESULT, changed=False))
    assert found["changed"] is True and found["status"] == "change"
    clean = record(result=dict(DNS_RESULT, changed=False, plan=[], script=""))
    assert clean["changed"] is False and clean["status"] == "no_change" and clean["changes"] == []


def test_a_job_lists_what_would_change_what_cannot_be_predicted_and_the_script():
    found = record(JOB, JOB_ARGS, JOB_RESULT)
    assert found["status"] == "unknown" and found["changed"] is True
    assert [c["command"] for c in found["changes"]] == ["/ip dns set servers=1.1.1.1"]
    assert found["unknowns"] == [{"line": 3, "command": ":foreach i in=[/interface find] do={}",
                                  "reason": "cannot predict: scripting (:foreach)"}]
    assert found["script"] == JOB_ARGS["script"]


def test_a_job_that_would_queue_nothing_has_no_changes_and_no_script():
    found = record(JOB, JOB_ARGS, dict(JOB_RESULT, changed=False, msg="job 1 with this content is already pending"))
    assert found["status"] == "no_change" and found["changes"] == [] and found["script"] == ""


def test_a_job_for_an_unread_router_is_unknown_with_the_reason():
    warning = "site x is offline (SDX says so); so the plan is unknown for every command"
    found = record(JOB, JOB_ARGS, {"changed": True, "warnings": [warning], "idempotency_key": "k"})
    assert found["status"] == "unknown" and found["unknowns"][0]["reason"] == warning


def test_failures_and_module_skips_are_unknown_and_conditional_skips_are_not():
    failed = record(result={"failed": True, "msg": "site x is offline"})
    assert failed["status"] == "failed" and failed["error"] == "site x is offline"
    offline = record(result={"skipped": True, "msg": "site x is offline: skipped (if_offline=skip)", "path": "/ip/dns"})
    assert offline["status"] == "unknown" and "if_offline=skip" in offline["unknowns"][0]["reason"]
    condition = record(result={"skipped": True, "skip_reason": "Conditional result was False", "false_condition": "x"})
    assert condition["status"] == "skipped" and condition["unknowns"] == []


def test_a_fleet_result_becomes_one_record_per_site_under_its_inventory_host():
    result = {"changed": True, "per_site": {SITE_B: DNS_RESULT, SITE_A: {"failed": True, "msg": "offline"}},
              "failed_sites": [SITE_A]}
    found = task_records(CONFIG, "fleet", dict(DNS_ARGS, site_ids=[SITE_A, SITE_B]), result, None, True,
                         host="localhost", site_names={SITE_A: "hq"})
    assert [(host, site) for host, site, _r in found] == [(SITE_B, SITE_B), ("hq", SITE_A)]
    assert [r["status"] for _h, _s, r in found] == ["change", "failed"]
    assert all(r["fleet"] == "localhost" for _h, _s, r in found)
    # the same site planned by a per-host task with the same desired input has the same fingerprints
    alone = record(site=SITE_B)
    assert found[0][2]["fingerprints"] == alone["fingerprints"]


def test_the_input_fingerprint_follows_the_desired_state_and_not_the_connection():
    base = record()["fingerprints"]
    connection = record(args=dict(DNS_ARGS, api_token="alto_sk_x", timeout=5, api_url="https://x", wait=False))
    assert connection["fingerprints"] == base
    other = record(args=dict(DNS_ARGS, entries={"servers": ["9.9.9.9"]}))["fingerprints"]
    assert other["input"] != base["input"] and other["plan"] == base["plan"]
    assert record(site=SITE_B)["fingerprints"]["input"] != base["input"]


def test_the_state_and_plan_fingerprints_follow_what_the_router_holds():
    base = record()["fingerprints"]
    moved = dict(DNS_RESULT, plan=[dict(DNS_RESULT["plan"][0], before={"servers": "9.9.9.9"})])
    found = record(result=moved)["fingerprints"]
    assert found["state"] != base["state"] and found["plan"] != base["plan"] and found["input"] == base["input"]
    # warnings and messages are not part of the plan
    assert record(result=dict(DNS_RESULT, warnings=["slow"], msg="other"))["fingerprints"] == base


def test_fingerprints_do_not_depend_on_key_order():
    reordered = json.loads(json.dumps(DNS_RESULT), object_pairs_hook=lambda pairs: dict(reversed(pairs)))
    assert record(result=reordered)["fingerprints"] == record()["fingerprints"]


def document(**hosts):
    return build_document({name: dict(site_id=site, site_name=name.upper(), records=records)
                           for name, (site, records) in hosts.items()}, ["site.yml"])


def test_the_document_counts_sites_and_survives_a_round_trip_with_its_fingerprint():
    doc = document(hq=(SITE_A, [record()]), branch=(SITE_B, [record(result=dict(DNS_RESULT, plan=[], script=""))]))
    assert doc["format"] == "altostrat.sdx.plan" and doc["version"] == 1 and doc["check_mode"] is True
    assert doc["summary"] == {"sites": 2, "changed": 1, "unknown": 0, "failed": 0, "unchanged": 1}
    assert list(doc["hosts"]) == ["branch", "hq"]
    assert doc["hosts"]["hq"]["status"] == "change" and doc["hosts"]["branch"]["status"] == "no_change"
    text = dumps(doc)
    assert text == dumps(json.loads(text))
    assert check_document(json.loads(text)) is None


def test_an_edited_plan_is_recognised():
    doc = json.loads(dumps(document(hq=(SITE_A, [record()]))))
    doc["hosts"]["hq"]["tasks"][0]["script"] = "/system reset-configuration\n"
    assert "edited" in check_document(doc)
    assert "version" in check_document(dict(doc, version=2))
    assert "not an altostrat.sdx.plan" in check_document({"format": "other"})


def test_the_host_fingerprint_changes_with_any_task_plan():
    one = document(hq=(SITE_A, [record()]))["hosts"]["hq"]["fingerprint"]
    other = document(hq=(SITE_A, [record(result=dict(DNS_RESULT, script="/ip dns\nset servers=9.9.9.9\n"))]))
    assert other["hosts"]["hq"]["fingerprint"] != one
