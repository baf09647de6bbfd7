# SPDX-License-Identifier: GPL-3.0-or-later
"""The altostrat.sdx.sites inventory through real ansible-inventory processes against the simulator."""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import subprocess
import textwrap

import pytest

from ansible_collections.altostrat.sdx.plugins.inventory import sites as plugin
from tests.integration.playbook import BIN, ansible_env, run_playbook
from tests.simulator.harness import Simulator

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "inventory_list.json")
# Site fields that change as time passes (and with the moment the simulator seeded its fleet).
VOLATILE = ("uptime", "last_seen", "last_seen_at", "updated_at", "created_at")
SIM_URL = "http://sdx.simulator"
FAIL_ON_ERROR = dict(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="true")
PLAIN = "plugin: altostrat.sdx.sites\n"
WRONG_TOKEN = "alto_sk_wrong_secret_4f1d"


@pytest.fixture(scope="module")
def sim():
    with Simulator(sites=8, checkin_interval=0.5) as simulator:
        yield simulator


@pytest.fixture
def fresh(sim):
    sim.clear_faults()
    sim.clear_requests()
    return sim


class Listing:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        try:
            self.data = json.loads(proc.stdout)
        except ValueError:  # a failure, or -v lines before the JSON
            self.data = None

    @property
    def output(self):
        return self.stdout + self.stderr

    @property
    def hostvars(self):
        return unwrap(self.data["_meta"]["hostvars"])

    def group(self, name):
        return self.data.get(name, {}).get("hosts", [])


