# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic fleets: the same index always gives the same site, router and tags.

Only the site rows are written here; a site's RouterOS state is built on first use, so seeding
ten thousand sites takes well under a second.
"""

from tests.simulator.common import EXAMPLE_SITE_ID, base62, iso, now, stable_hash, stable_uuid

VERSIONS = {6: ("6.49.15",), 7: ("7.15.1", "7.16.2")}

CITIES = (
    ("Johannesburg", "gauteng"), ("Cape Town", "western-cape"), ("Durban", "kwazulu-natal"),
    ("Pretoria", "gauteng"), ("Gqeberha", "eastern-cape"), ("Bloemfontein", "free-state"),
    ("Stellenbosch", "western-cape"), ("Polokwane", "limpopo"), ("Nelspruit", "mpumalanga"),
    ("Kimberley", "northern-cape"), ("East London", "eastern-cape"), ("Pietermaritzburg", "kwazulu-natal"),
    ("Rustenburg", "north-west"), ("George", "western-cape"), ("Windhoek", "namibia"),
    ("Gaborone", "botswana"), ("Maputo", "mozambique"), ("Harare", "zimbabwe"), ("Lusaka", "zambia"),
    ("Nairobi", "kenya"),
)
KINDS = ("HQ", "Branch", "Warehouse", "Office", "Store", "Clinic", "Depot", "Campus", "Data Centre", "Lab")
CUSTOMERS = ("Acme Retail", "Karoo Logistics", "Baobab Health", "Fynbos Foods")
COLORS = {"region": "#1E88E5", "environment": "#43A047", "customer": "#FB8C00"}
MANDATORY = {"region": ["site"], "environment": ["site"], "customer": []}


def offered_models():
    """Model -> (architecture, board name, RouterOS majors), from the RouterOS engine's MODELS."""
    from tests.simulator.routeros import MODELS  # pylint: disable=import-outside-toplevel
    return {model: (spec.get("arch", "arm64"), spec.get("board", model), tuple(spec.get("majors", (6, 7))))
            for model, spec in MODELS.items()}


def site_id(tenant, index):
    if tenant == "default" and index == 0:
        return EXAMPLE_SITE_ID
    return stable_uuid(f"site:{tenant}:{index}")


def site_name(tenant, index):
    """`Johannesburg HQ`, `Cape Town Branch`, ...; unique for every index."""
    city = CITIES[index % len(CITIES)][0]
    # Shifting the kind by the lap keeps every (city, kind) pair unique within one round.
    kind = KINDS[(index + index // len(CITIES)) % len(KINDS)]
    lap = index // (len(CITIES) * len(KINDS))
    name = f"{city} {kind}" + (f" {lap + 1}" if lap else "")
    return name if tenant == "default" else f"{name} ({tenant.upper()})"


def build_site(tenant, index, hardware, stamp):
    ident = site_id(tenant, index)
    models = list(hardware)
    model = models[(index * 7 + 3) % len(models)] if index else models[0]
    arch, board, majors = hardware[model]
    # Alternate majors where the hardware allows, so fleets mix RouterOS 6 and 7.
    major = majors[index % len(majors)] if len(majors) > 1 else majors[0]
    if index == 0:
        major = majors[-1]
    versions = VERSIONS[major]
    version = versions[index % len(versions)]
    digest = stable_hash(ident)
    serial = "CHR" + digest[:9].upper() if model == "CHR" else ("HE" + digest[:10]).upper()
    name = site_name(tenant, index)
    created = stamp - 86400 * (30 + index % 400) - index
    return {
        "id": ident,
        "pid": "site_" + base62(int(digest[:40], 16), 27),
        "name": name,
        "address": f"{10 + index % 89} Main Road, {CITIES[index % len(CITIES)][0]}",
        "architecture_name": arch,
        "hardware_hash": digest,
        "serial_number": serial,
        "software_version": version,
        "software_id": (digest[10:14] + "-" + digest[14:18]).upper(),
        "identity": name.split(" (", maxsplit=1)[0].replace(" ", "-"),
        "last_seen_from": f"{(102, 105, 154, 196, 41)[index % 5]}.{int(digest[18:20], 16)}.{int(digest[20:22], 16)}."
                          f"{1 + int(digest[22:24], 16) % 254}",
        "model": model,
        "board_name": board,
        "routerboard": model != "CHR",
        "created_at": iso(created),
        "updated_at": iso(created),
        "deleted_at": None,
        "scheduler_removal": None,
    }


def build_tags(tenant, sites):
    """Tag definitions with one value per site: `region`, `environment`, `customer`."""
    tags = []
    for key in ("region", "environment", "customer"):
        tag = {"id": "tag_" + base62(int(stable_hash(f"tag:{tenant}:{key}")[:40], 16), 26), "key": key,
               "color": COLORS[key], "mandatory_on": MANDATORY[key]}
        values = []
        for site in sites:
            index, data = site[0], site[-1]
            if key == "region":
                value = CITIES[index % len(CITIES)][1]
            elif key == "environment":
                value = "staging" if index % 4 == 3 else "production"
            else:
                value = CUSTOMERS[index % len(CUSTOMERS)]
            values.append((data["id"], value))
        tags.append((tag, values))
    return tags


def seed(store, count, offline=None, tenant="default", replace=False):
    """Add `count` sites to a tenant (after its existing ones unless `replace`); some are offline.

    By default every fifth site is offline (with 5 sites: exactly one, the last); the first site
    of a tenant is always online.
    """
    if replace:
        store.delete_tenant_sites(tenant)
    start = store.next_index(tenant)
    hardware = offered_models()
    stamp = now()
    if offline is None:
        offline_set = {i for i in range(start, start + count) if i % 5 == 4}
    else:
        offline = max(0, min(int(offline), count - (1 if start == 0 else 0)))
        offline_set = set(range(start + count - offline, start + count))
    # (index, online, boot time, last seen when offline, the Site's static fields)
    sites = [(i, i not in offline_set, stamp - 3600 * (1 + i % 500) - i % 3600, stamp - 600 * (1 + i % 144),
              build_site(tenant, i, hardware, stamp)) for i in range(start, start + count)]
    store.insert_sites(tenant, sites, build_tags(tenant, sites))
    return [site[-1]["id"] for site in sites]
