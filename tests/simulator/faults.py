# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection, latency and the request log: one ASGI layer in front of the API.

`/_sim/...` control calls bypass all of it (loopback clients only). Every other request is
buffered, logged (never its Authorization header, and known tokens are masked anywhere else),
delayed, and possibly answered by a fault rule instead of the API.
"""

import asyncio
import datetime
import ipaddress
import json
import logging
import random
import re
import threading
import time

from tests.simulator.common import error_body
from tests.simulator.ratelimit import bearer, exempt, throttled_body
from tests.simulator.realism import THROTTLED_MESSAGE

LOG = logging.getLogger("sdx-simulator")
# Returned to uvicorn instead of None: it then closes the connection without writing a byte.
DROP = "connection dropped by a simulator fault rule"
REDACTED = "[redacted]"

FAULT_ERRORS = {
    429: ("rate_limit_error", "rate_limited", "Too many requests. Please slow down and retry later."),
    500: ("api_error", "internal_server_error", "An internal server error occurred. Please try again later."),
    502: ("api_error", "bad_gateway", "The upstream service returned an invalid response."),
    503: ("api_error", "service_unavailable", "The service is temporarily unavailable. Please try again later."),
    504: ("api_error", "gateway_timeout", "The upstream service did not answer in time."),
}
RULE_KEYS = {"method", "path", "status", "retry_after", "latency_ms", "drop", "rate", "count"}


class RuleError(ValueError):
    pass


def normalise_rule(raw):
    """Check a fault rule and fill its defaults; RuleError names the offending field."""
    if not isinstance(raw, dict):
        raise RuleError("a fault rule must be a JSON object")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RuleError(f"unknown fault rule field(s): {', '.join(sorted(unknown))}")
    rule = {"method": None, "path": None, "status": None, "retry_after": None, "latency_ms": 0, "drop": False,
            "rate": 1.0, "count": None, "hits": 0}
    rule.update({key: value for key, value in raw.items() if value is not None})
    if rule["method"] is not None:
        rule["method"] = str(rule["method"]).upper()
    if rule["path"] is not None:
        try:
            re.compile(rule["path"])
        except re.error as exc:
            raise RuleError(f"path is not a valid regular expression: {exc}") from None
    if rule["status"] is not None and (not isinstance(rule["status"], int) or not 400 <= rule["status"] <= 599):
        raise RuleError("status must be an HTTP error status (400..599), e.g. 429, 500, 502, 503, 504")
    if rule["retry_after"] is not None:
        rule["retry_after"] = str(rule["retry_after"])
    if not isinstance(rule["latency_ms"], (int, float)) or rule["latency_ms"] < 0:
        raise RuleError("latency_ms must be a non-negative number")
    if not isinstance(rule["rate"], (int, float)) or not 0 <= rule["rate"] <= 1:
        raise RuleError("rate must be a number between 0 and 1")
    if rule["count"] is not None and (not isinstance(rule["count"], int) or rule["count"] < 0):
        raise RuleError("count must be a non-negative integer")
    if not isinstance(rule["drop"], bool):
        raise RuleError("drop must be true or false")
    if rule["status"] is None and not rule["drop"] and not rule["latency_ms"]:
        raise RuleError("a fault rule needs status, drop or latency_ms")
    return rule


class Faults:
    def __init__(self, seed=0):
        self.lock = threading.Lock()
        self.rules = []
        self.latency_ms = 0
        self.random = random.Random(seed)

    def add(self, rules):
        checked = [normalise_rule(rule) for rule in rules]
        with self.lock:
            self.rules.extend(checked)
            return self.snapshot()

    def clear(self):
        with self.lock:
            self.rules = []
            self.latency_ms = 0

    def snapshot(self):
        return {"latency_ms": self.latency_ms, "rules": [dict(rule) for rule in self.rules]}

    def match(self, method, path):
        """The first rule that matches and fires (rate, count), counted as a hit."""
        with self.lock:
            for rule in self.rules:
                if rule["method"] and rule["method"] != method:
                    continue
                if rule["path"] and not re.search(rule["path"], path):
                    continue
                if rule["count"] is not None and rule["hits"] >= rule["count"]:
                    continue
                if rule["rate"] < 1 and self.random.random() >= rule["rate"]:
                    continue
                rule["hits"] += 1
                return dict(rule)
        return None


class RequestLog:
    def __init__(self, limit=50000):
        self.lock = threading.Lock()
        self.entries = []
        self.seq = 0
        self.limit = limit

    def add(self, entry):
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            self.entries.append(entry)
            if len(self.entries) > self.limit:
                del self.entries[: len(self.entries) - self.limit]

    def query(self, method=None, path=None, since=None):
        with self.lock:
            entries = list(self.entries)
        if method:
            entries = [e for e in entries if e["method"] == method.upper()]
        if path:
            entries = [e for e in entries if e["path"] == path or re.search(path, e["path"])]
        if since is not None:
            entries = [e for e in entries if e["seq"] > since]
        return entries

    def clear(self):
        with self.lock:
            self.entries = []


def is_loopback(scope):
    client = scope.get("client")
    if not client:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


async def _send_json(send, status, body, headers=()):
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": payload})


class SimMiddleware:
    """Outermost ASGI layer: control-plane guard, latency, faults, request log, one stderr line per request."""

    def __init__(self, app, state):
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].startswith("/_sim"):
            if not is_loopback(scope):
                await _send_json(send, 403, error_body("forbidden", "the /_sim control API answers loopback clients only"))
                return None
            return await self.app(scope, receive, send)
        return await self._api_call(scope, receive, send)

    async def _api_call(self, scope, receive, send):
        chunks = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        started = time.monotonic()
        method = scope["method"]
        path = scope["path"]
        outcome = {"status": None, "fault": None}
        delay = self.state.faults.latency_ms + float(self.state.config.get("latency_ms") or 0)
        rule = self.state.faults.match(method, path)
        if rule:
            delay += rule["latency_ms"]
            outcome["fault"] = "drop" if rule["drop"] else ("status" if rule["status"] else "latency")
        if delay:
            await asyncio.sleep(delay / 1000.0)

        limit_headers = []

        async def capture(message):
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                if limit_headers:
                    message = dict(message, headers=list(message.get("headers", [])) + limit_headers)
            if outcome["fault"] != "drop":
                await send(message)

        result = None
        if rule and rule["status"] and not rule["drop"]:
            outcome["status"] = rule["status"]
            await self._fault_answer(send, rule)
        else:
            allowed, limit_headers[:] = self._budget(scope)
            if not allowed:
                outcome["status"], outcome["fault"] = 429, "throttled"
                await _send_json(send, 429, throttled_body(), limit_headers)
            else:
                await self.app(scope, replay, capture)
                if outcome["fault"] == "drop":
                    result = DROP
        self._log(scope, body, outcome, started)
        return result

    def _budget(self, scope):
        """The rate limit's verdict for this request: (allowed, X-RateLimit-* headers)."""
        if exempt(scope) and is_loopback(scope):
            return True, []
        client = (scope.get("client") or ("", 0))[0]
        return self.state.limiter.hit(bearer(scope), client)

    async def _fault_answer(self, send, rule):
        type_, code, text = FAULT_ERRORS.get(rule["status"], ("api_error", "simulated_fault", "Simulated fault."))
        headers = [(b"retry-after", rule["retry_after"].encode())] if rule["retry_after"] is not None else []
        if self.state.realism.on("laravel_errors"):
            body = {"message": THROTTLED_MESSAGE if rule["status"] == 429 else text}
        else:
            body = error_body(code, text, type_)
        await _send_json(send, rule["status"], body, headers)

    def _log(self, scope, body, outcome, started):
        tokens = [token for token in self.state.tokens() if token]

        def mask(text):
            for token in tokens:
                text = text.replace(token, REDACTED)
            return text

        headers = {}
        for name, value in scope.get("headers", []):
            key = name.decode("latin-1").lower()
            if key == "authorization":
                continue
            headers[key] = mask(value.decode("latin-1"))
        elapsed = (time.monotonic() - started) * 1000
        entry = {
            "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "method": scope["method"],
            "path": scope["path"],
            "query": mask(scope.get("query_string", b"").decode("latin-1")),
            "status": outcome["status"],
            "headers": headers,
            "body": mask(body.decode("utf-8", "replace")),
            "duration_ms": round(elapsed, 2),
            "fault": outcome["fault"],
        }
        self.state.requests.add(entry)
        suffix = f" fault={outcome['fault']}" if outcome["fault"] else ""
        LOG.info("%s %s %s %.1fms%s", scope["method"], scope["path"], outcome["status"], elapsed, suffix)


class DropFilter(logging.Filter):
    """Hide uvicorn's complaint about the value returned to close a dropped connection."""

    def filter(self, record):
        return DROP not in record.getMessage()
