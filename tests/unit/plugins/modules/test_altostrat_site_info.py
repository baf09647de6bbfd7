# SPDX-License-Identifier: GPL-3.0-or-later
"""The module door of altostrat_site_info: main() under AnsibleModule runs the same function."""

from __future__ import annotations

import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.altostrat.sdx.plugins.modules import altostrat_site_info
from tests.unit.fake_api import FakeApi, Reply

SITES = [
    {"id": "9c69345c-8d39-4786-9f17-8153c988c89a", "name": "Johannesburg HQ", "has_pulse": True},
    {"id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "name": "Cape Town Branch", "has_pulse": False},
]


def run_main(args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as done:
            altostrat_site_info.main()
    return done.value.code, json.loads(capsys.readouterr().out)


def test_main_lists_sites(capsys):
    with FakeApi(Reply(200, SITES)) as api:
        code, out = run_main({"api_url": api.url, "api_token": "alto_sk_x", "online": True}, capsys)
    assert code == 0
    assert out["changed"] is False
    assert [s["name"] for s in out["sites"]] == ["Johannesburg HQ"]


def test_main_fails_with_the_api_error_and_hides_the_token(capsys):
    with FakeApi(Reply(401, {"message": "Unauthorized or invalid token provided."})) as api:
        code, out = run_main({"api_url": api.url, "api_token": "alto_sk_topsecret"}, capsys)
    assert code == 1
    assert out["failed"] is True and "HTTP 401" in out["msg"]
    assert "alto_sk_topsecret" not in json.dumps(out)


def test_main_takes_the_token_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("ALTOSTRAT_API_TOKEN", "alto_sk_from_env")
    with FakeApi(Reply(200, SITES)) as api:
        code, out = run_main({"api_url": api.url, "name": "cape*"}, capsys)
        assert api.received[0]["headers"]["Authorization"] == "Bearer alto_sk_from_env"
    assert code == 0
    assert [s["name"] for s in out["sites"]] == ["Cape Town Branch"]
