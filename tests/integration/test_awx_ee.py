# SPDX-License-Identifier: GPL-3.0-or-later
"""AWX and execution environments: the EE build context ansible-builder makes from execution-environment.yml,
the credential type playbook, and playbooks/demo.yml run through ansible-runner the way AWX runs a job."""

from __future__ import annotations

import base64
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jinja2
import jinja2.meta
import pytest
import yaml

from tests.integration.playbook import BIN, REPO, collections_path
from tests.simulator.harness import Simulator

EE_DEFINITION = os.path.join(REPO, "execution-environment.yml")
CREDENTIAL_TYPE_PLAYBOOK = os.path.join(REPO, "playbooks", "awx_credential_type.yml")
DEMO_PLAYBOOK = os.path.join(REPO, "playbooks", "demo.yml")
# The `ansible` 13 package still bundles awx.awx (24.6.1); only that collection is taken from it.
ANSIBLE_WITH_AWX = "ansible==13.8.0"
AWX_CACHE = os.path.join(REPO, "build", "awx-awx-24.6.1")


def galaxy_version():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["version"]


def run(cmd, cwd=None, env=None, timeout=300):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, "%s failed (rc %d)\n%s\n%s" % (cmd, proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    return proc


def clean_env(**extra):
    """This process's environment without any ANSIBLE_* or ALTOSTRAT_* variable, the venv first on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "ALTOSTRAT_"))}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


class UnsafeLoader(yaml.SafeLoader):
    """Reads Ansible YAML: `!unsafe` values are plain strings here."""


UnsafeLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def credential_type_task():
    with open(CREDENTIAL_TYPE_PLAYBOOK, encoding="utf-8") as handle:
        plays = yaml.load(handle, Loader=UnsafeLoader)
    tasks = [task for play in plays for task in play["tasks"] if "awx.awx.credential_type" in task]
    assert len(tasks) == 1
    return tasks[0]["awx.awx.credential_type"]


def injected_env(inputs):
    """The environment variables a credential of this type injects, rendered from its inputs as the controller does."""
    injectors = credential_type_task()["injectors"]
    return {name: jinja2.Environment(autoescape=False).from_string(template).render(**inputs)
            for name, template in injectors["env"].items()}


# The execution environment


@pytest.fixture(scope="module")
def ee_workdir(tmp_path_factory):
    """A directory with the collection's tarball, execution-environment.yml, and the context ansible-builder created."""
    workdir = tmp_path_factory.mktemp("ee")
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(workdir), REPO])
    shutil.copy(EE_DEFINITION, workdir)
    run([os.path.join(BIN, "ansible-builder"), "create", "--file", "execution-environment.yml", "--context", "context"],
        cwd=workdir)
    return workdir


def test_ee_definition_names_the_tarball_galaxy_builds():
    with open(EE_DEFINITION, encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)
    tarball = "altostrat-sdx-%s.tar.gz" % galaxy_version()
    assert definition["version"] == 3
    assert definition["additional_build_files"] == [{"src": "./" + tarball, "dest": "collections"}]
    assert definition["dependencies"]["galaxy"] == {"collections": [{"name": "collections/" + tarball, "type": "file"}]}


def test_ee_context_installs_core_runner_and_the_collection(ee_workdir):
    context = ee_workdir / "context"
    tarball = "altostrat-sdx-%s.tar.gz" % galaxy_version()
    dockerfile = (context / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r'^ARG ANSIBLE_INSTALL_REFS=".*ansible-core==2\.21\.5.*"$', dockerfile, re.M), dockerfile
    assert re.search(r'^ARG ANSIBLE_INSTALL_REFS=".*ansible-runner==.*"$', dockerfile, re.M), dockerfile
    assert 'ARG PYCMD="/usr/bin/python3.12"' in dockerfile
    assert "ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml" in dockerfile
    assert "introspect --user-pip=requirements.txt" in dockerfile
    build = context / "_build"
    assert (build / "collections" / tarball).read_bytes() == (ee_workdir / tarball).read_bytes()
    assert yaml.safe_load((build / "requirements.yml").read_text(encoding="utf-8")) == {
        "collections": [{"name": "collections/" + tarball, "type": "file"}]}
    assert "requests" in (build / "requirements.txt").read_text(encoding="utf-8")


