# SPDX-License-Identifier: GPL-3.0-or-later
"""What a hostile or broken API answers must not hurt: the token never follows a link to another
origin, file names from the API never leave `dest`, echoed secrets are masked, an empty backup never
wipes a good file, and a page that is not JSON is a clear error. Real ansible-playbook and
ansible-inventory runs against a stand-in API on 127.0.0.1 (answers the simulator would never give)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
from urllib.parse import quote

import pytest

from tests.integration.hostile_api import Answer, HostileApi
from tests.integration.playbook import BIN, ansible_env, run_playbook

TOKEN = "alto_sk_hostile_test_token_3f9a"
SITE = "9c69345c-8d39-4786-9f17-8153c988c89a"
SITE_OBJECT = {"id": SITE, "name": "edge-1", "has_pulse": True, "model": "RB5009UG+S+", "software_version": "7.16.2"}
TOKEN_FORMS = (TOKEN, quote(TOKEN, safe=""), base64.b64encode(TOKEN.encode()).decode())


def env_for(api, **extra):
    return dict(ALTOSTRAT_API_URL=api.url, ALTOSTRAT_API_TOKEN=TOKEN, **extra)


def one_task(module, args):
    return """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: the task
      altostrat.sdx.%s: %s
      ignore_errors: true
""" % (module, json.dumps(args))


def run_task(api, module, args, **kwargs):
    run = run_playbook(one_task(module, args), env=env_for(api), **kwargs)
    assert run.rc == 0, run.output[-3000:]
    task = run.task("the task")
    return dict(task["result"], failed=task["status"] == "failed"), run


def no_token_in(text):
    return not any(form in text for form in TOKEN_FORMS)


# --- links to other origins -------------------------------------------------------------------------

def foreign_links(thief_url):
    """next-page links that lead away from the API's origin (scheme, host or port)."""
    return [thief_url + "/steal?page=2", "https://127.0.0.1:{port}/sites?page=2", "http://localhost:{port}/sites?page=2"]


@pytest.mark.parametrize("link_kind", range(3))
def test_site_info_never_follows_a_link_to_another_origin(link_kind):
    with HostileApi() as thief, HostileApi() as api:
        port = api.url.rsplit(":", 1)[1]
        link = foreign_links(thief.url)[link_kind].format(port=port)
        api.routes.append(("GET", "^/sites$", Answer(200, {"data": [SITE_OBJECT], "links": {"next": link}})))
        result, run = run_task(api, "altostrat_site_info", {})
    assert result.get("failed") and "another origin" in result["msg"], result
    assert thief.received == []
    assert [r["path"] for r in api.received] == ["/sites"]
    assert no_token_in(run.output)


def test_a_next_link_on_the_same_origin_is_followed_with_the_token():
    with HostileApi() as api:
        second = dict(SITE_OBJECT, id="11111111-2222-4333-8444-555555555555", name="edge-2")
        api.routes += [("GET", "^/sites/page2$", Answer(200, {"data": [second], "links": {"next": None}})),
                       ("GET", "^/sites$", Answer(200, {"data": [SITE_OBJECT], "links": {"next": "{self}/sites/page2"}}))]
        result, _run = run_task(api, "altostrat_site_info", {})
    assert [s["name"] for s in result["sites"]] == ["edge-1", "edge-2"]
    assert [r["headers"].get("Authorization") for r in api.received] == ["Bearer " + TOKEN] * 2


def test_the_inventory_never_follows_a_link_to_another_origin(tmp_path):
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    with HostileApi() as thief, HostileApi() as api:
        api.routes += [("GET", "^/sites$", Answer(200, {"data": [SITE_OBJECT], "links": {"next": thief.url + "/x?page=2"}})),
                       ("GET", "^/tags$", Answer(200, []))]
        proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(source), "--list"], capture_output=True,
                              text=True, env=ansible_env(None, ANSIBLE_INVENTORY_UNPARSED_FAILED="true", **env_for(api)),
                              check=False)
    assert proc.returncode != 0 and "another origin" in proc.stderr, proc.stderr[-2000:]
    assert thief.received == []


# --- secrets echoed back ----------------------------------------------------------------------------

