# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""What the transport refuses to send, follow or show: the rules that keep the API token at home.

- the API URL: https, or plain http to a loopback address only; no credentials in it;
- URLs the API returns (pagination links) are followed only on the API's own origin;
- header values: no control characters; text outside Latin-1 travels as UTF-8;
- secrets are removed from any text the API echoes back (raw, URL-encoded or Base64).
Nothing here imports the rest of the collection.
"""

from __future__ import annotations

import base64
import ipaddress
import re
from urllib.parse import quote, urlsplit

# Control characters (C0, DEL, C1) and the line and paragraph separators: none belongs in a header value.
CONTROL_CHARACTERS = re.compile(u"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class UnsafeValue(ValueError):
    """A URL or header value the transport must not use; the message says why."""


def is_loopback_host(host):
    """localhost or a loopback IP address: traffic to it never leaves the machine."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin(url):
    """(scheme, host, port) of an absolute URL, with the scheme's default port filled in."""
    parts = urlsplit(url)
    scheme = (parts.scheme or "").lower()
    try:
        port = parts.port
    except ValueError:
        raise UnsafeValue("%r has an invalid port" % url)
    if port is None:
        port = {"https": 443, "http": 80}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def check_api_url(option, url):
    """The URL as given, or UnsafeValue naming the option when the token must not go there."""
    if not url or not url.strip():
        raise UnsafeValue("%s is empty: leave it out to use the SDX API (https://v1.api.altostrat.io), or give the "
                          "URL of your API" % option)
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeValue("%s must be an https:// URL such as https://v1.api.altostrat.io (got %r)" % (option, url))
    if parts.username is not None or parts.password is not None:
        raise UnsafeValue("%s must not carry a user name or password: the API token is the only credential" % option)
    if parts.query or parts.fragment:
        raise UnsafeValue("%s must not carry a query or fragment (got %r)" % (option, url))
    origin(url)
    if scheme == "http" and not is_loopback_host(parts.hostname):
        raise UnsafeValue("%s must use https:// (plain http:// would send the API token unencrypted; it is allowed "
                          "only to a loopback address): %r" % (option, url))
    return url


def same_origin(url, base):
    return origin(url) == origin(base)


def check_header_value(name, value):
    """A header value ready for the wire: ASCII as it is, any other text as its UTF-8 bytes.

    HTTP header values are bytes. http.client would send text as Latin-1, and fail on anything beyond it
    (the euro sign, dashes, CJK, emoji); the API's server reads header bytes as UTF-8, so all non-ASCII
    text travels as UTF-8.
    """
    text = str(value)
    if CONTROL_CHARACTERS.search(text):
        raise UnsafeValue("the %s header cannot carry control characters (line breaks, tabs, NUL)" % name)
    if text != text.strip(" "):
        raise UnsafeValue("the %s header cannot start or end with spaces" % name)
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8")


def secret_forms(secret):
    """Every way a secret may come back in an answer: as it is, URL-encoded, and Base64 (as in Basic auth)."""
    secret = str(secret or "").strip()
    if not secret:
        return []
    forms = {secret, quote(secret, safe=""), base64.b64encode(secret.encode("utf-8")).decode("ascii")}
    return sorted(forms, key=len, reverse=True)


def redact(text, forms, mask="********"):
    """The text with every form of every secret replaced by the mask."""
    if not isinstance(text, str) or not forms:
        return text
    for form in forms:
        text = text.replace(form, mask)
    return text


def redact_deep(value, forms):
    """A decoded JSON value with secrets masked in every string, keys included."""
    if isinstance(value, str):
        return redact(value, forms)
    if isinstance(value, dict):
        return dict((redact_deep(k, forms), redact_deep(v, forms)) for k, v in value.items())
    if isinstance(value, list):
        return [redact_deep(v, forms) for v in value]
    return value
