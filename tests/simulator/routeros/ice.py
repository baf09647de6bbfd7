# SPDX-License-Identifier: GPL-3.0-or-later
"""The console's own commands that only turn values into values (RouterOS calls the ':' commands ICE):
:len :pick :find, the :to* conversions, :typeof, :convert, :serialize and :deserialize."""

import base64
import json
import re
import urllib.parse

from .datatypes import IP, IP6, NIL, Id, Time, array_items, parse_time, to_address, to_number, to_text, typeof
from .errors import RouterOSError

PURE = ('len', 'tostr', 'tonum', 'tobool', 'toarray', 'toid', 'toip', 'toip6', 'totime', 'typeof', 'pick', 'find',
        'convert', 'serialize', 'deserialize', 'tocrlf', 'tolf')
CONVERT_FORMATS = ('raw', 'hex', 'base64', 'base32', 'url', 'rot13', 'byte-array')


def call(name, positional, args):
    first = positional[0] if positional else args.get('value')
    if name in _CONVERSIONS:
        return _CONVERSIONS[name](first)
    if name == 'len':
        return len(first) if isinstance(first, (list, dict)) else len(to_text(first).encode('utf-8', 'surrogateescape'))
    if name == 'typeof':
        return typeof(first)
    if name == 'pick':
        return pick(first, positional[1:])
    if name == 'find':
        return find(first, positional[1] if len(positional) > 1 else '', positional[2] if len(positional) > 2 else -1)
    if name == 'convert':
        return convert(first, to_text(args.get('from', 'raw')), to_text(args.get('to', 'raw')))
    if name == 'serialize':
        return serialize(first, to_text(args.get('to', '')), to_text(args.get('options', '')))
    if name == 'deserialize':
        return deserialize(first, to_text(args.get('from', '')), to_text(args.get('options', '')))
    if name == 'tocrlf':
        return re.sub(r'\r?\n', '\r\n', to_text(first))
    if name == 'tolf':
        return to_text(first).replace('\r\n', '\n')
    raise AssertionError(name)


# ---- conversions: a value of the wanted type, or nil when the text is no such value -------------
def tonum(value):
    if isinstance(value, (int, Time, IP, IP6)):
        return to_number(value)
    try:
        return to_number(to_text(value).strip())
    except RouterOSError:
        return NIL


def tobool(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    text = to_text(value).lower()
    return text in ('true', 'yes') if text in ('true', 'false', 'yes', 'no') else NIL


def toarray(value):
    if isinstance(value, (list, dict)):
        return value
    if value is None or value is NIL:
        return []
    if isinstance(value, str) and not hasattr(value, 'kind'):
        return [p for p in value.split(',') if p != '']
    return [value]


def toip(value):
    typed = to_address(to_text(value).strip())
    return typed if isinstance(typed, IP) else NIL


def toip6(value):
    typed = to_address(to_text(value).strip())
    return typed if isinstance(typed, IP6) else NIL


def totime(value):
    if isinstance(value, Time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Time(value * 10 ** 9)
    ns = parse_time(to_text(value))
    return NIL if ns is None else Time(ns)


def toid(value):
    text = to_text(value)
    return Id(text.upper()) if re.fullmatch(r'\*[0-9A-Fa-f]+', text) else NIL


_CONVERSIONS = {'tostr': to_text, 'tonum': tonum, 'tobool': tobool, 'toarray': toarray, 'toip': toip,
                'toip6': toip6, 'totime': totime, 'toid': toid}


# ---- strings and arrays ---------------------------------------------------------------------------
def pick(value, bounds):
    """:pick v start [end]: a substring, a slice of an array, or one element of an array."""
    seq = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else to_text(value)
    start = to_number(bounds[0]) if bounds else 0
    start = max(start, 0)
    if len(bounds) > 1:
        return seq[start:to_number(bounds[1])]
    if isinstance(seq, list):
        return seq[start] if start < len(seq) else None
    return seq[start:start + 1]


def find(haystack, needle, start):
    """:find: the position of needle after start (-1 searches from the beginning), or nothing."""
    begin = to_number(start) + 1
    if isinstance(haystack, (list, dict)):
        values = haystack if isinstance(haystack, list) else [v for _k, v in array_items(haystack)]
        for index in range(max(begin, 0), len(values)):
            if to_text(values[index]) == to_text(needle):
                return index
        return None
    at = to_text(haystack).find(to_text(needle), max(begin, 0))
    return at if at >= 0 else None


# ---- :convert ---------------------------------------------------------------------------------
def convert(value, source, target):
    if source not in CONVERT_FORMATS:
        raise RouterOSError('input does not match any value of from')
    if target not in CONVERT_FORMATS:
        raise RouterOSError('input does not match any value of to')
    data = _decode(value, source)
    if target == 'byte-array':
        return list(data)
    return _encode(data, target)


def _decode(value, source):
    if source == 'byte-array':
        return bytes(to_number(v) & 0xFF for v in (value if isinstance(value, list) else [value]))
    text = to_text(value)
    try:
        if source == 'hex':
            return bytes.fromhex(text)
        if source == 'base64':
            return base64.b64decode(text + '=' * (-len(text) % 4))
        if source == 'base32':
            return base64.b32decode(text + '=' * (-len(text) % 8), casefold=True)
        if source == 'url':
            return urllib.parse.unquote_to_bytes(text)
    except ValueError:
        raise RouterOSError('failure: conversion failed') from None
    raw = text.encode('utf-8', 'surrogateescape')
    return _rot13(raw) if source == 'rot13' else raw


def _encode(data, target):
    if target == 'hex':
        return data.hex()
    if target == 'base64':
        return base64.b64encode(data).decode('ascii')
    if target == 'base32':
        return base64.b32encode(data).decode('ascii')
    if target == 'url':
        return urllib.parse.quote_from_bytes(data, safe='-_.~')
    if target == 'rot13':
        data = _rot13(data)
    return data.decode('utf-8', 'surrogateescape')


def _rot13(data):
    out = bytearray()
    for byte in data:
        if 65 <= byte <= 90:
            byte = (byte - 65 + 13) % 26 + 65
        elif 97 <= byte <= 122:
            byte = (byte - 97 + 13) % 26 + 97
        out.append(byte)
    return bytes(out)


# ---- :serialize / :deserialize (JSON) ------------------------------------------------------------
def serialize(value, target, options):
    if target != 'json':
        raise RouterOSError('input does not match any value of to')
    indent = 2 if 'json.pretty' in options else None
    return json.dumps(_to_json(value), indent=indent, separators=None if indent else (',', ':'), ensure_ascii=False)


def _to_json(value):
    if value is None or value is NIL:
        return None
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in array_items(value)}
    return to_text(value)


def deserialize(value, source, options):
    if source != 'json':
        raise RouterOSError('input does not match any value of from')
    try:
        data = json.loads(to_text(value))
    except ValueError:
        raise RouterOSError('failure: invalid json') from None
    return _from_json(data, 'json.no-string-conversion' not in options)


def _from_json(data, convert_strings):
    if data is None:
        return NIL
    if isinstance(data, bool):
        return data
    if isinstance(data, int):
        return data
    if isinstance(data, float):
        return repr(data)
    if isinstance(data, list):
        return [_from_json(v, convert_strings) for v in data]
    if isinstance(data, dict):
        return {k: _from_json(v, convert_strings) for k, v in data.items()}
    if convert_strings and re.fullmatch(r'-?\d+', data):
        return int(data)
    return data
