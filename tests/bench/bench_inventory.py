# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-inventory --list over 10,000 SDX sites: the altostrat.sdx.sites plugin against a static YAML file.

The static file holds the same hosts, host variables and groups the plugin makes, so both commands
print the same inventory; the plugin runs cold (GET /sites and GET /tags) and from a warm jsonfile
cache. Each is timed as the whole command's wall time, the median of rounds that alternate them.
A static YAML file is slow to load with ansible-core's default inventory plugins, so a third row
holds the cached plugin to the fastest static form: the same inventory in JSON syntax, read by the
yaml plugin alone. BENCH_INVENTORY_SITES sets another fleet size.
"""

import json
import os
import statistics
import subprocess
import tempfile
import time

import yaml

from tests.bench.common import LATENCY_MS, ROUNDS, row
from tests.integration.playbook import BIN, ansible_env
from tests.simulator.harness import Simulator

SITES = int(os.environ.get("BENCH_INVENTORY_SITES", "10000"))


def unwrap(value):
    """ansible-inventory marks API strings {"__ansible_unsafe": ...}; a static file holds them as plain strings."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


def static_inventory(listing):
    """The YAML inventory of an ansible-inventory --list answer: the same hosts, host variables and groups."""
    groups = {name: {"hosts": {host: None for host in body["hosts"]}}
              for name, body in listing.items() if name not in ("_meta", "all", "ungrouped") and body.get("hosts")}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump({"all": {"hosts": unwrap(listing["_meta"]["hostvars"]), "children": groups}}, Dumper=dumper,
                     default_flow_style=False, allow_unicode=True)


def timed(path, env, cwd, **extra_env):
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", path, "--list"], env=dict(env, **extra_env), cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    return elapsed


def run():
    with Simulator(sites=SITES, checkin_interval=5.0, latency_ms=LATENCY_MS) as sim, tempfile.TemporaryDirectory(prefix="sdx-bench-") as tmp:
        env = ansible_env(sim)
        cold = os.path.join(tmp, "cold.altostrat.yml")
        with open(cold, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\n")
        cached = os.path.join(tmp, "cached.altostrat.yml")
        with open(cached, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
                         "cache_connection: %s\ncache_timeout: 86400\n" % os.path.join(tmp, "cache"))
        # The cached run warms the cache; its output becomes the static file.
        proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", cached, "--list"], env=env, cwd=tmp,
                              capture_output=True, text=True, check=True)
        listing = json.loads(proc.stdout)
        assert len(listing["_meta"]["hostvars"]) == SITES
        static = os.path.join(tmp, "static.yml")
        with open(static, "w", encoding="utf-8") as handle:
            handle.write(static_inventory(listing))
        static_json = os.path.join(tmp, "static_json.yml")
        with open(static_json, "w", encoding="utf-8") as handle:
            with open(static, encoding="utf-8") as source:
                json.dump(yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), handle)
        del listing, proc

        cold_s, cached_s, static_s, json_s = [], [], [], []
        for _round in range(ROUNDS):
            cold_s.append(timed(cold, env, tmp))
            static_s.append(timed(static, env, tmp))
            cached_s.append(timed(cached, env, tmp))
            json_s.append(timed(static_json, env, tmp, ANSIBLE_INVENTORY_ENABLED="ansible.builtin.yaml"))
        baseline = statistics.median(static_s)
        what = "inventory --list, %d sites" % SITES
        return [row("%s: sites plugin cold vs static YAML" % what, statistics.median(cold_s), baseline, 1.5),
                row("%s: sites plugin cached vs static YAML" % what, statistics.median(cached_s), baseline, 1.1),
                row("%s: sites plugin cached vs static JSON (yaml plugin only)" % what, statistics.median(cached_s),
                    statistics.median(json_s), 1.1)]
