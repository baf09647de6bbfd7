# SPDX-License-Identifier: GPL-3.0-or-later
"""The menus the engine knows: their properties, defaults, kinds and RouterOS's rules for them."""

import copy
import time
from functools import lru_cache

PROTOCOLS = ('icmp', 'tcp', 'udp', 'gre', 'ipsec-esp', 'ipsec-ah', 'ospf', 'igmp', 'icmpv6', 'l2tp', 'sctp', 'vrrp', 'pim', 'ipip')
CONN_STATES = ('established', 'related', 'new', 'invalid', 'untracked')
POLICIES = ('local', 'telnet', 'ssh', 'ftp', 'reboot', 'read', 'write', 'policy', 'test', 'winbox', 'password', 'web',
            'sniff', 'sensitive', 'api', 'romon', 'dude', 'tikapp', 'rest-api')
LOG_TOPICS = ('info', 'warning', 'error', 'debug', 'critical', 'script', 'system', 'account', 'dhcp', 'firewall',
              'interface', 'dns', 'ntp', 'route', 'wireless', 'backup', 'ssh', 'web-proxy', 'bridge', 'pppoe')


DEFAULT_POLICY = 'ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon'


def _today(major):
    def today():
        stamp = time.gmtime()
        if major >= 7:
            return time.strftime('%Y-%m-%d', stamp)
        return time.strftime('%b/%d/%Y', stamp).lower()
    return today


class Prop:
    """One property: kind drives validation, default is what print shows and export omits."""

    def __init__(self, name, kind='str', default=None, choices=(), required=False, readonly=False, sensitive=False,
                 ref=None, neg=False, multi=False, extra=(), rng=None, flag=False, init=None, always=False):
        self.name = name
        self.kind = kind
        self.default = default
        self.choices = tuple(choices)
        self.required = required
        self.readonly = readonly
        self.sensitive = sensitive
        self.ref = ref
        self.neg = neg
        self.multi = multi
        self.extra = tuple(extra)
        self.range = rng
        self.flag = flag  # boolean shown as a flag letter in print (dynamic, invalid...)
        self.init = init  # stored on add when not given (RouterOS fills it in)
        self.always = always  # export writes it whenever it is stored, even when equal to the default

    def default_for(self, item):
        return self.default(item) if callable(self.default) else self.default


class Menu:
    """A menu path: a list of items (kind 'list') or one settings item (kind 'single')."""

    def __init__(self, path, props, kind='list', table=None, itype=None, ordered=False, key=None, readonly=False,
                 export=True, builtin_key=None, auto_name=None, unique=(), commands=None, removable_builtin=False,
                 keep=False):
        self.path = path
        self.keep = keep  # export writes every value that was set, even at its default (RouterOS 7's newer menus)
        self.props = {p.name: p for p in props}
        self.kind = kind
        self.table = table or path
        self.itype = itype  # items of a shared table that belong here (interface types)
        self.ordered = ordered
        self.key = key  # property that names an item in positional references
        self.readonly = readonly
        self.export = export
        # how export names a built-in item: ('find', prop) -> [ find prop=X ]; ('name', prop) -> X; ('default',)
        self.builtin_key = builtin_key
        self.auto_name = auto_name
        self.unique = unique  # (properties, failure message)
        self.removable_builtin = removable_builtin
        if commands is None:
            if kind == 'single':
                commands = ('set', 'get', 'print', 'export', 'unset', 'reset')
            elif readonly:
                commands = ('print', 'get', 'find', 'export')
            else:
                commands = ('add', 'set', 'remove', 'print', 'get', 'find', 'enable', 'disable', 'export', 'comment',
                            'unset', 'reset') + (('move',) if ordered else ())
        self.commands = commands

    @property
    def segments(self):
        return tuple(self.path.strip('/').split())


def _p(name, kind='str', default=None, **kw):
    return Prop(name, kind, default, **kw)


