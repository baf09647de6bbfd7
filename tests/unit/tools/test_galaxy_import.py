# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/galaxy_import.py: what keeps an import from being clean."""

from __future__ import annotations

import importlib.util
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SPEC = importlib.util.spec_from_file_location("galaxy_import", os.path.join(REPO, "tools", "galaxy_import.py"))
galaxy_import = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(galaxy_import)

SOURCE = "eda/plugins/event_source"
DOC = {"doc": {"short_description": "Receive SDX job notifications", "options": {"port": {"type": "int"}}}}


def result(listed=("job_events",), doc_strings="documented"):
    if doc_strings == "documented":
        doc_strings = DOC
    return {"contents": [{"name": name, "content_type": SOURCE} for name in listed]
            + [{"name": "altostrat_job", "content_type": "module"}],
            "docs_blob": {"contents": [{"content_name": name, "content_type": SOURCE, "doc_strings": doc_strings}
                                       for name in listed]}}


def test_a_clean_import_has_no_problems():
    assert galaxy_import.problems(["Importing with galaxy-importer 0.4.44", "Loading module altostrat_job"],
                                  result(), ["job_events"]) == []


def test_every_logged_warning_and_error_is_a_problem():
    log = ["Loading module altostrat_job", "WARNING: No changelog found.", "ERROR: Error running ansible-doc: ..."]
    assert galaxy_import.problems(log, result(), ["job_events"]) == log[1:]


def test_an_event_source_not_listed_is_a_problem():
    assert galaxy_import.problems([], result(listed=()), ["job_events"]) == [
        "the event source job_events is not listed (meta/extensions.yml)",
        "the event source job_events is listed without its documentation"]


def test_an_event_source_without_documentation_is_a_problem():
    assert galaxy_import.problems([], result(doc_strings=None), ["job_events"]) == [
        "the event source job_events is listed without its documentation"]


def test_no_result_keeps_the_logged_problems():
    assert galaxy_import.problems(["ERROR: galaxy-importer exited with 1 and no result"], None, ["job_events"]) == [
        "ERROR: galaxy-importer exited with 1 and no result"]


def test_the_event_sources_are_the_files_under_extensions():
    assert galaxy_import.event_sources() == ["job_events"]
