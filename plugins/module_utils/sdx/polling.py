# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The one poll loop: ask again, a little less often each time, until an answer will do or time is up."""

from __future__ import annotations

import time

# The longest pause between two polls, in seconds.
POLL_CAP = 10.0
NOT_YET = object()


def poll_until(fetch, done, timeout, interval, cap=POLL_CAP, growth=1.5, value=NOT_YET, sleep=time.sleep,
               clock=time.monotonic):
    """(finished, value): fetch() until done(value), or (False, last value) when `timeout` seconds pass.

    `value` is an answer already in hand (a job just created), checked before the first fetch. The pause
    starts at `interval` and grows by `growth` up to `cap`; the last pause ends at the deadline. Tests pass
    their own `sleep` and `clock`, so that waiting costs them no time.
    """
    deadline = clock() + timeout
    delay = interval
    if value is NOT_YET:
        value = fetch()
    while not done(value):
        if clock() >= deadline:
            return False, value
        sleep(min(delay, max(0.0, deadline - clock())))
        delay = min(cap, delay * growth)
        value = fetch()
    return True, value