def _common(disabled=True):
    props = [_p('comment')]
    if disabled:
        props.append(_p('disabled', 'bool', 'no'))
    return props


def _iface(name='interface', **kw):
    return _p(name, 'ref', ref='interface', **kw)


def _iflist(name):
    return _p(name, 'ref', ref='interface-list', neg=True, extra=('all', 'none', 'dynamic', 'static'))


def _eth_mac(item):
    return item.get('orig-mac-address')


def _firewall(path, major, chains, actions):
    props = [
        _p('chain', 'str', required=True),
        _p('action', 'enum', 'accept', choices=actions, init='accept', always=True),
        _p('src-address', 'addr'), _p('dst-address', 'addr'),
        _p('src-address-list', 'str'), _p('dst-address-list', 'str'),
        _p('protocol', 'str'), _p('src-port', 'ports'), _p('dst-port', 'ports'), _p('port', 'ports'),
        _p('in-interface', 'ref', ref='interface', neg=True), _p('out-interface', 'ref', ref='interface', neg=True),
        _iflist('in-interface-list'), _iflist('out-interface-list'),
        _p('connection-state', 'enums', choices=CONN_STATES, neg=True),
        _p('connection-nat-state', 'enums', choices=('srcnat', 'dstnat'), neg=True),
        _p('ipsec-policy', 'str'), _p('to-addresses', 'str'), _p('to-ports', 'ports'),
        _p('address-list', 'str'), _p('address-list-timeout', 'str'),
        _p('new-connection-mark', 'str'), _p('new-routing-mark', 'str'), _p('new-packet-mark', 'str'),
        _p('passthrough', 'bool'), _p('jump-target', 'str'), _p('reject-with', 'str'),
        _p('log', 'bool', 'no'), _p('log-prefix', 'str', ''),
        _p('bytes', 'str', '0', readonly=True), _p('packets', 'str', '0', readonly=True),
        _p('dynamic', 'bool', 'no', readonly=True, flag=True), _p('invalid', 'bool', 'no', readonly=True, flag=True),
    ] + _common()
    if major >= 7:
        props.append(_p('hw-offload', 'bool'))
    del chains
    return Menu(path, props, ordered=True)


FILTER_ACTIONS = ('accept', 'drop', 'reject', 'jump', 'return', 'log', 'passthrough', 'fasttrack-connection', 'tarpit',
                  'add-src-to-address-list', 'add-dst-to-address-list')
NAT_ACTIONS = ('accept', 'masquerade', 'src-nat', 'dst-nat', 'netmap', 'redirect', 'same', 'jump', 'return', 'log',
               'passthrough', 'add-src-to-address-list', 'add-dst-to-address-list', 'endpoint-independent-nat')
MANGLE_ACTIONS = ('accept', 'mark-connection', 'mark-packet', 'mark-routing', 'change-mss', 'change-dscp', 'change-ttl',
                  'jump', 'return', 'log', 'passthrough', 'add-src-to-address-list', 'add-dst-to-address-list',
                  'fasttrack-connection', 'route', 'set-priority', 'strip-ipv4-options', 'clear-df', 'sniff-tzsp')


