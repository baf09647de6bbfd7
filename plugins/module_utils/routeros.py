# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS language as the collection needs it: command paths, SDX item shapes, typed values,
and the synchronous call through SDX."""

from __future__ import annotations

import re

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import check_uuid, site_not_found

# Commands that only read. `monitor` reads too, but only when asked for one sample.
READ_VERBS = frozenset(("print", "get", "getall", "export"))
ONE_SHOT_VERBS = frozenset(("monitor", "monitor-traffic"))
PATH_WORD = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
DURATION_PART = re.compile(r"(\d+)(w|d|h|ms|m|s)")
DURATION_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1, "ms": 0.001}


def api_command(command):
    """`/ip address print`, `ip/address/print` or `/ip/address/print` -> `/ip/address/print`."""
    if not isinstance(command, str) or not command.strip():
        raise SdxError("command must be a RouterOS command such as /ip/address/print (got %r)" % (command,))
    words = [w for w in re.split(r"[\s/]+", command.strip()) if w]
    bad = [w for w in words if not PATH_WORD.match(w)]
    if bad or len(words) < 1:
        raise SdxError("command %r is not a RouterOS command path: write it like /ip/address/print or /ip address print; "
                       "put arguments in parameters (e.g. ['?disabled=false'])" % command)
    return "/" + "/".join(words)


def parameter_words(parameters):
    """The parameters as API words; a single string is one word list separated by newlines, or one word."""
    if parameters is None:
        return []
    if isinstance(parameters, str):
        return [parameters] if parameters else []
    if isinstance(parameters, (list, tuple)):
        words = []
        for word in parameters:
            if not isinstance(word, str):
                raise SdxError("parameters must be API words such as '=address=10.0.0.1/24' or '?disabled=false' (got %r)" % (word,))
            words.append(word)
        return words
    raise SdxError("parameters must be a list of API words or one string (got %s)" % type(parameters).__name__)


def is_read(command, parameters=None):
    """True when the command cannot change the router."""
    verb = command.rsplit("/", 1)[-1]
    if verb in READ_VERBS:
        return True
    if verb in ONE_SHOT_VERBS:
        return any(w.startswith(("=once", "=duration=")) for w in parameter_words(parameters))
    return False


def normalise_key(key):
    """SDX's item keys back to RouterOS names: `id` -> `.id`, `mac_address` -> `mac-address`."""
    if key == "id":
        return ".id"
    return key.replace("_", "-")


def normalise_items(data):
    """Items as RouterOS names them; anything that is not a list of dicts comes back unchanged."""
    if isinstance(data, dict):
        return {normalise_key(k): v for k, v in data.items()}
    if isinstance(data, list):
        return [normalise_items(item) if isinstance(item, dict) else item for item in data]
    return data


def to_bool(value):
    """RouterOS booleans (`true`, `yes`, `false`, `no`) as Python booleans; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on"):
        return True
    if text in ("false", "no", "off"):
        return False
    return None


def to_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def duration_seconds(value):
    """RouterOS durations (`1w2d03:04:05`, `1h8s`, `00:00:10`, `500ms`) in whole seconds; None if not one."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    total = 0.0
    clock = re.search(r"(\d+):(\d\d):(\d\d)(?:\.\d+)?$", text)
    if clock:
        total += int(clock.group(1)) * 3600 + int(clock.group(2)) * 60 + int(clock.group(3))
        text = text[:clock.start()]
    consumed = "".join(m.group(0) for m in DURATION_PART.finditer(text))
    if consumed != text:
        return None
    for number, unit in DURATION_PART.findall(text):
        total += int(number) * DURATION_UNITS[unit]
    return int(total)


def synchronous(client, site_id, command, parameters=None, read=True):
    """Run one RouterOS API command through SDX now; return the items SDX answered (its shape)."""
    check_uuid("site_id", site_id)
    body = {"command": command}
    words = parameter_words(parameters)
    if words:
        body["parameters"] = words
    try:
        answer = client.post("/api/synchronous/%s" % site_id, json_body=body, read=read)
    except SdxApiError as exc:
        raise _explain(exc, site_id, command)
    if isinstance(answer, dict) and "data" in answer:
        return answer["data"]
    return answer


def _explain(exc, site_id, command):
    """SDX errors in the words a network engineer needs."""
    if exc.code == "site_offline":
        return SdxError("site %s is offline: synchronous commands need an online site; queue a job instead "
                        "(it runs when the site checks in)" % site_id, status=exc.status, api_code=exc.code)
    if exc.status == 404:
        return site_not_found(site_id)
    if exc.code == "routeros_error" or (exc.status == 400 and exc.api_message):
        return SdxError("RouterOS refused %s on site %s: %s" % (command, site_id, exc.api_message),
                        status=exc.status, api_code=exc.code, routeros_error=exc.api_message)
    return exc
