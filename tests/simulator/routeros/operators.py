# SPDX-License-Identifier: GPL-3.0-or-later
"""The script language's operators over its types: arithmetic on numbers, times and addresses, bit operations,
comparisons, regular expressions and `in` (an address within a prefix)."""

import ipaddress
import re

from .datatypes import IP, IP6, Time, atom_value, equal_value, to_number, to_text
from .errors import RouterOSError

_BITS = ('&', '|', '^', '<<', '>>')


def compare_prop(op, have, wanted):
    """A property of an item (text) against a value, as find/print where compare them."""
    wanted = to_text(wanted)
    if op == '=':
        return equal_value(have, wanted)
    if op == '!=':
        return not equal_value(have, wanted)
    if have is None:
        return False
    if op == '~':
        return regex(have, wanted)
    if op == 'in':
        return ip_in(have, wanted)
    return operate(op, atom_value(have), atom_value(wanted))


def regex(text, pattern):
    try:
        return re.search(pattern, text) is not None
    except re.error:
        raise RouterOSError('invalid regexp') from None


def _network(text):
    text = to_text(text)
    try:
        if ':' in text:
            return ipaddress.IPv6Network(text, strict=False)
        return ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        return None


def ip_in(have, network):
    """10.0.0.5 in 10.0.0.0/24; a prefix is in another when all of it is."""
    inner = _network(to_text(have) if '/' in to_text(have) else to_text(have).split('/')[0])
    outer = _network(network)
    if inner is None or outer is None or inner.version != outer.version:
        return False
    return inner.subnet_of(outer)


def negate(value):
    if isinstance(value, Time):
        return Time(-value.ns)
    return -to_number(value)


def invert(value):
    """~: every bit flipped (an address stays an address)."""
    if isinstance(value, IP):
        return IP.of(~value.number)
    if isinstance(value, IP6):
        return IP6(str(ipaddress.IPv6Address(~value.number & (2 ** 128 - 1))))
    return ~to_number(value)


def operate(op, left, right):
    if op == '=':
        return to_text(left) == to_text(right)
    if op == '!=':
        return to_text(left) != to_text(right)
    if op == '.':
        return to_text(left) + to_text(right)
    if op == '~':
        return regex(to_text(left), to_text(right))
    if op == 'in':
        return ip_in(left, right)
    if op in ('<', '>', '<=', '>='):
        a, b = _ordered(left, right)
        return {'<': a < b, '>': a > b, '<=': a <= b, '>=': a >= b}[op]
    if op in _BITS:
        return _bits(op, left, right)
    if isinstance(left, Time) or isinstance(right, Time):
        return _time_math(op, left, right)
    if isinstance(left, (IP, IP6)) or isinstance(right, (IP, IP6)):
        return _address_math(op, left, right)
    a, b = to_number(left), to_number(right)
    if op == '+':
        return a + b
    if op == '-':
        return a - b
    if op == '*':
        return a * b
    if b == 0:
        raise RouterOSError('division by zero')
    if op == '%':
        return a - b * int(a / b)
    return int(a / b)  # RouterOS truncates toward zero


def _ordered(left, right):
    if isinstance(left, Time) and isinstance(right, Time):
        return left.ns, right.ns
    if isinstance(left, (IP, IP6)) and type(left) is type(right):
        return left.number, right.number
    if isinstance(left, int) and isinstance(right, int):
        return left, right
    return to_text(left), to_text(right)


def _bits(op, left, right):
    if isinstance(left, IP) or isinstance(right, IP):
        a = left.number if isinstance(left, IP) else to_number(left)
        b = right.number if isinstance(right, IP) else to_number(right)
        return IP.of(_bit_op(op, a, b) & 0xFFFFFFFF)
    if isinstance(left, IP6) or isinstance(right, IP6):
        a = left.number if isinstance(left, IP6) else to_number(left)
        b = right.number if isinstance(right, IP6) else to_number(right)
        return IP6(str(ipaddress.IPv6Address(_bit_op(op, a, b) & (2 ** 128 - 1))))
    return _bit_op(op, to_number(left), to_number(right))


def _bit_op(op, a, b):
    return {'&': a & b, '|': a | b, '^': a ^ b, '<<': a << b, '>>': a >> b}[op]


def _time_math(op, left, right):
    if op in ('+', '-') and isinstance(left, Time) and isinstance(right, Time):
        return Time(left.ns + right.ns if op == '+' else left.ns - right.ns)
    if op in ('+', '-') and isinstance(left, Time):
        # a number added to a time counts seconds
        return Time(left.ns + (1 if op == '+' else -1) * to_number(right) * 10 ** 9)
    if op == '*' and isinstance(left, Time):
        return Time(left.ns * to_number(right))
    if op == '*':
        return Time(right.ns * to_number(left))
    if op == '/' and isinstance(left, Time) and not isinstance(right, Time):
        if to_number(right) == 0:
            raise RouterOSError('division by zero')
        return Time(int(left.ns / to_number(right)))
    if op == '/' and isinstance(left, Time):
        return int(left.ns / right.ns) if right.ns else 0
    raise RouterOSError('cannot %s time' % {'+': 'add', '-': 'subtract', '/': 'divide', '%': 'divide'}.get(op, 'use'))


def _address_math(op, left, right):
    if op == '-' and isinstance(left, (IP, IP6)) and type(left) is type(right):
        return left.number - right.number
    if op in ('+', '-') and isinstance(left, IP):
        return IP.of(left.number + (1 if op == '+' else -1) * to_number(right))
    if op == '+' and isinstance(right, IP):
        return IP.of(right.number + to_number(left))
    if op in ('+', '-') and isinstance(left, IP6):
        number = left.number + (1 if op == '+' else -1) * to_number(right)
        return IP6(str(ipaddress.IPv6Address(number & (2 ** 128 - 1))))
    raise RouterOSError('cannot do arithmetic on addresses that way')