def ansible_inventory(sim, tmp_path, sources=PLAIN, args=("--list",), env=None):
    """Write each source (YAML text) to `<n>.altostrat.yml` and run ansible-inventory over them all."""
    if isinstance(sources, str):
        sources = [sources]
    cmd = [os.path.join(BIN, "ansible-inventory")]
    for number, source in enumerate(sources):
        path = tmp_path / ("source%d.altostrat.yml" % number)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        cmd += ["-i", str(path)]
    proc = subprocess.run(cmd + list(args), env=ansible_env(sim, **(env or {})), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    return Listing(proc)


def unwrap(value):
    """ansible-inventory marks strings that must never be templated as {"__ansible_unsafe": ...}; read through that."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


def normalised(data, sim):
    """The --list output without volatile site fields, with strings read through, and the simulator's URL fixed."""
    text = json.dumps(unwrap(data)).replace(sim.url, SIM_URL)
    data = json.loads(text)
    for hostvars in data["_meta"]["hostvars"].values():
        for field in VOLATILE:
            hostvars["altostrat_site"].pop(field, None)
    return data


def api(sim, path, token=None):
    response = sim.api("GET", path, token=token)
    response.raise_for_status()
    return response.json()


def requests_made(sim):
    return [(entry["method"], entry["path"]) for entry in sim.requests()]


# --- output -------------------------------------------------------------------------------------------


def test_list_matches_the_golden_output(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path)
    assert listing.rc == 0, listing.output
    actual = normalised(listing.data, fresh)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
        with open(GOLDEN, "w", encoding="utf-8") as handle:
            json.dump(actual, handle, indent=2, sort_keys=True)
            handle.write("\n")
    with open(GOLDEN, encoding="utf-8") as handle:
        expected = json.load(handle)
    if actual != expected:
        diff = difflib.unified_diff(json.dumps(expected, indent=2, sort_keys=True).splitlines(),
                                    json.dumps(actual, indent=2, sort_keys=True).splitlines(),
                                    "golden/inventory_list.json", "ansible-inventory --list", lineterm="", n=2)
        pytest.fail("ansible-inventory --list differs from the golden output (UPDATE_GOLDEN=1 rewrites it):\n"
                    + "\n".join(list(diff)[:200]), pytrace=False)


def test_one_get_sites_and_one_get_tags_make_the_whole_inventory(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path)
    assert listing.rc == 0, listing.output
    assert requests_made(fresh) == [("GET", "/sites"), ("GET", "/tags")]
    sites = api(fresh, "/sites")
    assert sorted(v["altostrat_site_id"] for v in listing.hostvars.values()) == sorted(s["id"] for s in sites)
    online = {s["id"] for s in sites if s["has_pulse"]}
    hostvars = listing.hostvars
    assert {hostvars[h]["altostrat_site_id"] for h in listing.group("altostrat_online")} == online
    assert {hostvars[h]["altostrat_site_id"] for h in listing.group("altostrat_offline")} == {s["id"] for s in sites} - online


def test_host_variables_carry_the_site_and_no_token(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path)
    site = api(fresh, "/sites")[0]
    raw = listing.data["_meta"]["hostvars"]["johannesburg_hq"]
    hostvars = unwrap(raw)
    assert hostvars["altostrat_site_id"] == site["id"]
    assert {k: v for k, v in hostvars["altostrat_site"].items() if k not in VOLATILE} == \
        {k: v for k, v in site.items() if k not in VOLATILE}
    assert hostvars["altostrat_api_url"] == fresh.url
    assert hostvars["ansible_connection"] == "altostrat.sdx.site"
    assert hostvars["ansible_facts_modules"] == ["altostrat.sdx.altostrat_facts"]
    assert hostvars["altostrat_tags"] == {"customer": "Acme Retail", "environment": "production", "region": "gauteng"}
    assert not any("token" in name for name in hostvars)
    # Strings from the API are marked never to be templated; the interpreter is the one template the plugin means.
    assert raw["altostrat_site"]["name"] == {"__ansible_unsafe": "Johannesburg HQ"}
    assert raw["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"


def test_tag_groups_follow_the_tag_values(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path)
    hostvars = listing.hostvars
    expected = {}
    for tag in api(fresh, "/tags"):
        for value in tag["values"]:
            group = "tag_%s_%s" % (plugin.safe_name(tag["key"]), plugin.safe_name(value["value"]))
            expected.setdefault(group, set()).add(value["correlation_id"])
    assert "tag_customer_acme_retail" in expected and "tag_region_western_cape" in expected
    for group, site_ids in expected.items():
        assert {hostvars[h]["altostrat_site_id"] for h in listing.group(group)} == site_ids, group


# --- playbooks on these hosts ---------------------------------------------------------------------------


def test_a_playbook_runs_on_the_sites_with_facts_and_host_variables(fresh, tmp_path):
    target = api(fresh, "/sites")[1]
    fresh.patch_site(target["id"], name="{{ 6 * 7 }} Branch")
    try:
        source = tmp_path / "play.altostrat.yml"
        source.write_text(PLAIN)
        playbook = """
        - hosts: altostrat_online
          gather_facts: false
          module_defaults:
            altostrat.sdx.altostrat_facts:
              gather_subset: [min]
          tasks:
            - name: facts
              ansible.builtin.gather_facts:
              when: inventory_hostname == 'johannesburg_hq'
            - name: info
              altostrat.sdx.altostrat_site_info: {}
              register: info
            - name: check
              ansible.builtin.assert:
                that:
                  - info.sites | length == 1
                  - info.sites[0].id == altostrat_site_id
                  - inventory_hostname != 'johannesburg_hq' or ansible_net_hostname | length > 0
                  - ansible_playbook_python == ansible_python_interpreter
        """
        run = run_playbook(playbook, fresh, inventory=str(source))
        assert run.rc == 0, run.output[-4000:]
        online = [s for s in api(fresh, "/sites") if s["has_pulse"]]
        assert sorted(r["host"] for r in run.results if r["task"] == "check") == \
            sorted(plugin.safe_name(s["name"]) for s in online)
        # A site name that looks like a template stays text.
        assert "6_7_branch" in [r["host"] for r in run.results if r["task"] == "info"]
        assert {s["name"] for s in run.task("info", host="6_7_branch")["result"]["sites"]} == {"{{ 6 * 7 }} Branch"}
    finally:
        fresh.patch_site(target["id"], name=target["name"])


def test_task_workers_inherit_the_connection_plugin_instead_of_loading_it(fresh, tmp_path):
    source = tmp_path / "play.altostrat.yml"
    source.write_text(PLAIN)
    playbook = """
    - hosts: johannesburg_hq
      gather_facts: false
      tasks:
        - ansible.builtin.debug: {msg: one}
        - ansible.builtin.debug: {msg: two}
    """
    run = run_playbook(playbook, fresh, inventory=str(source), env=dict(ANSIBLE_DEBUG="1"))
    assert run.rc == 0, run.output[-4000:]
    loads = [line for line in run.output.splitlines()
             if "Loading Connection 'ansible_collections.altostrat.sdx.plugins.connection.site'" in line]
    # once by the inventory source in the main process, then found already loaded by each task's worker
    assert len(loads) == 3, loads
    assert "found_in_cache=False, class_only=True" in loads[0]
    assert all("found_in_cache=True, class_only=False" in line for line in loads[1:]), loads


# --- cache -----------------------------------------------------------------------------------------------


def cached_source(tmp_path):
    return """
    plugin: altostrat.sdx.sites
    cache: true
    cache_plugin: ansible.builtin.jsonfile
    cache_connection: %s
    cache_timeout: 3600
    """ % (tmp_path / "cache")


def test_a_cached_run_makes_no_request(fresh, tmp_path):
    first = ansible_inventory(fresh, tmp_path, cached_source(tmp_path))
    assert first.rc == 0, first.output
    assert requests_made(fresh) == [("GET", "/sites"), ("GET", "/tags")]
    assert len(os.listdir(tmp_path / "cache")) == 1  # one key for the source
    fresh.clear_requests()
    second = ansible_inventory(fresh, tmp_path, cached_source(tmp_path))
    assert second.rc == 0, second.output
    assert requests_made(fresh) == []
    assert second.hostvars == first.hostvars
    flushed = ansible_inventory(fresh, tmp_path, cached_source(tmp_path), args=("--list", "--flush-cache"))
    assert flushed.rc == 0, flushed.output
    assert requests_made(fresh) == [("GET", "/sites"), ("GET", "/tags")]


def test_the_cache_is_not_reused_for_another_token(fresh, tmp_path):
    mine = ansible_inventory(fresh, tmp_path, cached_source(tmp_path))
    assert mine.rc == 0, mine.output
    fresh.clear_requests()
    theirs = ansible_inventory(fresh, tmp_path, cached_source(tmp_path), env=dict(ALTOSTRAT_API_TOKEN=fresh.other_token))
    assert theirs.rc == 0, theirs.output
    assert requests_made(fresh) == [("GET", "/sites"), ("GET", "/tags")]
    assert not set(theirs.hostvars) & set(mine.hostvars)


# --- constructed --------------------------------------------------------------------------------------------


def test_keyed_groups_compose_and_groups(fresh, tmp_path):
    source = """
    plugin: altostrat.sdx.sites
    keyed_groups:
      - key: altostrat_site.model
        prefix: model
    compose:
      routeros_major: altostrat_site.software_version.split('.')[0] | int
    groups:
      routeros6: routeros_major == 6
    """
    listing = ansible_inventory(fresh, tmp_path, source)
    assert listing.rc == 0, listing.output
    sites = {s["id"]: s for s in api(fresh, "/sites")}
    hostvars = listing.hostvars
    by_model = {}
    for site in sites.values():
        by_model.setdefault("model_" + "".join(c if c.isalnum() else "_" for c in site["model"]), set()).add(site["id"])
    assert len(by_model) > 1
    for group, site_ids in by_model.items():
        assert {hostvars[h]["altostrat_site_id"] for h in listing.group(group)} == site_ids, group
    for host, hostvars_of_host in hostvars.items():
        assert hostvars_of_host["routeros_major"] == int(hostvars_of_host["altostrat_site"]["software_version"][0])
    assert {h for h in hostvars if hostvars[h]["routeros_major"] == 6} == set(listing.group("routeros6"))
    assert listing.group("routeros6")


def test_strict_makes_a_bad_expression_fail_and_without_it_skips(fresh, tmp_path):
    bad = """
    plugin: altostrat.sdx.sites
    strict: %s
    keyed_groups:
      - key: altostrat_site.no_such_field.deeper
        prefix: broken
    """
    failed = ansible_inventory(fresh, tmp_path, bad % "true", env=FAIL_ON_ERROR)
    assert failed.rc != 0
    assert "no_such_field" in failed.stderr
    skipped = ansible_inventory(fresh, tmp_path, bad % "false", env=FAIL_ON_ERROR)
    assert skipped.rc == 0, skipped.output
    assert len(skipped.hostvars) == 8
    assert not [group for group in skipped.data if group.startswith("broken")]


# --- options ---------------------------------------------------------------------------------------------------


def test_options_in_the_source_beat_environment_variables(fresh, tmp_path):
    source = """
    plugin: altostrat.sdx.sites
    api_url: %s
    api_token: %s
    """ % (fresh.url, fresh.other_token)
    # Environment variables name an API that does not answer and the other tenant's token.
    listing = ansible_inventory(fresh, tmp_path, source,
                                env=dict(ALTOSTRAT_API_URL="http://127.0.0.1:9", ALTOSTRAT_API_TOKEN=fresh.token))
    assert listing.rc == 0, listing.output
    assert sorted(v["altostrat_site_id"] for v in listing.hostvars.values()) == \
        sorted(s["id"] for s in api(fresh, "/sites", token=fresh.other_token))
    assert {v["altostrat_api_url"] for v in listing.hostvars.values()} == {fresh.url}


def test_environment_variables_fill_what_the_source_leaves_out(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path, "plugin: altostrat.sdx.sites\nretries: 0\n",
                                env=dict(ALTOSTRAT_API_URL="http://127.0.0.1:9", **FAIL_ON_ERROR))
    assert listing.rc != 0
    assert "http://127.0.0.1:9" in listing.stderr and "connection failed" in listing.stderr
    assert requests_made(fresh) == []


def test_filters(fresh, tmp_path):
    sites = api(fresh, "/sites")
    tags = plugin.site_tag_index(api(fresh, "/tags"))
    source = """
    plugin: altostrat.sdx.sites
    online_only: true
    versions: ["7.*"]
    tags:
      region: [gauteng, "WESTERN-*", kwazulu-natal, eastern-cape]
      environment: production
    """
    fresh.clear_requests()
    listing = ansible_inventory(fresh, tmp_path, source)
    assert listing.rc == 0, listing.output
    expected = {s["id"] for s in sites if s["has_pulse"] and s["software_version"].startswith("7.")
                and tags[s["id"]]["region"] in ("gauteng", "western-cape", "kwazulu-natal", "eastern-cape")
                and tags[s["id"]]["environment"] == "production"}
    assert expected and len(expected) < len(sites)
    assert {v["altostrat_site_id"] for v in listing.hostvars.values()} == expected
    assert requests_made(fresh) == [("GET", "/sites"), ("GET", "/tags")]

    model = sites[0]["model"]
    source = """
    plugin: altostrat.sdx.sites
    name_patterns: ["*BRANCH*", "johannesburg*"]
    models: ["%s"]
    """ % model.lower()
    listing = ansible_inventory(fresh, tmp_path, source)
    expected = {s["id"] for s in sites if s["model"] == model
                and (fnmatch.fnmatch(s["name"].lower(), "*branch*") or s["name"].startswith("Johannesburg"))}
    assert expected
    assert {v["altostrat_site_id"] for v in listing.hostvars.values()} == expected


def test_hostname_choices(fresh, tmp_path):
    sites = api(fresh, "/sites")
    sources = ["plugin: altostrat.sdx.sites\nhostname: %s\n" % field for field in ("identity", "id", "pid")]
    listing = ansible_inventory(fresh, tmp_path, sources)
    assert listing.rc == 0, listing.output
    expected = ({plugin.safe_name(s["identity"]) for s in sites} | {s["id"] for s in sites} | {s["pid"] for s in sites})
    assert set(listing.hostvars) == expected
    assert "johannesburg_hq" in listing.hostvars


def test_colliding_names_keep_the_oldest_site_and_suffix_the_others(fresh, tmp_path):
    sites = api(fresh, "/sites")
    first, second, third = sites[0], sites[3], sites[5]
    fresh.patch_site(second["id"], name="JOHANNESBURG hq")
    fresh.patch_site(third["id"], name="Johannesburg-HQ!")
    try:
        listing = ansible_inventory(fresh, tmp_path)
        assert listing.rc == 0, listing.output
        colliding = sorted((first, second, third), key=lambda s: (s["created_at"], s["id"]))
        expected = {"johannesburg_hq": colliding[0]["id"]}
        for site in colliding[1:]:
            expected["johannesburg_hq_" + site["pid"].lower()] = site["id"]
        found = {h: v["altostrat_site_id"] for h, v in listing.hostvars.items() if h.startswith("johannesburg_hq")}
        assert found == expected
        assert len(listing.hostvars) == len(sites)
    finally:
        fresh.patch_site(second["id"], name=second["name"])
        fresh.patch_site(third["id"], name=third["name"])


def test_the_other_tenant_sees_only_its_own_sites(fresh, tmp_path):
    listing = ansible_inventory(fresh, tmp_path, env=dict(ALTOSTRAT_API_TOKEN=fresh.other_token))
    assert listing.rc == 0, listing.output
    theirs = {s["id"] for s in api(fresh, "/sites", token=fresh.other_token)}
    mine = {s["id"] for s in api(fresh, "/sites")}
    assert theirs and not theirs & mine
    assert {v["altostrat_site_id"] for v in listing.hostvars.values()} == theirs


# --- errors -----------------------------------------------------------------------------------------------------


def test_unauthorized_fails_with_what_to_check_and_no_inventory(fresh, tmp_path):
    failed = ansible_inventory(fresh, tmp_path, env=dict(ALTOSTRAT_API_TOKEN=WRONG_TOKEN, **FAIL_ON_ERROR))
    assert failed.rc != 0
    assert "HTTP 401" in failed.stderr and "ALTOSTRAT_API_TOKEN" in failed.stderr
    assert "johannesburg_hq" not in failed.stdout
    # Without any_unparsed_is_failed Ansible leaves the source out, with the same message, rather than list nothing.
    warned = ansible_inventory(fresh, tmp_path, env=dict(ALTOSTRAT_API_TOKEN=WRONG_TOKEN))
    assert "HTTP 401" in warned.stderr and "Failed to parse" in warned.stderr
    assert not warned.data["_meta"]["hostvars"]
    # An inventory update in AWX runs with these settings: the update fails.
    awx = ansible_inventory(fresh, tmp_path, env=dict(ALTOSTRAT_API_TOKEN=WRONG_TOKEN, ANSIBLE_INVENTORY_UNPARSED_FAILED="True",
                                                      ANSIBLE_INVENTORY_EXPORT="True", ANSIBLE_VERBOSE_TO_STDERR="True"))
    assert awx.rc != 0 and "HTTP 401" in awx.stderr


def test_a_missing_token_is_named(fresh, tmp_path):
    failed = ansible_inventory(fresh, tmp_path, env=dict(ALTOSTRAT_API_TOKEN=None, **FAIL_ON_ERROR))
    assert failed.rc != 0
    assert "api_token" in failed.stderr
    assert requests_made(fresh) == []


@pytest.mark.parametrize("path, status", [("/tags", 500), ("/sites", 500), ("/sites", 403)])
def test_any_api_error_fails_the_source(fresh, tmp_path, path, status):
    fresh.fault(method="GET", path=path + "$", status=status)
    failed = ansible_inventory(fresh, tmp_path, "plugin: altostrat.sdx.sites\nretries: 0\n", env=FAIL_ON_ERROR)
    assert failed.rc != 0
    assert "GET %s failed: HTTP %d" % (path, status) in failed.stderr
    assert "johannesburg_hq" not in failed.stdout


def test_a_key_that_may_not_read_tags_keeps_its_hosts_without_tag_groups(fresh, tmp_path):
    fresh.fault(method="GET", path="/tags$", status=403)
    listing = ansible_inventory(fresh, tmp_path, "plugin: altostrat.sdx.sites\nretries: 0\n", env=FAIL_ON_ERROR)
    assert listing.rc == 0, listing.output
    assert "johannesburg_hq" in listing.stdout
    assert "GET /tags was refused (HTTP 403)" in listing.stderr
    assert "tag_region" not in listing.stdout


def test_the_token_appears_nowhere(fresh, tmp_path):
    source = cached_source(tmp_path)
    outputs = []
    for args in (("--list",), ("--list", "-vvvv"), ("--host", "johannesburg_hq", "-vvvv")):
        listing = ansible_inventory(fresh, tmp_path, source, args=args)
        assert listing.rc == 0, listing.output
        outputs.append(listing.output)
    failed = ansible_inventory(fresh, tmp_path, args=("--list", "-vvvv"), env=dict(ALTOSTRAT_API_TOKEN=WRONG_TOKEN))
    outputs.append(failed.output)
    cache_files = [tmp_path / "cache" / name for name in os.listdir(tmp_path / "cache")]
    assert cache_files
    outputs += [path.read_text(encoding="utf-8") for path in cache_files]
    assert fresh.token not in outputs[0] + outputs[-1]  # the cache file
    for text in outputs:
        assert fresh.token not in text and WRONG_TOKEN not in text


# --- documentation --------------------------------------------------------------------------------------------------


def test_the_documented_examples_work(fresh, tmp_path):
    examples = plugin.EXAMPLES.split("\n---\n")
    assert len(examples) == 3
    listing = ansible_inventory(fresh, tmp_path, examples)
    assert listing.rc == 0, listing.output
    for number in range(len(examples)):
        assert (tmp_path / ("source%d.altostrat.yml" % number)).exists()
    assert "WARNING" not in listing.stderr, listing.stderr
    assert listing.group("routeros_7") and listing.group("customer_Karoo Logistics".replace(" ", "_"))
    assert "Cape-Town-Branch".lower().replace("-", "_") in listing.hostvars


def test_ansible_doc_renders_the_plugin():
    proc = subprocess.run([os.path.join(BIN, "ansible-doc"), "-t", "inventory", "altostrat.sdx.sites"],
                          env=ansible_env(), capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    for option in ("hostname", "online_only", "name_patterns", "models", "versions", "tags", "api_token",
                   "ALTOSTRAT_API_TOKEN", "keyed_groups", "cache_plugin"):
        assert option in proc.stdout, option
