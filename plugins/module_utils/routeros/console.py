# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The RouterOS console language: a script or an /export read as the router reads it.

Owns: logical lines (continuations inside and outside quotes, comments, multi-line blocks), words,
quoting and unquoting (every escape of the scripting manual), the menu each command runs in,
`[ find ... ]` selectors as expressions, and which commands only read. No I/O, no values' meaning
(that is routeros_values), no menu knowledge (that is routeros_catalogue).
"""

from __future__ import annotations

import re

# `\x` escapes inside a quoted string; `\HH` (two hex digits) is handled apart.
ESCAPES = {'"': '"', "\\": "\\", "$": "$", "?": "?", "_": " ", "n": "\n", "r": "\r", "t": "\t",
           "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
HEX = "0123456789abcdefABCDEF"
# Commands present in nearly every menu: a word of these ends the path.
VERBS = frozenset(("add", "set", "remove", "print", "export", "get", "find", "enable", "disable", "move", "unset",
                   "comment", "edit", "reset", "reset-counters", "reset-counters-all", "make-static"))
# Commands of particular menus: they end the path unless a verb follows (`/tool mac-server ping set ...`).
COMMAND_WORDS = frozenset((
    "run", "reboot", "shutdown", "ping", "traceroute", "fetch", "import", "monitor", "monitor-traffic", "upgrade",
    "check-for-updates", "download", "install", "save", "load", "release", "renew", "flush", "blink", "reset-configuration",
    "reset-mac-address", "send", "generate-key", "sign", "scan", "bandwidth-test", "torch", "sniffer", "wol"))
PLANNABLE_VERBS = frozenset(("add", "set", "remove", "enable", "disable", "comment", "unset"))
READ_VERBS = frozenset(("print", "export", "get", "find"))
# Arguments of a read that make it write (`print file=x` and `export file=x` write a file).
WRITING_ARGS = frozenset(("file",))
# Arguments that steer a command but are not properties of the item.
OPTIONS = frozenset(("place-before", "copy-from", "destination", "value-name", "where", "from"))
PATH_PART = re.compile(r"\A[a-z0-9][a-z0-9\-]*\Z")
ARG_NAME = re.compile(r"\A[a-zA-Z0-9][a-zA-Z0-9.\-_]*\Z")
CONDITION = re.compile(r"\A(!?)([a-zA-Z0-9][a-zA-Z0-9.\-_]*)(?:(!=|<=|>=|=|~|<|>)(.*))?\Z", re.S)


class ScriptCommand:
    """One statement of a script, as far as a plan needs to understand it.

    kind: "command" (a verb in a menu), "menu" (a line of path words only: it changes the current menu),
    or "script" (scripting: `:local`, `{ }`, `$f` ...; it has no menu and changes none).
    """

    def __init__(self, text, line, menu, kind="command", verb=None, unknown=None):
        self.text = text            # the statement as written (continuations joined)
        self.line = line            # 1-based line where it starts
        self.menu = menu            # API-style menu path (/ip/address); None for scripting
        self.kind = kind
        self.verb = verb
        self.args = {}              # property -> value, unquoted
        self.options = {}           # place-before, copy-from, file, flags of print/export ... (not properties)
        self.selector = None        # None, ("items", [refs]) or ("find", expression)
        self.unknown = unknown      # why a plan cannot reason about it, or None

    def __repr__(self):
        return "ScriptCommand(%s %s %r)" % (self.menu, self.verb or self.kind, self.text)


def unquote(word):
    """The value of one word: surrounding quotes removed, escapes resolved (`\\HH` runs decoded as UTF-8)."""
    if len(word) < 2 or not (word.startswith('"') and word.endswith('"')):
        return word
    body, out, raw, i = word[1:-1], [], bytearray(), 0
    while i < len(body):
        pair = body[i + 1:i + 3]
        # `\ab` is bell and "b": a lower-case pair that starts with a letter escape is that escape
        if body[i] == "\\" and len(pair) == 2 and all(c in HEX for c in pair) and pair[0] not in "abf":
            raw.append(int(pair, 16))
            i += 3
            continue
        if raw:
            out.append(_decode(raw))
            raw = bytearray()
        if body[i] == "\\" and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(body[i])
        i += 1
    if raw:
        out.append(_decode(raw))
    return "".join(out)


def _decode(raw):
    try:
        return bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return bytes(raw).decode("latin-1")


def quote(value):
    """A value written so RouterOS reads it back unchanged: quoted and escaped whenever needed."""
    text = "" if value is None else str(value)
    if text and re.match(r"\A[A-Za-z0-9_.:/*,+@-]+\Z", text) and not text.startswith(("-", "*")):
        return text
    out = ['"']
    for ch in text:
        if ch in '"\\$?':
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\%02X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


CLOSING = {"]": "[", ")": "(", "}": "{"}


def _scan(text, quoted, opened):
    """(quoted, opened, continued, stray) after one physical line: `opened` the brackets and braces still open,
    `continued` when it ends in a line-joining `\\`, `stray` the first one closed that was never opened."""
    i, stray = 0, None
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i == len(text) - 1:
                return quoted, opened, True, stray
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "[({":
            opened = opened + [ch]
        elif not quoted and ch in CLOSING:
            if opened and opened[-1] == CLOSING[ch]:
                opened = opened[:-1]
            elif stray is None:
                stray = ch
        i += 1
    return quoted, opened, False, stray


def logical_lines(script):
    """[(first line number, text)]: `\\` continuations joined (the next line's indentation dropped, as /export
    wraps values), quotes and brackets left open carried onto the next line, `#` comment lines dropped."""
    lines = script.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out, buf, start, quoted, opened, joining = [], "", None, False, [], False
    for number, raw in enumerate(lines, 1):
        text = raw.lstrip() if joining else raw
        if not joining and not quoted:
            if text.lstrip().startswith("#") or (start is None and not text.strip()):
                continue  # a comment line (also inside a block), or a blank line between commands
        if start is None:
            start = number
        quoted, opened, joining, _stray = _scan(text, quoted, opened)
        if joining:
            buf += text[:-1]
            continue
        if quoted or opened:
            buf += text + "\n"
            continue
        out.append((start, (buf + text).strip()))
        buf, start, opened = "", None, []
    if start is not None and buf.strip():
        out.append((start, buf.strip()))  # unbalanced at the end: the parse says so
    return out


def unbalanced(script):
    """(line, what) for the first quote, bracket or brace a script leaves open or closes unopened, or None.
    Such a script breaks SDX's own `:do { <script> } on-error={ }` wrapper, and its job is never reported."""
    for line, text in logical_lines(script):
        quoted, opened, _joined, stray = _scan(text, False, [])
        if stray:
            return line, "a %s that closes nothing opened" % stray
        if quoted:
            return line, "a quote left open"
        if opened:
            return line, "a %s left open" % opened[-1]
    return None


