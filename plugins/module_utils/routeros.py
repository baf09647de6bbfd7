# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS language as the collection needs it: command paths, SDX item shapes, typed values,
and the synchronous call through SDX."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.altostrat.sdx.plugins.module_utils.client import SdxApiError, SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.common import check_uuid, site_not_found

# Commands that only read. `monitor` reads too, but only when asked for one sample.
READ_VERBS = frozenset(("print", "get", "getall", "export"))
ONE_SHOT_VERBS = frozenset(("monitor", "monitor-traffic"))
PATH_WORD = re.compile(r"\A[a-z0-9][a-z0-9.\-]*\Z")
DURATION_PART = re.compile(r"(\d+)(w|d|h|ms|m|s)")
DURATION_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1, "ms": 0.001}


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


def synchronous_many(client, site_id, commands, on_error=None):
    """Several independent reads at once: {command: items}. Over an API with real latency, N reads cost
    about N / client.parallel_reads round trips instead of N. An error is raised as a sequential read would
    raise it, or, with `on_error`, replaced by on_error(command, error) when that returns something other
    than None."""
    workers = getattr(client, "parallel_reads", 4)

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


# --- the console language: scripts as the router reads them ------------------------------------

# Escapes inside a quoted RouterOS string; `\xx` (two hex digits) is handled apart.
ESCAPES = {'"': '"', "\\": "\\", "$": "$", "?": "?", "_": " ", "n": "\n", "r": "\r", "t": "\t",
           "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
# Commands whose effect on the configuration a plan can compute from a read of their menu.
PLANNABLE_VERBS = frozenset(("add", "set", "remove", "enable", "disable"))
# Commands that change nothing.
QUIET_VERBS = frozenset(("print", "export", "get", "find"))
KNOWN_VERBS = PLANNABLE_VERBS | QUIET_VERBS | frozenset((
    "move", "unset", "comment", "edit", "reset", "monitor", "monitor-traffic", "make-static", "reset-counters"))
# Menus with a single item and no `.id` (set changes that one item).
SINGLE_VALUE_MENUS = frozenset((
    "/system/identity", "/system/clock", "/system/ntp/client", "/system/ntp/server", "/system/note", "/system/routerboard/settings",
    "/ip/dns", "/ip/settings", "/ipv6/settings", "/ip/neighbor/discovery-settings", "/ip/cloud", "/ip/proxy", "/ip/socks",
    "/ip/upnp", "/ip/ssh", "/snmp", "/tool/mac-server", "/tool/mac-server/mac-winbox", "/tool/mac-server/ping",
    "/tool/bandwidth-server", "/tool/romon", "/interface/detect-internet", "/tool/graphing", "/system/logging/action/0",
))
# Menus a line may name on its own to become the current menu (anything else alone is a command).
KNOWN_MENUS = SINGLE_VALUE_MENUS | frozenset((
    "/", "/system", "/system/identity", "/system/scheduler", "/system/script", "/system/package", "/system/logging",
    "/system/resource", "/interface", "/interface/ethernet", "/interface/bridge", "/interface/bridge/port",
    "/interface/bridge/vlan", "/interface/vlan", "/interface/list", "/interface/list/member", "/interface/wireguard",
    "/interface/wireguard/peers", "/ip", "/ip/address", "/ip/route", "/ip/arp", "/ip/dns/static", "/ip/pool",
    "/ip/dhcp-server", "/ip/dhcp-server/network", "/ip/dhcp-server/lease", "/ip/dhcp-client", "/ip/service",
    "/ip/firewall", "/ip/firewall/filter", "/ip/firewall/nat", "/ip/firewall/mangle", "/ip/firewall/raw",
    "/ip/firewall/address-list", "/ipv6", "/ipv6/address", "/ipv6/firewall/filter", "/ipv6/firewall/address-list",
    "/user", "/user/group", "/routing", "/routing/ospf", "/routing/bgp", "/queue", "/queue/simple", "/queue/tree",
    "/certificate", "/file", "/log", "/tool", "/ppp", "/ppp/secret", "/ppp/profile", "/radius", "/snmp/community",
))
# Which property names an item when a command refers to it by name (`/ip service set telnet ...`).
NAME_KEYS = ("name", "default-name")


class ScriptCommand:
    """One command of a script, as far as a plan needs to understand it."""

    def __init__(self, text, line, menu, verb=None, args=None, selector=None, unknown=None):
        self.text = text            # the command as written (one logical line or statement)
        self.line = line            # 1-based line number in the script
        self.menu = menu            # API-style menu path, e.g. /ip/address
        self.verb = verb
        self.args = args or {}      # property -> value, unquoted
        self.selector = selector    # None, ("find", conditions) or ("names", [words])
        self.unknown = unknown      # why a plan cannot reason about it, or None

    def __repr__(self):
        return "ScriptCommand(%r)" % self.text


def unquote(word):
    """The value of one RouterOS word: quotes removed, escapes resolved."""
    if len(word) < 2 or not (word.startswith('"') and word.endswith('"')):
        return word
    out = []
    body = word[1:-1]
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            pair = body[i + 1:i + 3]
            if len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair):
                out.append(chr(int(pair, 16)))
                i += 3
                continue
            out.append(ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def quote(value):
    """A value written so RouterOS reads it back unchanged: quoted and escaped whenever needed."""
    text = "" if value is None else str(value)
    if text and re.match(r"\A[A-Za-z0-9_.:/*,+@-]+\Z", text) and not text.startswith(("-", "*")):
        return text
    out = ['"']
    for ch in text:
        if ch in '"\\$?':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\%02X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _logical_lines(script):
    """(line number, text) with `\\` continuations joined and comment lines dropped."""
    lines = script.replace("\r\n", "\n").split("\n")
    joined, start, buf = [], None, ""
    for number, raw in enumerate(lines, 1):
        text = raw if not buf else raw.lstrip()
        if start is None:
            start = number
        if text.endswith("\\") and not text.endswith("\\\\") and not _inside_quotes(buf + text[:-1]):
            buf += text[:-1]
            continue
        buf += text
        if buf.strip() and not buf.lstrip().startswith("#"):
            joined.append((start, buf.strip()))
        buf, start = "", None
    if buf.strip():
        joined.append((start, buf.strip()))
    return joined


def _inside_quotes(text):
    inside, i = False, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            inside = not inside
        i += 1
    return inside


def _split(text, separators):
    """Split on separator characters outside quotes, brackets and braces; keep groups whole."""
    parts, buf, depth, quoted, i = [], "", 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf += text[i:i + 2]
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "[{(":
            depth += 1
        elif not quoted and ch in "]})":
            depth -= 1
        if not quoted and depth == 0 and ch in separators:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
        i += 1
    if quoted or depth:
        raise ValueError("unbalanced quotes or brackets")
    parts.append(buf)
    return parts


def _words(statement):
    return [w for w in _split(statement, " \t") if w]


def parse_script(script):
    """Every command of a script, with the menu each runs in (relative paths resolved)."""
    commands = []
    menu = "/"
    for line, text in _logical_lines(script):
        try:
            statements = _split(text, ";")
        except ValueError:
            commands.append(ScriptCommand(text, line, menu, unknown="unbalanced quotes or brackets"))
            continue
        for statement in statements:
            statement = statement.strip()
            if statement:
                command, menu = _parse_statement(statement, line, menu)
                if command is not None:
                    commands.append(command)
    return commands


def _join(menu, words):
    parts = [p for p in menu.split("/") if p]
    for word in words:
        if word == "..":
            parts = parts[:-1]
        else:
            parts.append(word)
    return "/" + "/".join(parts)


def _parse_statement(text, line, menu):
    """(ScriptCommand or None for a menu change, the menu after this statement)."""
    if text.startswith((":", "{", "$")):
        return ScriptCommand(text, line, menu, unknown="scripting (%s)" % text.split(" ", 1)[0]), menu
    try:
        words = _words(text)
    except ValueError:
        return ScriptCommand(text, line, menu, unknown="unbalanced quotes or brackets"), menu
    base = "/" if words[0].startswith("/") else menu
    path_words = []
    index = 0
    for index, word in enumerate(words):
        bare = word.lstrip("/")
        if bare == "..":
            path_words.append("..")
            continue
        if "=" in word or word.startswith(("[", '"')) or not PATH_WORD.match(bare or "x"):
            break
        if bare in KNOWN_VERBS and (path_words or base != "/"):
            path_words.append(bare)
            index += 1
            break
        path_words.extend(p for p in bare.split("/") if p)
    else:
        index = len(words)
    if not path_words or path_words[-1] not in KNOWN_VERBS:
        target = _join(base, path_words)
        if index == len(words) and target in KNOWN_MENUS:
            return None, target
        return ScriptCommand(text, line, target, unknown="command %s" % target.replace("/", " ").strip()), menu
    verb = path_words.pop()
    target = _join(base, path_words)
    command = ScriptCommand(text, line, target, verb=verb)
    for word in words[index:]:
        if "$" in word.replace("\\$", ""):
            command.unknown = "uses a variable"
        elif word.startswith("["):
            command.selector = _parse_find(word)
            if command.selector is None:
                command.unknown = "selector %s" % word
        elif "=" in word and not word.startswith('"'):
            key, value = word.split("=", 1)
            if key == "numbers":
                command.selector = ("names", [unquote(v) for v in value.split(",")])
            else:
                command.args[key] = unquote(value)
        else:
            names = command.selector[1] if command.selector and command.selector[0] == "names" else []
            command.selector = ("names", names + [unquote(w) for w in word.split(",")])
    return command, menu


def _parse_find(word):
    """`[find]`, `[find where a=b and c~"x"]`, `[ find default-name=ether1 ]` -> ("find", conditions)."""
    inner = word.strip()[1:-1].strip()
    words = _words(inner)
    if not words or words[0] != "find":
        return None
    words = words[1:]
    if words and words[0] == "where":
        words = words[1:]
    conditions = []
    for word in words:
        if word == "and":
            continue
        if word in ("or", "not") or word.startswith(("(", "[")):
            return None
        match = re.match(r"^(!?)([a-z0-9.\-]+)(?:(=|!=|~)(.*))?$", word, re.S)
        if not match:
            return None
        negate, key, op, value = match.groups()
        if op is None:
            conditions.append((key, "=", "false" if negate else "true", True))
        else:
            conditions.append((key, op, unquote(value), False))
    return ("find", conditions)


def normalise_value(value):
    """A value in the one form two equal RouterOS values share: booleans, durations, lists, case."""
    if value is None:
        return ""
    text = str(value).strip()
    lowered = text.lower()
    if lowered in ("yes", "true"):
        return "true"
    if lowered in ("no", "false"):
        return "false"
    seconds = duration_seconds(text) if re.match(r"^[\d:wdhms.]+$", lowered) and re.search(r"[wdhms:]", lowered) else None
    if seconds is not None:
        return "%ds" % seconds
    if re.match(r"^([0-9a-f]{2}:){5}[0-9a-f]{2}$", lowered):
        return lowered
    if "," in text:
        return ",".join(normalise_value(part) for part in text.split(","))
    return text


def same_value(wanted, current):
    return normalise_value(wanted) == normalise_value(current)
