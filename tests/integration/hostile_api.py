# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for the SDX API that answers what a compromised, misconfigured or proxied API might:
links to other hosts, traversal file names, echoed secrets, HTML pages. Routes are matched by method
and path pattern; every request it receives is recorded with its headers."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Answer:
    def __init__(self, status=200, body=None, content_type="application/json", headers=None):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}

    def payload(self, api):
        if self.body is None:
            return b""
        text = self.body if isinstance(self.body, str) else json.dumps(self.body)
        return text.replace("{self}", api.url).encode("utf-8")


class HostileApi:
    """routes: [(method, path regex, Answer or callable(request) -> Answer)]; unmatched requests get 404."""

    def __init__(self, routes=()):
        self.routes = list(routes)
        self.received = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = dict(method=self.command, path=self.path, headers=dict(self.headers),
                               body=body.decode("utf-8", "replace"))
                with api._lock:
                    api.received.append(request)
                answer = api.answer_for(request)
                payload = answer.payload(api)
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = do_PATCH = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def answer_for(self, request):
        for method, pattern, answer in self.routes:
            if method == request["method"] and re.search(pattern, request["path"].split("?", 1)[0]):
                return answer(request) if callable(answer) else answer
        return Answer(404, {"message": "not found"})

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
