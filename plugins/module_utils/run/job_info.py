# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_job_info: a site's jobs, one job, or waiting for one to finish."""

from __future__ import annotations

import fnmatch

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import ModuleDef
from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import site_id_option, wait_options
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.jobs import find_job, job_status, list_jobs, wait_for_job
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def run_job_info(params, ctx):
    """List a site's jobs, get one, or wait for one to finish."""
    site_id = check_uuid("site_id", params["site_id"])
    if params.get("job_id"):
        job = find_job(ctx.client, site_id, job_id=params["job_id"])
        if job is None:
            raise SdxError("job %s was not found on site %s (a cancelled job is gone)" % (params["job_id"], site_id))
        if params["wait"]:
            job = wait_for_job(ctx.client, site_id, job, params["wait_timeout"], params["poll_interval"])
        jobs = [job]
    else:
        jobs = list_jobs(ctx.client, site_id)
    for job in jobs:
        job["status"] = job_status(job)
    if params.get("status"):
        jobs = [job for job in jobs if job["status"] in params["status"]]
    if params.get("description"):
        pattern = params["description"].lower()
        jobs = [job for job in jobs if fnmatch.fnmatchcase((job.get("description") or "").lower(), pattern)]
    result = dict(changed=False, jobs=jobs)
    if params.get("job_id"):
        result["job"] = jobs[0] if jobs else None
    return result


JOB_INFO = ModuleDef(
    name="altostrat_job_info",
    options=dict(
        site_id=site_id_option(),
        job_id=dict(type="str"),
        status=dict(type="list", elements="str", choices=["pending", "running", "completed", "failed", "cancelled"]),
        description=dict(type="str"),
        **wait_options(wait=False)
    ),
    run=run_job_info,
    required_if=[("wait", True, ("job_id",))],
)
