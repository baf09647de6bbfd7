# SPDX-License-Identifier: GPL-3.0-or-later
"""Property types: how a value typed at the console is checked and stored."""

import ipaddress
import re

from .errors import RouterOSError

_MAC = re.compile(r'[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}')
_TIME = re.compile(r'(\d+[wdhms]|\d+ms)+|\d+|(\d+[wd])?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?|(\d+d)?\d{1,2}:\d{2}:\d{2}')
_HOST = re.compile(r'[A-Za-z0-9_.:/\-]+')


def invalid(name):
    return RouterOSError('invalid value for argument %s' % name)


def no_match(name):
    return RouterOSError('input does not match any value of %s' % name)


def parse_ip(text, name):
    try:
        return ipaddress.IPv4Address(text)
    except ValueError:
        raise invalid(name) from None


def parse_prefix(text, name):
    """RouterOS keeps the host part: 192.168.88.1/24 stays as typed; no length means /32."""
    addr, length = (text.split('/', 1) + [''])[:2]
    ip = parse_ip(addr, name)
    if not length:
        return ip, 32
    if not length.isdigit() or int(length) > 32:
        raise invalid(name)
    return ip, int(length)


def network_of(address):
    ip, length = parse_prefix(address, 'address')
    return str(ipaddress.IPv4Network('%s/%d' % (ip, length), strict=False).network_address)


def parse_bool(text, name):
    low = text.lower()
    if low in ('yes', 'true'):
        return 'yes'
    if low in ('no', 'false'):
        return 'no'
    raise RouterOSError('value of %s must be yes or no' % name)


def check_value(prop, text, router, item=None):
    """The stored form of text for prop, or RouterOSError with RouterOS's wording."""
    kind = prop.kind
    name = prop.name
    if text == '' and kind not in ('bool', 'int', 'enum') and not prop.required:
        return ''
    if kind == 'str':
        return text
    if kind in ('int', 'time') and prop.choices and text.lower() in prop.choices:
        return text.lower()
    if kind == 'bare':
        # a property written as a bare word (fib, passive, blackhole): present or not
        return parse_bool(text or 'yes', name)
    if kind == 'kib':
        match = re.fullmatch(r'(\d+)(KiB|k|K)?', text)
        if not match:
            raise invalid(name)
        return match.group(1) + 'KiB'
    if kind == 'bool':
        return parse_bool(text, name)
    if kind == 'int':
        if not re.fullmatch(r'-?\d+', text):
            raise invalid(name)
        number = int(text)
        low, high = prop.range or (0, 4294967295)
        if not low <= number <= high:
            raise RouterOSError('value of %s out of range (%d..%d)' % (name, low, high))
        return str(number)
    if kind == 'enum':
        for choice in prop.choices:
            if choice.lower() == text.lower():
                return choice
        raise no_match(name)
    if kind == 'enums':
        parts = [p for p in text.split(',') if p != '']
        out = []
        for part in parts:
            neg = part.startswith('!') and prop.neg
            body = part[1:] if neg else part
            if body.lower() not in prop.choices:
                raise no_match(name)
            out.append(('!' if neg else '') + body.lower())
        return ','.join(out)
    if kind == 'ip':
        return str(parse_ip(text, name))
    if kind == 'ips':
        return ','.join(str(parse_ip(p, name)) for p in text.split(',') if p)
    if kind == 'prefix':
        ip, length = parse_prefix(text, name)
        return '%s/%d' % (ip, length)
    if kind == 'net':
        # routes keep the network, not the host bits: 10.0.0.5/24 becomes 10.0.0.0/24
        ip, length = parse_prefix(text, name)
        return str(ipaddress.IPv4Network('%s/%d' % (ip, length), strict=False))
    if kind == 'addr':
        # firewall addresses: an address, a prefix or a range, optionally negated
        neg = text.startswith('!')
        body = text[1:] if neg else text
        if '-' in body:
            first, last = body.split('-', 1)
            body = '%s-%s' % (parse_ip(first, name), parse_ip(last, name))
        else:
            ip, length = parse_prefix(body, name)
            if length == 32:
                body = str(ip)
            else:
                body = str(ipaddress.IPv4Network('%s/%d' % (ip, length), strict=False))
        return ('!' if neg else '') + body
    if kind == 'ranges':
        out = []
        for part in text.split(','):
            if '-' in part:
                first, last = part.split('-', 1)
                out.append('%s-%s' % (parse_ip(first, name), parse_ip(last, name)))
            else:
                ip, length = parse_prefix(part, name)
                out.append('%s/%d' % (ip, length) if length != 32 else str(ip))
        return ','.join(out)
    if kind == 'mac':
        if not _MAC.fullmatch(text):
            raise invalid(name)
        return text.upper()
    if kind == 'time':
        if not _TIME.fullmatch(text.lower()):
            raise invalid(name)
        return text.lower()
    if kind == 'host':
        if not _HOST.fullmatch(text):
            raise invalid(name)
        return text
    if kind == 'ports':
        if not re.fullmatch(r'!?\d+(-\d+)?(,\d+(-\d+)?)*', text):
            raise invalid(name)
        return text
    if kind == 'ref':
        return check_ref(prop, text, router, item)
    raise AssertionError('unknown kind %s' % kind)


def check_ref(prop, text, router, item):
    """A name that must exist in another menu (interface, list, pool...)."""
    neg = prop.neg and text.startswith('!')
    body = text[1:] if neg else text
    names = body.split(',') if prop.multi else [body]
    for one in names:
        if one in prop.extra:
            continue
        if one not in router.ref_names(prop.ref, item):
            raise no_match(prop.name)
    return text
