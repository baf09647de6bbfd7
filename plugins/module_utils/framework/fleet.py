# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Fleet mode: one task over many sites, in threads of one controller process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.context import Context
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import MAX_CONCURRENCY
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def execute_fleet(module_def, params, check_mode=False, diff=False):
    """One task over many sites: the module's function for each site, `concurrency` sites at a time.

    A play over a fleet pays ansible-core's cost of a forked worker per host and task; this pays it once.
    Each site's reads are made one after another, so `concurrency` is also the number of requests in
    flight. Every site gets its own result under `per_site`; the task fails, after every site has run,
    when any site failed. Diffs are collected with the site id in their headers.
    """
    for option in module_def.site_bound:
        if params.get(option) is not None:
            raise SdxError("%s cannot be used with site_ids: it names one site's %s; give site_id instead"
                           % (option, option.replace("_", " ")))
    site_ids = list(dict.fromkeys(check_uuid("site_ids", site_id) for site_id in params["site_ids"]))
    concurrency = 20 if params.get("concurrency") is None else params["concurrency"]
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise SdxError("concurrency must be between 1 and %d (got %s)" % (MAX_CONCURRENCY, concurrency))
    shared = Context(None, check_mode=check_mode, diff=diff)
    client = SdxClient.from_params(params, check_mode=check_mode, warn=shared.warn, pool_size=concurrency)

    def one(site_id):
        # the sites are the concurrency: each site's reads go one after another
        ctx = Context(client, check_mode=check_mode, diff=diff, parallel_reads=1)
        try:
            result = module_def.run(dict(params, site_id=site_id), ctx)
            result.setdefault("changed", False)
        except SdxError as exc:
            result = dict(exc.details, failed=True, msg=exc.msg)
        if ctx.warnings:
            result["warnings"] = result.get("warnings", []) + ctx.warnings
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(site_ids)))) as pool:
            per_site = dict(zip(site_ids, pool.map(one, site_ids)))
    finally:
        client.close()
    failed = [site_id for site_id, result in per_site.items() if result.get("failed")]
    warned = [site_id for site_id, result in per_site.items() if result.get("warnings")]
    outcome = dict(changed=any(result.get("changed") for result in per_site.values()), per_site=per_site,
                   failed_sites=failed)
    diffs = [dict(entry, before_header="%s: %s" % (site_id, entry.get("before_header", "")),
                  after_header="%s: %s" % (site_id, entry.get("after_header", "")))
             for site_id, result in per_site.items() for entry in _diff_entries(result.get("diff"))]
    if diffs:
        outcome["diff"] = diffs
    if warned:
        shown = ", ".join(warned[:5]) + (" ..." if len(warned) > 5 else "")
        shared.warn("%d site(s) have warnings; see per_site[<site id>].warnings: %s" % (len(warned), shown))
    if shared.warnings:
        outcome["warnings"] = shared.warnings
    if failed:
        messages = {per_site[site_id]["msg"] for site_id in failed}
        if len(failed) == len(site_ids) and len(messages) == 1:
            raise SdxError("every site failed: %s" % messages.pop(), **outcome)
        raise SdxError("%d of %d sites failed (per_site[<site id>].msg says why); the first, %s: %s"
                       % (len(failed), len(site_ids), failed[0], per_site[failed[0]]["msg"]), **outcome)
    return outcome


def _diff_entries(diff):
    """A result's diff as a list of entries (Ansible takes one entry or a list)."""
    if not diff:
        return []
    return [diff] if isinstance(diff, dict) else list(diff)
