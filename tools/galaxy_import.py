# SPDX-License-Identifier: GPL-3.0-or-later
"""make lint: galaxy-importer, as Galaxy and Automation Hub run it on an upload, on the tarball that
`ansible-galaxy collection build` makes, with no container (ansible-test is left to `make sanity`).

Fails when the importer logs any warning or error, when it does not list every event source under
extensions/eda/plugins/event_source with its documentation, or when the tarball has no changelog for
galaxy.yml's version."""

import glob
import json
import os
import subprocess
import sys
import tarfile
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMPORTER_VENV = os.environ.get("SDX_IMPORTER_VENV") or os.path.join(REPO, "build", "venv-importer")
EVENT_SOURCE = "eda/plugins/event_source"


def event_sources():
    pattern = os.path.join(REPO, "extensions", EVENT_SOURCE, "*.py")
    return sorted(os.path.basename(path)[:-3] for path in glob.glob(pattern) if not path.endswith("__init__.py"))


def build(directory):
    ansible_galaxy = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
    subprocess.run([ansible_galaxy, "collection", "build", "--output-path", directory, REPO], check=True,
                   stdout=subprocess.DEVNULL)
    (tarball,) = glob.glob(os.path.join(directory, "*.tar.gz"))
    return tarball


def run_importer(tarball, directory):
    """The importer's log lines and its result (None when it gave none)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSIBLE_", "GALAXY_IMPORTER_"))}
    home = os.path.join(directory, "home")
    os.mkdir(home)
    env.update(
        HOME=home,  # no collection installed under ~/.ansible stands in for the one imported
        PATH=os.path.join(IMPORTER_VENV, "bin") + os.pathsep + env.get("PATH", ""),
        GALAXY_IMPORTER_RUN_ANSIBLE_TEST="false",
        GALAXY_IMPORTER_LOCAL_IMAGE_DOCKER="false",
        GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=os.path.join(home, "tmp"),
    )
    proc = subprocess.run([os.path.join(IMPORTER_VENV, "bin", "python"), "-m", "galaxy_importer.main", tarball],
                          cwd=directory, env=env, capture_output=True, text=True, check=False)
    log = (proc.stdout + proc.stderr).splitlines()
    result_file = os.path.join(directory, "importer_result.json")
    if proc.returncode != 0 or not os.path.exists(result_file):
        return log + ["ERROR: galaxy-importer exited with %d and no result" % proc.returncode], None
    with open(result_file, encoding="utf-8") as handle:
        return log, json.load(handle)


def changelog_problems(tarball, version):
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
        if "changelogs/changelog.yaml" not in names or "CHANGELOG.rst" not in names:
            return ["the tarball has no changelogs/changelog.yaml or no CHANGELOG.rst"]
        changes = yaml.safe_load(tar.extractfile("changelogs/changelog.yaml"))
        rendered = tar.extractfile("CHANGELOG.rst").read().decode("utf-8")
    found = []
    if version not in (changes.get("releases") or {}):
        found.append("changelogs/changelog.yaml has no release %s (antsibull-changelog release)" % version)
    if "\nv%s\n" % version not in rendered:
        found.append("CHANGELOG.rst has no section for %s (antsibull-changelog generate)" % version)
    return found


def problems(log, result, sources):
    """What keeps the import from being clean: logged warnings and errors, event sources not listed or
    listed without their documentation."""
    found = [line for line in log if line.startswith(("WARNING:", "ERROR:", "CRITICAL:"))]
    if result is None:
        return found
    listed = {c["name"] for c in result["contents"] if c["content_type"] == EVENT_SOURCE}
    found += ["the event source %s is not listed (meta/extensions.yml)" % name for name in sources if name not in listed]
    documented = {c["content_name"]: c.get("doc_strings") for c in result["docs_blob"]["contents"]
                  if c["content_type"] == EVENT_SOURCE}
    for name in sources:
        doc = (documented.get(name) or {}).get("doc") or {}
        if not (doc.get("short_description") and doc.get("options")):
            found.append("the event source %s is listed without its documentation" % name)
    return found


def main():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        version = yaml.safe_load(handle)["version"]
    with tempfile.TemporaryDirectory(prefix="sdx-galaxy-import-") as directory:
        tarball = build(directory)
        log, result = run_importer(tarball, directory)
        found = problems(log, result, event_sources()) + changelog_problems(tarball, version)
    print("\n".join(log))
    if found:
        print("\ngalaxy-importer: the import is not clean:\n  " + "\n  ".join(found), file=sys.stderr)
        return 1
    listed = ", ".join(event_sources())
    print("galaxy-importer: clean import of %s, event sources listed: %s" % (os.path.basename(tarball), listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
