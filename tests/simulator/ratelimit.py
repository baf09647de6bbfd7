# SPDX-License-Identifier: GPL-3.0-or-later
"""A per-token request budget that answers the way Laravel's `throttle` middleware does.

Fixed windows as Laravel's RateLimiter keeps them: the first request of a key opens a window of
`rate_window` seconds; each request counts; once `rate_limit` requests were counted, every
further request of that window is 429 (not counted) with `Retry-After` = seconds until the window
closes. Every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`. The budget lives in
the server, so every client presenting one token (threads, forks, concurrent runs) shares it.
"""

import math
import threading
import time

from tests.simulator.realism import THROTTLED_MESSAGE

EXEMPT_HEADER = b"x-simulator-unthrottled"


class RateLimiter:
    def __init__(self, realism, tenants):
        self.realism = realism
        self.tenants = tenants  # token -> tenant name (limited tokens included)
        self.lock = threading.Lock()
        self.windows = {}  # key -> [opened at (monotonic), hits]
        self.throttled = 0

    def limit(self):
        return int(self.realism["rate_limit"]) if self.realism.on("rate_limit") else 0

    def key(self, token, client):
        scope = self.realism["rate_scope"]
        if scope == "global":
            return "global"
        if scope == "tenant" and token in self.tenants:
            return "tenant:" + self.tenants[token]
        return "token:" + token if token else "ip:" + client

    def hit(self, token, client, at=None):
        """Count one request: (allowed, headers as a list of (bytes, bytes)). No limit -> (True, [])."""
        limit = self.limit()
        if not limit:
            return True, []
        window = float(self.realism["rate_window"]) or 60.0
        at = time.monotonic() if at is None else at
        key = self.key(token, client)
        with self.lock:
            opened, hits = self.windows.get(key, (at, 0))
            if at - opened >= window:
                opened, hits = at, 0
            if hits >= limit:
                self.throttled += 1
                retry = max(1, math.ceil(opened + window - at))
                return False, [(b"retry-after", str(retry).encode()),
                               (b"x-ratelimit-reset", str(int(time.time() + retry)).encode()),
                               (b"x-ratelimit-limit", str(limit).encode()), (b"x-ratelimit-remaining", b"0")]
            hits += 1
            self.windows[key] = (opened, hits)
        return True, [(b"x-ratelimit-limit", str(limit).encode()), (b"x-ratelimit-remaining", str(limit - hits).encode())]

    def reset(self):
        with self.lock:
            self.windows.clear()
            self.throttled = 0

    def snapshot(self):
        """The windows by key, tokens named by their tenant (a token is a secret, never shown)."""
        at = time.monotonic()
        window = float(self.realism["rate_window"]) or 60.0
        names = {}
        for token, tenant in self.tenants.items():
            names["token:" + token] = f"token of tenant {tenant} #{len(names) + 1}"
        with self.lock:
            windows = [{"key": names.get(key, key if not key.startswith("token:") else "unknown token"),
                        "hits": hits, "remaining": max(0, self.limit() - hits) if at - opened < window else self.limit(),
                        "resets_in": round(max(0.0, opened + window - at), 3)}
                       for key, (opened, hits) in self.windows.items()]
            return {"limit": self.limit(), "window": window, "scope": self.realism["rate_scope"],
                    "throttled": self.throttled, "windows": windows}


def bearer(scope):
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            kind, token = value.decode("latin-1").partition(" ")[::2]
            return token.strip() if kind.lower() == "bearer" else ""
    return ""


def exempt(scope):
    """Harness bookkeeping calls (listing sites, waiting on a job) may skip the budget."""
    return any(name == EXEMPT_HEADER for name, _value in scope.get("headers", []))


def throttled_body():
    return {"message": THROTTLED_MESSAGE}
