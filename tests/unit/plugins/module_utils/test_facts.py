# SPDX-License-Identifier: GPL-3.0-or-later
"""facts: where each site object comes from, and how few reads that costs."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.run.facts import FACTS, facts_module, min_facts, site_object

IDS = ["00000000-0000-4000-8000-%012d" % n for n in range(1, 6)]


class Client:
    """Answers GET /sites and GET /sites/{id} from a dict of sites, counting what it was asked."""

    def __init__(self, list_fails=False):
        self.sites = {site_id: dict(id=site_id, name="site %s" % site_id[-1]) for site_id in IDS}
        self.list_fails = list_fails
        self.calls = []
        self.lock = threading.Lock()

    def get(self, path, shape=None):
        with self.lock:
            self.calls.append(path)
        return dict(self.sites[path.rsplit("/", 1)[1]])

    def get_all(self, path):
        with self.lock:
            self.calls.append(path)
        if self.list_fails:
            raise SdxError("GET /sites: HTTP 503")
        return [dict(site) for site_id, site in self.sites.items() if site_id != IDS[-1]]  # one not listed


def test_the_hosts_inventory_copy_costs_no_read():
    client = Client()
    site = dict(id=IDS[0], name="from the inventory")
    assert site_object(client, dict(site_id=IDS[0]), site) == (site, "inventory")
    assert client.calls == []


def test_another_sites_object_is_read_from_the_api():
    client = Client()
    site, source = site_object(client, dict(site_id=IDS[1]), dict(id=IDS[0]))
    assert (site["id"], source) == (IDS[1], "api")
    assert client.calls == ["/sites/" + IDS[1]]


def test_a_fleet_task_lists_the_sites_once_for_all_its_threads():
    client = Client()
    params = dict(site_ids=IDS)
    with ThreadPoolExecutor(max_workers=5) as pool:
        found = list(pool.map(lambda s: site_object(client, dict(params, site_id=s)), IDS))
    assert [site["id"] for site, _source in found] == IDS
    assert {source for _site, source in found} == {"api"}
    # one list read; the site it did not hold is read alone
    assert sorted(client.calls) == sorted(["/sites", "/sites/" + IDS[-1]])


def test_the_list_is_never_reused_by_another_task():
    first, second = Client(), Client()
    site_object(first, dict(site_ids=IDS, site_id=IDS[0]))
    second.sites[IDS[0]]["name"] = "renamed"
    site, _source = site_object(second, dict(site_ids=IDS, site_id=IDS[0]))
    assert site["name"] == "renamed" and second.calls == ["/sites"]


def test_a_failed_list_falls_back_to_one_read_per_site():
    client = Client(list_fails=True)
    for site_id in IDS[:2]:
        assert site_object(client, dict(site_ids=IDS, site_id=site_id))[0]["id"] == site_id
    assert client.calls == ["/sites", "/sites/" + IDS[0], "/sites/" + IDS[1]]


def test_one_site_is_read_alone_not_listed():
    client = Client()
    site_object(client, dict(site_ids=IDS[:1], site_id=IDS[0]))
    assert client.calls == ["/sites/" + IDS[0]]


def test_changing_facts_come_from_the_router_not_the_site_object():
    stale = dict(identity="old-name", software_version="7.14", architecture_name="arm", model="RB5009UG+S+",
                 serial_number="HE0123")
    facts = min_facts(stale, dict(name="new-name"), {"version": "7.16.2 (stable)", "architecture-name": "arm64",
                                                     "uptime": "1d2h", "board-name": "RB5009"})
    assert facts["ansible_net_hostname"] == "new-name"
    assert facts["ansible_net_version"] == "7.16.2"
    assert facts["ansible_net_arch"] == "arm64"
    assert facts["ansible_net_uptime"] == 93600
    assert (facts["ansible_net_model"], facts["ansible_net_serialnum"]) == ("RB5009UG+S+", "HE0123")  # hardware


def test_the_action_plugins_module_has_the_modules_options():
    assert facts_module(dict(id=IDS[0])).argument_spec == FACTS.argument_spec
