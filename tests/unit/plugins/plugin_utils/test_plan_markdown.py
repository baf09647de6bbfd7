# SPDX-License-Identifier: GPL-3.0-or-later
"""The plan's Markdown summary: the verdict, sizes that fit a pull-request comment, text that cannot break out."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from ansible_collections.altostrat.sdx.plugins.plugin_utils import plan_markdown
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import build_document, dumps, site_record
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown import COMMENT_LIMIT, render, verdict

CONFIG = "altostrat.sdx.altostrat_config"


def change(servers, before="8.8.8.8"):
    return {"changed": True, "path": "/ip/dns", "script": "/ip dns\nset servers=%s\n" % servers,
            "plan": [{"action": "set", "key": {}, "before": {"servers": before}, "after": {"servers": servers},
                      "line": "set servers=%s" % servers}]}


CLEAN = {"changed": False, "path": "/ip/dns", "script": "", "plan": []}


def fleet(count, changed=(), unknown=(), script_lines=1):
    hosts = {}
    for index in range(count):
        name = "site_%04d" % index
        if index in changed:
            result = change(",".join("10.0.%d.%d" % (index % 250, n) for n in range(script_lines)))
            if script_lines > 1:
                result["script"] = "/ip dns\n" + "".join("set servers=10.0.0.%d\n" % n for n in range(script_lines))
        elif index in unknown:
            result = {"failed": True, "msg": "site %s is offline" % name}
        else:
            result = CLEAN
        hosts[name] = dict(site_id="site-%d" % index, site_name="Site %d" % index,
                           records=[site_record(CONFIG, "DNS servers", {"path": "/ip/dns"}, result, "site-%d" % index, True)])
    return json.loads(dumps(build_document(hosts)))


def test_the_verdict_is_one_line_with_changed_and_unknown_counts():
    assert verdict(fleet(800, changed=range(12))) == "12 of 800 sites would change; 0 unknown."
    assert verdict(fleet(4, changed=[0, 1], unknown=[3])) == "2 of 4 sites would change; 1 unknown (1 failed)."
    assert verdict(dict(fleet(1, changed=[0]), check_mode=False)) == "1 of 1 site changed; 0 unknown."


def test_a_small_plan_has_the_table_the_details_and_the_unknowns():
    text = render(fleet(4, changed=[0, 1], unknown=[3]))
    assert "**2 of 4 sites would change; 1 unknown (1 failed).**" in text
    assert "| site_0003 | failed | 0 | 1 | DNS servers |" in text
    assert "| site_0000 | change | 1 | 0 | DNS servers |" in text
    assert "1 site with no change: site_0002" in text
    assert "- site_0003, DNS servers: site site_0003 is offline" in text
    assert text.count("<details>") == 3 and text.count("</details>") == 3
    assert "| set | (the menu) | servers=8.8.8.8 | servers=10.0.0.0 |" in text
    assert "```routeros\n/ip dns\nset servers=10.0.0.0\n```" in text
    # failures come first, then changes, by name
    assert text.index("| site_0003 |") < text.index("| site_0000 |") < text.index("| site_0001 |")


@pytest.mark.parametrize("count, changed", [(800, range(0, 800, 3)), (3000, range(3000)), (200, range(200))])
def test_a_big_fleet_fits_in_one_comment_and_says_what_it_left_out(count, changed):
    text = render(fleet(count, changed=changed, script_lines=60))
    assert len(text) <= COMMENT_LIMIT
    assert text.count("<details>") == text.count("</details>")
    assert text.count("```") % 2 == 0
    assert "more site" in text and "the plan JSON has them all" in text
    assert text.rstrip().endswith("`")  # the fingerprint line is always there
    assert "# ... 21 more lines" in text  # each script is shortened too


def test_values_cannot_break_the_table_or_inject_html():
    hostile = change("a|b<script>x</script>\nnext", before="`x`")
    text = render(json.loads(dumps(build_document({"hq": dict(site_id="s", site_name="HQ", records=[
        site_record(CONFIG, "t", {}, hostile, "s", True)])}))))
    assert "<script>" not in text.split("```")[0] + text.split("```")[-1]
    assert "a\\|b&lt;script&gt;x&lt;/script&gt;<br>next" in text


def test_a_script_with_backticks_gets_a_longer_fence():
    block = plan_markdown.fenced("/system script add source=\"```\"\n")
    assert block.startswith("````routeros\n") and block.endswith("\n````")


def test_an_empty_run_says_so():
    text = render(json.loads(dumps(build_document({}, check_mode=True))))
    assert "0 of 0 sites would change; 0 unknown." in text and "No task of the altostrat.sdx collection ran." in text


def test_the_command_renders_a_saved_plan_and_refuses_an_edited_one(tmp_path):
    doc = fleet(3, changed=[1])
    path = tmp_path / "plan.json"
    path.write_text(dumps(doc), encoding="utf-8")
    out = tmp_path / "plan.md"
    module = "ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown"
    # the directory that holds ansible_collections/, as a user's PYTHONPATH would name it
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(plan_markdown.__file__).parents[5]))
    proc = subprocess.run([sys.executable, "-m", module, str(path), "-o", str(out)], capture_output=True, text=True,
                          check=False, env=env)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == render(doc)
    doc["hosts"]["site_0001"]["tasks"][0]["script"] = "/system reset-configuration\n"
    path.write_text(dumps(doc), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", module, str(path)], capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 2 and "edited" in proc.stderr and proc.stdout == ""