def echo_everything(request):
    auth = request["headers"].get("Authorization", "")
    raw = auth.split(" ", 1)[-1]
    return Answer(401, {"message": "Unauthorized: %s (%s, %s)" % (auth, quote(raw, safe=""), base64.b64encode(raw.encode()).decode()),
                        "errors": {"authorization": [auth]}, "request": {"headers": {"Authorization": auth}}})


@pytest.mark.parametrize("status", [400, 401, 403, 422])
def test_the_inventory_masks_a_token_the_error_body_echoes(tmp_path, status):
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")

    def answer(request):
        echoed = echo_everything(request)
        echoed.status = status
        return echoed
    with HostileApi([("GET", "^/sites$", answer)]) as api:
        proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(source), "--list", "-vvvv"],
                              capture_output=True, text=True,
                              env=ansible_env(None, ANSIBLE_INVENTORY_UNPARSED_FAILED="true", **env_for(api)), check=False)
    assert proc.returncode != 0 and "HTTP %d" % status in proc.stderr, proc.stderr[-2000:]
    assert no_token_in(proc.stdout + proc.stderr)


@pytest.mark.parametrize("module, args", [
    ("altostrat_site_info", {}),
    ("altostrat_command", {"site_id": SITE, "command": "/ip/address/print"}),
    ("altostrat_job", {"site_id": SITE, "description": "Echo", "script": "/system identity set name=x", "converge": False}),
    ("altostrat_backup", {"site_id": SITE, "operation": "list"}),
])
def test_modules_mask_a_token_the_error_body_echoes(module, args):
    with HostileApi([("GET", ".", echo_everything), ("POST", ".", echo_everything)]) as api:
        result, run = run_task(api, module, args, verbosity=4)
    assert result.get("failed") and "HTTP 401" in result["msg"]
    assert no_token_in(run.output + json.dumps(run.results))


# --- backup files from the API's answers --------------------------------------------------------------

def backup_api(name, content="# 2026-12-01 10:00:00 by RouterOS 7.16.2\n/system identity\nset name=edge-1\n", listed=None):
    answer = {"filename": name, "size": "1KB", "date": "2026-12-01", "time": "10:00:00"}
    if content is not Ellipsis:
        answer["content"] = content
    return HostileApi([("GET", "^/backup/%s$" % SITE, Answer(200, [dict(answer, filename=listed or name)])),
                       ("GET", "^/backup/%s/" % SITE, Answer(200, answer))])


@pytest.mark.parametrize("name", ["../../escaped.rsc", "/tmp/escaped-absolute.rsc", "..", "a/../../escaped.rsc",
                                  "..\\..\\escaped.rsc", ".hidden.rsc", "x.rsc\n", "x.rsc%2F..%2F..%2Fescaped.rsc"])
def test_a_backup_name_from_the_api_never_leaves_dest(tmp_path, name):
    dest = tmp_path / "store" / "backups"
    dest.mkdir(parents=True)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with backup_api(name) as api:
        result, _run = run_task(api, "altostrat_backup", {"site_id": SITE, "operation": "fetch", "dest": str(dest)})
    assert result.get("failed") and "not a plain backup file name" in result["msg"], result
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert not os.path.exists("/tmp/escaped-absolute.rsc")


def test_the_name_the_user_asked_for_wins_over_the_answers(tmp_path):
    with backup_api("../../escaped.rsc", listed="1732567800.rsc") as api:
        result, _run = run_task(api, "altostrat_backup", {"site_id": SITE, "operation": "fetch", "dest": str(tmp_path),
                                                          "filename": "1732567800.rsc"})
    assert not result.get("failed"), result
    assert result["dest"] == str(tmp_path / "1732567800.rsc")
    assert [p.name for p in tmp_path.iterdir()] == ["1732567800.rsc"]


@pytest.mark.parametrize("content", [None, "", "   \n", Ellipsis, 42])
def test_an_empty_backup_answer_never_wipes_a_good_file(tmp_path, content):
    good = tmp_path / "edge-1.rsc"
    good.write_text("# 2026-11-30 by RouterOS 7.16.2\n/system identity\nset name=edge-1\n", encoding="utf-8")
    with backup_api("1732567800.rsc", content=content) as api:
        result, _run = run_task(api, "altostrat_backup", {"site_id": SITE, "operation": "fetch", "dest": str(good)})
    assert result.get("failed") and "without its content" in result["msg"], result
    assert not result.get("changed")
    assert good.read_text(encoding="utf-8").endswith("set name=edge-1\n")


