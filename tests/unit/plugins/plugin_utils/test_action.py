# SPDX-License-Identifier: GPL-3.0-or-later
"""The action door's secret masking: the same answer as remove_values, without walking a clean result."""

from __future__ import annotations

import pytest
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.altostrat.sdx.plugins.plugin_utils.action import mask_secrets

TOKEN = "alto_sk_secret_token_value_123"


@pytest.mark.parametrize("result", [
    {"msg": "401 for Bearer %s" % TOKEN},
    {"per_site": {"a": {"facts": [{"comment": "x%sy" % TOKEN}]}}},
    {"nested": [[{"deep": TOKEN}]], "other": "kept"},
    {"key": ("tuple", TOKEN)},
])
def test_a_result_holding_the_token_is_masked_as_remove_values_masks_it(result):
    masked = mask_secrets(result, {TOKEN})
    assert masked == remove_values(result, {TOKEN})
    assert TOKEN not in repr(masked)


def test_a_token_that_json_escapes_is_still_found():
    token = 'alto_sk_"quoted"\\slash_ü'
    masked = mask_secrets({"msg": "sent %s" % token}, {token})
    assert token not in repr(masked)


def test_a_clean_result_is_returned_as_it_is():
    result = {"per_site": {"a": {"ansible_facts": {"ansible_net_hostname": "core"}}}, "changed": False}
    assert mask_secrets(result, {TOKEN}) is result
    assert mask_secrets(result, set()) is result


def test_values_that_are_not_text_are_walked():
    result = {"port": 8729, "msg": "x"}
    assert mask_secrets(result, {8729}) == remove_values(result, {8729})
