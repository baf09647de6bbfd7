# SPDX-License-Identifier: GPL-3.0-or-later
"""Run real ansible-playbook processes against the simulator and read back every task result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def collections_path():
    """A directory holding ansible_collections/altostrat/sdx -> this repository."""
    root = os.path.join(REPO, "build", "collections")
    link = os.path.join(root, "ansible_collections", "altostrat", "sdx")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        tmp = link + ".%d" % os.getpid()
        os.symlink(REPO, tmp)
        os.replace(tmp, link)
    return root


class PlaybookRun:
    def __init__(self, rc, stdout, stderr, results):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.results = results

    def task(self, name, host=None):
        """The result of the named task (on one host, or the only one)."""
        found = [r for r in self.results if r["task"] == name and (host is None or r["host"] == host)]
        assert found, "no result for task %r in %s\n%s" % (name, [r["task"] for r in self.results], self.stdout[-3000:])
        assert len(found) == 1 or host, "task %r ran on several hosts; name one" % name
        return found[0]

    def statuses(self):
        return [r["status"] for r in self.results]

    @property
    def output(self):
        return self.stdout + self.stderr


def ansible_env(sim=None, bin_dir=BIN, **extra):
    """The environment of an ansible-* process: bin_dir (its venv's bin) first on PATH and its Python for modules."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith(("ANSIBLE_", "ALTOSTRAT_")):
            del env[key]
    env.update(
        PATH=bin_dir + os.pathsep + env.get("PATH", ""),
        ANSIBLE_COLLECTIONS_PATH=collections_path(),
        ANSIBLE_CALLBACK_PLUGINS=os.path.join(REPO, "tests", "integration", "callback_plugins"),
        ANSIBLE_CALLBACKS_ENABLED="record_results",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable if bin_dir == BIN else os.path.join(bin_dir, "python"),
        ANSIBLE_RETRY_FILES_ENABLED="false",
    )
    if sim is not None:
        env.update(ALTOSTRAT_API_URL=sim.url, ALTOSTRAT_API_TOKEN=sim.token)
        if not sim_rate_limited(sim):
            # no limit to keep under: no pacing, so tests run at full speed (a limited one is learned from its headers)
            env.update(ALTOSTRAT_RATE_LIMIT="0")
    env.update({k: str(v) for k, v in extra.items() if v is not None})
    for key in [k for k, v in extra.items() if v is None]:
        env.pop(key, None)
    return env


def sim_rate_limited(sim):
    """True when the simulator plays a rate limit (its realistic profile, or that part alone)."""
    try:
        return "rate_limit" in (sim.realism_state().get("parts") or [])
    except Exception:  # pylint: disable=broad-except
        return False


def run_playbook(playbook, sim=None, inventory=None, extra_vars=None, check=False, diff=False, verbosity=0,
                 env=None, args=(), cwd=None, bin_dir=BIN):
    """Run a playbook given as YAML text (or a path or collection name) with bin_dir's ansible-playbook, in cwd
    (default: a temporary directory); return a PlaybookRun."""
    with tempfile.TemporaryDirectory(prefix="sdx-it-") as tmp:
        if "\n" in playbook:
            path = os.path.join(tmp, "play.yml")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(textwrap.dedent(playbook))
        else:
            path = playbook
        results_file = os.path.join(tmp, "results.json")
        cmd = [os.path.join(bin_dir, "ansible-playbook"), path]
        if inventory is None:
            cmd += ["-i", "localhost,", "-c", "local"]
        else:
            if "\n" in inventory:
                inv_path = os.path.join(tmp, "inventory.yml")
                with open(inv_path, "w", encoding="utf-8") as handle:
                    handle.write(textwrap.dedent(inventory))
                inventory = inv_path
            cmd += ["-i", inventory]
        if extra_vars:
            cmd += ["-e", json.dumps(extra_vars)]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        cmd += list(args)
        proc = subprocess.run(cmd, env=ansible_env(sim, bin_dir, RECORD_RESULTS_FILE=results_file, **(env or {})),
                              cwd=cwd or tmp, capture_output=True, text=True, timeout=600, check=False)
        results = []
        if os.path.exists(results_file):
            with open(results_file, encoding="utf-8") as handle:
                results = json.load(handle)
        return PlaybookRun(proc.returncode, proc.stdout, proc.stderr, results)


READ_VERBS = ("print", "get", "getall", "export", "inspect")


def mutating_requests(entries):
    """Requests from the simulator's log that could change something: every non-GET request except
    synchronous RouterOS reads (a POST to /api/synchronous whose command is a print, get or export)."""
    found = []
    for entry in entries:
        if entry["method"] in ("GET", "HEAD", "OPTIONS"):
            continue
        if entry["path"].startswith("/api/synchronous/"):
            try:
                command = json.loads(entry.get("body") or "{}").get("command", "")
            except ValueError:
                command = ""
            if command.rstrip("/").rsplit("/", 1)[-1] in READ_VERBS:
                continue
        found.append(entry)
    return found
