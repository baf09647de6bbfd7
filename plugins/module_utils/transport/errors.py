# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The errors every plugin raises and reports, and what the API's error answers mean.

SdxError is a failure to report as it is. SdxApiError reads an error answer in any shape the service
may give (`{type, code, message}`, Laravel's `{message}` or `{message, errors}`, plain text, a proxy's
page), masks any secret it echoes, and names the condition callers act on (`code`), from the API's
code when it sends one, else from the status, the message and the path.
"""

from __future__ import annotations

import json
import re

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.safety import redact_deep

# What the user can do about an error status the API message may not explain.
STATUS_HINTS = {
    401: "check api_token (or ALTOSTRAT_API_TOKEN): it is missing, wrong or expired, or belongs to another api_url",
    403: "the token lacks the permission this call needs",
}


class SdxError(Exception):
    """A failure to report to the user as it is; `details` are extra result keys."""

    def __init__(self, msg, **details):
        super().__init__(msg)
        self.msg = msg
        self.details = details


class SdxApiError(SdxError):
    """The API answered with an error status."""

    def __init__(self, method, path, status, body=None, secrets=()):
        # An error body may quote the request back (an Authorization header): no secret survives into a message.
        body = redact_deep(body, secrets)
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        self.code = None
        self.api_message = None
        sent_code = None
        if isinstance(body, dict):
            sent_code = body.get("code") if isinstance(body.get("code"), str) else None
            self.api_message = _text_of(body.get("message") or body.get("error"))
            field_errors = _field_errors(body.get("errors"))
            if field_errors:
                self.api_message = "%s (%s)" % ((self.api_message or "invalid request").rstrip("."), field_errors)
        elif isinstance(body, str) and body.strip():
            self.api_message = body.strip()[:500]
        # The service's own bodies are often {message} alone: the conditions callers act on are then read
        # from the status and the message, so that every branch keyed on a code works either way.
        self.code = sent_code or inferred_code(status, self.api_message, path)
        parts = ["%s %s failed: HTTP %s" % (method, path, status)]
        if sent_code:
            parts.append("(%s)" % sent_code)
        if self.api_message:
            parts.append("- %s" % self.api_message.rstrip("."))
        if status in STATUS_HINTS:
            parts.append("- %s" % STATUS_HINTS[status])
        super().__init__(" ".join(parts), status=status, api_code=self.code, api_message=self.api_message)


# (code, statuses, what the message says) for the conditions the collection acts on.
INFERRED_CODES = (
    ("idempotency_key_reused", (400, 409, 422), re.compile(r"idempotency", re.I)),
    ("job_already_started", (400, 403, 409, 422), re.compile(
        r"already (started|running|completed|finished|in progress)|cannot be (deleted|cancell?ed)|not pending", re.I)),
    ("site_offline", (400, 409, 422, 500, 502, 503, 504), re.compile(
        r"offline|not (online|connected|reachable)|no (pulse|heartbeat)|unreachable|did not respond|not responding", re.I)),
)


# Synchronous commands run live through the site's tunnel: a gateway error there means the router did not answer.
SYNCHRONOUS_PATH = "/api/synchronous/"
ROUTER_SILENT_STATUSES = (500, 502, 504)


def inferred_code(status, message, path=""):
    """The API code an error body without one most plausibly means, or None."""
    if path.startswith(SYNCHRONOUS_PATH) and status in ROUTER_SILENT_STATUSES and not _names_routeros_error(message):
        return "site_offline"
    for code, statuses, words in INFERRED_CODES:
        if status in statuses and message and words.search(message):
            return code
    return None


def _names_routeros_error(message):
    """A 500 that carries RouterOS's own words is the router answering, not silence."""
    return bool(message) and bool(re.search(r"no such (command|item)|expected |invalid value|failure:", message, re.I))


def _text_of(value):
    """A message field as text (bodies from proxies and frameworks are not always strings)."""
    if value is None or value == "":
        return None
    return (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))[:500]


def _field_errors(errors):
    """Laravel's validation errors, {field: [message, ...]}, as one line."""
    if not isinstance(errors, dict) or not errors:
        return None
    shown = []
    for field, messages in list(errors.items())[:5]:
        messages = messages if isinstance(messages, list) else [messages]
        shown.append("%s: %s" % (field, "; ".join(_text_of(m) or "" for m in messages[:3])))
    return ", ".join(shown)[:500]


class SdxConnectionError(SdxError):
    """The API could not be reached or did not answer in time."""


class CheckModeWriteRefused(SdxError):
    """A write was attempted while running in check mode (a bug in the caller, caught here)."""
