# SPDX-License-Identifier: GPL-3.0-or-later
"""ansible-lint checks a task's options against the module's argument spec, for every module.

ansible-lint runs as `make lint` runs it: with the collection on ANSIBLE_COLLECTIONS_PATH and a throwaway HOME,
and with the repository's lint settings: the production profile, and the args rule enabled and fatal.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import yaml

from tests.integration.playbook import BIN, REPO, collections_path
from tests.integration.test_collection import module_names

UUID = "9c69345c-8d39-4786-9f17-8153c988c89a"

# One task per case with a misspelt option or a bad value, and what the linter's message must name.
BAD = {
    "backup_misspelt": ("altostrat_backup", {"operation": "fetch", "dest": "/tmp/x.rsc", "filname": "1.rsc"}, "filname"),
    "backup_choice": ("altostrat_backup", {"operation": "download"}, "download"),
    "command_misspelt": ("altostrat_command", {"command": "/ip/dns/print", "paramters": ["=x=1"]}, "paramters"),
    "config_misspelt": ("altostrat_config", {"path": "/ip/dns", "entries": {"servers": ["1.1.1.1"]},
                                             "make_bakup": True}, "make_bakup"),
    "config_choice": ("altostrat_config", {"path": "/ip/dns", "entries": {"servers": ["1.1.1.1"]},
                                           "handle_absent_entries": "purge"}, "purge"),
    "config_required": ("altostrat_config", {"entries": {"servers": ["1.1.1.1"]}}, "path"),
    "facts_misspelt": ("altostrat_facts", {"gather_subsets": ["all"]}, "gather_subsets"),
    "job_misspelt": ("altostrat_job", {"script": "/log info hi", "description": "hi", "make_bakup": True},
                     "make_bakup"),
    "job_type": ("altostrat_job", {"script": "/log info hi", "description": "hi", "wait_timeout": "soon"},
                 "wait_timeout"),
    "job_info_misspelt": ("altostrat_job_info", {"job_id": UUID, "wiat": True}, "wiat"),
    "site_info_misspelt": ("altostrat_site_info", {"onlien": True}, "onlien"),
}

# Correct tasks, including those that leave site_id to the host variable altostrat_site_id, fleet tasks and
# templated values the linter cannot know.
GOOD = [
    ("altostrat_backup", {"operation": "fetch", "dest": "backups/site.rsc"}),
    ("altostrat_backup", {"operation": "request", "site_id": UUID, "wait_timeout": "{{ backup_wait }}"}),
    ("altostrat_command", {"command": "/ip/dns/print"}),
    ("altostrat_command", {"site_ids": [UUID], "command": "/system/resource/print", "concurrency": 5}),
    ("altostrat_config", {"path": "/ip/dns", "entries": {"servers": ["1.1.1.1"]}, "make_backup": False,
                          "handle_absent_entries": "{{ purge | ternary('remove', 'ignore') }}"}),
    ("altostrat_config", {"site_ids": "{{ online }}", "path": "/ip/firewall/address-list",
                          "restrict": {"list": "blocklist"}, "handle_absent_entries": "remove",
                          "entries": [{"list": "blocklist", "address": "203.0.113.7"}], "verify": True}),
    ("altostrat_facts", {"gather_subset": ["!routing"]}),
    ("altostrat_job", {"script": "/log info hi", "description": "hi", "make_backup": False,
                       "idempotency_key": "greeting-1", "wait": "{{ wait_for_it }}"}),
    ("altostrat_job", {"job_id": UUID, "state": "absent"}),
    ("altostrat_job_info", {"job_id": UUID, "wait": True, "wait_timeout": 60}),
    ("altostrat_job_info", {"status": ["failed"]}),
    ("altostrat_site_info", {"online": True}),
    ("altostrat_site_info", {"site_id": UUID, "api_url": "https://v1.api.altostrat.io"}),
]


def playbook(tasks):
    """A playbook's text, each option's value as JSON (YAML flow), and the line number of each task."""
    lines = ["---", "- name: Lint me", "  hosts: all", "  gather_facts: false", "  tasks:"]
    starts = []
    for number, (module, args) in enumerate(tasks, 1):
        starts.append(len(lines) + 1)
        lines += ["    - name: Task %d" % number, "      altostrat.sdx.%s:" % module]
        lines += ["        %s: %s" % (option, json.dumps(value)) for option, value in args.items()]
    return "\n".join(lines) + "\n", starts


def lint(directory, *files):
    """ansible-lint over the files, as `make lint` runs it; returns (rc, matches as JSON, output)."""
    home = directory / "home"
    home.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ANSIBLE_", "ALTOSTRAT_"))}
    env.update(HOME=str(home), PATH=BIN + os.pathsep + env.get("PATH", ""), NO_COLOR="1",
               ANSIBLE_COLLECTIONS_PATH=collections_path())
    proc = subprocess.run([os.path.join(BIN, "ansible-lint"), "--offline", "--nocolor", "--format=json"] + list(files),
                          cwd=directory, env=env, capture_output=True, text=True, timeout=300, check=False)
    return proc.returncode, json.loads(proc.stdout or "[]"), proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    """One ansible-lint run, with the repository's lint settings, over a playbook of bad tasks and one of good
    ones; returns (rc, the matches per bad case or other file, output)."""
    directory = tmp_path_factory.mktemp("lint")
    with open(os.path.join(REPO, ".ansible-lint"), encoding="utf-8") as handle:
        settings = yaml.safe_load(handle)
    kept = ("profile", "enable_list", "warn_list")
    (directory / ".ansible-lint").write_text(yaml.safe_dump({key: settings[key] for key in kept}), encoding="utf-8")
    # Two files, since ansible-lint runs a syntax check of each playbook: the bad cases are told apart by line.
    bad, starts = playbook([case[:2] for case in BAD.values()])
    (directory / "bad.yml").write_text(bad, encoding="utf-8")
    (directory / "good.yml").write_text(playbook(GOOD)[0], encoding="utf-8")
    rc, matches, output = lint(directory, "bad.yml", "good.yml")
    found = {}
    for match in matches:
        if match["location"]["path"] == "bad.yml" and match["location"]["lines"]["begin"] in starts:
            found.setdefault(list(BAD)[starts.index(match["location"]["lines"]["begin"])], []).append(match)
        else:
            found.setdefault(match["location"]["path"], []).append(match)
    return rc, found, output


def test_every_module_has_a_bad_case_and_a_good_one():
    assert sorted(set(case[0] for case in BAD.values())) == module_names()
    assert sorted(set(task[0] for task in GOOD)) == module_names()


def test_a_misspelt_option_or_bad_value_fails_the_lint_and_names_it(linted):
    rc, found, output = linted
    assert rc != 0, output[-3000:]
    assert "bad.yml" not in found, found["bad.yml"]  # every match is on a bad task
    for case, (module, args, named) in BAD.items():
        matches = found.get(case, [])
        assert len(matches) == 1, "%s %s %s: %s\n%s" % (case, module, args, matches, output[-3000:])
        assert matches[0]["check_name"] == "args[module]" and named in matches[0]["description"], matches
        assert matches[0]["severity"] != "info", matches  # a failure, not a warning


def test_correct_tasks_pass_the_lint(linted):
    found, output = linted[1:]
    assert found.get("good.yml", []) == [], output[-3000:]
