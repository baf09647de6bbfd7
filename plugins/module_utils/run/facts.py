# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_facts: typed facts about a site's router, from as few synchronous reads as possible."""

from __future__ import annotations

import functools
import threading
import weakref

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import FLEET_CONSTRAINT, fleet_options
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.api import normalise_items, synchronous_many
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import duration_seconds, to_bool, to_int
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.sites import get_site, list_sites
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError

MIB = 1024 * 1024

# Each subset and the synchronous reads it makes; `min` is always gathered. The site object is not a
# router read: it comes from the host's inventory variables, or from the API (see site_object).
SUBSET_READS = {
    "min": ["/system/identity/print", "/system/resource/print"],
    "hardware": ["/system/routerboard/print"],
    "interfaces": ["/interface/print", "/ip/neighbor/print"],
    "addresses": ["/ip/address/print"],
    "routing": ["/ip/route/print"],
    "services": ["/ip/service/print"],
}
SUBSETS = tuple(s for s in SUBSET_READS if s != "min")


def resolve_subsets(requested):
    """`all`, names and `!name` exclusions -> the set of subsets to gather (min always included)."""
    chosen = set()
    excluded = set()
    for raw in requested or ["all"]:
        name = str(raw).strip()
        negate = name.startswith("!")
        name = name.lstrip("!")
        if name not in ("all", "min") + SUBSETS:
            raise SdxError("gather_subset: unknown subset %r; choose from all, min, %s (prefix ! to exclude)"
                           % (name, ", ".join(SUBSETS)))
        names = set(SUBSETS) if name == "all" else ({name} if name != "min" else set())
        (excluded if negate else chosen).update(names)
    if all(str(r).startswith("!") for r in requested or ["all"]):
        chosen = set(SUBSETS)
    return sorted(chosen - excluded)


def _first(items):
    return items[0] if items else {}


def _split_list(value):
    return [v for v in str(value or "").split(",") if v]


def min_facts(site, identity, resource):
    return {
        "ansible_net_hostname": identity.get("name") or site.get("identity"),
        "ansible_net_model": site.get("model") or resource.get("board-name"),
        "ansible_net_serialnum": site.get("serial_number"),
        "ansible_net_version": (resource.get("version") or site.get("software_version") or "").split(" ")[0] or None,
        "ansible_net_arch": resource.get("architecture-name") or site.get("architecture_name"),
        "ansible_net_uptime": duration_seconds(resource.get("uptime")),
        "ansible_net_cpu_load": to_int(resource.get("cpu-load")),
        "ansible_net_memfree_mb": _mb(resource.get("free-memory")),
        "ansible_net_memtotal_mb": _mb(resource.get("total-memory")),
        "altostrat_site": site,
    }


def _mb(value):
    number = to_int(value)
    return None if number is None else number // MIB


def hardware_facts(board):
    return {
        "ansible_net_routerboard": to_bool(board.get("routerboard")),
        "ansible_net_firmware": board.get("current-firmware"),
        "ansible_net_serialnum": board.get("serial-number") or None,
    }


def interface_facts(interfaces, neighbors):
    by_name = {}
    for item in interfaces:
        by_name[item.get("name")] = {
            "type": item.get("type"),
            "mac_address": item.get("mac-address"),
            "mtu": to_int(item.get("actual-mtu") or item.get("mtu")),
            "running": to_bool(item.get("running")),
            "disabled": to_bool(item.get("disabled")),
            "comment": item.get("comment"),
            "ipv4": [],
        }
    found = [{
        "interface": n.get("interface"),
        "address": n.get("address") or n.get("address4"),
        "mac_address": n.get("mac-address"),
        "identity": n.get("identity"),
        "platform": n.get("platform"),
        "version": n.get("version"),
        "board": n.get("board"),
    } for n in neighbors]
    return {"ansible_net_interfaces": by_name, "ansible_net_neighbors": found}


