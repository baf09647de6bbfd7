# SPDX-License-Identifier: GPL-3.0-or-later
"""altostrat_site_info through real ansible-playbook runs against the simulator."""

from __future__ import annotations

import requests

from tests.integration.playbook import run_playbook

ONE_TASK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: info
      altostrat.sdx.altostrat_site_info: {args}
      register: out
"""


def play(args="{}"):
    return ONE_TASK.format(args=args)


VOLATILE = ("uptime", "last_seen", "last_seen_at", "updated_at")


def api_sites(sim):
    response = requests.get(sim.url + "/sites", headers={"Authorization": "Bearer " + sim.token}, timeout=10)
    response.raise_for_status()
    return response.json()


def stable(sites):
    """Sites without the fields that change as time passes (uptime, last seen)."""
    return [{k: v for k, v in site.items() if k not in VOLATILE} for site in sites]


def test_lists_every_site_the_token_sees_as_the_api_returns_them(fresh_log):
    run = run_playbook(play(), fresh_log)
    assert run.rc == 0, run.output
    result = run.task("info")
    assert result["status"] == "ok"
    assert stable(result["result"]["sites"]) == stable(api_sites(fresh_log))
    assert len(result["result"]["sites"]) == 5


def test_one_site_by_id(fresh_log):
    site = api_sites(fresh_log)[2]
    fresh_log.clear_requests()
    run = run_playbook(play("{site_id: %s}" % site["id"]), fresh_log)
    assert run.rc == 0, run.output
    assert stable(run.task("info")["result"]["sites"]) == stable([site])
    assert [(r["method"], r["path"]) for r in fresh_log.requests()] == [("GET", "/sites/%s" % site["id"])]


def test_name_pattern_and_online_filters(fresh_log):
    sites = api_sites(fresh_log)
    target = sites[1]["name"]
    run = run_playbook(play("{name: '%s'}" % target.upper()), fresh_log)
    assert [s["name"] for s in run.task("info")["result"]["sites"]] == [target]
    run = run_playbook(play("{name: '%s*'}" % target[:3].lower()), fresh_log)
    assert target in [s["name"] for s in run.task("info")["result"]["sites"]]
    run = run_playbook(play("{online: false}"), fresh_log)
    offline = run.task("info")["result"]["sites"]
    assert offline and all(s["has_pulse"] is False for s in offline)
    assert len(offline) == len([s for s in sites if not s["has_pulse"]])


def test_check_mode_gives_the_same_answer_and_writes_nothing(fresh_log):
    normal = run_playbook(play(), fresh_log)
    checked = run_playbook(play(), fresh_log, check=True)
    assert checked.rc == 0, checked.output
    assert stable(checked.task("info")["result"]["sites"]) == stable(normal.task("info")["result"]["sites"])
    assert fresh_log.writes() == []


def test_host_variables_fill_site_id_and_credentials(fresh_log):
    site = api_sites(fresh_log)[0]
    inventory = """
    all:
      hosts:
        router1:
          ansible_connection: local
          altostrat_site_id: %s
          altostrat_api_url: %s
          altostrat_api_token: %s
    """ % (site["id"], fresh_log.url, fresh_log.token)
    run = run_playbook(play().replace("localhost", "router1"), inventory=inventory,
                       env=dict(ALTOSTRAT_API_URL=None, ALTOSTRAT_API_TOKEN=None))
    assert run.rc == 0, run.output
    assert stable(run.task("info")["result"]["sites"]) == stable([site])


def test_task_arguments_win_over_host_variables(fresh_log):
    inventory = """
    all:
      hosts:
        router1:
          ansible_connection: local
          altostrat_api_url: %s
          altostrat_api_token: alto_sk_wrong_token
    """ % fresh_log.url
    good = play("{api_token: '%s'}" % fresh_log.token).replace("localhost", "router1")
    run = run_playbook(good, inventory=inventory, env=dict(ALTOSTRAT_API_TOKEN=None))
    assert run.rc == 0, run.output
    bad = play().replace("localhost", "router1")
    run = run_playbook(bad, inventory=inventory, env=dict(ALTOSTRAT_API_TOKEN=None))
    assert run.rc != 0
    assert "HTTP 401" in run.task("info")["result"]["msg"]


def test_module_defaults_group_sets_credentials(fresh_log):
    playbook = """
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/altostrat.sdx.all:
          api_url: %s
          api_token: %s
      tasks:
        - name: info
          altostrat.sdx.altostrat_site_info:
            online: true
    """ % (fresh_log.url, fresh_log.token)
    run = run_playbook(playbook, env=dict(ALTOSTRAT_API_URL=None, ALTOSTRAT_API_TOKEN=None))
    assert run.rc == 0, run.output
    assert run.task("info")["result"]["sites"]


def test_missing_token_is_a_clear_error_and_sends_nothing(fresh_log):
    run = run_playbook(play(), fresh_log, env=dict(ALTOSTRAT_API_TOKEN=None))
    assert run.rc != 0
    assert "api_token is required" in run.task("info")["result"]["msg"]
    assert fresh_log.requests() == []


def test_bad_site_id_is_rejected_before_any_request(fresh_log):
    run = run_playbook(play("{site_id: not-a-uuid}"), fresh_log)
    msg = run.task("info")["result"]["msg"]
    assert "site_id must be a UUID" in msg and "not-a-uuid" in msg
    assert fresh_log.requests() == []


def test_unknown_site_says_so(fresh_log):
    run = run_playbook(play("{site_id: 00000000-0000-4000-8000-000000000000}"), fresh_log)
    msg = run.task("info")["result"]["msg"]
    assert "was not found" in msg and "00000000-0000-4000-8000-000000000000" in msg


def test_unknown_option_names_the_option(fresh_log):
    run = run_playbook(play("{colour: blue}"), fresh_log)
    msg = run.task("info")["result"]["msg"]
    assert "colour" in msg
    assert fresh_log.requests() == []


def test_wrong_token_fails_with_401_and_never_shows_the_token(fresh_log):
    secret = "alto_sk_this_must_never_be_printed_42"
    run = run_playbook(play("{api_token: '%s'}" % secret), fresh_log, verbosity=4)
    assert run.rc != 0
    assert "HTTP 401" in run.task("info")["result"]["msg"]
    assert secret not in run.output
    assert secret not in repr(run.results)


def test_the_real_token_never_appears_at_vvvv(fresh_log):
    run = run_playbook(play("{api_token: '%s'}" % fresh_log.token), fresh_log, verbosity=4)
    assert run.rc == 0, run.output
    assert fresh_log.token not in run.output
    assert fresh_log.token not in repr(run.results)
