# SPDX-License-Identifier: GPL-3.0-or-later
"""The corpus of RouterOS exports and scripts (tests/corpus/routeros) and an in-process simulated router
to apply them on: what the corpus tests and the measurement share."""

from __future__ import annotations

import pathlib

import yaml

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.script_plan import (
    paths_to_read, plan_script, read_state, UNKNOWN, YES)
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import parse_script
from tests.simulator.routeros import Router, RouterOSError

CORPUS = pathlib.Path(__file__).resolve().parents[3] / "corpus" / "routeros"
INDEX = yaml.safe_load((CORPUS / "index.yml").read_text(encoding="utf-8"))
SITE = "5b3c6f0e-8d2a-4c1e-9f47-1a2b3c4d5e6f"


def script(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def golden(name):
    """[(menu, verb)] from NAME.menus: `MENU VERB [xN]`; VERB `-` is a menu line, `:` scripting (MENU `-`)."""
    out = []
    for line in (CORPUS / (name.rsplit(".", 1)[0] + ".menus")).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        count = int(parts[2][1:]) if len(parts) > 2 else 1
        out.extend([(None if parts[0] == "-" else parts[0], parts[1])] * count)
    return out


def placed(name):
    """[(menu, verb)] as the parser places each statement, in golden notation."""
    out = []
    for command in parse_script(script(name)):
        verb = {"menu": "-", "script": ":"}.get(command.kind, command.verb)
        out.append((command.menu, verb))
    return out


class RouterClient:
    """The SDX client's `post` (the payload, out of its envelope), answered by an in-process router the way SDX's
    synchronous endpoint answers."""

    def __init__(self, router):
        self.router = router
        self.commands = []

    def post(self, path, json_body=None, read=True):
        self.commands.append(json_body["command"])
        try:
            return self.router.api(json_body["command"], json_body.get("parameters"))
        except RouterOSError as exc:
            raise SdxApiError("POST", path, 400, {"code": "routeros_error", "message": exc.message}) from None


def blank_router(name):
    entry = INDEX[name]
    return Router.blank(model=entry["model"], version=entry["version"], identity="corpus", serial="CORPUS01")


def plan_on(router, text, strict=True, client=None):
    """The plan of `text` from reads of `router`, as altostrat_job makes it."""
    client = client or RouterClient(router)
    state = read_state(client, SITE, paths_to_read(parse_script(text)))
    return plan_script(text, state, strict=strict), state


def counts(plan, state):
    """(commands, unknown, unknown where the router could read the menu, predicted changes)."""
    commands = [e for e in plan if e["action"] not in ("menu",)]
    unknown = [e for e in commands if e["would_change"] == UNKNOWN]
    readable = [e for e in unknown if e["path"] and not isinstance(state.get(e["path"]), str)]
    return len(commands), len(unknown), len(readable), len([e for e in plan if e["would_change"] == YES])
