# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure helpers of the altostrat.sdx.sites inventory plugin: hostnames, filters, tag groups, cache entries."""

from __future__ import annotations

import itertools
import random

import pytest

from ansible_collections.altostrat.sdx.plugins.inventory import sites as plugin


def site(number, name="Site", **fields):
    base = {
        "id": "00000000-0000-4000-8000-%012d" % number,
        "pid": "site_Pid%d" % number,
        "name": name,
        "identity": (name or "").replace(" ", "-"),
        "has_pulse": True,
        "model": "RB5009UG+S+",
        "software_version": "7.15.1",
        "created_at": "2025-01-%02dT00:00:00Z" % number,
    }
    base.update(fields)
    return base


# --- safe names -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Johannesburg HQ", "johannesburg_hq"),
    ("  Cape Town -- Branch #2 ", "cape_town_branch_2"),
    ("São Paulo Store", "sao_paulo_store"),
    ("Zürich/Öffice", "zurich_office"),
    ("already_safe_42", "already_safe_42"),
    ("__x__", "x"),
    ("東京", ""),
    ("", ""),
    (None, ""),
    (42, "42"),
])
def test_safe_name_folds_to_lower_case_ascii_words(text, expected):
    assert plugin.safe_name(text) == expected


def test_hostname_comes_from_the_chosen_field():
    one = site(1, "Johannesburg HQ")
    assert plugin.preferred_hostname(one) == "johannesburg_hq"
    assert plugin.preferred_hostname(one, "identity") == "johannesburg_hq"
    assert plugin.preferred_hostname(one, "id") == one["id"]
    assert plugin.preferred_hostname(one, "pid") == "site_Pid1"


@pytest.mark.parametrize("fields", [{"name": ""}, {"name": None}, {"name": "   "}, {"name": "東京"}])
def test_empty_or_unsafe_name_falls_back_to_the_pid(fields):
    assert plugin.preferred_hostname(site(3, **fields)) == "site_Pid3"


def test_no_pid_falls_back_to_the_id():
    lonely = site(4, name="", pid=None)
    assert plugin.preferred_hostname(lonely) == lonely["id"]
    assert plugin.preferred_hostname(lonely, "pid") == lonely["id"]


# --- collisions --------------------------------------------------------------------------------------


def test_oldest_site_keeps_a_shared_name_and_the_others_get_their_pid():
    older = site(1, "Johannesburg HQ")
    newer = site(2, "JOHANNESBURG  hq")
    other = site(3, "Durban Depot")
    names = dict(plugin.assign_hostnames([newer, other, older]))
    assert names == {"johannesburg_hq": older, "johannesburg_hq_site_pid2": newer, "durban_depot": other}


def test_hostnames_do_not_depend_on_api_order():
    fleet = [site(n, name) for n, name in enumerate(["HQ", "hq", "H Q", "HQ", "Branch", "branch!", "Lab"], start=1)]
    expected = [(name, s["id"]) for name, s in plugin.assign_hostnames(fleet)]
    for order in itertools.islice(itertools.permutations(fleet), 200):
        assert [(name, s["id"]) for name, s in plugin.assign_hostnames(list(order))] == expected
    assert len({name for name, _dummy in expected}) == len(fleet)


def test_same_created_at_is_settled_by_the_lowest_id():
    first = site(1, "Depot", created_at="2025-01-01T00:00:00Z")
    second = site(2, "Depot", created_at="2025-01-01T00:00:00Z")
    shuffled = [second, first]
    random.Random(4).shuffle(shuffled)
    assert dict(plugin.assign_hostnames(shuffled))["depot"] is first


def test_a_suffixed_name_that_is_taken_falls_back_to_the_id():
    # "hq" + pid "site_x" would be "hq_site_x", which another site already is.
    plain = site(1, "HQ")
    twin = site(2, "HQ", pid="site_X")
    squatter = site(3, "HQ Site X")
    names = dict(plugin.assign_hostnames([plain, twin, squatter]))
    assert names == {"hq": plain, "hq_site_x": squatter, twin["id"]: twin}


def test_a_site_listed_twice_becomes_one_host():
    one = site(1, "HQ")
    assert plugin.assign_hostnames([one, dict(one)]) == [("hq", one)]


def test_hostnames_are_sorted():
    names = [name for name, _dummy in plugin.assign_hostnames([site(1, "b"), site(2, "c"), site(3, "a")])]
    assert names == ["a", "b", "c"]


# --- tags --------------------------------------------------------------------------------------------


def tag(key, *values, correlation_type="site"):
    return {"id": "tag_" + key, "key": key, "values": [
        {"tag_id": "tag_" + key, "correlation_id": ref, "correlation_type": correlation_type, "value": value}
        for ref, value in values]}


def test_tags_are_found_by_id_pid_or_hex_reference():
    by_id, by_pid, by_hex = site(1), site(2), site(3)
    index = plugin.site_tag_index([
        tag("region", (by_id["id"], "gauteng"), (by_pid["pid"], "western-cape"),
            ("site_" + by_hex["id"].replace("-", ""), "limpopo")),
    ])
    assert plugin.tags_of(by_id, index) == {"region": "gauteng"}
    assert plugin.tags_of(by_pid, index) == {"region": "western-cape"}
    assert plugin.tags_of(by_hex, index) == {"region": "limpopo"}
    assert plugin.tags_of(site(4), index) == {}


