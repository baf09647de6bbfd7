# SPDX-License-Identifier: GPL-3.0-or-later
"""The fleet check under the API's rate limit: 60 requests per minute per key.

The same fleet-mode play as bench_fleet (facts, then an altostrat_config check, one task each over every
online site; a task fails when any of its sites failed) against a simulator that plays SDX's documented
limit with Laravel's answers (429, Retry-After, X-RateLimit-*). At 60 a minute a 1,000-site check takes
hours, so the clock is compressed: the simulator counts 60 requests per `WINDOW` seconds, and the
collection is told the same window (ALTOSTRAT_RATE_WINDOW); everything else is as a real run. The floor
is requests / 60 windows: no client can finish sooner without a 429. The row gives wall time against
that floor, the requests per site, the 429s the server answered, and the sites that failed (there must
be none); the note under the table the requests / limit. BENCH_RATE_SITES sets the
fleet size (default 1,000) and BENCH_RATE_WINDOW the window in seconds (default 2, i.e. 30x faster).
"""

import os
import re
import subprocess
import tempfile
import time

from tests.bench.bench_fleet import FLEET_MODE
from tests.bench.common import LATENCY_MS, row
from tests.integration.playbook import BIN, ansible_env
from tests.simulator.harness import Simulator

SITES = int(os.environ.get("BENCH_RATE_SITES", "1000"))
LIMIT = 60
WINDOW = float(os.environ.get("BENCH_RATE_WINDOW", "2"))
# A fleet-mode task fails when any of its sites failed, and says how many.
FAILED_SITES = re.compile(r"(\d+) of \d+ sites failed")


def run():
    with Simulator(sites=SITES, checkin_interval=30.0, latency_ms=LATENCY_MS, rate_limit=LIMIT,
                   realism={"rate_window": WINDOW}) as sim, tempfile.TemporaryDirectory(prefix="sdx-rate-") as tmp:
        inventory = os.path.join(tmp, "fleet.altostrat.yml")
        playbook = os.path.join(tmp, "check.yml")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write("plugin: altostrat.sdx.sites\n")
        with open(playbook, "w", encoding="utf-8") as handle:
            handle.write(FLEET_MODE)
        online = len(sim.site_ids(online=True))
        sim.clear_requests()
        sim.reset_rate_limit()
        env = ansible_env(sim, ANSIBLE_CALLBACKS_ENABLED=None, ALTOSTRAT_RATE_WINDOW=str(WINDOW),
                          TMPDIR=tmp)  # a budget of its own, not one left over from an earlier run
        start = time.perf_counter()
        proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory, playbook], env=env, cwd=tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        wall = time.perf_counter() - start
        requests = list(sim.requests())
    failed = sum(int(count) for count in FAILED_SITES.findall(proc.stdout))
    assert proc.returncode == 0 or failed, proc.stdout[-3000:]
    throttled = sum(1 for r in requests if r["status"] == 429)
    answered = len(requests) - throttled
    windows = answered / float(LIMIT)
    floor = windows * WINDOW
    result = row("fleet check, %d online sites, at %d requests per minute (clock %gx): wall vs requests / limit"
                 % (online, LIMIT, 60.0 / WINDOW), wall, floor, 1.1)
    result["name"] += " (%.1f requests per site, %d answered 429, %d sites failed)" % (answered / online, throttled, failed)
    result["ok"] = result["ok"] and not failed and proc.returncode == 0
    note = dict(note="rate limit: %d requests / %d a window = %.1f windows of %g s: a floor of %.1f s (%.1f hours at the "
                     "real 60 a minute); wall %.1f s (%.3fx); %.2f requests per site; %d answered 429; failed sites: %d"
                % (answered, LIMIT, windows, WINDOW, floor, windows / 60.0, wall, wall / floor, answered / online,
                   throttled, failed))
    return [result, note]
