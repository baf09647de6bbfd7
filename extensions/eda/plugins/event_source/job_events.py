# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An ansible-rulebook event source receiving SDX job notifications (the ``notify_url`` posts)."""

from __future__ import annotations

DOCUMENTATION = r"""
---
author:
  - Altostrat SDX collection maintainers (@altostrat)
short_description: Receive SDX job notifications (notify_url) as events
version_added: 0.1.0
description:
  - An HTTP receiver for the notifications SDX posts to a job's C(notify_url) on every status change
    (C(pending), C(running), C(completed), C(failed), C(deleted); C(loaded) is accepted too).
  - Give M(altostrat.sdx.altostrat_job) (or C(POST /api/asynchronous/{id})) the notify_url
    C(https://<this receiver>/sdx/job-events?token=<secret>).
  - SDX does not sign its notifications, so the shared O(secret) travels in the notify_url itself, as the query
    parameter C(token). Every post is checked against it in constant time; a post without it is answered 401,
    one with a wrong value 403, and neither becomes an event.
  - The body must be a JSON object with at least C(job_id) and C(router_id) (non-empty strings) and C(status)
    (one of the statuses above); anything else is answered 400 and queues nothing.
  - >-
    An accepted notification is answered 200 and becomes one event
    C({"sdx_job": <the payload>, "meta": {"endpoint": <path>, "remote_addr": <sender>}}); rules read it as
    C(event.sdx_job.status), C(event.sdx_job.job_id), C(event.sdx_job.router_id) (the site id).
  - Only the standard library is used. Serve it over TLS with O(certfile) and O(keyfile), or put it behind a
    reverse proxy that terminates TLS, since SDX expects an C(https) notify_url.
options:
  host:
    description: The address to listen on.
    type: str
    default: 127.0.0.1
  port:
    description: The TCP port to listen on.
    type: int
    required: true
  path:
    description: The URL path SDX posts to; any other path is answered 404.
    type: str
    default: /sdx/job-events
  secret:
    description:
      - The shared secret, expected as the C(token) query parameter of every post.
      - At least 16 characters, all URL-safe (letters, digits, C(-), C(_), C(.), C(~)), so that it needs no
        escaping in the notify_url; C(python3 -c "import secrets; print(secrets.token_urlsafe(32))") makes one.
    type: str
    required: true
  certfile:
    description: A PEM certificate (chain) to serve HTTPS with; needs O(keyfile).
    type: str
  keyfile:
    description: The PEM private key of O(certfile).
    type: str
"""

EXAMPLES = r"""
- name: React to failed SDX jobs
  hosts: localhost
  sources:
    - altostrat.sdx.job_events:
        host: 0.0.0.0
        port: 5443
        secret: "{{ SDX_EVENTS_SECRET }}"
        certfile: /etc/sdx-events/cert.pem
        keyfile: /etc/sdx-events/key.pem
  rules:
    - name: A job failed
      condition: event.sdx_job.status == "failed"
      action:
        debug:
          msg: "job {{ event.sdx_job.job_id }} failed on site {{ event.sdx_job.router_id }}"
"""

import asyncio
import hmac
import json
import logging
import re
import ssl
from typing import Any
from urllib.parse import parse_qs, urlsplit

LOG = logging.getLogger(__name__)

STATUSES = frozenset(("pending", "loaded", "running", "completed", "failed", "deleted"))
MAX_BODY = 1024 * 1024
# A job notification is a flat object; anything much deeper is an attack on whatever reads the event next.
MAX_NESTING = 32
MAX_HEADERS = 100
READ_TIMEOUT = 10.0
LINGER = 2.0
SECRET_PATTERN = re.compile(r"[A-Za-z0-9._~-]{16,}")
REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required", 413: "Content Too Large"}


class Rejected(Exception):
    """A request answered with an error status; nothing is queued."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def read_args(args: dict[str, Any]) -> dict[str, Any]:
    """The source's arguments, checked, with defaults filled in."""
    try:
        port = int(args["port"])
    except KeyError:
        raise ValueError("altostrat.sdx.job_events: port is required") from None
    except (TypeError, ValueError):
        raise ValueError("altostrat.sdx.job_events: port must be a number (got %r)" % (args["port"],)) from None
    if not 0 < port < 65536:
        raise ValueError("altostrat.sdx.job_events: port must be 1 to 65535 (got %d)" % port)
    secret = args.get("secret")
    if not isinstance(secret, str) or not SECRET_PATTERN.fullmatch(secret):
        raise ValueError("altostrat.sdx.job_events: secret is required: at least 16 URL-safe characters "
                         "(letters, digits, - _ . ~)")
    path = str(args.get("path") or "/sdx/job-events")
    if not path.startswith("/") or "?" in path:
        raise ValueError("altostrat.sdx.job_events: path must start with / and have no query (got %r)" % path)
    certfile, keyfile = args.get("certfile"), args.get("keyfile")
    if bool(certfile) != bool(keyfile):
        raise ValueError("altostrat.sdx.job_events: certfile and keyfile go together")
    context = None
    if certfile:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certfile, keyfile)
    return {"host": str(args.get("host") or "127.0.0.1"), "port": port, "path": path,
            "secret": secret.encode("ascii"), "ssl": context}


def check_token(query: str, secret: bytes) -> None:
    tokens = parse_qs(query, keep_blank_values=True).get("token")
    if not tokens:
        raise Rejected(401, "the token query parameter is missing")
    # compare_digest takes as long for any wrong token of a given length, so timing tells nothing.
    if len(tokens) != 1 or not hmac.compare_digest(tokens[0].encode("utf-8"), secret):
        raise Rejected(403, "the token does not match")