def split_outside(text, separators):
    """Split on separator characters outside quotes, brackets and braces; groups stay whole."""
    parts, buf, depth, quoted, i = [], [], 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "[{(":
            depth += 1
        elif not quoted and ch in "]})":
            depth -= 1
        if not quoted and depth == 0 and ch in separators:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    if quoted or depth:
        raise ValueError("unbalanced quotes or brackets")
    parts.append("".join(buf))
    return parts


def words(statement):
    return [w for w in split_outside(statement, " \t\n") if w]


def parse_script(script):
    """Every statement of a script in order: commands with the menu each runs in, menu lines, scripting."""
    commands, menu = [], "/"
    for line, text in logical_lines(script):
        try:
            statements = split_outside(text, ";")
        except ValueError:
            commands.append(ScriptCommand(text, line, None, kind="script", unknown="unbalanced quotes or brackets"))
            continue
        for statement in statements:
            statement = statement.strip()
            if statement:
                command = parse_statement(statement, line, menu)
                commands.append(command)
                if command.kind == "menu":
                    menu = command.menu
    return commands


def join_path(menu, parts):
    """The menu that path words lead to from `menu` (`..` goes up)."""
    out = [p for p in menu.split("/") if p]
    for part in parts:
        if part == "..":
            out = out[:-1]
        else:
            out.append(part)
    return "/" + "/".join(out)


def _path(statement_words):
    """(path parts, verb or None, index of the first word after them, the path ended on its own)."""
    parts = []
    for index, word in enumerate(statement_words):
        pieces = [p for p in word.split("/") if p] if word != "/" else []
        if not all(p == ".." or PATH_PART.match(p) for p in pieces):
            return parts, None, index, False
        for position, piece in enumerate(pieces):
            following = pieces[position + 1] if position + 1 < len(pieces) else (
                statement_words[index + 1] if index + 1 < len(statement_words) else "")
            if piece in VERBS or (piece in COMMAND_WORDS and following.lstrip("/").split("/")[0] not in VERBS):
                if position + 1 < len(pieces):
                    return parts, None, index, False  # `/ip/address/print/x`: not a path we understand
                return parts, piece, index + 1, False
            parts.append(piece)
    return parts, None, len(statement_words), True


