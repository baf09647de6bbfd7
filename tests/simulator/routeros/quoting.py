# SPDX-License-Identifier: GPL-3.0-or-later
"""RouterOS string escapes: how export writes a value and how the console reads one back."""

import re

# Escapes the console understands inside a string (besides \XX hex, which needs capital letters
# so that \a, \b, \f stay control characters).
ESCAPES = {
    '"': '"', '\\': '\\', '$': '$', '?': '?', '_': ' ',
    'n': '\n', 'r': '\r', 't': '\t', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v',
}
HEX_DIGITS = '0123456789ABCDEF'

# Characters that may appear in an exported value without quotes.
_BARE = re.compile(r'[A-Za-z0-9._\-/:,!*@+%^~|&<>\']+')
_WRITE = {'"': '\\"', '\\': '\\\\', '$': '\\$', '?': '\\?', '\n': '\\n', '\r': '\\r', '\t': '\\t'}


def escape(value):
    """Body of a quoted string as export writes it (no surrounding quotes)."""
    out = []
    for char in value:
        if char in _WRITE:
            out.append(_WRITE[char])
        elif ' ' <= char <= '~':
            out.append(char)
        else:
            # control characters and every byte of non-ASCII text become \XX
            for byte in char.encode('utf-8', 'surrogateescape'):
                out.append('\\%02X' % byte)
    return ''.join(out)


def needs_quotes(value):
    return not _BARE.fullmatch(value) or value.startswith(('!=', '<', '>'))


def quote(value):
    """A value as export writes it: bare when that is unambiguous, else quoted and escaped."""
    if not needs_quotes(value):
        return value
    return '"' + escape(value) + '"'


def decode_bytes(data):
    """Text from the bytes a string literal spelled (\\XX escapes may build UTF-8 sequences)."""
    return bytes(data).decode('utf-8', 'surrogateescape')
