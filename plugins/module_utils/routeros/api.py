# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""RouterOS API commands through SDX's synchronous endpoint: the only I/O of the RouterOS modules.

Owns: API command paths and words, whether an API command only reads, the synchronous call (one or
several at once), SDX's item shape turned back into RouterOS names, errors in a network engineer's
words, and checking property names against the router (its read, or /console/inspect on RouterOS 7).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import catalogue
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.sdx.ids import check_uuid, site_not_found
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.console import READ_VERBS, WRITING_ARGS

# `monitor` reads too, but only when asked for one sample.
API_READ_VERBS = READ_VERBS | frozenset(("getall",))
ONE_SHOT_VERBS = frozenset(("monitor", "monitor-traffic"))
PATH_WORD = re.compile(r"\A[a-z0-9][a-z0-9.\-]*\Z")


def api_command(command):
    """`/ip address print`, `ip/address/print` or `/ip/address/print` -> `/ip/address/print`."""
    if not isinstance(command, str) or not command.strip():
        raise SdxError("command must be a RouterOS command such as /ip/address/print (got %r)" % (command,))
    if re.search(r"[\r\n]", command):
        raise SdxError("%r is not a RouterOS command path: it must be one line, like /ip/address/print" % command)
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
    """True when the command cannot change the router: a read verb with no argument that writes (`=file=`)."""
    verb = command.rsplit("/", 1)[-1]
    names = [w[1:].split("=", 1)[0] for w in parameter_words(parameters) if w.startswith("=")]
    if verb in API_READ_VERBS:
        return not any(name in WRITING_ARGS for name in names)
    if verb in ONE_SHOT_VERBS:
        return any(name in ("once", "duration") for name in names) and not any(n in WRITING_ARGS for n in names)
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


def synchronous(client, site_id, command, parameters=None, read=True):
    """Run one RouterOS API command through SDX now; return the items SDX answered (its shape)."""
    check_uuid("site_id", site_id)
    body = {"command": command}
    words = parameter_words(parameters)
    if words:
        body["parameters"] = words
    try:
        return client.post("/api/synchronous/%s" % site_id, json_body=body, read=read)
    except SdxApiError as exc:
        raise _explain(exc, site_id, command)
    except SdxError as exc:
        if exc.details.get("api_code") == "site_offline":  # no answer in time: the router is not there
            raise offline(site_id, "it did not answer %s within the timeout" % command)
        raise


def synchronous_many(client, site_id, commands, on_error=None, workers=4):
    """Several independent reads at once: {command: items}. Over an API with real latency, N reads cost
    about N / workers round trips instead of N. An error is raised as a sequential read would raise it, or,
    with `on_error`, replaced by on_error(command, error) when that returns something other than None."""

    def read(command):
        try:
            return synchronous(client, site_id, command)
        except SdxError as exc:
            answer = on_error(command, exc) if on_error is not None else None
            if answer is None:
                raise
            return answer

    commands = list(dict.fromkeys(commands))
    if len(commands) <= 1 or workers <= 1:
        return {command: read(command) for command in commands}
    with ThreadPoolExecutor(max_workers=min(workers, len(commands))) as pool:
        futures = {command: pool.submit(read, command) for command in commands}
    return {command: future.result() for command, future in futures.items()}


def routeros_refusal(exc):
    """RouterOS's own error text when the router (not SDX) refused a command; else None."""
    if exc.details.get("api_code") == "routeros_error":
        return exc.details.get("routeros_error") or "refused"
    return None


def inspect_arguments(client, site_id, menu, verb):
    """The argument names `verb` takes in `menu`, as the router describes them (/console/inspect, RouterOS 7);
    None when the router cannot say (RouterOS 6, or an answer without arguments)."""
    path = ",".join([part for part in menu.split("/") if part] + [verb])
    try:
        rows = synchronous(client, site_id, "/console/inspect", ["=request=child", "=path=" + path])
    except SdxError as exc:
        if routeros_refusal(exc) is None:
            raise
        return None
    names = {row.get("name") for row in normalise_items(rows or []) if isinstance(row, dict)
             and row.get("node-type") == "arg" and row.get("name")}
    return names or None


def check_property_names(client, site_id, menu, entries, items, warn):
    """Refuse a property the menu does not have before anything is queued; warn where the router cannot tell.
    The read decides when it can; otherwise the router describes the command itself (one request, RouterOS 7)."""
    verb = "set" if catalogue.is_single(menu, items) or catalogue.is_builtin(menu) else "add"
    inspected, unsure, reason = False, [], None
    for index, entry in enumerate(entries):
        for prop in entry:
            verdict, message = catalogue.property_verdict(menu, prop, items, guess=True)
            if verdict != "ok" and inspected is False:
                inspected = inspect_arguments(client, site_id, menu, verb)
            if verdict != "ok" and inspected:
                verdict, message = catalogue.property_verdict(menu, prop, items, inspected)
            if verdict == "error":
                raise SdxError("entries[%d]: %s" % (index, message), path=menu, property=prop)
            if verdict == "unknown" and prop not in unsure:
                unsure.append(prop)
                reason = message
    if unsure:
        warn("the router's read cannot confirm the propert%s %s (%s): sent as given"
             % ("y" if len(unsure) == 1 else "ies", ", ".join(unsure), reason))


def offline(site_id, why, status=None):
    """The error for a site whose router cannot be reached now (`api_code` site_offline, whatever SDX said)."""
    return SdxError("site %s is offline (%s): synchronous commands need an online site; queue a job instead "
                    "(it runs when the site checks in)" % (site_id, why), status=status, api_code="site_offline")


def _explain(exc, site_id, command):
    """SDX errors in the words a network engineer needs."""
    if exc.code == "site_offline":
        why = "SDX says so" if exc.status == 503 else "SDX answered HTTP %s to %s" % (exc.status, command)
        return offline(site_id, why, status=exc.status)
    if exc.status == 404:
        return site_not_found(site_id)  # the one 404 of this endpoint: no such site
    if exc.code == "routeros_error" or (exc.status == 400 and exc.api_message):
        # a {message}-only body is RouterOS's refusal all the same: the code says so for every caller
        return SdxError("RouterOS refused %s on site %s: %s" % (command, site_id, exc.api_message),
                        status=exc.status, api_code="routeros_error", routeros_error=exc.api_message)
    return exc
