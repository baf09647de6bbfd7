# SPDX-License-Identifier: GPL-3.0-or-later
"""The script language's values: RouterOS types mapped onto Python, their text, and the operators.

str, int (num), bool, list and dict (array), None (nothing), NIL (nil) and code blocks (tuples) are Python's;
the address, time and id types are str subclasses holding RouterOS's own text, so every place that only wants
text keeps working, while :typeof, arithmetic and comparisons see the type."""

import ipaddress
import re

from .errors import RouterOSError


class Nil:
    """What a failed conversion gives (:tonum "x"); prints as nothing."""

    def __repr__(self):
        return 'NIL'


NIL = Nil()


class Id(str):
    kind = 'id'


class IP(str):
    kind = 'ip'

    @classmethod
    def of(cls, number):
        return cls(str(ipaddress.IPv4Address(number & 0xFFFFFFFF)))

    @property
    def number(self):
        return int(ipaddress.IPv4Address(str(self)))


class IPPrefix(str):
    kind = 'ip-prefix'

    @property
    def network(self):
        return ipaddress.IPv4Network(str(self), strict=False)


class IP6(str):
    kind = 'ip6'

    @property
    def number(self):
        return int(ipaddress.IPv6Address(str(self)))


class IP6Prefix(str):
    kind = 'ip6-prefix'

    @property
    def network(self):
        return ipaddress.IPv6Network(str(self), strict=False)


class Time(str):
    """A duration, kept in nanoseconds; its text is RouterOS's (1w2d03:04:05, 00:00:00.500)."""
    kind = 'time'

    def __new__(cls, nanoseconds):
        obj = str.__new__(cls, format_time(nanoseconds))
        obj.ns = nanoseconds
        return obj


_UNITS = {'w': 604800 * 10 ** 9, 'd': 86400 * 10 ** 9, 'h': 3600 * 10 ** 9, 'm': 60 * 10 ** 9, 's': 10 ** 9,
          'ms': 10 ** 6, 'us': 10 ** 3, 'ns': 1}
_UNIT_TIME = re.compile(r'(?:\d+(?:ms|us|ns|[wdhms]))+')
_CLOCK_TIME = re.compile(r'(?:(\d+)w)?(?:(\d+)d)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?')


def format_time(ns):
    sign = '-' if ns < 0 else ''
    ns = abs(ns)
    weeks, ns = divmod(ns, _UNITS['w'])
    days, ns = divmod(ns, _UNITS['d'])
    hours, ns = divmod(ns, _UNITS['h'])
    minutes, ns = divmod(ns, _UNITS['m'])
    seconds, ns = divmod(ns, _UNITS['s'])
    text = sign + ('%dw' % weeks if weeks else '') + ('%dd' % days if days else '')
    text += '%02d:%02d:%02d' % (hours, minutes, seconds)
    if ns:
        text += ('.%09d' % ns).rstrip('0') if ns % 10 ** 6 else '.%03d' % (ns // 10 ** 6)
    return text


def parse_time(text):
    """Nanoseconds of 1h30m, 1d02:00:00, 00:00:00.5 or 90 (seconds); None when it is no time."""
    text = text.strip()
    if re.fullmatch(r'\d+', text):
        return int(text) * _UNITS['s']
    if _UNIT_TIME.fullmatch(text):
        return sum(int(n) * _UNITS[u] for n, u in re.findall(r'(\d+)(ms|us|ns|[wdhms])', text))
    match = _CLOCK_TIME.fullmatch(text)
    if match:
        weeks, days, hours, minutes, seconds, frac = match.groups()
        total = (int(weeks or 0) * 7 + int(days or 0)) * 86400 + int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)
        return total * _UNITS['s'] + (int((frac or '0').ljust(9, '0')) if frac else 0)
    return None


def literal(text):
    """The type RouterOS gives an unquoted word: num, bool, ip, ip-prefix, ip6, ip6-prefix, time, id or str."""
    if text in ('true', 'false'):
        return text == 'true'
    if re.fullmatch(r'-?\d+', text):
        return int(text)
    if re.fullmatch(r'0x[0-9A-Fa-f]+', text):
        return int(text, 16)
    if re.fullmatch(r'\*[0-9A-Fa-f]+', text):
        return Id(text.upper())
    typed = to_address(text)
    if typed is not None:
        return typed
    if re.fullmatch(r'-?\d[\dwdhmsun:.]*', text) and not re.fullmatch(r'\d+\.\d+', text):
        ns = parse_time(text.lstrip('-'))
        if ns is not None:
            return Time(-ns if text.startswith('-') else ns)
    return text


