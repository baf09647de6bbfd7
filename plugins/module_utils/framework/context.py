# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""What a run function gets besides its parameters."""

from __future__ import annotations


class Context:
    """The client, the task's check and diff modes, and the warnings the run collects.

    `parallel_reads` is how many independent reads of one site go at once (routeros.api.synchronous_many).
    `before_queue(site_id, result)`, when set, is called by a run function right before it queues anything
    in an apply, and may raise SdxError to stop it (an apply held to a reviewed plan: plugin_utils/plan_gate.py).
    """

    def __init__(self, client, check_mode=False, diff=False, parallel_reads=4, before_queue=None):
        self.client = client
        self.before_queue = before_queue
        self.parallel_reads = parallel_reads
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []

    def derived(self, **changes):
        """A copy with some fields changed, whose warnings are still this context's."""
        copy = Context(self.client, self.check_mode, self.diff, self.parallel_reads, self.before_queue)
        for name, value in changes.items():
            setattr(copy, name, value)
        copy.warnings = self.warnings
        return copy

    def warn(self, msg):
        self.warnings.append(msg)
