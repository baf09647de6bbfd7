# SPDX-License-Identifier: GPL-3.0-or-later
"""module_utils is sorted by kind, in layers: a file imports only from its own layer or the ones below.

transport (HTTP to SDX) < sdx (SDX's resources) < routeros (RouterOS through SDX) < framework (the
module pattern) < run (one file per module). Each file is imported alone, in a fresh interpreter, and
what it pulled in is checked: the rule holds for what Python really loads, not only for what the
import lines say.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
MODULE_UTILS = os.path.join(REPO, "plugins", "module_utils")
PREFIX = "ansible_collections.altostrat.sdx.plugins.module_utils."
LAYERS = ["version", "transport", "sdx", "routeros", "framework", "run"]
# Layers that know nothing of Ansible: the API's and RouterOS's side, usable from any Python.
WITHOUT_ANSIBLE = ("version", "transport", "sdx", "routeros")

PROBE = r"""
import importlib, json, sys
prefix = sys.argv[1]
found = {}
for name in sys.argv[2:]:
    for loaded in [m for m in sys.modules if m.startswith(prefix) or m == "ansible" or m.startswith("ansible.")]:
        del sys.modules[loaded]
    importlib.import_module(prefix + name)
    found[name] = sorted(m for m in sys.modules if m.startswith(prefix) or m.startswith("ansible."))
print(json.dumps(found))
"""


def module_names():
    names = []
    for directory, _dirs, files in os.walk(MODULE_UTILS):
        for file_name in files:
            if file_name.endswith(".py") and file_name != "__init__.py":
                relative = os.path.relpath(os.path.join(directory, file_name), MODULE_UTILS)
                names.append(relative[:-3].replace(os.sep, "."))
    return sorted(names)


def layer(name):
    return LAYERS.index(name.split(".", 1)[0])


@pytest.fixture(scope="module")
def imports():
    answer = subprocess.run([sys.executable, "-c", PROBE, PREFIX] + module_names(), capture_output=True, text=True,
                            check=True, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    return json.loads(answer.stdout)


def test_every_file_is_in_a_layer():
    assert all(name.split(".", 1)[0] in LAYERS for name in module_names()), module_names()


@pytest.mark.parametrize("name", module_names())
def test_a_file_imports_only_its_own_layer_or_lower(name, imports):
    ours = [m[len(PREFIX):] for m in imports[name] if m.startswith(PREFIX) and not m.endswith("__init__")]
    ours = [m for m in ours if m.split(".", 1)[0] in LAYERS and (m.count(".") or m == "version")]
    higher = [m for m in ours if layer(m) > layer(name)]
    assert higher == [], "%s loads %s, from a higher layer" % (name, higher)
    if name.startswith("run."):
        # one module's run file never depends on another's: shared work belongs to a lower layer
        assert [m for m in ours if m.startswith("run.") and m != name] == []


@pytest.mark.parametrize("name", [n for n in module_names() if n.split(".", 1)[0] in WITHOUT_ANSIBLE])
def test_the_api_and_routeros_layers_need_no_ansible(name, imports):
    assert [m for m in imports[name] if m.startswith("ansible.")] == []


@pytest.mark.parametrize("name", module_names())
def test_every_file_says_it_is_private(name):
    with open(os.path.join(MODULE_UTILS, *name.split(".")) + ".py", encoding="utf-8") as handle:
        head = handle.read(600)
    assert "Private to this collection" in head


def test_the_probe_sees_what_a_file_loads(imports):
    assert PREFIX + "sdx.queueing" in imports["run.config"] and PREFIX + "transport.errors" in imports["transport.client"]
    assert "ansible.module_utils.basic" in imports["framework.options"]