def address_facts(addresses, interfaces=None):
    all_v4 = []
    for item in addresses:
        address, _sep, prefix = str(item.get("address", "")).partition("/")
        if not address:
            continue
        all_v4.append(address)
        if interfaces is not None and item.get("interface") in interfaces:
            interfaces[item["interface"]]["ipv4"].append({"address": address, "subnet": to_int(prefix)})
    return {"ansible_net_all_ipv4_addresses": all_v4}


def route_facts(routes):
    return {"ansible_net_routes": [{
        "dst_address": r.get("dst-address"),
        "gateway": r.get("gateway"),
        "distance": to_int(r.get("distance")),
        "active": to_bool(r.get("active")),
        "dynamic": to_bool(r.get("dynamic")),
        "disabled": to_bool(r.get("disabled")),
        "routing_table": r.get("routing-table") or r.get("routing-mark") or "main",
        "comment": r.get("comment"),
    } for r in routes]}


def service_facts(services):
    return {"ansible_net_services": {s.get("name"): {
        "port": to_int(s.get("port")),
        "disabled": to_bool(s.get("disabled")),
        "address": _split_list(s.get("address")),
    } for s in services}}


def site_object(client, params, inventory_site=None):
    """(the site object, where it came from): `inventory` when the host's inventory variables hold this site's
    object, else `api`: one GET /sites for every site of a fleet task, or GET /sites/{id} for one site."""
    site_id = params["site_id"]
    if isinstance(inventory_site, dict) and inventory_site.get("id") == site_id:
        return inventory_site, "inventory"
    if len(params.get("site_ids") or ()) > 1:
        site = _fleet_sites(client).get(site_id)
        if site is not None:
            return site, "api"
    return get_site(client, site_id), "api"


# One list read per fleet task: keyed by the task's client, so that no other task ever sees it.
_LISTED = weakref.WeakKeyDictionary()
_LISTED_LOCK = threading.Lock()


def _fleet_sites(client):
    with _LISTED_LOCK:
        if client not in _LISTED:
            try:
                sites = list_sites(client)
            except SdxError:
                sites = []  # each site is then read alone, and fails with its own error
            _LISTED[client] = dict((site.get("id"), site) for site in sites)
        return _LISTED[client]


def run_facts(params, ctx, inventory_site=None):
    site_id = params["site_id"]
    subsets = resolve_subsets(params.get("gather_subset"))
    site, source = site_object(ctx.client, params, inventory_site)
    wanted = [command for subset in ["min"] + subsets for command in SUBSET_READS[subset]]
    answers = {command: normalise_items(items or []) for command, items in synchronous_many(
        ctx.client, site_id, wanted, workers=ctx.parallel_reads).items()}

    facts = min_facts(site, _first(answers["/system/identity/print"]), _first(answers["/system/resource/print"]))
    interfaces = None
    if "hardware" in subsets:
        hardware = hardware_facts(_first(answers["/system/routerboard/print"]))
        hardware["ansible_net_serialnum"] = hardware["ansible_net_serialnum"] or facts["ansible_net_serialnum"]
        facts.update(hardware)
    if "interfaces" in subsets:
        facts.update(interface_facts(answers["/interface/print"], answers["/ip/neighbor/print"]))
        interfaces = facts["ansible_net_interfaces"]
    if "addresses" in subsets:
        facts.update(address_facts(answers["/ip/address/print"], interfaces))
    if "routing" in subsets:
        facts.update(route_facts(answers["/ip/route/print"]))
    if "services" in subsets:
        facts.update(service_facts(answers["/ip/service/print"]))
    facts["ansible_net_gather_subset"] = ["min"] + subsets
    facts["ansible_net_api"] = "altostrat_sdx"
    facts["altostrat_site_source"] = source
    return dict(changed=False, ansible_facts=facts)


def facts_module(inventory_site=None):
    """The module; its action plugin passes the host's inventory site object, which saves a read per host."""
    return ModuleDef(
        name="altostrat_facts",
        options=dict(
            fleet_options(),
            gather_subset=dict(type="list", elements="str", default=["all"]),
        ),
        run=functools.partial(run_facts, inventory_site=inventory_site),
        required_one_of=[FLEET_CONSTRAINT],
    )


FACTS = facts_module()
