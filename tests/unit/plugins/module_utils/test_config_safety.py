# SPDX-License-Identifier: GPL-3.0-or-later
"""No value can inject a command: whatever a value holds, the rendered script stores exactly that value.

The collection renders; the simulator's RouterOS engine (an independent parser) runs the script and
is read back through its API.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_entries import check_entries
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.config_plan import plan_config, render_script
from tests.simulator.routeros import Router

ROUTER = Router.default(model="RB5009UG+S+", version="7.16.2", identity="safety", serial="SAFE01")
MENU = "/ip/firewall/address-list"
AWKWARD = st.sampled_from(list('"\\$;[]{}?\n\r\t#=/ :!*\x01\x7f') + ["ü", "П", "✓", "€", "\u00a0", "🙂"])
VALUES = st.lists(st.one_of(AWKWARD, st.characters(blacklist_categories=("Cs",))), min_size=0, max_size=40).map("".join)


def apply(value, router):
    entries = check_entries(MENU, [{"list": "safety", "address": "192.0.2.1", "comment": value}], ["list", "address"], {})
    items = [{".id": i["id"], **{k.replace("_", "-"): v for k, v in i.items() if k != "id"}}
             for i in router.api(MENU + "/print", ["?list=safety"])]
    actions = plan_config(MENU, items, entries, ["list", "address"], {}, "ignore", "ignore", False)
    script = render_script(MENU, actions)
    result = router.run_script(script) if script else None
    return script, result


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_any_value_round_trips_and_injects_nothing(value):
    router = Router.from_state(ROUTER.to_state())
    script, result = apply(value, router)
    assert result is not None and result.ok, (value, script, result and result.error)
    stored = router.api(MENU + "/print", ["?list=safety"])
    assert len(stored) == 1
    assert stored[0].get("comment", "") == value
    # nothing else happened: the rest of the configuration is untouched
    assert router.api("/system/identity/print")[0]["name"] == "safety"
    assert len(router.api(MENU + "/print")) == len(ROUTER.api(MENU + "/print")) + 1
    # and planning again finds nothing to do
    again, _result = apply(value, router)
    assert again == ""
