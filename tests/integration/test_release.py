# SPDX-License-Identifier: GPL-3.0-or-later
"""What a release ships and says: the simulator started from the installed collection, the event source's
listing and documentation, the changelog, the supported ansible-core range, the documented credential type."""

from __future__ import annotations

import ast
import glob
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import requests
import yaml

from tests.integration.playbook import BIN, REPO, ansible_env, run_playbook
from tests.simulator.harness import free_port

SIMULATOR = os.path.join(REPO, "tests", "simulator")
SIM_VENV = os.path.join(REPO, "build", "venv-simulator")


def read(*path):
    with open(os.path.join(REPO, *path), encoding="utf-8") as handle:
        return handle.read()


def requirement_pins(*path):
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", read(*path), re.M))


# The simulator from an installed collection

@pytest.fixture(scope="module")
def simulator_python():
    """A venv with the simulator's requirements and nothing else (kept under build/ while they stay the same)."""
    wanted = read("tests", "simulator", "requirements.txt")
    stamp = os.path.join(SIM_VENV, ".installed")
    if not (os.path.exists(stamp) and read(stamp) == wanted):
        subprocess.run([sys.executable, "-m", "venv", "--clear", SIM_VENV], check=True)
        subprocess.run([os.path.join(SIM_VENV, "bin", "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", os.path.join(SIMULATOR, "requirements.txt")],
                       check=True, capture_output=True)
        with open(stamp, "w", encoding="utf-8") as handle:
            handle.write(wanted)
    return os.path.join(SIM_VENV, "bin", "python")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The collection as `ansible-galaxy collection install` puts it from the built tarball."""
    tmp = tmp_path_factory.mktemp("installed")
    env = ansible_env()
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(tmp), REPO],
                   check=True, capture_output=True, env=env)
    (tarball,) = glob.glob(str(tmp / "altostrat-sdx-*.tar.gz"))
    target = tmp / "collections"
    # the target alone on the collections path, so that no copy installed elsewhere counts as installed
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "-p", str(target), tarball],
                   check=True, capture_output=True, env=dict(env, ANSIBLE_COLLECTIONS_PATH=str(target)))
    assert (target / "ansible_collections" / "altostrat" / "sdx" / "tests" / "simulator" / "__main__.py").is_file()
    return target


def test_simulator_starts_from_the_installed_collection(installed, simulator_python, tmp_path):
    port = free_port()
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(installed)}
    # pylint: disable-next=consider-using-with
    proc = subprocess.Popen([simulator_python, "-m", "ansible_collections.altostrat.sdx.tests.simulator", "--port",
                             str(port), "--sites", "3", "--token", "alto_sk_ci"], cwd=str(tmp_path), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                answer = requests.get("http://127.0.0.1:%d/sites" % port, timeout=1,
                                      headers={"Authorization": "Bearer alto_sk_ci"})
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the simulator did not listen within 30 s"
                time.sleep(0.2)
        assert answer.status_code == 200 and len(answer.json()) == 3
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=20)[0]
    assert proc.returncode == 0, output
    # the log names the sites asked for, not those of the second tenant as well
    assert re.search(r"SDX simulator on http://127\.0\.0\.1:%d state=\S+ sites=3 \(second tenant: 2\)" % port, output)


def third_party_imports():
    """Top-level modules that the simulator's server code imports, other than its own and the standard library."""
    names = set()
    for path in glob.glob(os.path.join(SIMULATOR, "*.py")) + glob.glob(os.path.join(SIMULATOR, "routeros", "*.py")):
        if os.path.basename(path) in ("harness.py", "pytest_fixtures.py"):  # the tests' side, not the server
            continue
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return sorted(n for n in names if n != "tests" and n not in sys.stdlib_module_names)


def test_simulator_requirements_are_what_its_server_imports_at_the_tested_versions():
    pins = requirement_pins("tests", "simulator", "requirements.txt")
    # starlette, fastapi's foundation, comes with it
    assert set(third_party_imports()) <= set(pins) | {"starlette"}
    dev = requirement_pins("requirements-dev.txt")
    assert {name: dev.get(name) for name in pins} == pins


# The event source

def test_extensions_yml_lists_the_event_sources():
    listed = [ext["args"]["ext_dir"] for ext in yaml.safe_load(read("meta", "extensions.yml"))["extensions"]]
    present = sorted(os.path.relpath(os.path.dirname(p), os.path.join(REPO, "extensions"))
                     for p in glob.glob(os.path.join(REPO, "extensions", "eda", "plugins", "*", "*.py")))
    assert listed == sorted(set(present)) == ["eda/plugins/event_source"]


def test_event_source_documentation_renders_as_galaxy_reads_it():
    """Galaxy's importer reads an event source's documentation with `ansible-doc -M <its directory>`."""
    proc = subprocess.run([os.path.join(BIN, "ansible-doc"), "-M",
                           os.path.join(REPO, "extensions", "eda", "plugins", "event_source"), "--json", "job_events"],
                          capture_output=True, text=True, env=ansible_env(), check=False)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["job_events"]
    assert doc["doc"]["short_description"] and doc["doc"]["version_added"] == "0.1.0"
    assert {k for k, v in doc["doc"]["options"].items() if v.get("required")} == {"port", "secret"}
    examples = yaml.safe_load(doc["examples"])
    assert "altostrat.sdx.job_events" in examples[0]["sources"][0]


# The changelog

def test_changelog_has_the_release_of_galaxy_yml_and_only_unreleased_fragments():
    version = yaml.safe_load(read("galaxy.yml"))["version"]
    changes = yaml.safe_load(read("changelogs", "changelog.yaml"))
    assert version in changes["releases"]
    assert "\nv%s\n" % version in read("CHANGELOG.rst")
    released = {name for release in changes["releases"].values() for name in release.get("fragments", [])}
    assert released, "the releases name the fragments they took"
    waiting = {os.path.basename(p) for p in glob.glob(os.path.join(REPO, "changelogs", "fragments", "*.yml"))}
    # A fragment a release already took is never taken again (prevent_known_fragments): a change to it
    # belongs in a new fragment, for the next release.
    assert waiting & released == set()
    config = yaml.safe_load(read("changelogs", "config.yaml"))
    assert config["keep_fragments"] is False and config["prevent_known_fragments"] is True


# The supported range

def test_supported_range_is_the_tested_one():
    oldest = requirement_pins("requirements-oldest.txt")["ansible-core"]
    newest = requirement_pins("requirements-dev.txt")["ansible-core"]
    minimum = yaml.safe_load(read("meta", "runtime.yml"))["requires_ansible"]
    assert minimum == ">=%s.0" % ".".join(oldest.split(".")[:2])
    readme = read("README.md")
    assert "ansible-core %s" % oldest in readme and "ansible-core %s" % newest in readme


# The credential type, as the playbook registers it and the guides show it

class UnsafeLoader(yaml.SafeLoader):
    """Reads Ansible YAML: `!unsafe` values are plain strings here."""


UnsafeLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def documented_blocks(doc):
    """The YAML blocks under `# Input configuration` and `# Injector configuration` in a guide."""
    blocks = re.findall(r"^( *)```yaml\n\1# (Input|Injector) configuration\n(.*?)^\1```", read("docs", doc), re.S | re.M)
    return {kind: yaml.safe_load(textwrap.dedent(text)) for _indent, kind, text in blocks}


@pytest.mark.parametrize("doc", ["awx.md", "inventory.md"])
def test_guides_show_the_credential_type_the_playbook_registers(doc):
    plays = yaml.load(read("playbooks", "awx_credential_type.yml"), Loader=UnsafeLoader)
    (task,) = [t["awx.awx.credential_type"] for p in plays for t in p["tasks"] if "awx.awx.credential_type" in t]
    assert documented_blocks(doc) == {"Input": task["inputs"], "Injector": task["injectors"]}


# The examples

def plugin_examples(*path):
    source = read(*path)
    start = source.index('EXAMPLES = r"""') + len('EXAMPLES = r"""')
    return source[start:source.index('"""', start)]


def test_facts_examples_read_ansible_facts_not_top_level_variables():
    """Top-level ansible_net_* variables give INJECT_FACTS_AS_VARS deprecation warnings from ansible-core 2.20 on."""
    examples = plugin_examples("plugins", "modules", "altostrat_facts.py")
    assert "ansible_facts.net_version" in examples
    # a registered result's own ansible_facts (after a dot) is no injected variable
    assert re.findall(r"(?<![\w.'\"\[])ansible_net_\w+", examples) == []


def test_connection_example_gathers_facts_for_its_site(sim):
    site = sim.site_ids(online=True)[0]
    example = plugin_examples("plugins", "connection", "site.py")
    example = example.replace("9c69345c-8d39-4786-9f17-8153c988c89a", site)
    example = example.replace("https://v1.api.altostrat.io", sim.url)
    run = run_playbook(example, sim, inventory="edge-01,", env=dict(ALTOSTRAT_API_URL=None))
    assert run.rc == 0, run.output[-3000:]
    model = sim.api("GET", "/sites/%s" % site).json()["model"]
    assert run.task("The router")["result"]["msg"].startswith("edge-01: %s, RouterOS " % model)
    assert "[DEPRECATION WARNING]" not in run.output
