# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""One request budget per API key: requests are paced to stay under the API's rate limit.

SDX documents 60 requests per minute per API key. The budget is a sliding log of send times: never
more than `limit` requests in any `window` seconds, which also keeps under a fixed-window limiter such
as Laravel's. It is shared by every thread of a process and, through a small state file locked with
flock, by every process on the controller that uses the same key (the forked workers of one
ansible-playbook run, or several runs at once). What the server says wins: `X-RateLimit-Limit` sets
the limit, `X-RateLimit-Remaining` lower than this controller's own count means others use the key
too (AWX job slices on other nodes), and a 429's `Retry-After` holds every request back until then.
Such controllers know nothing of each other: while the server counts requests that are not this
controller's, it claims only its part of the limit, sent evenly spaced, so that the controllers do not
all spend a fresh window at once.
"""

from __future__ import annotations

import time

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.controller_state import shared_state, state_path
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.answers import retry_after_seconds

DEFAULT_LIMIT = 60
DEFAULT_WINDOW = 60.0
# The longest one wait is slept before the budget is looked at again (other processes may free room).
MAX_NAP = 5.0
# Requests reach the server a little later than they leave, and not in the order they left: the log keeps
# each one a little longer than the window, so the server never counts one too many in any of its windows.
SLACK_FRACTION = 0.01
SLACK_SECONDS = 0.05


class RequestBudget:
    """acquire() before every request; observe() every answer. limit 0 switches pacing off."""

    def __init__(self, api_url, token, limit=DEFAULT_LIMIT, window=DEFAULT_WINDOW, state_dir=None,
                 clock=time.time, sleep=time.sleep):
        self.limit = int(limit or 0)
        self.window = float(window or DEFAULT_WINDOW)
        self.span = self.window * (1 + SLACK_FRACTION) + SLACK_SECONDS
        self._clock = clock
        self._sleep = sleep
        self.path = state_path("budget", api_url, token, state_dir)
        self.waited = 0.0

    @property
    def enabled(self):
        return self.limit > 0

    def acquire(self):
        """Wait until one more request fits the budget, then count it as sent."""
        if not self.enabled:
            return
        while True:
            with shared_state(self.path) as state:
                now = self._clock()
                own = _recent(state.get("sent"), now, self.span)
                others = _recent(state.get("others"), now, self.span)
                counted = sorted(own + others)
                limit = state.get("limit") or self.limit
                wait = max(0.0, state.get("blocked_until", 0.0) - now)
                share = _number(state.get("share")) if others else None
                if share:
                    # while others spend the key too: this controller's share, evenly spaced
                    limit = min(limit, max(1, int(share)))
                    if counted and not wait:
                        wait = max(0.0, counted[-1] + self.span / share - now)
                if not wait and len(counted) < limit:
                    state["sent"] = own + [now]
                    return
                if not wait:
                    # the oldest request that keeps the log full falls out of the window then
                    wait = counted[len(counted) - limit] + self.span - now
            nap = min(MAX_NAP, max(0.01, wait))
            self.waited += nap
            self._sleep(nap)

    def observe(self, status, headers):
        """Learn from an answer's rate-limit headers; a 429 holds every user of the key back."""
        if not self.enabled or headers is None:
            return
        limit = _int(headers.get("X-RateLimit-Limit"))
        remaining = _int(headers.get("X-RateLimit-Remaining"))
        retry_after = retry_after_seconds(headers) if status == 429 else None
        if limit is None and remaining is None and retry_after is None:
            return
        with shared_state(self.path) as state:
            now = self._clock()
            if limit:
                state["limit"] = limit
            known = limit or state.get("limit") or self.limit
            own = _recent(state.get("sent"), now, self.span)
            others = _recent(state.get("others"), now, self.span)
            used_elsewhere = (known - remaining - len(own) - len(others)) if remaining is not None else 0
            if used_elsewhere > 0:
                # others spent part of this window: count their requests as if sent now
                others += [now] * used_elsewhere
            state["sent"], state["others"] = own[-known * 2:], others[-known * 2:]
            _adapt_share(state, known, len(own), len(others))
            if retry_after is not None:
                state["blocked_until"] = max(state.get("blocked_until", 0.0), now + retry_after)


def _adapt_share(state, limit, own, others):
    """While others spend the key, claim this controller's part of what was counted in the last window: several
    controllers with one key then settle on shares that add up to the limit."""
    if others:
        state["share"] = max(1.0, limit * max(own, 1) / float(max(own, 1) + others))
    else:
        state.pop("share", None)


def _number(value):
    return float(value) if isinstance(value, (int, float)) and value > 0 else None


def _recent(stamps, now, window):
    if not isinstance(stamps, list):
        return []
    return sorted(t for t in stamps if isinstance(t, (int, float)) and now - window < t <= now + 1)


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