def test_ee_galaxy_step_installs_the_collection_and_its_requirements(ee_workdir, tmp_path):
    """The image's galaxy stage by hand (cwd /build is context/_build), then its builder stage's introspection.
    The collections path is the target alone, as in the image, so no copy installed elsewhere stands in."""
    build = ee_workdir / "context" / "_build"
    target = tmp_path / "collections"
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "-r", "requirements.yml", "-p", str(target)],
        cwd=build, env=clean_env(ANSIBLE_GALAXY_DISABLE_GPG_VERIFY="1", ANSIBLE_COLLECTIONS_PATH=str(target)))
    installed = target / "ansible_collections" / "altostrat" / "sdx"
    manifest = json.loads((installed / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["collection_info"]["version"] == galaxy_version()
    modules = sorted(os.path.basename(p) for p in glob.glob(str(installed / "plugins" / "modules" / "altostrat_*.py")))
    assert {"altostrat_job.py", "altostrat_command.py", "altostrat_facts.py", "altostrat_site_info.py"} <= set(modules)
    assert (installed / "plugins" / "inventory" / "sites.py").is_file()
    assert (installed / "meta" / "execution-environment.yml").is_file()

    env = clean_env(ANSIBLE_COLLECTIONS_PATH=str(target))
    listed = run([os.path.join(BIN, "ansible-doc"), "--list", "--json", "altostrat.sdx"], env=env)
    assert "altostrat.sdx.altostrat_job" in json.loads(listed.stdout)
    run([os.path.join(BIN, "ansible-doc"), "-t", "inventory", "altostrat.sdx.sites"], env=env)

    introspect = run([sys.executable, str(build / "scripts" / "introspect.py"), "introspect", "--sanitize",
                      "--user-pip=" + str(build / "requirements.txt"), str(target)])
    python = yaml.safe_load(introspect.stdout.split("---", 1)[1])["python"]
    assert any(line.startswith("requests") and "altostrat.sdx" in line for line in python), introspect.stdout


def test_collection_declares_its_requirements_to_ansible_builder():
    proc = run([os.path.join(BIN, "ansible-builder"), "introspect", "--sanitize", collections_path()])
    data = yaml.safe_load(proc.stdout.split("---", 1)[1])
    with open(os.path.join(REPO, "requirements.txt"), encoding="utf-8") as handle:
        declared = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    assert "requests>=2.28" in declared
    assert data["python"] == ["%s  # from collection altostrat.sdx" % line for line in declared]
    assert data["system"] == []


# The credential type

AWX_FIELD_KEYS = {"id", "label", "type", "secret", "help_text", "multiline", "choices", "format", "default",
                  "ask_at_runtime"}
AWX_INJECTOR_KEYS = {"env", "extra_vars", "file"}


def test_credential_type_has_the_shape_awx_accepts():
    """AWX's credential type schema: fields with id, label and type (string or boolean); `required` names fields;
    injectors only env, extra_vars and file, templating only the type's own fields; no ANSIBLE_* variable."""
    spec = credential_type_task()
    assert spec["kind"] == "cloud"
    assert spec["state"] == "present"
    fields = spec["inputs"]["fields"]
    for field in fields:
        assert set(field) <= AWX_FIELD_KEYS, field
        assert {"id", "label", "type"} <= set(field), field
        assert field["type"] in ("string", "boolean")
        assert re.fullmatch(r"[a-z_][a-z0-9_]*", field["id"])
    by_id = {field["id"]: field for field in fields}
    assert set(by_id) == {"api_url", "api_token"}
    assert by_id["api_token"]["secret"] is True
    assert "secret" not in by_id["api_url"]
    assert spec["inputs"]["required"] == ["api_url", "api_token"]
    injectors = spec["injectors"]
    assert set(injectors) <= AWX_INJECTOR_KEYS
    assert injectors == {"env": {"ALTOSTRAT_API_URL": "{{ api_url }}", "ALTOSTRAT_API_TOKEN": "{{ api_token }}"}}
    for name, template in injectors["env"].items():
        assert not name.startswith("ANSIBLE_")
        parsed = jinja2.Environment(autoescape=False).parse(template)
        assert jinja2.meta.find_undeclared_variables(parsed) <= set(by_id)
    assert injected_env({"api_url": "https://sdx.example", "api_token": "alto_sk_x"}) == {
        "ALTOSTRAT_API_URL": "https://sdx.example", "ALTOSTRAT_API_TOKEN": "alto_sk_x"}


@pytest.fixture(scope="module")
def awx_collection():
    """A collections path holding awx.awx, taken from the `ansible` package on PyPI once and kept under build/."""
    if not os.path.isfile(os.path.join(AWX_CACHE, "ansible_collections", "awx", "awx", "MANIFEST.json")):
        os.makedirs(os.path.dirname(AWX_CACHE), exist_ok=True)
        with tempfile.TemporaryDirectory(dir=os.path.dirname(AWX_CACHE)) as tmp:
            proc = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                   "--disable-pip-version-check", "-d", tmp, ANSIBLE_WITH_AWX],
                                  capture_output=True, text=True, timeout=600, check=False)
            wheels = glob.glob(os.path.join(tmp, "ansible-*.whl"))
            if proc.returncode or not wheels:
                pytest.skip("awx.awx unavailable (%s from PyPI failed): %s" % (ANSIBLE_WITH_AWX, proc.stderr[-500:]))
            unpacked = os.path.join(tmp, "unpacked")
            with zipfile.ZipFile(wheels[0]) as wheel:
                wheel.extractall(unpacked, [n for n in wheel.namelist() if n.startswith("ansible_collections/awx/awx/")])
            try:
                os.rename(unpacked, AWX_CACHE)
            except OSError:  # another worker got there first
                pass
    return AWX_CACHE


