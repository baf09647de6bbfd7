# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection as users get it: the built tarball and ansible-doc."""

from __future__ import annotations

import glob
import os
import subprocess
import tarfile

import pytest
import yaml

from tests.integration.playbook import BIN, REPO, ansible_env

GENERATED = ("__pycache__", ".pyc", "tests/output", "collections/", "build/", ".venv", ".pytest_cache", ".hypothesis",
             "changelogs/.plugin-cache.yaml", ".tar.gz")


def module_names():
    return sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(REPO, "plugins", "modules", "*.py")))


def test_built_tarball_has_no_generated_files(tmp_path):
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(tmp_path), REPO],
                   check=True, capture_output=True, env=ansible_env())
    (tarball,) = glob.glob(str(tmp_path / "altostrat-sdx-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "plugins/modules/altostrat_site_info.py" in names
    assert "plugins/module_utils/transport/client.py" in names
    offenders = [n for n in names if any(g in n for g in GENERATED)]
    assert offenders == []


@pytest.mark.parametrize("module", module_names())
def test_ansible_doc_renders_every_module(module):
    proc = subprocess.run([os.path.join(BIN, "ansible-doc"), "altostrat.sdx." + module], capture_output=True, text=True,
                          env=ansible_env(), check=False)
    assert proc.returncode == 0, proc.stderr
    assert "altostrat.sdx." + module in proc.stdout and "api_token" in proc.stdout


def test_action_group_all_names_every_module():
    with open(os.path.join(REPO, "meta", "runtime.yml"), encoding="utf-8") as handle:
        runtime = yaml.safe_load(handle)
    assert sorted(runtime["action_groups"]["all"]) == module_names()


def test_every_module_has_an_action_plugin():
    actions = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(REPO, "plugins", "action", "*.py")))
    assert actions == module_names()
