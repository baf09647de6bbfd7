# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: sites
short_description: Altostrat SDX sites as an Ansible inventory
version_added: 0.1.0
description:
  - One host per SDX site (MikroTik router) the API token can see, read with C(GET /sites), and groups from the
    workspace's tags, read with C(GET /tags). Those two requests (and any further pages of them) are all the plugin
    ever makes, however many sites there are.
  - Every host runs its tasks on the controller through the P(altostrat.sdx.site#connection) connection (local
    execution that knows its site) and reaches its router through the SDX API, so no router address needs to be
    reachable. C(gather_facts) calls M(altostrat.sdx.altostrat_facts) for the host's site.
  - "Host variables: C(altostrat_site_id) (the site's UUID), C(altostrat_site) (the site object exactly as the API
    returns it), C(altostrat_tags) (tag key to value), C(altostrat_api_url), C(altostrat_validate_certs) and C(altostrat_ca_path) when O(ca_path) is set (so the
    collection's modules reach the same API), C(ansible_connection), C(ansible_python_interpreter) (the controller's
    Python) and C(ansible_facts_modules)."
  - The API token is never written to host variables, groups or the cache. Modules take it from
    E(ALTOSTRAT_API_TOKEN) or from a vaulted C(altostrat_api_token) variable.
  - "Groups: C(altostrat_online) and C(altostrat_offline) (from the site's C(has_pulse)), and C(tag_<key>_<value>)
    for every tag value applied to a site, made safe with the hostname rule below
    (C(region=Western Cape) gives C(tag_region_western_cape))."
  - A failed request (for example HTTP 401 or 403) fails the inventory source with a message saying what to check; it
    never yields an empty inventory as if the workspace had no sites. Set C(any_unparsed_is_failed) in the
    C([inventory]) section of C(ansible.cfg) (or E(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true)) to make that stop the
    run instead of leaving the source out with a warning.
  - The source file name must end in C(altostrat.yml) or C(altostrat.yaml).
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  plugin:
    description: The name of this plugin; it marks the file as a source for it.
    type: str
    required: true
    choices:
      - altostrat.sdx.sites
  hostname:
    description:
      - The site field that names each host.
      - V(name) and V(identity) are made safe for Ansible; accents are dropped, letters are lower-cased, and every run
        of other characters than letters and digits becomes one C(_), with none at the start or end
        (C(Johannesburg HQ) gives C(johannesburg_hq), C(São Paulo / Store 2) gives C(sao_paulo_store_2)).
      - V(id) (the UUID) and V(pid) (C(site_...)) are used as they are.
      - A site whose chosen field is empty (or has nothing left once made safe) is named by its C(pid), or by its
        C(id) when it has no C(pid).
      - When several sites get the same name, the one created first (then the lowest C(id)) keeps it and each other
        one gets C(_) and its C(pid) in lower case appended (C(johannesburg_hq_site_2f...)); a name still taken after
        that falls back to the site's C(id). The result does not depend on the order the API lists sites in.
    type: str
    default: name
    choices:
      - name
      - identity
      - id
      - pid
  online_only:
    description:
      - Leave out sites that are offline (C(has_pulse) false).
    type: bool
    default: false
  name_patterns:
    description:
      - Keep only sites whose C(name) matches one of these shell-style patterns (C(*), C(?), C([...])), ignoring case.
      - A pattern without wildcards must match the whole name.
    type: list
    elements: str
    default: []
  models:
    description:
      - Keep only sites whose C(model) matches one of these shell-style patterns, ignoring case (for example V(RB5009*)).
    type: list
    elements: str
    default: []
  versions:
    description:
      - Keep only sites whose RouterOS C(software_version) matches one of these shell-style patterns (for example
        V(7.*)).
    type: list
    elements: str
    default: []
  tags:
    description:
      - Keep only sites that carry these tags. Each key is a tag key; its value is one value or a list of values,
        shell-style patterns matched ignoring case. A site must match every key given, and any one value of a key.
      - Tags come from the same C(GET /tags) answer as the tag groups, so filtering costs no extra request.
    type: dict
    default: {}
extends_documentation_fragment:
  - altostrat.sdx.auth.plugin
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
requirements:
  - requests
