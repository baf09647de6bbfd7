# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plan_document and plan_markdown: the plan of registered results, as the altostrat.sdx.plan callback writes it."""

from __future__ import annotations

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_document import PREFIX, build_document, task_records
from ansible_collections.altostrat.sdx.plugins.plugin_utils.plan_markdown import COMMENT_LIMIT, render


def _results(registered):
    """(item label, desired item, result) for a registered task result, one per loop item."""
    if isinstance(registered.get("results"), list):
        found = []
        for result in registered["results"]:
            item = result.get("item")
            label = result.get("_ansible_item_label", item)
            if isinstance(item, dict) and not isinstance(label, str):
                label = item.get("name") or item.get("path")
            found.append((None if label is None else str(label), item if isinstance(item, dict) else {}, result))
        return found
    return [(None, {}, registered)]


def _unmasked(result):
    """A result whose failure a failed_when: false hid (no plan, only the message) is a failure in the plan."""
    if result.get("failed_when_result") is False and "plan" not in result and result.get("msg") and not result.get("skipped"):
        return dict(result, failed=True)
    return result


def _site_of(variables):
    """(site id, site name) of a host, from its inventory variables."""
    site = variables.get("altostrat_site") if isinstance(variables.get("altostrat_site"), Mapping) else {}
    return variables.get("altostrat_site_id") or site.get("id"), site.get("name")


def _entry(variables):
    site_id, name = _site_of(variables)
    return dict(site_id=site_id, site_name=name, records=[])


def plan_document(hosts, register, task=None, module="altostrat_config", check_mode=True):
    """The plan document of the result each host registered as `register` (host variables in, document out)."""
    if not isinstance(register, str) or not register:
        raise AnsibleFilterError("plan_document: register must name the registered variable")
    module = module if module.startswith(PREFIX) else PREFIX + module
    known = dict((str(variables.get("inventory_hostname")), variables) for variables in hosts or [] if isinstance(variables, Mapping))
    entries, fleets = {}, set()
    for host, variables in known.items():
        registered = variables.get(register)
        if not isinstance(registered, dict):
            continue
        site_id, _name = _site_of(variables)
        entries.setdefault(host, _entry(variables))
        for label, item, result in _results(registered):
            if isinstance(result.get("per_host"), dict):
                # fleet: true registers the same result on every host (run_once): read it once, filed per host
                if label in fleets:
                    continue
                fleets.add(label)
            for target, _site, record in task_records(module, task or register, item, _unmasked(result), site_id,
                                                      check_mode, item=label, host=host):
                entries.setdefault(target, _entry(known.get(target) or {}))["records"].append(record)
    return build_document(entries, check_mode=check_mode)


def plan_markdown(document, max_chars=COMMENT_LIMIT):
    """The plan document as a Markdown summary sized for a pull-request comment."""
    if not isinstance(document, dict):
        raise AnsibleFilterError("plan_markdown: give a plan document (plan_document's result or a loaded plan)")
    return render(document, int(max_chars))


class FilterModule:
    def filters(self):
        return dict(plan_document=plan_document, plan_markdown=plan_markdown)