def to_address(text):
    """An ip, ip-prefix, ip6 or ip6-prefix from its text, or None."""
    if re.fullmatch(r'\d{1,3}(\.\d{1,3}){3}', text):
        try:
            return IP(str(ipaddress.IPv4Address(text)))
        except ValueError:
            return None
    if re.fullmatch(r'\d{1,3}(\.\d{1,3}){3}/\d{1,2}', text):
        try:
            ipaddress.IPv4Network(text, strict=False)
            return IPPrefix(text)
        except ValueError:
            return None
    if ':' in text and re.fullmatch(r'[0-9A-Fa-f:.]+(/\d{1,3})?', text) and not re.fullmatch(r'[\d:.]+', text):
        return _ip6(text)
    if text.startswith('::') or re.fullmatch(r'[0-9A-Fa-f:]*::[0-9A-Fa-f:]*(/\d{1,3})?', text):
        return _ip6(text)
    return None


def _ip6(text):
    try:
        if '/' in text:
            ipaddress.IPv6Network(text, strict=False)
            return IP6Prefix(text)
        return IP6(str(ipaddress.IPv6Address(text)))
    except ValueError:
        return None


def typeof(value):
    if value is None:
        return 'nothing'
    if value is NIL:
        return 'nil'
    if isinstance(value, bool):
        return 'bool'
    if isinstance(value, int):
        return 'num'
    if isinstance(value, (list, dict)):
        return 'array'
    if isinstance(value, tuple):
        return 'code'
    return getattr(value, 'kind', 'str')


# ---- text, truth, numbers --------------------------------------------------------------------
def to_text(value):
    if value is None or value is NIL:
        return ''
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, list):
        return ';'.join(to_text(v) for v in value)
    if isinstance(value, dict):
        return ';'.join(to_text(v) if isinstance(k, int) else '%s=%s' % (k, to_text(v)) for k, v in array_items(value))
    if isinstance(value, tuple):
        return value[2].strip() if len(value) > 2 else ''  # code: its source text
    return str(value)


def array_items(array):
    """A keyed array's elements in RouterOS's order: numbered ones first, then keys alphabetically."""
    numbered = sorted((k, v) for k, v in array.items() if isinstance(k, int))
    named = sorted((k, v) for k, v in array.items() if not isinstance(k, int))
    return numbered + named


def make_array(pairs):
    """{a;b} is a list; any key makes it a keyed array (positions become numbered keys)."""
    if all(pair[0] is None for pair in pairs):
        return [pair[1] for pair in pairs]
    out = {}
    for index, (key, value) in enumerate(pairs):
        out[index if key is None else key] = value
    return out


def element(container, key):
    """$a->k: an element, or nothing when there is none."""
    if isinstance(key, str) and re.fullmatch(r'\d+', key):
        key = int(key)
    if isinstance(container, list):
        return container[key] if isinstance(key, int) and 0 <= key < len(container) else None
    if isinstance(container, dict):
        return container.get(key, container.get(str(key)) if isinstance(key, int) else None)
    return None


def is_plain(value):
    if value is None or isinstance(value, (str, int, bool)):
        return True
    if isinstance(value, list):
        return all(is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    return False


def atom_value(text):
    return literal(text)


def truth(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        return value in ('true', 'yes')
    return bool(value) if value is not NIL else False


def to_number(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Time):
        return value.ns // _UNITS['s']
    if isinstance(value, (IP, IP6)):
        return value.number
    text = to_text(value)
    if re.fullmatch(r'-?\d+', text):
        return int(text)
    if re.fullmatch(r'0x[0-9A-Fa-f]+', text):
        return int(text, 16)
    raise RouterOSError('cannot convert %s to number' % text)


def normal(text):
    if not isinstance(text, str):
        return text
    low = text.lower()
    if low in ('yes', 'true'):
        return 'yes'
    if low in ('no', 'false'):
        return 'no'
    return text


def equal_value(have, wanted):
    if have is None:
        return wanted == ''
    return normal(have) == normal(wanted)
