# SPDX-License-Identifier: GPL-3.0-or-later
"""Job slicing under the API's rate limit: several ansible-playbook runs at once, one API key, no shared memory.

AWX / Automation Controller splits a job's inventory into slices that run as separate jobs on separate
execution nodes. Here each slice is its own ansible-playbook process over part of the inventory, with its
own TMPDIR and ANSIBLE_LOCAL_TEMP, so the slices share no controller state: each knows only its own
requests, and learns from the server's X-RateLimit-Remaining (and any 429's Retry-After) what the others
spend. The simulator plays the realistic profile with its limit counted per 2-second window (the clock
compressed 30 times, as in the benchmark), and every slice is told that window.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from tests.integration.playbook import run_playbook
from tests.simulator.harness import Simulator
from tests.simulator.pytest_fixtures import REALISTIC_FAST

SLICES = 3
SITES = 20  # 16 online: five or six hosts a slice
LIMIT = 15
WINDOW = 2.0
# What a job over SDX sites typically does: facts, then a drift check (three requests per host).
PLAY = """
- name: One slice of the fleet
  hosts: altostrat_online
  gather_facts: false
  tasks:
    - name: facts
      altostrat.sdx.altostrat_facts:
        gather_subset: [min]
    - name: drift check
      altostrat.sdx.altostrat_config:
        path: /ip/dns
        entries: {servers: [1.1.1.1, 9.9.9.9]}
      check_mode: true
"""


@pytest.fixture(scope="module")
def limited():
    realism = dict(REALISTIC_FAST["realism"], rate_window=WINDOW)
    with Simulator(sites=SITES, checkin_interval=0.2, profile="realistic", rate_limit=LIMIT, realism=realism) as sim:
        yield sim


def source(tmp_path):
    path = tmp_path / "fleet.altostrat.yml"
    path.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    return str(path)


def rate_env(directory):
    """A controller of its own: its own temporary directories, hence its own request budget."""
    os.makedirs(directory, exist_ok=True)
    local_temp = os.path.join(directory, "ansible-local")
    return dict(TMPDIR=str(directory), ANSIBLE_LOCAL_TEMP=local_temp, ALTOSTRAT_RATE_WINDOW=str(WINDOW))


def slice_patterns(count):
    """Host patterns cutting the online hosts into SLICES parts (Ansible's subscripts include both ends)."""
    bounds = [count * number // SLICES for number in range(SLICES + 1)]
    return ["altostrat_online[%d:%d]" % (bounds[n], bounds[n + 1] - 1) for n in range(SLICES)]


def test_concurrent_slices_share_one_key_without_failing(limited, tmp_path):
    online = len(limited.site_ids(online=True))
    assert online >= 3 * SLICES
    inventory = source(tmp_path)
    limited.clear_requests()
    limited.reset_rate_limit()
    runs = [None] * SLICES

    def run_slice(number):
        runs[number] = run_playbook(PLAY, limited, inventory=inventory, env=rate_env(tmp_path / ("slice%d" % number)),
                                    args=["--limit", slice_patterns(online)[number], "--forks", "5"])

    started = time.monotonic()
    threads = [threading.Thread(target=run_slice, args=(number,)) for number in range(SLICES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started

    done = {task: [] for task in ("facts", "drift check")}
    for run in runs:
        assert run.rc == 0, run.output[-3000:]
        for task, hosts in done.items():
            results = [r for r in run.results if r["task"] == task]
            assert results and all(r["status"] in ("ok", "changed") for r in results), results
            hosts.extend(r["host"] for r in results)
    for task, hosts in done.items():
        assert len(hosts) == len(set(hosts)) == online, (task, hosts)  # every host once, in one slice
    requests = limited.requests()
    answered = [r for r in requests if r["status"] != 429]
    throttled = len(requests) - len(answered)
    # three requests per host, and the inventory's two per slice: several windows' worth
    assert len(answered) == 3 * online + 2 * SLICES
    floor = len(answered) / float(LIMIT) * WINDOW
    assert wall >= floor - WINDOW, (wall, floor)
    assert limited.rate_limit_state()["throttled"] == throttled
    # the slices together stayed under the one limit, but for a few 429s while they learned of each other
    # (0 to 6 measured; without shares of the limit, 11 and 15)
    assert throttled <= 0.15 * len(answered), "%d of %d requests answered 429 (%.1f s, floor %.1f s)" % (
        throttled, len(requests), wall, floor)