def nesting(value: Any) -> int:
    """How deeply lists and objects nest in a decoded JSON value (counted without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def check_payload(body: bytes) -> dict[str, Any]:
    """The notification as a dict, or Rejected(400) saying what is wrong with it."""
    try:
        payload = json.loads(body)
    except RecursionError:
        raise Rejected(400, "the body is nested too deeply to be a job notification") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise Rejected(400, "the body is not JSON: %s" % exc) from None
    if not isinstance(payload, dict):
        raise Rejected(400, "the body must be a JSON object (got %s)" % type(payload).__name__)
    if nesting(payload) > MAX_NESTING:
        raise Rejected(400, "the body is nested deeper than %d levels: not a job notification" % MAX_NESTING)
    for key in ("job_id", "router_id"):
        if not isinstance(payload.get(key), str) or not payload[key]:
            raise Rejected(400, "%s must be a non-empty string" % key)
    if payload.get("status") not in STATUSES:
        raise Rejected(400, "status must be one of %s (got %r)" % (", ".join(sorted(STATUSES)), payload.get("status")))
    return payload


async def read_request(reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str]]:
    """The method, target and headers (lower-case names) of one HTTP/1.x request."""
    line = await reader.readline()
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise Rejected(400, "not an HTTP/1.x request")
    headers = {}
    for count in range(MAX_HEADERS + 1):
        line = await reader.readline()
        if line in (b"\r\n", b"\n"):
            break
        if not line or count == MAX_HEADERS:
            raise Rejected(400, "bad or too many headers")
        name, sep, value = line.decode("latin-1").partition(":")
        if not sep:
            raise Rejected(400, "bad header line")
        headers[name.strip().lower()] = value.strip()
    return parts[0], parts[1], headers


async def read_body(reader, writer, headers) -> bytes:
    if "transfer-encoding" in headers or "content-length" not in headers:
        raise Rejected(411, "a Content-Length is required")
    try:
        length = int(headers["content-length"])
    except ValueError:
        raise Rejected(400, "bad Content-Length") from None
    if length < 0:
        raise Rejected(400, "bad Content-Length")
    if length > MAX_BODY:
        raise Rejected(413, "the body is larger than %d bytes" % MAX_BODY)
    if headers.get("expect", "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await writer.drain()
    return await reader.readexactly(length)


async def receive(reader, writer, config) -> dict[str, Any]:
    """Read one request and return its event, or raise Rejected."""
    method, target, headers = await read_request(reader)
    url = urlsplit(target)
    if url.path != config["path"]:
        raise Rejected(404, "no such path")
    if method != "POST":
        raise Rejected(405, "only POST is accepted", {"Allow": "POST"})
    # The token first: nothing from an unauthenticated sender is parsed.
    check_token(url.query, config["secret"])
    payload = check_payload(await read_body(reader, writer, headers))
    peer = writer.get_extra_info("peername")
    return {"sdx_job": payload, "meta": {"endpoint": url.path, "remote_addr": peer[0] if peer else None}}


def respond(writer, status, body, headers=None):
    data = json.dumps(body).encode()
    lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Error")), "Content-Type: application/json",
             "Content-Length: %d" % len(data), "Connection: close"]
    lines += ["%s: %s" % item for item in (headers or {}).items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data)


async def handle(queue, config, reader, writer):
    """One connection, one request (Connection: close)."""
    try:
        try:
            event = await asyncio.wait_for(receive(reader, writer, config), READ_TIMEOUT)
        except Rejected as exc:
            LOG.warning("SDX job notification rejected (%d): %s", exc.status, exc.message)
            respond(writer, exc.status, {"error": exc.message}, exc.headers)
        except asyncio.TimeoutError:
            respond(writer, 408, {"error": "the request did not arrive within %d seconds" % READ_TIMEOUT})
        except (asyncio.IncompleteReadError, ValueError):
            # ValueError: a request or header line longer than the stream's limit.
            respond(writer, 400, {"error": "incomplete or malformed request"})
        else:
            await queue.put(event)
            LOG.info("SDX job %s on %s: %s", event["sdx_job"]["job_id"], event["sdx_job"]["router_id"],
                     event["sdx_job"]["status"])
            respond(writer, 200, {"status": "accepted"})
        await writer.drain()
        await linger(reader, writer)
    except (OSError, asyncio.TimeoutError):
        pass
    finally:
        writer.close()


async def linger(reader, writer):
    """Read what the sender still sends (a refused request's body) until it closes, briefly: closing a socket
    with unread data resets the connection, and the sender could lose the answer."""
    if writer.can_write_eof():
        writer.write_eof()
    deadline = asyncio.get_running_loop().time() + LINGER
    for _chunk in range(64):
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0 or not await asyncio.wait_for(reader.read(65536), remaining):
            return


async def main(queue: asyncio.Queue[Any], args: dict[str, Any]) -> None:
    """Serve until cancelled; every accepted notification is put on the queue as one event."""
    config = read_args(args)

    async def on_connection(reader, writer):
        await handle(queue, config, reader, writer)

    server = await asyncio.start_server(on_connection, config["host"], config["port"], ssl=config["ssl"])
    LOG.info("listening for SDX job notifications on %s:%d%s", config["host"], config["port"], config["path"])
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    # A manual check: python job_events.py 5080 <secret>, then post to http://127.0.0.1:5080/sdx/job-events?token=<secret>

    class PrintQueue(asyncio.Queue):
        async def put(self, item):
            print(json.dumps(item))

    import sys

    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(PrintQueue(), {"port": sys.argv[1], "secret": sys.argv[2]}))
