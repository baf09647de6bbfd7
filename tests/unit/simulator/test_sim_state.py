# SPDX-License-Identifier: GPL-3.0-or-later
"""State across restarts, the control API on routers, synchronous commands, seeding at scale."""

import pytest

from tests.simulator.harness import Simulator, SimulatorError

LIVE_FIELDS = ("uptime", "last_seen", "last_seen_at")


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=5, checkin_interval=0.2) as simulator:
        yield simulator


def stable(sites):
    return [{k: v for k, v in site.items() if k not in LIVE_FIELDS} for site in sites]


def sync(sim, site, command, parameters=None, token=None):
    body = {"command": command}
    if parameters is not None:
        body["parameters"] = parameters
    return sim.api("POST", f"/api/synchronous/{site}", json=body, token=token)


def export_body(text):
    # the first line carries the export's own timestamp
    return text.split("\n", 1)[1]


def test_restart_keeps_sites_jobs_backups_tags_and_router_config(sim):
    site, other = sim.site_ids(online=True)[:2]
    job = sim.create_job(site, "/ip address add address=10.77.0.1/24 interface=ether2 comment=kept\n"
                               "/system identity set name=kept-router", backup=True, express_execute=True).json()
    assert sim.wait_job(site, job["id"])["completed_at"]
    sim.run_script(other, "/ip dns set servers=9.9.9.9")
    sim.set_online(other, False)
    pending = sim.create_job(other, ":put after-restart").json()
    before = {"sites": stable(sim.sites()), "jobs": sim.jobs(), "backups": sim.api("GET", f"/backup/{site}").json(),
              "tags": sim.api("GET", "/tags").json(), "export": export_body(sim.export(site)),
              "other": export_body(sim.export(other)), "b": stable(sim.sites(token=sim.other_token))}
    port = sim.port
    sim.restart()
    assert sim.port == port
    after = {"sites": stable(sim.sites()), "jobs": sim.jobs(), "backups": sim.api("GET", f"/backup/{site}").json(),
             "tags": sim.api("GET", "/tags").json(), "export": export_body(sim.export(site)),
             "other": export_body(sim.export(other)), "b": stable(sim.sites(token=sim.other_token))}
    for key, value in before.items():
        assert after[key] == value, key
    assert "kept-router" in after["export"] and "10.77.0.1/24" in after["export"] and "9.9.9.9" in after["other"]
    assert [s["identity"] for s in after["sites"] if s["id"] == site] == ["kept-router"]
    addresses = [item["address"] for item in sync(sim, site, "/ip/address/print").json()["data"]]
    assert "10.77.0.1/24" in addresses
    assert [j["status"] for j in after["jobs"] if j["id"] == pending["id"]] == ["pending"]
    sim.set_online(other, True)
    assert sim.wait_job(other, pending["id"])["completed_at"]


def test_restart_replays_idempotency_keys(sim):
    site = sim.site_ids(online=True)[0]
    first = sim.create_job(site, ":put once", key="0b8f7f8e-66c9-4c5e-a7c4-4d1c2f9e7a10").json()
    sim.restart()
    again = sim.create_job(site, ":put once", key="0b8f7f8e-66c9-4c5e-a7c4-4d1c2f9e7a10")
    assert again.status_code == 201 and again.json()["id"] == first["id"]


def test_synchronous_reads_and_routeros_errors(sim):
    site = sim.site_ids(online=True)[0]
    identity = sync(sim, site, "/system/identity/print").json()["data"]
    assert identity and isinstance(identity[0]["name"], str)
    assert sync(sim, site, "/ip/address/print", []).status_code == 200
    bad = sync(sim, site, "/no/such/menu/print")
    assert bad.status_code == 400
    assert bad.json()["code"] == "routeros_error" and bad.json()["type"] == "invalid_request_error"
    assert bad.json()["message"] and bad.json()["doc_url"].endswith("/routeros_error")


def test_synchronous_execute_changes_the_router(sim):
    site = sim.site_ids(online=True)[0]
    answer = sync(sim, site, "/execute", "=script=/ip address add address=10.0.0.1/30 interface=ether1 disabled=no")
    assert answer.status_code == 200 and answer.json()["status"] == "success"
    assert "10.0.0.1/30" in [item["address"] for item in sync(sim, site, "/ip/address/print").json()["data"]]


def test_synchronous_on_an_offline_site_is_503(sim):
    offline = sim.site_ids(online=False)[0]
    response = sync(sim, offline, "/system/identity/print")
    assert response.status_code == 503
    body = response.json()
    assert body["type"] == "api_error" and body["code"] == "site_offline"
    assert body["message"].startswith(f"site {offline} is offline: ")


def test_control_script_reset_and_patch(sim):
    site = sim.site_ids(online=True)[2]
    result = sim.run_script(site, ':put "drift"\n/ip address add address=10.66.0.1/24 interface=ether1')
    assert result == {"ok": True, "error": None, "output": result["output"], "failed_line": None}
    assert "drift" in result["output"]
    failed = sim.run_script(site, "/ip address add address=bad interface=ether1")
    assert failed["ok"] is False and failed["error"] and failed["failed_line"] == 1
    sim.reset(site, "blank")
    assert not [i for i in sync(sim, site, "/ip/address/print").json()["data"] if not i.get("dynamic") == "true"]
    blank = export_body(sim.export(site))
    assert "10.66.0.1" not in blank
    sim.reset(site, "default")
    default = export_body(sim.export(site))
    assert default != blank and "10.66.0.1" not in default
    patched = sim.patch_site(site, name="Renamed Site", identity="renamed")
    assert patched["name"] == "Renamed Site"
    got = sim.api("GET", f"/sites/{site}").json()
    assert (got["name"], got["identity"]) == ("Renamed Site", "renamed")
    assert sync(sim, site, "/system/identity/print").json()["data"][0]["name"] == "renamed"
    with pytest.raises(SimulatorError):
        sim.patch_site(site, id="nope")
    with pytest.raises(SimulatorError):
        sim.reset(site, "factory")


def test_seed_ten_thousand_sites(sim):
    # how fast is a benchmark's question (make bench), not a test's: a loaded machine is no failure
    answer = sim.seed(sites=10000, replace=True)
    assert answer["total"] == 10000 and answer["site_ids"][0] == "9c69345c-8d39-4786-9f17-8153c988c89a"
    response = sim.api("GET", "/sites")
    sites = response.json()
    assert len(sites) == 10000 and len({s["id"] for s in sites}) == 10000 and len({s["name"] for s in sites}) == 10000
    assert sum(1 for s in sites if not s["has_pulse"]) == 2000
    # a router is built on first use only
    job = sim.create_job(sites[-2]["id"], ":put lazy", express_execute=True).json()
    assert sim.wait_job(sites[-2]["id"], job["id"])["completed_at"]


def test_seed_is_deterministic(sim):
    one = sim.seed(sites=3, tenant="b", replace=True, offline=1)["site_ids"]
    names = [s["name"] for s in sim.sites(token=sim.other_token)]
    two = sim.seed(sites=3, tenant="b", replace=True, offline=1)["site_ids"]
    assert one == two and names == [s["name"] for s in sim.sites(token=sim.other_token)]
    assert [s["has_pulse"] for s in sim.sites(token=sim.other_token)] == [True, True, False]
    more = sim.seed(sites=2, tenant="b")["site_ids"]
    assert not set(more) & set(one) and len(sim.sites(token=sim.other_token)) == 5
