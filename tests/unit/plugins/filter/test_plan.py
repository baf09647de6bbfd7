# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan filters: the plan document of registered results, as the callback builds it, and its summary."""

from __future__ import annotations

import json

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.altostrat.sdx.plugins.filter.plan import FilterModule, plan_document, plan_markdown
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import check_document, dumps

SITE = "9c69345c-8d39-4786-9f17-8153c988c89a"
DNS = {"name": "DNS servers", "path": "/ip/dns", "entries": [{"servers": ["1.1.1.1"]}]}
PLANNED = {"changed": False, "path": "/ip/dns", "item": DNS, "ansible_loop_var": "item", "failed_when_result": False,
           "script": "/ip dns\nset servers=1.1.1.1\n",
           "plan": [{"action": "set", "key": {}, "before": {"servers": "8.8.8.8"}, "after": {"servers": "1.1.1.1"},
                     "line": "set servers=1.1.1.1"}]}
UNREAD = {"changed": False, "item": dict(DNS, name="Clock"), "failed_when_result": False,
          "msg": "path /system/clok: the router has no such menu"}


def hostvars(name, registered, site=SITE):
    return {"inventory_hostname": name, "altostrat_site_id": site, "altostrat_site": {"name": name.title()},
            "plans": registered}


def test_a_loop_of_registered_results_becomes_one_record_per_item():
    doc = plan_document([hostvars("hq", {"results": [PLANNED, UNREAD]}), {"inventory_hostname": "other"}], "plans",
                        task="Plan each menu")
    assert list(doc["hosts"]) == ["hq"]
    tasks = doc["hosts"]["hq"]["tasks"]
    assert [(t["task"], t["item"], t["status"]) for t in tasks] == [
        ("Plan each menu", "DNS servers", "change"), ("Plan each menu", "Clock", "failed")]
    # changed_when: false does not hide the change, failed_when: false does not hide the failure
    assert tasks[0]["changed"] is True and "no such menu" in tasks[1]["error"]
    assert doc["summary"] == {"sites": 1, "changed": 1, "unknown": 1, "failed": 1, "unchanged": 0}
    assert check_document(json.loads(dumps(doc))) is None


def test_a_host_whose_items_were_skipped_is_skipped():
    skipped = {"changed": False, "skipped": True, "skip_reason": "Conditional result was False", "item": DNS,
               "false_condition": "altostrat_site.has_pulse | default(true)"}
    doc = plan_document([hostvars("down", {"results": [skipped], "skipped": True})], "plans")
    assert doc["hosts"]["down"]["status"] == "skipped" and doc["summary"]["unknown"] == 0


def test_a_fleet_result_registered_on_every_host_is_read_once_and_filed_per_host():
    menus = {"changed": True, "site_id": SITE, "menus": [
        {"name": "DNS servers", "path": "/ip/dns", "changed": True, "script": PLANNED["script"], "plan": PLANNED["plan"]},
        {"name": "Clock", "path": "/system/clock", "changed": False, "script": "", "plan": []}]}
    other = "1b0b2c4e-6d3a-4f55-9a8e-2f6d0c1e7a90"
    fleet = {"changed": False, "failed_when_result": False, "failed_hosts": [], "per_host": {
        "hq": menus, "down": {"changed": False, "skipped": True, "menus": [], "site_id": other}}}
    doc = plan_document([hostvars("hq", fleet), hostvars("down", fleet, site=other)], "plans", task="Plan the menus")
    assert sorted(doc["hosts"]) == ["down", "hq"]
    hq = doc["hosts"]["hq"]["tasks"]
    assert len(hq) == 1 and hq[0]["fleet"] == "hq", "one record per host, however many hosts registered it"
    assert [(c["menu"], c["action"]) for c in hq[0]["changes"]] == [("/ip/dns", "set")]
    assert hq[0]["script"] == PLANNED["script"] and hq[0]["status"] == "change"
    # no menus asked of a site (an offline one) is a skip on purpose, not an unknown plan
    assert doc["hosts"]["down"]["status"] == "skipped" and doc["hosts"]["down"]["site_id"] == other
    assert doc["summary"] == {"sites": 2, "changed": 1, "unknown": 0, "failed": 0, "unchanged": 1}


def test_menus_skipped_because_the_site_could_not_be_read_are_unknown():
    unread = {"changed": False, "skipped": True, "msg": "site offline: skipped (if_offline=skip)",
              "menus": [{"path": "/ip/dns", "skipped": True, "changed": False, "msg": "site offline: skipped"}]}
    doc = plan_document([hostvars("hq", unread)], "plans")
    assert doc["hosts"]["hq"]["status"] == "unknown" and doc["summary"]["unknown"] == 1


def test_the_summary_filter_renders_the_document():
    doc = plan_document([hostvars("hq", {"results": [PLANNED]})], "plans")
    text = plan_markdown(doc)
    assert "**1 of 1 site would change; 0 unknown.**" in text and "| hq | change | 1 | 0 | plans |" in text
    assert len(plan_markdown(doc, 400)) <= 400
    assert set(FilterModule().filters()) == {"plan_document", "plan_markdown"}


@pytest.mark.parametrize("call", [lambda: plan_document([], ""), lambda: plan_markdown("not a plan")])
def test_bad_input_is_a_filter_error(call):
    with pytest.raises(AnsibleFilterError):
        call()