notes:
  - Filters run on the controller after the two requests; the API has no server-side filter for sites.
  - The cache holds the raw C(/sites) and C(/tags) answers under one key per source file, with the API URL and a short
    fingerprint of the token (never the token) so that a different API or token does not reuse them.
  - Variables from C(compose) and groups from C(groups) and C(keyed_groups) see the host variables above; strings that
    came from the API are never evaluated as templates.
seealso:
  - module: altostrat.sdx.altostrat_site_info
"""

EXAMPLES = r"""
# altostrat.yml: every site; the API URL and token come from ALTOSTRAT_API_URL and ALTOSTRAT_API_TOKEN.
# ansible-inventory -i altostrat.yml --graph
plugin: altostrat.sdx.sites
---
# production.altostrat.yml: online production routers, grouped by model and RouterOS major version,
# kept for ten minutes in a JSON file cache.
plugin: altostrat.sdx.sites
online_only: true
tags:
  environment: production
keyed_groups:
  - key: altostrat_site.model
    prefix: model
  - key: altostrat_site.software_version.split('.')[0]
    prefix: routeros
groups:
  routeros6: altostrat_site.software_version is version('7', '<')
compose:
  site_address: altostrat_site.address
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: .altostrat_cache
cache_timeout: 600
---
# branches.altostrat.yml: the branch offices in two regions, named by their RouterOS identity.
plugin: altostrat.sdx.sites
hostname: identity
name_patterns:
  - "* branch*"
tags:
  region:
    - gauteng
    - western-cape
versions:
  - "7.*"
keyed_groups:
  - key: altostrat_tags.customer
    prefix: customer
"""

import fnmatch
import hashlib
import re
import unicodedata

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.plugins.loader import connection_loader
from ansible.template import trust_as_template

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import DEFAULT_API_URL, SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxError

# Local execution that also hands the site's id and API settings to modules gather_facts starts.
CONNECTION = "altostrat.sdx.site"
FACTS_MODULES = ("altostrat.sdx.altostrat_facts",)
# Bumped when the cached shape changes, so an older entry is fetched afresh instead of misread.
CACHE_FORMAT = 1
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


# --- pure helpers: data in, data out ----------------------------------------------------------


def safe_name(text):
    """`Johannesburg HQ` -> `johannesburg_hq`: ASCII letters and digits in lower case, runs of anything else as `_`."""
    if text is None:
        return ""
    text = str(text)
    if not text.isascii():
        # Drop accents (São -> Sao) rather than the whole letter.
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SAFE.sub("_", text.lower()).strip("_")


def _field(site, name):
    value = site.get(name)
    return "" if value is None else str(value).strip()


def fallback_name(site):
    """The name of a site that has no usable value in the chosen field: its pid, else its id."""
    return _field(site, "pid") or _field(site, "id")


def preferred_hostname(site, source="name"):
    """The hostname a site asks for before collisions are resolved."""
    if source in ("name", "identity"):
        name = safe_name(site.get(source))
    else:
        name = _field(site, source)
    return name or fallback_name(site)


def assign_hostnames(sites, source="name"):
    """[(hostname, site)] sorted by hostname, every hostname unique, whatever order the sites come in.

    Of the sites asking for one name, the one created first (then the lowest id) keeps it; the others
    are suffixed with their pid, and a name still taken falls back to the site's id.
    """
    wanted = {}
    seen = set()
    for site in sites:
        site_id = _field(site, "id")
        if site_id in seen:
            continue  # a site listed twice is one host
        seen.add(site_id)
        wanted.setdefault(preferred_hostname(site, source), []).append(site)
    named = {}
    later = []
    for name, claimants in wanted.items():
        if len(claimants) > 1:
            claimants.sort(key=lambda s: (_field(s, "created_at"), _field(s, "id")))
            later.extend((name, site) for site in claimants[1:])
        named[name] = claimants[0]
    later.sort(key=lambda pair: (pair[0], _field(pair[1], "created_at"), _field(pair[1], "id")))
    for name, site in later:
        pid = safe_name(site.get("pid"))
        candidate = "%s_%s" % (name, pid) if pid else ""
        if not candidate or candidate in named:
            candidate = _field(site, "id")
        named[candidate] = site
    return sorted(named.items())


def site_tag_index(tags):
    """{correlation id: {tag key: value}} for the tag values applied to sites."""
    index = {}
    for tag in tags or ():
        key = tag.get("key")
        if not key:
            continue
        for value in tag.get("values") or ():
            if value.get("correlation_type", "site") != "site" or value.get("correlation_id") is None:
                continue
            index.setdefault(str(value["correlation_id"]), {})[key] = value.get("value")
    return index


def tags_of(site, index):
    """A site's tags: the API may correlate them by id, pid or `site_<uuid hex>`, so all three are looked up."""
    found = {}
    site_id = _field(site, "id")
    for ref in (site_id, _field(site, "pid"), "site_" + site_id.replace("-", "")):
        if ref and ref in index:
            found.update(index[ref])
    return found


