# SPDX-License-Identifier: GPL-3.0-or-later
"""Hardware models, versions, and the factory configuration each one ships with."""

import hashlib

from .catalogue import builtins_for

MODELS = {
    'RB5009UG+S+': {
        'name': 'RB5009UG+S+IN', 'board': 'RB5009UG+S+', 'arch': 'arm64', 'cpu': 'ARM64', 'cpu-count': 4, 'cpu-frequency': 1400,
        'memory': 1024, 'storage': 1024, 'ports': ['ether%d' % i for i in range(1, 9)] + ['sfp-sfpplus1'],
        'defconf': 'soho', 'majors': (7,), 'firmware': 'qspi',
    },
    'C53UiG+5HPaxD2HPaxD': {
        'name': 'hAP ax3', 'board': 'hAP ax^3', 'arch': 'arm64', 'cpu': 'ARM64', 'cpu-count': 4, 'cpu-frequency': 864,
        'memory': 1024, 'storage': 128, 'ports': ['ether%d' % i for i in range(1, 6)], 'wifi': ['wifi1', 'wifi2'],
        'defconf': 'soho', 'majors': (7,), 'firmware': 'ipq6000', 'packages': ['wifi-qcom'],
    },
    'CCR2004-16G-2S+': {
        'name': 'CCR2004-16G-2S+', 'board': 'CCR2004-16G-2S+', 'arch': 'arm64', 'cpu': 'ARM64', 'cpu-count': 4, 'cpu-frequency': 1700,
        'memory': 4096, 'storage': 128, 'ports': ['ether%d' % i for i in range(1, 17)] + ['sfp-sfpplus1', 'sfp-sfpplus2'],
        'defconf': 'ccr', 'majors': (6, 7), 'firmware': 'al2',
    },
    'RB760iGS': {
        'name': 'hEX S', 'board': 'hEX S', 'arch': 'mmips', 'cpu': 'MIPS 1004Kc V2.15', 'cpu-count': 4, 'cpu-frequency': 880,
        'memory': 256, 'storage': 16, 'ports': ['ether%d' % i for i in range(1, 6)] + ['sfp1'],
        'defconf': 'soho', 'majors': (6, 7), 'firmware': 'mt7621L',
    },
    'CHR': {
        'name': 'CHR', 'board': 'CHR', 'arch': 'x86_64', 'cpu': 'Intel(R)', 'cpu-count': 2, 'cpu-frequency': 2400,
        'memory': 1024, 'storage': 128, 'ports': ['ether1'], 'defconf': 'chr', 'majors': (6, 7), 'firmware': None,
    },
}
ALIASES = {'hAP ax3': 'C53UiG+5HPaxD2HPaxD', 'hAP ax^3': 'C53UiG+5HPaxD2HPaxD', 'hEX S': 'RB760iGS', 'RB5009': 'RB5009UG+S+'}
VERSIONS = ('6.49.15', '7.15.1', '7.16.2', '7.18')


def canonical_model(model):
    model = ALIASES.get(model, model)
    if model not in MODELS:
        raise ValueError('unknown model %r (known: %s)' % (model, ', '.join(sorted(MODELS))))
    return model


def check_version(model, version):
    parts = version.split('.')
    if len(parts) < 2 or not all(p.isdigit() for p in parts) or int(parts[0]) not in (6, 7):
        raise ValueError('unsupported RouterOS version %r' % version)
    if model is not None and int(parts[0]) not in MODELS[model]['majors']:
        raise ValueError('%s does not run RouterOS %s' % (model, version))


def mac_base(serial, seed):
    """A stable, locally plausible MikroTik MAC prefix per router."""
    digest = hashlib.sha256(('%s:%d' % (serial, seed)).encode()).digest()
    return [0x48, 0xA9, 0x8A, digest[0], digest[1], digest[2] & 0xF0]


def fmt_mac(parts):
    return ':'.join('%02X' % p for p in parts)