# --- answers that are not the API's --------------------------------------------------------------------

HTML = "<!DOCTYPE html><html><head><title>Sign in to the guest Wi-Fi</title></head><body>portal</body></html>"


@pytest.mark.parametrize("module, args", [
    ("altostrat_site_info", {}),
    ("altostrat_site_info", {"site_id": SITE}),
    ("altostrat_command", {"site_id": SITE, "command": "/ip/address/print"}),
    ("altostrat_facts", {"site_id": SITE}),
    ("altostrat_job", {"site_id": SITE, "description": "Portal", "script": "/system identity set name=x"}),
    ("altostrat_job_info", {"site_id": SITE}),
    ("altostrat_backup", {"site_id": SITE, "operation": "list"}),
    ("altostrat_config", {"site_id": SITE, "path": "/ip/dns", "entries": {"servers": "1.1.1.1"}}),
])
def test_an_html_page_in_place_of_the_api_is_a_clear_error(module, args):
    page = Answer(200, HTML, content_type="text/html; charset=utf-8")
    with HostileApi([("GET", ".", page), ("POST", ".", page)]) as api:
        result, _run = run_task(api, module, args)
    assert result.get("failed"), result
    assert "not JSON" in result["msg"] and "proxy" in result["msg"], result["msg"]
    assert "object has no attribute" not in result["msg"]
    assert not [r for r in api.received if r["method"] == "POST" and "/api/synchronous/" not in r["path"]]


@pytest.mark.parametrize("body", [{"message": "ok"}, "a plain sentence", [["nested"]], 7])
def test_a_json_answer_of_the_wrong_shape_is_a_clear_error(body):
    with HostileApi([("GET", "^/sites$", Answer(200, body))]) as api:
        result, _run = run_task(api, "altostrat_site_info", {})
    assert result.get("failed"), result
    assert "is api_url the SDX API" in result["msg"]


# --- transport -------------------------------------------------------------------------------------

def test_an_https_url_to_a_plain_http_server_says_so_and_names_the_url():
    with HostileApi([("GET", ".", Answer(200, []))]) as api:
        https_url = api.url.replace("http://", "https://")
        run = run_playbook(one_task("altostrat_site_info", {"validate_certs": False, "retries": 0}),
                           env=dict(ALTOSTRAT_API_URL=https_url, ALTOSTRAT_API_TOKEN=TOKEN))
    task = run.task("the task")
    result = task["result"]
    assert task["status"] == "failed"
    assert "certificate" not in result["msg"], result["msg"]
    assert "does the server speak HTTPS" in result["msg"] and https_url + "/sites" in result["msg"], result["msg"]


def test_a_connection_error_names_the_url():
    with HostileApi() as api:
        url = api.url
    run = run_playbook(one_task("altostrat_site_info", {"retries": 0}), env=dict(ALTOSTRAT_API_URL=url, ALTOSTRAT_API_TOKEN=TOKEN))
    task = run.task("the task")
    result = task["result"]
    assert task["status"] == "failed" and url + "/sites" in result["msg"], result["msg"]


@pytest.mark.parametrize("status", [403, 404])
def test_a_key_that_may_not_read_tags_still_gets_its_hosts(tmp_path, status):
    source = tmp_path / "fleet.altostrat.yml"
    source.write_text("plugin: altostrat.sdx.sites\n", encoding="utf-8")
    with HostileApi([("GET", "^/sites$", Answer(200, [SITE_OBJECT])),
                     ("GET", "^/tags$", Answer(status, {"message": "This action is unauthorized."}))]) as api:
        proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(source), "--list"], capture_output=True,
                              text=True, env=ansible_env(None, ANSIBLE_INVENTORY_UNPARSED_FAILED="true", **env_for(api)),
                              check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "edge_1" in json.loads(proc.stdout)["_meta"]["hostvars"]
    assert "GET /tags was refused (HTTP %d)" % status in proc.stderr