def _patterns(values):
    if values is None:
        return []
    if isinstance(values, (str, int, float, bool)):
        values = [values]
    return [str(v).lower() for v in values]


def _any_match(value, patterns):
    value = "" if value is None else str(value).lower()
    return any(fnmatch.fnmatchcase(value, pattern) for pattern in patterns)


def make_filter(online_only=False, name_patterns=None, models=None, versions=None, tags=None):
    """A predicate (site, site_tags) -> bool for the filter options; None when nothing is filtered."""
    names = _patterns(name_patterns)
    model_patterns = _patterns(models)
    version_patterns = _patterns(versions)
    tag_patterns = {str(key): _patterns(value) for key, value in (tags or {}).items()}
    if not (online_only or names or model_patterns or version_patterns or tag_patterns):
        return None

    def keep(site, site_tags):
        if online_only and not site.get("has_pulse"):
            return False
        if names and not _any_match(site.get("name"), names):
            return False
        if model_patterns and not _any_match(site.get("model"), model_patterns):
            return False
        if version_patterns and not _any_match(site.get("software_version"), version_patterns):
            return False
        for key, patterns in tag_patterns.items():
            if key not in site_tags or not _any_match(site_tags[key], patterns):
                return False
        return True
    return keep


def group_names(site, site_tags):
    """The plugin's own groups for a site: online state, then one per tag value."""
    groups = ["altostrat_online" if site.get("has_pulse") else "altostrat_offline"]
    for key in sorted(site_tags):
        groups.append("_".join(part for part in ("tag", safe_name(key), safe_name(site_tags[key])) if part))
    return groups


def token_fingerprint(token):
    """A short one-way digest that tells two tokens apart in the cache without revealing either."""
    return hashlib.sha256(("altostrat.sdx inventory cache:" + str(token or "").strip()).encode("utf-8")).hexdigest()[:12]