def test_tag_values_of_other_resources_are_ignored():
    one = site(1)
    index = plugin.site_tag_index([tag("owner", (one["id"], "ops"), correlation_type="user"), {"key": None}])
    assert plugin.tags_of(one, index) == {}


def test_groups_are_online_state_then_safe_tag_groups():
    online = site(1)
    assert plugin.group_names(online, {"region": "Western Cape", "Customer": "Acme Retail"}) == [
        "altostrat_online", "tag_customer_acme_retail", "tag_region_western_cape"]
    assert plugin.group_names(site(2, has_pulse=False), {"flag": ""}) == ["altostrat_offline", "tag_flag"]


# --- filters -----------------------------------------------------------------------------------------


FLEET = [
    site(1, "Johannesburg HQ", model="RB5009UG+S+", software_version="7.15.1"),
    site(2, "Cape Town Branch", model="CCR2004-1G-12S+2XS", software_version="7.16.2", has_pulse=False),
    site(3, "Durban Branch", model="hEX S", software_version="6.49.15"),
]
FLEET_TAGS = {FLEET[0]["id"]: {"region": "gauteng", "environment": "production"},
              FLEET[1]["id"]: {"region": "western-cape", "environment": "staging"},
              FLEET[2]["id"]: {"region": "kwazulu-natal"}}


def kept(**options):
    keep = plugin.make_filter(**options)
    return [s["name"] for s in FLEET if keep(s, FLEET_TAGS[s["id"]])]


def test_no_filter_options_means_no_filter():
    assert plugin.make_filter() is None
    assert plugin.make_filter(name_patterns=[], models=[], versions=[], tags={}) is None


def test_online_only():
    assert kept(online_only=True) == ["Johannesburg HQ", "Durban Branch"]


def test_name_patterns_any_of_them_ignoring_case():
    assert kept(name_patterns=["*BRANCH"]) == ["Cape Town Branch", "Durban Branch"]
    assert kept(name_patterns=["johannesburg hq", "durban*"]) == ["Johannesburg HQ", "Durban Branch"]
    assert kept(name_patterns=["johannesburg"]) == []


def test_models_and_versions():
    assert kept(models=["rb5009*", "hex*"]) == ["Johannesburg HQ", "Durban Branch"]
    assert kept(versions=["7.*"]) == ["Johannesburg HQ", "Cape Town Branch"]
    assert kept(versions=["7.*"], models=["CCR*"]) == ["Cape Town Branch"]


def test_tags_every_key_any_value():
    assert kept(tags={"region": "gauteng"}) == ["Johannesburg HQ"]
    assert kept(tags={"region": ["gauteng", "WESTERN-*"]}) == ["Johannesburg HQ", "Cape Town Branch"]
    assert kept(tags={"region": ["gauteng", "western-cape"], "environment": "staging"}) == ["Cape Town Branch"]
    # A site without the key does not match, whatever the pattern.
    assert kept(tags={"environment": "*"}) == ["Johannesburg HQ", "Cape Town Branch"]


def test_filters_combine():
    assert kept(online_only=True, versions=["6.*"], tags={"region": "kwazulu*"}) == ["Durban Branch"]


# --- cache entries -----------------------------------------------------------------------------------


def test_token_fingerprint_tells_tokens_apart_without_holding_them():
    first = plugin.token_fingerprint("alto_sk_first")
    assert first == plugin.token_fingerprint(" alto_sk_first ")
    assert first != plugin.token_fingerprint("alto_sk_second")
    assert "alto_sk" not in first and len(first) == 12


def test_cache_entry_is_reused_only_for_the_same_api_and_token():
    entry = {"format": plugin.CACHE_FORMAT, "api_url": "https://api", "token_fingerprint": "abc", "sites": [], "tags": []}
    assert plugin._cache_entry_usable(entry, "https://api", "abc")
    assert not plugin._cache_entry_usable(entry, "https://other", "abc")
    assert not plugin._cache_entry_usable(entry, "https://api", "def")
    assert not plugin._cache_entry_usable(dict(entry, format=0), "https://api", "abc")
    assert not plugin._cache_entry_usable(dict(entry, sites=None), "https://api", "abc")
    assert not plugin._cache_entry_usable([entry], "https://api", "abc")
    assert not plugin._cache_entry_usable(None, "https://api", "abc")


def test_verify_file_wants_the_altostrat_suffix(tmp_path):
    inventory = plugin.InventoryModule()
    for name, wanted in (("altostrat.yml", True), ("prod.altostrat.yaml", True), ("hosts.yml", False),
                         ("altostrat.yml.bak", False)):
        path = tmp_path / name
        path.write_text("plugin: altostrat.sdx.sites\n")
        assert bool(inventory.verify_file(str(path))) is wanted, name
    assert not inventory.verify_file(str(tmp_path / "missing.altostrat.yml"))
