# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo` keeps working: its script runs the whole tour against a fresh simulator."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.integration.playbook import REPO, ansible_env


def test_demo_runs_the_tour_and_converges():
    proc = subprocess.run([sys.executable, os.path.join(REPO, "tools", "demo.py")], env=ansible_env(SIM_SITES="3"),
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert "@altostrat_online:" in out
    assert "TASK [Gathering Facts]" in out and "MiB free" in out
    assert "yes: /ip dns set servers=1.1.1.1,9.9.9.9" in out
    assert "re-run: the router already matches the script: nothing queued" in out
    assert "drift found (remove list=blocklist address=192.0.2.99) and repaired by job" in out
    assert "    - remove list=blocklist address=192.0.2.99\n" in out and "{'list'" not in out  # entries named, not dicts
    assert "# remove list=blocklist address=192.0.2.99\n+remove *" in out  # the script names the entry it removes
    assert "disabled: false" not in out  # one spelling of booleans: yes/no
    assert "of which 4 could change something" in out  # two jobs, the hand-made drift and its repair
    assert "[DEPRECATION WARNING]" not in out + proc.stderr


def test_the_guide_local_commands_work_as_written(sim, tmp_path):
    env = ansible_env(sim)
    source = tmp_path / "local.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    graph = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", str(source), "--graph"],
                           env=env, capture_output=True, text=True, check=False)
    assert graph.returncode == 0 and "johannesburg_hq" in graph.stdout, graph.stderr
    adhoc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible"), "-i", str(source), "johannesburg_hq",
                            "-m", "altostrat.sdx.altostrat_config", "-a", "path=/ip/dns/static state=gathered"],
                           env=env, capture_output=True, text=True, check=False)
    assert adhoc.returncode == 0, adhoc.stdout + adhoc.stderr
    assert '"gathered"' in adhoc.stdout and "router.lan" in adhoc.stdout