def defconf_script(model, major, version=(7, 0)):
    """The factory configuration as RouterOS's own defconf script would leave it, written as a script
    (version: (major, minor); before 6.41 MAC access was a list of interfaces, not an interface list)."""
    info = MODELS[model]
    kind = info['defconf']
    if kind == 'ccr':
        return '/ip address add address=192.168.88.1/24 comment=defconf interface=ether1 network=192.168.88.0\n'
    if kind == 'chr':
        return '/ip dhcp-client add interface=ether1%s\n' % ('' if major >= 7 else ' disabled=no')
    lan = [p for p in info['ports'] if p != 'ether1'] + info.get('wifi', [])
    pool = 'default-dhcp' if major >= 7 else 'dhcp'
    lines = [
        '/interface bridge add admin-mac=$mac auto-mac=no comment=defconf name=bridge',
    ]
    for index, wifi in enumerate(info.get('wifi', [])):
        lines.append('/interface wifi set [ find default-name=%s ] channel.band=%s configuration.country=Latvia '
                     'configuration.mode=ap configuration.ssid=("MikroTik-" . $suffix) disabled=no '
                     'security.authentication-types=wpa2-psk,wpa3-psk security.passphrase=$passphrase'
                     % (wifi, '5ghz-ax' if index == 0 else '2ghz-ax'))
    lines += [
        '/interface list add comment=defconf name=WAN',
        '/interface list add comment=defconf name=LAN',
        '/ip pool add name=%s ranges=192.168.88.10-192.168.88.254' % pool,
        '/ip dhcp-server add address-pool=%s interface=bridge name=defconf%s' % (pool, '' if major >= 7 else ' disabled=no'),
    ]
    lines += ['/interface bridge port add bridge=bridge comment=defconf interface=%s' % p for p in lan]
    lines += [
        '/ip neighbor discovery-settings set discover-interface-list=LAN',
        '/interface list member add comment=defconf interface=bridge list=LAN',
        '/interface list member add comment=defconf interface=ether1 list=WAN',
        '/ip address add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0',
        '/ip dhcp-client add comment=defconf interface=ether1' + ('' if major >= 7 else ' disabled=no'),
        '/ip dhcp-server network add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1',
        '/ip dns set allow-remote-requests=yes',
        '/ip dns static add address=192.168.88.1 comment=defconf name=router.lan%s' % (' type=A' if major >= 7 else ''),
        '/ip firewall filter',
        'add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked',
        'add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid',
        'add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp',
    ]
    if major >= 7:
        lines.append('add action=accept chain=input comment="defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1')
    lines += [
        'add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN',
        'add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec',
        'add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec',
        'add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related%s'
        % (' hw-offload=yes' if major >= 7 else ''),
        'add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked',
        'add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid',
        'add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat '
        'connection-state=new in-interface-list=WAN',
        '/ip firewall nat add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN',
    ]
    if version >= (6, 41):
        lines += ['/tool mac-server set allowed-interface-list=LAN', '/tool mac-server mac-winbox set allowed-interface-list=LAN']
    else:
        lines += ['/tool mac-server set [ find default=yes ] disabled=yes', '/tool mac-server add interface=bridge',
                  '/tool mac-server mac-winbox set [ find default=yes ] disabled=yes',
                  '/tool mac-server mac-winbox add interface=bridge']
    if major >= 7:
        lines.append('/system note set show-at-login=no')
    return '\n'.join(lines) + '\n'


SERVICES = (('telnet', '23', 'no'), ('ftp', '21', 'no'), ('www', '80', 'no'), ('ssh', '22', 'no'),
            ('www-ssl', '443', 'yes'), ('api', '8728', 'no'), ('winbox', '8291', 'no'), ('api-ssl', '8729', 'no'))
GROUPS = (('read', 'local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,rest-api'),
          ('write', 'local,telnet,ssh,reboot,read,write,test,winbox,password,web,sniff,sensitive,api,romon,rest-api'),
          ('full', 'local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,rest-api'))


PORT_TYPES = (('wifi', 'wifi'), ('wlan', 'wlan'), ('lte', 'lte'))


def port_type(name):
    """The interface type of a hardware port, from its factory name."""
    for prefix, kind in PORT_TYPES:
        if name.startswith(prefix):
            return kind
    return 'ether'


def blank_tables(info, major, macs):
    """What a router holds after a reset with no-defaults=yes: hardware interfaces and built-in items."""
    interfaces = []
    number = 1
    for index, port in enumerate(info['ports'] + info.get('wifi', [])):
        mac = list(macs)
        mac[5] = (mac[5] + index) & 0xFF
        item = {'.id': '*%X' % number, '.type': port_type(port), '.builtin': True,
                'name': port, 'default-name': port, 'orig-mac-address': fmt_mac(mac)}
        if port.startswith('sfp'):
            item['.link'] = False
        interfaces.append(item)
        number += 1
    tables = {
        'interface': interfaces,
        '/interface list': [{'.id': '*%X' % (0x2000010 + i), '.builtin': True, 'name': n} for i, n in
                            enumerate(('all', 'none', 'dynamic', 'static'))],
        '/ip service': [{'.id': '*%X' % (i + 1), '.builtin': True, 'name': n} for i, n in enumerate(s[0] for s in SERVICES)],
        '/user group': [{'.id': '*%X' % (i + 1), '.builtin': True, 'name': n} for i, n in enumerate(g[0] for g in GROUPS)],
        '/user': [{'.id': '*1', 'name': 'admin', 'group': 'full', 'comment': 'system default user'}],
        '/snmp community': [{'.id': '*0', '.builtin': True, 'name': 'public', 'default': 'yes'}],
    }
    counters = {'interface': number, '/ip service': len(SERVICES) + 1, '/user group': 4, '/user': 2, '/snmp community': 1}
    return tables, counters


_BUILTIN_LISTS = {'*2000010': 'all', '*2000011': 'none', '*2000012': 'dynamic', '*2000013': 'static'}


def builtin_defaults(table, item, major):
    """Factory values of a built-in item (export leaves them out); derived, so state stays small."""
    if table == 'interface':
        return {'name': item.get('default-name')}
    if table.startswith('/interface ethernet switch') or table in ('/interface wireless nstreme', '/port',
                                                                   '/interface wireless manual-tx-power-table'):
        return {'name': item.get('name')}
    ident = item.get('.id')
    if table == '/interface list':
        return {'name': _BUILTIN_LISTS.get(ident)}
    if table == '/ip service':
        for name, port, disabled in SERVICES:
            if name == item.get('name'):
                return {'name': name, 'port': port, 'disabled': disabled}
    if table == '/user group':
        index = int(ident[1:], 16) - 1
        if 0 <= index < len(GROUPS):
            name, policy = GROUPS[index]
            return {'name': name, 'policy': policy if major >= 7 else policy.replace(',rest-api', '')}
    if table == '/snmp community':
        return {'name': 'public'}
    for spec in builtins_for(table, major):
        if spec.get('.id') == ident:
            return {k: v for k, v in spec.items() if not k.startswith('.')}
    return {}