@lru_cache(maxsize=4)
def build_menus(major):
    """Every menu for a RouterOS major version (6 or 7), keyed by path."""
    v7 = major >= 7
    running = _p('running', 'bool', 'yes', readonly=True, flag=True)
    menus = [
        Menu('/system identity', [_p('name', 'str', 'MikroTik')], kind='single'),
        Menu('/system resource', [], kind='single', readonly=True, commands=('print', 'get')),
        Menu('/system routerboard', [], kind='single', readonly=True, commands=('print', 'get')),
        Menu('/system package', [
            _p('name', 'str', readonly=True), _p('version', 'str', readonly=True), _p('build-time', 'str', readonly=True),
            _p('scheduled', 'str', '', readonly=True), _p('disabled', 'bool', 'no', readonly=True, flag=True),
        ], readonly=True, key='name', commands=('print', 'get', 'find')),
        Menu('/system clock', [
            _p('time-zone-autodetect', 'bool', 'yes'), _p('time-zone-name', 'str', 'manual'),
            _p('time', 'str', readonly=True), _p('date', 'str', readonly=True), _p('gmt-offset', 'str', '+00:00', readonly=True),
        ], kind='single'),
        Menu('/system ntp client', ([
            _p('enabled', 'bool', 'no'), _p('mode', 'enum', 'unicast', choices=('unicast', 'broadcast', 'multicast', 'manycast')),
            _p('servers', 'str', ''), _p('vrf', 'str', 'main'), _p('status', 'str', 'stopped', readonly=True),
        ] if v7 else [
            _p('enabled', 'bool', 'no'), _p('mode', 'enum', 'unicast', choices=('unicast', 'broadcast', 'multicast', 'manycast')),
            _p('primary-ntp', 'ip', '0.0.0.0'), _p('secondary-ntp', 'ip', '0.0.0.0'), _p('server-dns-names', 'str', ''),
            _p('status', 'str', 'stopped', readonly=True),
        ]), kind='single'),
        Menu('/system scheduler', [
            _p('name', 'str', required=True), _p('start-date', 'str', init=_today(major), always=True),
            _p('start-time', 'str', '00:00:00', init='00:00:00', always=True), _p('interval', 'time', '0s'), _p('on-event', 'str', ''),
            _p('policy', 'enums', DEFAULT_POLICY, choices=POLICIES, init=DEFAULT_POLICY, always=True),
            _p('owner', 'str', 'admin', readonly=True), _p('run-count', 'str', '0', readonly=True),
        ] + _common(), key='name', unique=((('name',), 'failure: item with such name already exists'),)),
        Menu('/system script', [
            _p('name', 'str', required=True), _p('source', 'str', ''),
            _p('dont-require-permissions', 'bool', 'no', init='no', always=True),
            _p('policy', 'enums', DEFAULT_POLICY, choices=POLICIES, init=DEFAULT_POLICY, always=True),
            _p('owner', 'str', 'admin', init='admin', always=True), _p('run-count', 'str', '0', readonly=True),
        ] + _common(False), key='name', unique=((('name',), 'failure: item with such name already exists'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment', 'run')),
        # /interface is one table; the typed menus are views on it
        Menu('/interface', [
            _p('name', 'str', required=True), _p('default-name', 'str', readonly=True), _p('type', 'str', readonly=True),
            _p('mtu', 'str', '1500'), _p('actual-mtu', 'str', '1500', readonly=True),
            _p('mac-address', 'str', readonly=True), running, _p('slave', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), table='interface', key='name', export=False,
            commands=('set', 'print', 'get', 'find', 'enable', 'disable', 'comment', 'export', 'remove', 'reset-counters')),
        Menu('/interface ethernet', [
            _p('name', 'str', required=True), _p('default-name', 'str', readonly=True),
            _p('mtu', 'int', '1500', rng=(0, 65535)), _p('l2mtu', 'int', '1514', rng=(0, 65535)),
            _p('mac-address', 'mac', _eth_mac), _p('orig-mac-address', 'str', readonly=True),
            _p('arp', 'enum', 'enabled', choices=('disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only')),
            _p('arp-timeout', 'str', 'auto'), _p('auto-negotiation', 'bool', 'yes'),
            _p('loop-protect', 'enum', 'default', choices=('default', 'on', 'off')),
            _p('rx-flow-control', 'enum', 'off', choices=('on', 'off', 'auto')),
            _p('tx-flow-control', 'enum', 'off', choices=('on', 'off', 'auto')),
            _p('poe-out', 'enum', choices=('auto-on', 'forced-on', 'off')), running,
            _p('slave', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), table='interface', itype='ether', key='name', builtin_key=('find', 'default-name'),
            commands=('set', 'print', 'get', 'find', 'enable', 'disable', 'comment', 'export', 'reset-mac-address', 'unset')),
        Menu('/interface wifi', [
            _p('name', 'str', required=True), _p('default-name', 'str', readonly=True),
            _p('mac-address', 'mac', _eth_mac), _p('orig-mac-address', 'str', readonly=True),
            _p('configuration.mode', 'enum', choices=('ap', 'station', 'station-bridge')),
            _p('configuration.ssid', 'str'), _p('configuration.country', 'str'),
            _p('security.authentication-types', 'str'), _p('security.passphrase', 'str', sensitive=True),
            _p('channel.band', 'str'), running,
            _p('comment'), _p('disabled', 'bool', 'yes'),
        ], table='interface', itype='wifi', key='name', builtin_key=('find', 'default-name'),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'enable', 'disable', 'comment', 'export', 'unset')),
        Menu('/interface bridge', [
            _p('name', 'str', required=True), _p('mtu', 'str', 'auto'), _p('actual-mtu', 'str', '1500', readonly=True),
            _p('admin-mac', 'mac', ''), _p('auto-mac', 'bool', 'yes'), _p('mac-address', 'str', readonly=True),
            _p('arp', 'enum', 'enabled', choices=('disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only')),
            _p('protocol-mode', 'enum', 'rstp', choices=('none', 'stp', 'rstp', 'mstp')),
            _p('vlan-filtering', 'bool', 'no'), _p('igmp-snooping', 'bool', 'no'), _p('fast-forward', 'bool', 'yes'),
            _p('priority', 'str', '0x8000'), running,
        ] + _common(), table='interface', itype='bridge', key='name', auto_name='bridge',
            unique=((('name',), 'failure: already have interface with such name'),)),
        Menu('/interface vlan', [
            _p('name', 'str', required=True), _p('vlan-id', 'int', required=True, rng=(1, 4095)), _iface(required=True),
            _p('mtu', 'int', '1500', rng=(0, 65535)), _p('arp', 'enum', 'enabled', choices=('disabled', 'enabled', 'proxy-arp', 'reply-only')),
            _p('use-service-tag', 'bool', 'no'), _p('mac-address', 'str', readonly=True), running,
        ] + _common(), table='interface', itype='vlan', key='name', auto_name='vlan',
            unique=((('name',), 'failure: already have interface with such name'),)),
        Menu('/interface bridge port', [
            _p('bridge', 'ref', ref='bridge', required=True), _iface(required=True),
            _p('pvid', 'int', '1', rng=(1, 4094)), _p('horizon', 'str', 'none'), _p('edge', 'str', 'auto'),
            _p('hw', 'bool', 'yes'),
            _p('frame-types', 'enum', 'admit-all', choices=('admit-all', 'admit-only-untagged-and-priority-tagged', 'admit-only-vlan-tagged')),
            _p('ingress-filtering', 'bool', 'yes' if v7 else 'no'),
            _p('dynamic', 'bool', 'no', readonly=True, flag=True), _p('inactive', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), unique=((('interface',), 'failure: device already added as bridge port'),)),
        Menu('/interface bridge vlan', [
            _p('bridge', 'ref', ref='bridge', required=True), _p('vlan-ids', 'str', required=True),
            _p('tagged', 'ref', ref='interface', multi=True, extra=('',)), _p('untagged', 'ref', ref='interface', multi=True, extra=('',)),
            _p('dynamic', 'bool', 'no', readonly=True, flag=True),
        ] + _common()),
        Menu('/interface list', [
            _p('name', 'str', required=True), _p('include', 'str', ''), _p('exclude', 'str', ''),
            _p('builtin', 'bool', 'no', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
        ] + _common(False), key='name', builtin_key=('name', 'name'), unique=((('name',), 'failure: already have such name'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment')),
        Menu('/interface list member', [
            _p('list', 'ref', ref='interface-list', required=True), _iface(required=True),
            _p('dynamic', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), unique=((('list', 'interface'), 'failure: already have such entry'),)),
        Menu('/ip address', [
            _p('address', 'prefix', required=True), _p('network', 'ip'), _iface(required=True),
            _p('actual-interface', 'str', lambda item: item.get('interface'), readonly=True),
            _p('invalid', 'bool', 'no', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), unique=((('address', 'interface'), 'failure: already have such address'),)),
        Menu('/ip route', [
            # 7.x writes these out even at their defaults; 6.x writes the distance
            _p('dst-address', 'net', '0.0.0.0/0', init='0.0.0.0/0' if v7 else None, always=v7), _p('gateway', 'str'),
            _p('distance', 'int', '1', rng=(0, 255), init=None if v7 else '1', always=not v7),
            _p('scope', 'int', '30', rng=(0, 255)), _p('target-scope', 'int', '10', rng=(0, 255)),
            _p('routing-table' if v7 else 'routing-mark', 'str', 'main' if v7 else None, init='main' if v7 else None, always=v7),
            _p('pref-src', 'str'), _p('check-gateway', 'enum', choices=('arp', 'ping', 'bfd', 'none')),
            _p('blackhole', 'bare' if v7 else 'bool', readonly=not v7),
            _p('immediate-gw', 'str', readonly=True),
            _p('type', 'str', readonly=True) if v7 else _p('type', 'enum', 'unicast', choices=('unicast', 'blackhole', 'prohibit', 'unreachable')),
            _p('active', 'bool', 'yes', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
            _p('connect', 'bool', 'no', readonly=True, flag=True), _p('static', 'bool', 'yes', readonly=True, flag=True),
            _p('dhcp', 'bool', 'no', readonly=True, flag=True),
        ] + ([_p('suppress-hw-offload', 'bool', 'no', init='no', always=True), _p('comment'),
              _p('disabled', 'bool', 'no', init='no', always=True)] if v7 else _common())),
        Menu('/ip arp', [
            _p('address', 'ip', required=True), _p('mac-address', 'mac'), _iface(required=True),
            _p('published', 'bool', 'no'), _p('invalid', 'bool', 'no', readonly=True, flag=True),
            _p('DHCP', 'bool', 'no', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
            _p('complete', 'bool', 'yes', readonly=True, flag=True),
        ] + _common()),
        # What MNDP/CDP/LLDP discovered on the router's ports: read-only, never exported.
        Menu('/ip neighbor', [_p(name, 'str', readonly=True) for name in (
            'interface', 'address', 'address4', 'mac-address', 'identity', 'platform', 'version', 'board', 'uptime', 'age')],
            readonly=True, export=False),
        Menu('/ip dns', [
            _p('servers', 'ips', ''), _p('dynamic-servers', 'str', '', readonly=True),
            _p('allow-remote-requests', 'bool', 'no'), _p('max-udp-packet-size', 'int', '4096', rng=(50, 65507)),
            _p('query-server-timeout', 'time', '2s'), _p('query-total-timeout', 'time', '10s'),
            _p('max-concurrent-queries', 'int', '100'), _p('cache-size', 'kib', '2048KiB'),
            _p('cache-max-ttl', 'time', '1w'), _p('cache-used', 'str', '24KiB', readonly=True),
        ], kind='single'),
        Menu('/ip dns static', [
            _p('name', 'str'), _p('address', 'ip'), _p('regexp', 'str'), _p('ttl', 'time', '1d'),
        ] + ([_p('type', 'enum', choices=('A', 'AAAA', 'CNAME', 'MX', 'NS', 'NXDOMAIN', 'SRV', 'TXT', 'FWD'), init='A'),
              _p('cname', 'str'), _p('text', 'str'), _p('forward-to', 'str')] if v7 else [])
            + [_p('dynamic', 'bool', 'no', readonly=True, flag=True)] + _common()),
        Menu('/ip pool', [
            _p('name', 'str', required=True), _p('ranges', 'ranges', required=True), _p('next-pool', 'ref', ref='pool', extra=('none',)),
        ] + _common(False), key='name', auto_name='pool', unique=((('name',), 'failure: pool with such name already exists'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment')),
        Menu('/ip dhcp-server', [
            _p('name', 'str', required=True), _iface(required=True),
            _p('address-pool', 'ref', ref='pool', default='static-only', extra=('static-only',)),
            _p('lease-time', 'time', '30m' if v7 else '10m'),
            _p('authoritative', 'enum', 'yes', choices=('yes', 'no', 'after-2sec-delay', 'after-10sec-delay')),
            _p('add-arp', 'bool', 'no'), _p('bootp-support', 'enum', 'static', choices=('none', 'static', 'dynamic')),
            _p('invalid', 'bool', 'no', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
            _p('comment'), _p('disabled', 'bool', 'no' if v7 else 'yes'),
        ], key='name', auto_name='server', unique=((('name',), 'failure: server with such name already exists'),
                                                   (('interface',), 'failure: interface already used by another server'))),
        Menu('/ip dhcp-server network', [
            _p('address', 'prefix', required=True), _p('gateway', 'ips', ''), _p('dns-server', 'ips', ''), _p('netmask', 'int', rng=(0, 32)),
            _p('domain', 'str'), _p('ntp-server', 'ips', ''), _p('dhcp-option', 'str', ''),
        ] + _common(False), unique=((('address',), 'failure: already have such network'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment')),
        Menu('/ip dhcp-server lease', [
            _p('address', 'ip', required=True), _p('mac-address', 'mac', required=True), _p('server', 'ref', ref='dhcp-server', extra=('all',)),
            _p('client-id', 'str'), _p('host-name', 'str', readonly=True), _p('status', 'str', 'waiting', readonly=True),
            _p('dynamic', 'bool', 'no', readonly=True, flag=True), _p('blocked', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), unique=((('mac-address', 'server'), 'failure: already have static lease for this mac address'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment', 'enable', 'disable', 'make-static')),
        Menu('/ip dhcp-client', [
            _iface(required=True), _p('add-default-route', 'enum', 'yes', choices=('yes', 'no', 'special-classless')),
            _p('use-peer-dns', 'bool', 'yes'), _p('use-peer-ntp', 'bool', 'yes'),
            _p('default-route-distance', 'int', '1', rng=(0, 255)),
            _p('status', 'str', 'bound', readonly=True), _p('address', 'str', readonly=True),
            _p('invalid', 'bool', 'no', readonly=True, flag=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
            # RouterOS 6 adds a client disabled unless told otherwise, so its exports carry disabled=no
            _p('comment'), _p('disabled', 'bool', 'no' if v7 else 'yes'),
        ], unique=((('interface',), 'failure: dhcp-client already exists on this interface'),)),
        Menu('/ip service', [
            _p('name', 'str', readonly=True), _p('port', 'int', rng=(1, 65535)), _p('address', 'str', ''),
            _p('certificate', 'str'), _p('invalid', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), key='name', builtin_key=('name', 'name'), commands=('set', 'print', 'get', 'find', 'enable', 'disable', 'export')),
        Menu('/ip firewall address-list', [
            _p('list', 'str', required=True), _p('address', 'host', required=True), _p('timeout', 'time'),
            _p('creation-time', 'str', readonly=True), _p('dynamic', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), unique=((('list', 'address'), 'failure: already have such entry'),)),
        _firewall('/ip firewall filter', major, ('input', 'forward', 'output'), FILTER_ACTIONS),
        _firewall('/ip firewall nat', major, ('srcnat', 'dstnat'), NAT_ACTIONS),
        _firewall('/ip firewall mangle', major, ('prerouting', 'input', 'forward', 'output', 'postrouting'), MANGLE_ACTIONS),
        Menu('/ip neighbor discovery-settings', [_iflist('discover-interface-list')], kind='single'),
        Menu('/tool mac-server', [_iflist('allowed-interface-list')], kind='single'),
        Menu('/tool mac-server mac-winbox', [_iflist('allowed-interface-list')], kind='single'),
        Menu('/user', [
            _p('name', 'str', required=True), _p('group', 'ref', ref='user-group', required=True),
            _p('password', 'str', '', sensitive=True), _p('address', 'str', ''),
            _p('last-logged-in', 'str', readonly=True),
        ] + _common(), key='name', export=False, unique=((('name',), 'failure: user with the same name already exists'),)),
        Menu('/user group', [
            _p('name', 'str', required=True), _p('policy', 'str', ''), _p('skin', 'str', 'default'),
        ] + _common(False), key='name', builtin_key=('name', 'name'), unique=((('name',), 'failure: group with such name already exists'),),
            commands=('add', 'set', 'remove', 'print', 'get', 'find', 'export', 'comment')),
        Menu('/snmp', [
            _p('enabled', 'bool', 'no'), _p('contact', 'str', ''), _p('location', 'str', ''),
            _p('engine-id', 'str', ''), _p('trap-target', 'str', ''), _p('trap-community', 'str', 'public'),
            _p('trap-version', 'int', '1', rng=(1, 3)), _p('trap-generators', 'str', 'temp-exception'),
        ], kind='single'),
        Menu('/snmp community', [
            _p('name', 'str', required=True), _p('addresses', 'str', '::/0'), _p('security', 'enum', 'none', choices=('none', 'authorized', 'private')),
            _p('read-access', 'bool', 'yes'), _p('write-access', 'bool', 'no'),
            _p('authentication-password', 'str', '', sensitive=True), _p('encryption-password', 'str', '', sensitive=True),
            _p('default', 'bool', 'no', readonly=True, flag=True),
        ] + _common(), key='name', builtin_key=('default',), unique=((('name',), 'failure: community with such name already exists'),)),
        Menu('/system note', [_p('note', 'str', ''), _p('show-at-login', 'bool', 'yes')], kind='single'),
        Menu('/log', [
            _p('time', 'str', readonly=True), _p('topics', 'str', readonly=True), _p('message', 'str', readonly=True),
        ], readonly=True, export=False, commands=('print', 'find', 'get', 'info', 'warning', 'error', 'debug')),
    ]
    if not v7:
        menus = [m for m in menus if m.path not in ('/interface wifi', '/system note')]
    return {m.path: m for m in menus}


@lru_cache(maxsize=16)
def menu_tree(version):
    """Nested dict of path segments, so the console can tell a sub-menu from a command."""
    tree = {}
    for path in all_menus(version):
        node = tree
        for seg in path.strip('/').split():
            node = node.setdefault(seg, {})
    # intermediate levels that only group sub-menus
    return tree


# ---- the catalogue: menus written as data (catalogue/), turned into Menu and Prop objects -------
_KINDS = {'int': 'int', 'bool': 'bool', 'time': 'time', 'ip': 'ip', 'mac': 'mac', 'kib': 'kib', 'str': 'str', 'bare': 'bare'}
_IF_EXTRA = ('all', 'none', 'dynamic', 'static')


def spec_prop(name, attrs, default, major):
    """A Prop from a catalogue property (None when it belongs to the other major)."""
    if 'v6' in attrs and major != 6 or 'v7' in attrs and major != 7:
        return None
    kw = {'required': 'req' in attrs, 'readonly': 'ro' in attrs or 'flag' in attrs, 'flag': 'flag' in attrs,
          'sensitive': 'secret' in attrs, 'always': 'always' in attrs or 'init' in attrs}
    kind, choices = 'str', ()
    for attr in attrs:
        head, rest = (attr.split('(', 1) + [''])[:2]
        words = tuple(w for w in rest.rstrip(')').split('|') if w)
        if head in _KINDS:
            kind = _KINDS[head]
            if head == 'int' and '..' in rest:
                low, high = rest.rstrip(')').split('..')
                kw['rng'] = (int(low), int(high))
        elif head in ('enum', 'enums'):
            kind, choices = head, words
        elif head == 'or':
            choices += words
        elif head in ('if', 'ifs'):
            kind, kw['ref'], kw['neg'], kw['multi'] = 'ref', 'interface', True, head == 'ifs'
            kw['extra'] = _IF_EXTRA + ('',)
        elif head == 'iflist':
            kind, kw['ref'], kw['neg'], kw['extra'] = 'ref', 'interface-list', True, _IF_EXTRA
    if kw['flag']:
        kind = 'bool'
        default = 'no' if default is None else default
    if 'init' in attrs:
        kw['init'] = default
    return Prop(name, kind, default, choices=choices, **kw)


def spec_menu(spec, major):
    """A Menu from a catalogue entry."""
    opts = spec.options
    props = [p for p in (spec_prop(n, a, d, major) for n, a, d in spec.props) if p is not None]
    names = {p.name for p in props}
    if 'single' not in opts and 'plain' not in opts:
        if 'comment' not in names and 'nocomment' not in opts:
            props.append(Prop('comment'))
        if 'disabled' not in names and 'nodisabled' not in opts:
            props.append(Prop('disabled', 'bool', 'no'))
    bkey = opts.get('bkey')
    if bkey:
        bkey = tuple(bkey.split(':')) if bkey != 'name' else ('name', 'name')
    readonly = bool(opts.get('ro'))
    commands = None
    if opts.get('cmds'):
        commands = tuple(opts['cmds'].split(','))
    iface = opts.get('iface')
    unique = ()
    if opts.get('unique'):
        unique = ((tuple(opts['unique'].split('+')), 'failure: already have such entry'),)
    if iface and 'name' in names:
        unique = ((('name',), 'failure: already have interface with such name'),)
    menu = Menu(spec.path, props, kind='single' if opts.get('single') else 'list', table='interface' if iface else None,
                itype=iface or None, ordered=bool(opts.get('ordered')), key=opts.get('key') or ('name' if 'name' in names else None),
                readonly=readonly, export=not opts.get('noexport') and not readonly, builtin_key=bkey,
                auto_name=opts.get('auto'), unique=unique,
                keep=bool(opts.get('keep') or opts.get('keep:v7') and major >= 7))
    if commands:
        menu.commands = tuple(dict.fromkeys(menu.commands + commands))
    if opts.get('nomove'):
        menu.commands = tuple(c for c in menu.commands if c != 'move')
    return menu


def merge(menu, extra):
    """A hand-written menu keeps its own rules; the catalogue adds the properties it lacks."""
    for name, prop in extra.props.items():
        if name not in menu.props:
            menu.props[name] = prop
    if extra.keep:
        menu.keep = True
    if menu.builtin_key is None and extra.builtin_key is not None:
        menu.builtin_key = extra.builtin_key


@lru_cache(maxsize=16)
def all_menus(version):
    """Every menu of a RouterOS version ((major, minor)): the hand-written ones and the catalogue's."""
    from .catalogue import specs  # pylint: disable=import-outside-toplevel
    major = version[0]
    menus = {path: copy.copy(menu) for path, menu in build_menus(major).items()}
    for path, menu in menus.items():
        menu.props = dict(menu.props)
    for spec in specs():
        if not spec.applies(version):
            continue
        menu = spec_menu(spec, major)
        if spec.path in menus and not spec.options.get('replace'):
            merge(menus[spec.path], menu)
        else:
            menus[spec.path] = menu
    return menus


def version_key(version):
    parts = [int(p) for p in version.split('.')[:2] if p.isdigit()]
    return (parts[0], parts[1] if len(parts) > 1 else 0)
