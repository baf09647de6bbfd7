# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The one transport to the Altostrat SDX API, shared by every module, action and inventory plugin.

It owns the rules: authentication, TLS, timeouts, retries with backoff and Retry-After,
the check-mode write guard, response envelopes, and error messages that never carry the token.
"""

from __future__ import annotations

import json
import socket
import ssl
import time
import traceback
import warnings

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import InsecureRequestWarning, NewConnectionError
    # Failures that happen before a connection exists: the request cannot have reached the server.
    NEVER_CONNECTED = (NewConnectionError, ConnectionRefusedError, socket.gaierror)
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by ansible-test's import sanity test
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    NEVER_CONNECTED = ()
    InsecureRequestWarning = None

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.answers import (
    backoff_delay, causes, decode, next_page, NotJson, retry_after_seconds, unwrap)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.safety import (
    check_api_url, check_header_value, same_origin, secret_forms, UnsafeValue)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import (
    CheckModeWriteRefused, SdxApiError, SdxConnectionError, SdxError, SYNCHRONOUS_PATH)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.controller_state import state_path
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.rate_budget import (
    DEFAULT_LIMIT, DEFAULT_WINDOW, RequestBudget)
from ansible_collections.altostrat.sdx.plugins.module_utils.version import COLLECTION_VERSION

DEFAULT_API_URL = "https://v1.api.altostrat.io"
USER_AGENT = "altostrat.sdx/%s" % COLLECTION_VERSION

# Statuses worth another attempt: the request may succeed later without any change on our side.
RETRY_STATUSES = frozenset((429, 502, 503, 504))
# A 500 may mean the write happened: repeat it only when repeating cannot do harm.
READ_ONLY_RETRY_STATUSES = frozenset((500,))
# API error codes that describe a lasting condition, not a passing one: no retry.
NO_RETRY_CODES = frozenset(("site_offline",))

RETRY_AFTER_CAP = 120.0
# How long, in all, one request waits out 429s before it fails: the limit passes, so a 429 is waited for, not counted.
RATE_LIMIT_PATIENCE = 900.0

SHAPES = {dict: "an object", list: "a list"}


def _check_shape(method, path, payload, shape, what="the answer to"):
    """The payload, or a clear error when a success answer is not what this endpoint returns."""
    if shape is not None and not isinstance(payload, shape):
        raise SdxError("%s %s %s was %s where the API returns %s: is api_url the SDX API?"
                       % (what, method, path, type(payload).__name__ if payload is not None else "nothing", SHAPES[shape]))
    return payload


class SdxClient:
    """A `requests` session bound to one SDX API URL and token."""

    def __init__(self, api_url=DEFAULT_API_URL, api_token=None, validate_certs=True, ca_path=None,
                 timeout=30.0, retries=5, check_mode=False, warn=None, sleep=time.sleep, pool_size=8,
                 rate_limit=DEFAULT_LIMIT, rate_window=DEFAULT_WINDOW):
        if not HAS_REQUESTS:
            raise SdxError("the Python library 'requests' is required on the controller: pip install requests",
                           exception=REQUESTS_IMPORT_ERROR)
        if not api_token or not str(api_token).strip():
            raise SdxError("api_token is required: set the api_token option, the altostrat_api_token host variable "
                           "or the ALTOSTRAT_API_TOKEN environment variable")
        try:
            api_url = check_api_url("api_url", DEFAULT_API_URL if api_url is None else api_url).rstrip("/")
        except UnsafeValue as exc:
            raise SdxError(str(exc))
        if timeout is not None and timeout <= 0:
            raise SdxError("timeout must be a positive number of seconds (got %s)" % timeout)
        if retries is not None and retries < 0:
            raise SdxError("retries must be 0 or more (got %s)" % retries)
        if rate_limit is not None and rate_limit < 0:
            raise SdxError("rate_limit must be 0 (no pacing) or a number of requests per rate_window (got %s)" % rate_limit)
        if rate_window is not None and rate_window <= 0:
            raise SdxError("rate_window must be a positive number of seconds (got %s)" % rate_window)
        self.api_url = api_url
        self.timeout = timeout
        self.retries = 5 if retries is None else retries
        self.check_mode = check_mode
        self._warn = warn
        self._sleep = sleep
        self.session = requests.Session()
        # Room for every request in flight at once (pool_size), so that no connection is opened only to be thrown away.
        self.session.mount("https://", HTTPAdapter(pool_maxsize=pool_size))
        self.session.mount("http://", HTTPAdapter(pool_maxsize=pool_size))
        self.session.headers.update({
            "Authorization": "Bearer %s" % str(api_token).strip(),
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        })
        # Passed with every request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's
        # `verify`, which would silently ignore ca_path and validate_certs: false.
        self.verify = (ca_path or True) if validate_certs else False
        self.session.verify = self.verify
        if not validate_certs and InsecureRequestWarning is not None:
            # The user turned verification off on purpose; urllib3 would repeat that on stderr for every request.
            warnings.filterwarnings("ignore", category=InsecureRequestWarning)
        # Forms of the token that an error body may echo, masked before any message is built.
        self.secrets = secret_forms(api_token)
        # The environment is read here, once, instead of on every request (requests would otherwise scan it
        # for proxies and stat ~/.netrc each time): the proxy for this one API URL, honouring NO_PROXY. No
        # netrc at all, because a ~/.netrc entry for the API host would replace the bearer token.
        self.session.trust_env = False
        self.session.proxies = requests.utils.get_environ_proxies(api_url)
        self._token = str(api_token).strip()
        self.budget = RequestBudget(api_url, str(api_token).strip(), DEFAULT_LIMIT if rate_limit is None else rate_limit,
                                    rate_window or DEFAULT_WINDOW, sleep=sleep)

    @classmethod
    def from_params(cls, params, check_mode=False, warn=None, **settings):
        """A client from a module's validated parameters (the auth doc fragment's options)."""
        return cls(api_url=params.get("api_url"), api_token=params.get("api_token"),
                   validate_certs=params.get("validate_certs", True), ca_path=params.get("ca_path"),
                   timeout=params.get("timeout"), retries=params.get("retries"),
                   rate_limit=params.get("rate_limit"), rate_window=params.get("rate_window"),
                   check_mode=check_mode, warn=warn, **settings)

    def close(self):
        self.session.close()

    def shared_state_path(self, kind):
        """Where this controller keeps `kind` state for this API key (see controller_state)."""
        return state_path(kind, self.api_url, self._token)

    # --- the verbs -------------------------------------------------------------------------

    # Every verb returns the answer's payload, out of whatever envelope it came in (answers.unwrap).

    def get(self, path, params=None, shape=None):
        """GET one answer's payload; `shape` (dict or list) is what the endpoint must return."""
        return _check_shape("GET", path, unwrap(self.request("GET", path, params=params)), shape)

    def get_all(self, path, params=None):
        """Every item of a list endpoint, following `links.next` (on the API's origin only) or `meta.cursor`."""
        body = self.request("GET", path, params=params)
        items = list(_check_shape("GET", path, unwrap(body), list))
        pages = 1
        while True:
            nxt = next_page(body)
            if nxt is None:
                for item in items:
                    _check_shape("GET", path, item, dict, what="an item of")
                return items
            pages += 1
            if pages > 1000:
                raise SdxError("GET %s: more than 1000 pages; refusing to follow further" % path)
            if nxt[0] == "url":
                body = self.request("GET", nxt[1])
            else:
                body = self.request("GET", path, params=dict(params or {}, cursor=nxt[1]))
            items.extend(_check_shape("GET", path, unwrap(body), list))

    def post(self, path, json_body=None, data=None, headers=None, read=False, shape=None):
        """POST one answer's payload; `read=True` marks a request that changes nothing (a synchronous print)."""
        body = self.request("POST", path, json_body=json_body, data=data, headers=headers, read=read)
        return _check_shape("POST", path, unwrap(body), shape)

    def delete(self, path):
        return unwrap(self.request("DELETE", path))

    # --- the rules -------------------------------------------------------------------------

    def request(self, method, path, params=None, json_body=None, data=None, headers=None, read=None):
        """Send one API request with the retry rules; return the decoded body (envelope and all) or raise SdxError."""
        method = method.upper()
        if read is None:
            read = method in ("GET", "HEAD", "OPTIONS")
        keyed = any(k.lower() == "x-idempotency-key" for k in (headers or {}))
        if self.check_mode and not read:
            raise CheckModeWriteRefused("check mode: refusing to send %s %s (no write leaves the controller in check mode)"
                                        % (method, path))
        url, kwargs = self._prepare(path, params, json_body, data, headers)
        shown = path.split("?", 1)[0]
        attempt, throttled = 0, []
        while True:
            self.budget.acquire()
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.exceptions.RequestException as exc:
                problem = self._describe_exception(exc)
                # A request that never left (no connection made) is safe to send again, whatever it is.
                never_sent = isinstance(exc, (requests.exceptions.ConnectTimeout,)) or _is_connect_failure(exc)
                # An untrusted certificate, or a server that speaks no TLS, stays so: asking again only delays the error.
                # A synchronous command that got no answer in time hit a router that does not answer: the same.
                silent = isinstance(exc, requests.exceptions.ReadTimeout) and shown.startswith(SYNCHRONOUS_PATH)
                lasting = isinstance(exc, requests.exceptions.SSLError) or silent
                if attempt < self.retries and (read or keyed or never_sent) and not lasting:
                    self._pause(attempt, None, "%s %s: %s" % (method, shown, problem))
                    attempt += 1
                    continue
                hint = "" if (read or keyed or never_sent) else " (not retried: a write without an idempotency key may have been applied)"
                raise SdxConnectionError("%s %s failed: %s%s" % (method, url.split("?", 1)[0], problem, hint),
                                         **({"api_code": "site_offline"} if silent else {}))
            status = response.status_code
            self.budget.observe(status, response.headers)
            if status < 400:
                return self._success(method, shown, response)
            error = SdxApiError(method, shown, status, decode(response), secrets=self.secrets)
            retry_after = retry_after_seconds(response.headers)
            if retry_after is not None and retry_after > RETRY_AFTER_CAP and status in RETRY_STATUSES:
                raise SdxError("%s (Retry-After %.0f s is longer than the %.0f s this client waits)"
                               % (error.msg, retry_after, RETRY_AFTER_CAP), **error.details)
            if status == 429:
                # The limiter refused it before the API did anything, so any request may go again; the limit
                # passes, so 429s are waited out (within RATE_LIMIT_PATIENCE), not counted against retries.
                self._wait_out_limit(error, retry_after, throttled, "%s %s" % (method, shown))
                continue
            retryable = ((read or keyed) and error.code not in NO_RETRY_CODES
                         and (status in RETRY_STATUSES or (read and status in READ_ONLY_RETRY_STATUSES)))
            if not retryable or attempt >= self.retries:
                raise error
            self._pause(attempt, retry_after, "%s %s: HTTP %s" % (method, shown, status))
            attempt += 1

    def _wait_out_limit(self, error, retry_after, throttled, what):
        delay = retry_after if retry_after is not None else backoff_delay(min(len(throttled), 6))
        if sum(throttled) + delay > RATE_LIMIT_PATIENCE:
            raise SdxError("%s (rate limited for %.0f s in all; lower rate_limit, or spread the work over time)"
                           % (error.msg, sum(throttled) + delay), **error.details)
        if self._warn is not None and not throttled:
            self._warn("%s: HTTP 429 (rate limited); waiting %.1f s as the API asks" % (what, delay))
        throttled.append(delay)
        self._sleep(delay)

    def _prepare(self, path, params, json_body, data, headers):
        """The URL and the request's arguments; nothing unsafe leaves: foreign URLs and bad headers are refused."""
        if path.startswith(("https://", "http://")):
            # A link the API returned (a next page): the token goes only where the user sent it.
            if not same_origin(path, self.api_url):
                raise SdxError("the API answered with a link to another origin (%s): not followed, since the request "
                               "would carry the API token there" % path.split("?", 1)[0][:200])
            url = path
        else:
            url = self.api_url + "/" + path.lstrip("/")
        try:
            headers = dict((name, check_header_value(name, value)) for name, value in (headers or {}).items())
        except UnsafeValue as exc:
            raise SdxError(str(exc))
        kwargs = dict(params=params, headers=headers, timeout=self.timeout, verify=self.verify)
        if json_body is not None:
            kwargs["data"] = json.dumps(json_body)
            kwargs["headers"] = dict(headers, **{"Content-Type": "application/json"})
        elif data is not None:
            kwargs["data"] = data.encode("utf-8") if isinstance(data, str) else data
        return url, kwargs

    @staticmethod
    def _success(method, shown, response):
        payload = decode(response)
        if isinstance(payload, NotJson):
            raise SdxError("%s %s answered HTTP %s with something that is not JSON (%r): is api_url the SDX API, or "
                           "is a proxy or captive portal answering in its place?"
                           % (method, shown, response.status_code, payload.strip()[:60]))
        return payload

    def _pause(self, attempt, retry_after, why):
        delay = retry_after if retry_after is not None else backoff_delay(attempt)
        if self._warn is not None and attempt == 0:
            self._warn("%s; retrying (up to %d times)" % (why, self.retries))
        self._sleep(delay)

    @staticmethod
    def _describe_exception(exc):
        cause = causes(exc)[-1]
        if isinstance(exc, requests.exceptions.SSLError):
            if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes(exc)):
                return ("TLS certificate verification failed (set ca_path to your CA bundle, or validate_certs: false "
                        "for testing)")
            return ("TLS handshake failed (%s): does the server speak HTTPS on this port? A plain-HTTP server needs an "
                    "http:// api_url" % str(cause)[:120])
        if isinstance(exc, requests.exceptions.Timeout):
            return "no answer within the timeout"
        if isinstance(exc, requests.exceptions.ConnectionError):
            return "connection failed (%s)" % type(cause).__name__
        return type(exc).__name__


def _is_connect_failure(exc):
    """True when the connection was never established, so the server cannot have seen the request."""
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    return any(isinstance(cause, NEVER_CONNECTED) for cause in causes(exc))
