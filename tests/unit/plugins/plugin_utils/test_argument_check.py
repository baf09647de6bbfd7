# SPDX-License-Identifier: GPL-3.0-or-later
"""The main() of each action plugin file, which linters run: it validates a task's options and does nothing else."""

from __future__ import annotations

import glob
import importlib
import json
import os

import pytest
from ansible.module_utils.testing import patch_module_args

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
ACTIONS = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(REPO, "plugins", "action", "*.py")))

# The options a task of each module must give, site_id aside.
REQUIRED = {
    "altostrat_command": {"command": "/ip/dns/print"},
    "altostrat_config": {"path": "/ip/dns", "entries": {"servers": "1.1.1.1"}},
    "altostrat_job": {"script": "/log info x", "description": "x"},
}


def run_main(name, args, capsys):
    action = importlib.import_module("ansible_collections.altostrat.sdx.plugins.action." + name)
    with patch_module_args(args), pytest.raises(SystemExit) as exited:
        action.main()
    return exited.value.code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ACTIONS)
def test_an_unknown_option_fails_and_is_named(name, capsys):
    code, result = run_main(name, dict(REQUIRED.get(name, {}), make_bakup=True), capsys)
    assert code == 1 and result["failed"] and "make_bakup" in result["msg"], result


@pytest.mark.parametrize("name", ACTIONS)
def test_site_id_may_come_from_the_host_variable(name, capsys):
    code, result = run_main(name, REQUIRED.get(name, {}), capsys)
    assert code == 0 and not result.get("failed") and result["changed"] is False, result
    assert result["msg"].endswith("the arguments are valid")


def test_a_value_outside_the_choices_fails(capsys):
    code, result = run_main("altostrat_config", {"path": "/ip/dns", "handle_absent_entries": "purge"}, capsys)
    assert code == 1 and "handle_absent_entries" in result["msg"] and "purge" in result["msg"], result