# --- the plugin -----------------------------------------------------------------------------------


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "altostrat.sdx.sites"

    def verify_file(self, path):
        if super().verify_file(path):
            return path.endswith(("altostrat.yml", "altostrat.yaml"))
        return False

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        unknown = sorted(set(config or {}) - set(self._options))
        if unknown:
            # a misspelt option would otherwise be ignored without a word
            raise AnsibleParserError("%s: unknown option%s %s; see ansible-doc -t inventory altostrat.sdx.sites"
                                     % (path, "s" if len(unknown) > 1 else "", ", ".join(unknown)))
        api_url = self.get_option("api_url")
        # An empty api_url is a mistake to report (the client does), not a way to say "production".
        api_url = DEFAULT_API_URL if api_url is None else str(api_url).strip().rstrip("/")
        fingerprint = token_fingerprint(self.get_option("api_token"))

        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache")
        data = None
        if use_cache and cache:
            try:
                data = self._cache[cache_key]
            except KeyError:
                data = None
            if not _cache_entry_usable(data, api_url, fingerprint):
                data = None
        if data is None:
            data = self._fetch(api_url, fingerprint)
            if use_cache:
                self._cache[cache_key] = data
        self._populate(data, api_url)
        # Every host gets this connection. Loaded here, in the controller's main process, it is inherited by
        # every forked task worker instead of being loaded again by each (about 6 ms of CPU per host and task).
        connection_loader.get(CONNECTION, class_only=True)

    def _fetch(self, api_url, fingerprint):
        """The raw answers of GET /sites and GET /tags (all pages), as the cache stores them."""
        try:
            client = SdxClient(api_url=api_url, api_token=self.get_option("api_token"),
                               validate_certs=self.get_option("validate_certs"), ca_path=self.get_option("ca_path"),
                               timeout=self.get_option("timeout"), retries=self.get_option("retries"),
                               rate_limit=self.get_option("rate_limit"), rate_window=self.get_option("rate_window"),
                               warn=self.display.warning)
        except SdxError as exc:
            raise AnsibleError("%s: %s" % (self.NAME, exc.msg)) from None
        try:
            sites = client.get_all("/sites")
            tags = self._tags(client)
        except SdxApiError as exc:
            raise AnsibleError(_api_error_message(self.NAME, api_url, exc)) from None
        except SdxError as exc:
            raise AnsibleError("%s: no inventory from %s: %s" % (self.NAME, api_url, exc.msg)) from None
        finally:
            client.close()
        if not isinstance(sites, list) or not isinstance(tags, list):
            raise AnsibleError("%s: no inventory from %s: GET /sites and GET /tags must answer with lists" % (self.NAME, api_url))
        return {"format": CACHE_FORMAT, "api_url": api_url, "token_fingerprint": fingerprint, "sites": sites, "tags": tags}

    def _tags(self, client):
        """GET /tags, or none when the key may not read tags: hosts without tag groups beat no inventory."""
        try:
            return client.get_all("/tags")
        except SdxApiError as exc:
            if exc.status not in (403, 404):
                raise
            self.display.warning("%s: GET /tags was refused (HTTP %s): the hosts have no tag groups or altostrat_tags; "
                                 "give the API key permission to read tags to have them" % (self.NAME, exc.status))
            return []

    def _populate(self, data, api_url):
        inventory = self.inventory
        index = site_tag_index(data["tags"])
        keep = make_filter(online_only=self.get_option("online_only"), name_patterns=self.get_option("name_patterns"),
                           models=self.get_option("models"), versions=self.get_option("versions"),
                           tags=self.get_option("tags"))
        chosen = []
        for site in data["sites"]:
            if not isinstance(site, dict) or not site.get("id"):
                continue
            site_tags = tags_of(site, index)
            if keep is None or keep(site, site_tags):
                chosen.append((site, site_tags))
        tags_by_id = {id(site): site_tags for site, site_tags in chosen}

        compose = self.get_option("compose")
        composed_groups = self.get_option("groups")
        keyed_groups = self.get_option("keyed_groups")
        constructed = bool(compose or composed_groups or keyed_groups)
        strict = self.get_option("strict")
        validate_certs = self.get_option("validate_certs")
        ca_path = self.get_option("ca_path")
        python = trust_as_template("{{ ansible_playbook_python }}")
        known_groups = set()

        for hostname, site in assign_hostnames([site for site, _dummy in chosen], self.get_option("hostname")):
            site_tags = tags_by_id[id(site)]
            hostvars = {
                "altostrat_site_id": site["id"],
                "altostrat_site": site,
                "altostrat_tags": site_tags,
                "altostrat_api_url": api_url,
                "altostrat_validate_certs": validate_certs,
                "ansible_connection": CONNECTION,
                "ansible_python_interpreter": python,
                "ansible_facts_modules": list(FACTS_MODULES),
            }
            if ca_path:
                hostvars["altostrat_ca_path"] = ca_path
            inventory.add_host(hostname)
            for name, value in hostvars.items():
                inventory.set_variable(hostname, name, value)
            for group in group_names(site, site_tags):
                if group not in known_groups:
                    inventory.add_group(group)
                    known_groups.add(group)
                inventory.add_child(group, hostname)
            if constructed:
                # Only when asked: templating every host is the slow part of a large inventory.
                self._set_composite_vars(compose, hostvars, hostname, strict=strict)
                self._add_host_to_composed_groups(composed_groups, hostvars, hostname, strict=strict)
                self._add_host_to_keyed_groups(keyed_groups, hostvars, hostname, strict=strict)


def _cache_entry_usable(data, api_url, fingerprint):
    """A cached entry is reused only if it has this plugin's shape and came from the same API and token."""
    return (isinstance(data, dict) and data.get("format") == CACHE_FORMAT and data.get("api_url") == api_url
            and data.get("token_fingerprint") == fingerprint and isinstance(data.get("sites"), list)
            and isinstance(data.get("tags"), list))


def _api_error_message(plugin, api_url, exc):
    # The API error already says what to check for a 401 or 403 (transport.errors.STATUS_HINTS).
    return "%s: no inventory from %s: %s" % (plugin, api_url, exc.msg)