def parse_statement(text, line, menu):
    """One statement read in the current `menu`."""
    if text[0] in ":{$[(":
        return ScriptCommand(text, line, None, kind="script", unknown="scripting (%s)" % text.split()[0][:20])
    try:
        found = words(text)
    except ValueError:
        return ScriptCommand(text, line, None, kind="script", unknown="unbalanced quotes or brackets")
    base = "/" if found[0].startswith("/") else menu
    parts, verb, index, alone = _path(found)
    if verb is None and alone:
        return ScriptCommand(text, line, join_path(base, parts), kind="menu")
    if verb is None:
        if not parts:
            return ScriptCommand(text, line, None, kind="script", unknown="not a command: %s" % found[0][:40])
        target = join_path(base, parts[:-1])
        return ScriptCommand(text, line, target, verb=parts[-1], unknown="command %s %s" % (target, parts[-1]))
    command = ScriptCommand(text, line, join_path(base, parts), verb=verb)
    _read_arguments(command, found[index:])
    if verb in COMMAND_WORDS:
        command.unknown = "command %s %s" % (command.menu, verb)
    return command


def _read_arguments(command, rest):
    prefix = ""
    for word in rest:
        if "$" in word.replace("\\$", ""):
            command.unknown = "uses a variable (%s)" % word[:40]
            return
        name, sep, value = word.partition("=")
        if sep and name.startswith(".") and prefix:  # `local.address=x .role=y`: .role is local.role
            name = prefix + name
        prefix = name.rsplit(".", 1)[0] if sep and "." in name.strip(".") else ""
        if sep and ARG_NAME.match(name):
            if value[:1] in "[({" and name not in OPTIONS and name != "numbers":
                command.unknown = "a computed value (%s)" % word[:40]
                return
            if name == "numbers":
                _selector(command, value)
            elif name in OPTIONS or (name in WRITING_ARGS and command.verb in READ_VERBS):
                command.options[name] = unquote(value)
            else:
                command.args[name] = unquote(value)
        elif command.verb in READ_VERBS and ARG_NAME.match(word):
            command.options[word] = ""  # print detail, export terse ...
        elif command.selector is None:
            _selector(command, word)
        else:
            command.unknown = "an argument it cannot read (%s)" % word[:40]
            return


def _selector(command, word):
    if word.startswith("["):
        command.selector = parse_find(word)
        if command.selector is None:
            command.unknown = "selector %s" % word[:60]
        return
    command.selector = ("items", [unquote(part) for part in split_outside(word, ",") if part])


def parse_find(word):
    """`[ find ]`, `[find where a=b and (c~"x" or !d)]`, `[ find default-name=ether1 ]` -> ("find", expression),
    None when it is not a find on the current menu or cannot be read."""
    try:
        inner = words(word.strip()[1:-1])
    except ValueError:
        return None
    if not inner or inner[0] != "find":
        return None
    inner = inner[1:]
    if inner and inner[0] == "where":
        inner = inner[1:]
    expression = parse_expression(inner)
    return None if expression is None else ("find", expression)


def parse_expression(tokens):
    """Conditions joined by and/or/not (&&, ||, !); None when it cannot be read. Mixing `and` and `or`
    without parentheses is refused rather than guessed."""
    terms, joins, negate, i = [], set(), False, 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("and", "&&", "or", "||"):
            joins.add("or" if token in ("or", "||") else "and")
            i += 1
            continue
        if token in ("not", "!"):
            negate = not negate
            i += 1
            continue
        term, i = _term(tokens, i)
        if term is None or "$" in repr(term):
            return None
        terms.append(("not", term) if negate else term)
        negate = False
    if negate or len(joins) > 1:
        return None
    if len(terms) == 1:
        return terms[0]
    return ("or" if joins == {"or"} else "and", terms)


def _term(tokens, i):
    token = tokens[i]
    if token.startswith("!(") or token.startswith("("):
        negate = token.startswith("!")
        try:
            inner = parse_expression(words(token.lstrip("!")[1:-1]))
        except ValueError:
            return None, i + 1
        return (("not", inner) if negate and inner is not None else inner), i + 1
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after in ("in", "=", "!=", "~", "<", ">", "<=", ">=") and i + 2 < len(tokens) and PATH_PART.match(token):
        return ("cmp", token, after, unquote(tokens[i + 2])), i + 3
    match = CONDITION.match(token)
    if not match:
        return None, i + 1
    negate, key, op, value = match.groups()
    if op is None:
        return ("flag", key, bool(negate)), i + 1
    if negate or value[:1] in "[(":
        return None, i + 1
    return ("cmp", key, op, unquote(value)), i + 1


def writes(command):
    """True unless the command only reads: a read with `file=` (or any argument that writes) writes."""
    if command.verb not in READ_VERBS:
        return True
    return any(name in WRITING_ARGS for name in command.options)
