# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""How the transport reads the API's answers: envelopes, pages, bodies, Retry-After and backoff, and
the causes behind a failed connection. Pure functions; nothing here sends a request.
"""

from __future__ import annotations

import email.utils
import random
import time

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0


def retry_after_seconds(headers, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    value = headers.get("Retry-After") if headers is not None else None
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(attempt, rand=random.random):
    """Capped exponential backoff with jitter: attempt 0 waits about BACKOFF_BASE seconds."""
    return min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt)) * (0.5 + rand() / 2)


def unwrap(body):
    """The payload of an answer, whatever envelope it came in.

    Bare arrays and objects come back as they are; `{status, data}` and paginated
    `{data, links|meta}` shapes give their `data`.
    """
    if isinstance(body, dict) and "data" in body:
        keys = set(body)
        if keys <= {"status", "data", "message"} or "links" in keys or "meta" in keys:
            return body["data"]
    return body


def next_page(body):
    """What to ask for next in a paginated answer: ('url', url), ('cursor', cursor) or None."""
    if not isinstance(body, dict):
        return None
    links = body.get("links")
    if isinstance(links, dict) and isinstance(links.get("next"), str) and links["next"]:
        return ("url", links["next"])
    meta = body.get("meta")
    if isinstance(meta, dict) and meta.get("has_more") and meta.get("cursor"):
        return ("cursor", meta["cursor"])
    return None


class NotJson(str):
    """A body that should have been JSON but was not (an HTML page from a proxy, a login portal)."""


def decode(response):
    """The JSON of a response, None when it has no body, or NotJson with its text."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return NotJson(response.text)


def causes(exc):
    """The exception and the ones behind it (urllib3 keeps the cause of a failed connection in `reason`)."""
    seen = []
    while isinstance(exc, BaseException) and exc not in seen and len(seen) < 10:
        seen.append(exc)
        nxt = getattr(exc, "reason", None) or exc.__cause__ or exc.__context__
        if nxt is None and exc.args and isinstance(exc.args[0], BaseException):
            nxt = exc.args[0]
        exc = nxt
    return seen
