#!/usr/bin/python
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: altostrat_job_info
short_description: List a site's SDX jobs, get one, or wait for one to finish
version_added: 0.1.0
description:
  - Lists the jobs of a site, newest first, each with its C(status) (V(pending), V(running), V(completed), V(failed))
    derived from its timestamps; filters by status and description pattern.
  - With O(job_id), returns that job, and with O(wait) waits until it has completed or failed — queue with
    M(altostrat.sdx.altostrat_job) and O(altostrat.sdx.altostrat_job#module:wait=false), wait later here.
author:
  - Altostrat SDX collection maintainers (@altostrat)
options:
  job_id:
    description: One job to return (and to wait for with O(wait)).
    type: str
  status:
    description:
      - Keep only jobs in these states. A job is V(cancelled) when SDX lists it with C(deleted_at) (or a
        C(status) of C(deleted)); the states otherwise follow from the job's timestamps.
    type: list
    elements: str
    choices: [pending, running, completed, failed, cancelled]
  description:
    description: Keep only jobs whose description matches this shell-style pattern, ignoring case.
    type: str
  wait:
    description: Wait until the job named by O(job_id) has completed or failed.
    type: bool
    default: false
extends_documentation_fragment:
  - altostrat.sdx.auth
  - altostrat.sdx.site
  - altostrat.sdx.site.waiting
  - altostrat.sdx.auth.actiongroup
  - altostrat.sdx.attributes
  - altostrat.sdx.attributes.info_module
requirements:
  - requests
seealso:
  - module: altostrat.sdx.altostrat_job
"""

EXAMPLES = r"""
- name: Failed jobs of the site
  altostrat.sdx.altostrat_job_info:
    status: [failed]
  register: failed

- name: Wait for a job queued earlier
  altostrat.sdx.altostrat_job_info:
    job_id: "{{ queued.job_id }}"
    wait: true
    wait_timeout: 900
"""

RETURN = r"""
jobs:
  description: The matching jobs, newest first, as SDX returns them plus C(status).
  returned: always
  type: list
  elements: dict
job:
  description: The job named by O(job_id).
  returned: when O(job_id) is given
  type: dict
"""

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.module_def import run_as_module
from ansible_collections.altostrat.sdx.plugins.module_utils.run.job_info import JOB_INFO


def main():
    run_as_module(JOB_INFO)


if __name__ == "__main__":
    main()