class FakeController:
    """Just enough of the AWX API for awx.awx.credential_type: tokens and /api/v2/credential_types/."""

    def __init__(self, username="admin", password="awx-secret"):
        self.username = username
        self.password = password
        self.items = {}
        self.log = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        controller = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # pylint: disable=arguments-differ
                pass

            def reply(self, status, body=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-API-Product-Name", "AWX")
                self.send_header("X-API-Product-Version", "24.6.1")
                self.end_headers()
                self.wfile.write(data)

            def handle_any(self):
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                controller.log.append((self.command, url.path, body))
                auth = self.headers.get("Authorization", "")
                if url.path == "/api/v2/tokens/" and self.command == "POST":
                    basic = "Basic " + base64.b64encode(("%s:%s" % (controller.username, controller.password)).encode()).decode()
                    return self.reply(201, {"id": 7, "token": "awx-oauth"}) if auth == basic else self.reply(401, {})
                if auth != "Bearer awx-oauth":
                    return self.reply(401, {"detail": "Authentication credentials were not provided."})
                if url.path == "/api/v2/tokens/7/" and self.command == "DELETE":
                    return self.reply(204)
                if url.path == "/api/v2/credential_types/" and self.command == "GET":
                    query = urllib.parse.parse_qs(url.query)
                    found = [item for item in controller.items.values() if item["name"] in query.get("name", [])]
                    return self.reply(200, {"count": len(found), "next": None, "results": found})
                if url.path == "/api/v2/credential_types/" and self.command == "POST":
                    ident = len(controller.items) + 1
                    item = dict(body, id=ident, type="credential_type", url="/api/v2/credential_types/%d/" % ident)
                    controller.items[ident] = item
                    return self.reply(201, item)
                match = re.fullmatch(r"/api/v2/credential_types/(\d+)/", url.path)
                if match and self.command == "PATCH" and int(match.group(1)) in controller.items:
                    controller.items[int(match.group(1))].update(body)
                    return self.reply(200, controller.items[int(match.group(1))])
                return self.reply(404, {"detail": "Not found."})

            do_GET = do_POST = do_PATCH = do_DELETE = handle_any

        return Handler

    def writes(self):
        return [(method, path) for method, path, _body in self.log if method != "GET" and "/tokens/" not in path]


def test_credential_type_playbook_passes_syntax_check(awx_collection):
    run([os.path.join(BIN, "ansible-playbook"), "--syntax-check", CREDENTIAL_TYPE_PLAYBOOK],
        env=clean_env(ANSIBLE_COLLECTIONS_PATH=awx_collection))


def test_credential_type_playbook_registers_the_type_once(awx_collection, tmp_path):
    with FakeController() as controller:
        env = clean_env(ANSIBLE_COLLECTIONS_PATH=awx_collection, CONTROLLER_HOST=controller.url,
                        CONTROLLER_USERNAME=controller.username, CONTROLLER_PASSWORD=controller.password,
                        CONTROLLER_VERIFY_SSL="false", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                        ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                        ANSIBLE_NOCOLOR="1")
        cmd = [os.path.join(BIN, "ansible-playbook"), CREDENTIAL_TYPE_PLAYBOOK]
        first = run(cmd, cwd=tmp_path, env=env)
        assert re.search(r"localhost\s*: ok=1\s+changed=1\s+unreachable=0\s+failed=0", first.stdout), first.stdout
        assert controller.writes() == [("POST", "/api/v2/credential_types/")]
        # Again, by the name the installed collection gives the playbook.
        env["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join([collections_path(), awx_collection])
        again = run([os.path.join(BIN, "ansible-playbook"), "altostrat.sdx.awx_credential_type"], cwd=tmp_path, env=env)
        assert re.search(r"localhost\s*: ok=1\s+changed=0\s+unreachable=0\s+failed=0", again.stdout), again.stdout
        assert controller.writes() == [("POST", "/api/v2/credential_types/")]
    assert len(controller.items) == 1
    stored = controller.items[1]
    spec = credential_type_task()
    assert stored["name"] == "Altostrat SDX"
    assert stored["kind"] == "cloud"
    assert stored["managed"] is False
    assert stored["inputs"] == spec["inputs"]
    # The templates reach the controller as written, for it to render per job.
    assert stored["injectors"] == {"env": {"ALTOSTRAT_API_URL": "{{ api_url }}", "ALTOSTRAT_API_TOKEN": "{{ api_token }}"}}


# A job, the way AWX runs it

RUNNER_TOKEN = "alto_sk_awx_job_3c9e1f7a"
INVENTORY_SOURCE = """plugin: altostrat.sdx.sites
keyed_groups:
  - key: altostrat_site.model
    prefix: model
"""


@pytest.fixture(scope="module")
def awx_sim():
    with Simulator(sites=3, token=RUNNER_TOKEN, checkin_interval=0.2) as simulator:
        yield simulator


def private_data_dir(root, envvars):
    """The directory AWX hands ansible-runner: project/, inventory/, env/envvars."""
    os.makedirs(os.path.join(root, "project"))
    os.makedirs(os.path.join(root, "inventory"))
    os.makedirs(os.path.join(root, "env"))
    shutil.copy(DEMO_PLAYBOOK, os.path.join(root, "project", "demo.yml"))
    with open(os.path.join(root, "inventory", "fleet.altostrat.yml"), "w", encoding="utf-8") as handle:
        handle.write(INVENTORY_SOURCE)
    with open(os.path.join(root, "env", "envvars"), "w", encoding="utf-8") as handle:
        yaml.safe_dump(envvars, handle)
    return root


def credential_envvars(sim, token):
    env = injected_env({"api_url": sim.url, "api_token": token})
    assert set(env) == {"ALTOSTRAT_API_URL", "ALTOSTRAT_API_TOKEN"}
    env["ANSIBLE_COLLECTIONS_PATH"] = collections_path()
    return env


def events(artifacts):
    found = []
    for path in sorted(glob.glob(os.path.join(artifacts, "job_events", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            found.append(json.load(handle))
    return sorted(found, key=lambda event: event["counter"])


def stored_artifacts(artifacts):
    """What AWX keeps of a run: its output, its events, and the facts it may store. (The `command` file beside them
    records the job's environment, credentials included, like env/envvars; AWX deletes both with the directory.)"""
    paths = [os.path.join(artifacts, "stdout"), os.path.join(artifacts, "stderr")]
    paths += glob.glob(os.path.join(artifacts, "job_events", "*.json"))
    paths += glob.glob(os.path.join(artifacts, "fact_cache", "*"))
    texts = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts[path] = handle.read()
    return texts


def test_demo_runs_under_ansible_runner_with_the_credential_injected(awx_sim, tmp_path):
    root = private_data_dir(str(tmp_path / "job"), credential_envvars(awx_sim, RUNNER_TOKEN))
    proc = subprocess.run([os.path.join(BIN, "ansible-runner"), "run", root, "--playbook", "demo.yml", "--ident", "1"],
                          env=clean_env(), capture_output=True, text=True, timeout=600, check=False)
    artifacts = os.path.join(root, "artifacts", "1")
    with open(os.path.join(artifacts, "status"), encoding="utf-8") as handle:
        status = handle.read()
    with open(os.path.join(artifacts, "rc"), encoding="utf-8") as handle:
        rc = int(handle.read())
    assert (status, rc, proc.returncode) == ("successful", 0, 0), proc.stdout[-4000:] + proc.stderr[-2000:]

    found = events(artifacts)
    ok_tasks = {event["event_data"]["task"] for event in found if event["event"] == "runner_on_ok"}
    assert {"List every site the token can see", "Gathering Facts", "Read the DNS settings now (synchronous)",
            "Apply it (one job, with a backup first, waited for)", "Prove the re-run changed nothing"} <= ok_tasks
    assert not [event for event in found if event["event"] in ("runner_on_failed", "runner_on_unreachable")]
    changed = {event["event_data"]["task"] for event in found
               if event["event"] == "runner_on_ok" and event["event_data"]["res"].get("changed")}
    assert "Apply it (one job, with a backup first, waited for)" in changed
    assert "Run it again (the router matches, so nothing is queued)" not in changed
    (stats,) = [event for event in found if event["event"] == "playbook_on_stats"]
    assert not stats["event_data"]["failures"] and not stats["event_data"]["dark"]
    hosts = {event["event_data"]["host"] for event in found
             if event["event"] == "runner_on_ok" and event["event_data"]["task"] == "Gathering Facts"}
    assert len(hosts) >= 2

    # The modules and the inventory plugin reached the API with the injected token, through no other variable.
    log = awx_sim.requests()
    assert any(entry["path"] == "/sites" for entry in log)
    assert any(entry["method"] == "POST" and entry["path"].endswith("/job") for entry in log)
    assert all(entry["status"] < 400 for entry in log), [e for e in log if e["status"] >= 400]

    with open(os.path.join(artifacts, "command"), encoding="utf-8") as handle:
        job_env = json.load(handle)["env"]
    assert sorted(k for k in job_env if k.startswith("ALTOSTRAT_")) == ["ALTOSTRAT_API_TOKEN", "ALTOSTRAT_API_URL"]

    stored = stored_artifacts(artifacts)
    assert len(stored) >= len(found) + 2 + len(hosts)
    leaked = [path for path, text in stored.items() if RUNNER_TOKEN in text]
    assert not leaked, leaked


RUN_INVENTORY_UPDATE = """
import json, sys
import ansible_runner
root, binary, source = sys.argv[1:4]
out, err, rc = ansible_runner.run_command(executable_cmd=binary, cmdline_args=["--list", "--export", "-i", source],
                                          private_data_dir=root, input_fd=None)
print(json.dumps({"rc": rc, "stdout": out, "stderr": err}))
"""


# What AWX adds to the environment of every inventory update.
AWX_INVENTORY_UPDATE_ENV = {"ANSIBLE_INVENTORY_UNPARSED_FAILED": "True", "ANSIBLE_INVENTORY_EXPORT": "True",
                            "ANSIBLE_VERBOSE_TO_STDERR": "True"}


def inventory_update(sim, token, tmp_path):
    """`ansible-inventory --list --export` through ansible-runner with the credential's variables and AWX's settings
    for inventory updates; ansible-runner's command line runs only playbooks, modules and roles, so its Python API."""
    envvars = credential_envvars(sim, token)
    envvars.update(AWX_INVENTORY_UPDATE_ENV)
    root = private_data_dir(str(tmp_path), envvars)
    source = os.path.join(root, "inventory", "fleet.altostrat.yml")
    proc = run([sys.executable, "-c", RUN_INVENTORY_UPDATE, root, os.path.join(BIN, "ansible-inventory"), source],
               env=clean_env())
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_inventory_update_lists_the_fleet(awx_sim, tmp_path):
    result = inventory_update(awx_sim, RUNNER_TOKEN, tmp_path)
    assert result["rc"] == 0, result
    listing = json.loads(result["stdout"])
    assert len(listing["_meta"]["hostvars"]) == 3
    assert listing["altostrat_online"]["hosts"]
    assert RUNNER_TOKEN not in result["stdout"] + result["stderr"]


def test_inventory_update_with_a_wrong_token_fails(awx_sim, tmp_path):
    """With ANSIBLE_INVENTORY_UNPARSED_FAILED, a source the API refuses fails the update: no empty inventory is
    imported over the real one, and the message does not show the token."""
    wrong = "alto_sk_not_this_one_8d2b"
    result = inventory_update(awx_sim, wrong, tmp_path)
    assert result["rc"] != 0, result
    output = result["stdout"] + result["stderr"]
    assert "HTTP 401" in output, output[-3000:]
    assert wrong not in output
