# SPDX-License-Identifier: GPL-3.0-or-later
"""A router from an /export: the header says which version and model; the text says which ports it has."""

import re

from .defaults import MODELS, canonical_model

_HEADER_VERSION = re.compile(r'^#.* by RouterOS (\d+\.\d+(?:\.\d+)?)', re.M)
_MODEL = re.compile(r'^# model = (.+?)\s*$', re.M)
_SERIAL = re.compile(r'^# serial number = (.+?)\s*$', re.M)
_SOFTWARE = re.compile(r'^# software id = (.+?)\s*$', re.M)
_SYSTEM = re.compile(r'^# system id = (.+?)\s*$', re.M)
# Factory names of hardware ports: ethernet, SFP cages, combo ports, radios, modems.
_PORT = re.compile(r'(?<![\w.-])(ether\d+|sfp\d+|sfp-sfpplus\d+|sfp28-\d+|qsfpplus\d+-\d+|qsfp28-\d+-\d+|combo\d+|'
                   r'wlan\d+|wifi\d+|lte\d+)(?![\w.-])')
_ADDED_NAME = re.compile(r'^add .*?\bname=("?)([^\s"]+)\1', re.M)
_ORDER = ('ether', 'combo', 'sfp', 'qsfp', 'wlan', 'wifi', 'lte')
DEFAULT_VERSION = '7.16.2'


def describe(text, model=None, version=None):
    """What an export says about the router it came from: version, model, serial, software id, ports."""
    found = _HEADER_VERSION.search(text)
    version = version or (found.group(1) if found else DEFAULT_VERSION)
    if model is None:
        found = _MODEL.search(text)
        model = found.group(1) if found else ('CHR' if _SYSTEM.search(text) or not _PORT.search(text) else None)
    serial = _SERIAL.search(text)
    software = _SOFTWARE.search(text)
    system = _SYSTEM.search(text)
    return {'version': version, 'model': model, 'serial': serial.group(1) if serial else None,
            'software-id': software.group(1) if software else None, 'system-id': system.group(1) if system else None,
            'ports': hardware_ports(text)}


def hardware_ports(text):
    """Ports the export names that no line of it creates (so they must be hardware), in factory order."""
    text = _joined(text)
    added = {m.group(2) for m in _ADDED_NAME.finditer(text)}
    names = {m.group(1) for m in _PORT.finditer(text)} - added
    return sorted(names, key=_port_key)


def _joined(text):
    """The export with its continuation lines joined, so a wrapped value is seen whole."""
    return re.sub(r'\\\r?\n\s*', '', text)


def _port_key(name):
    prefix = re.match(r'[a-z]+', name).group(0)
    rank = next((i for i, p in enumerate(_ORDER) if prefix.startswith(p)), len(_ORDER))
    return (rank, [int(n) for n in re.findall(r'\d+', name)], name)


def hardware(model, ports):
    """The hardware entry for a model: the known one (with any further ports the export names), or one made
    up from the export's ports for a model the engine does not know."""
    try:
        known = canonical_model(model or 'CHR')
    except ValueError:
        known = None
    if known is not None:
        info = dict(MODELS[known])
        have = set(info['ports']) | set(info.get('wifi', []))
        extra = [p for p in ports if p not in have]
        if extra:
            info['ports'] = list(info['ports']) + extra
        return known, info
    return model, {
        'name': model, 'board': model, 'arch': 'arm64', 'cpu': 'ARM64', 'cpu-count': 4, 'cpu-frequency': 1200,
        'memory': 1024, 'storage': 128, 'ports': list(ports) or ['ether1'], 'defconf': 'chr', 'majors': (6, 7),
        'firmware': 'unknown',
    }
