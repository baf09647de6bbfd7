# SPDX-License-Identifier: GPL-3.0-or-later
"""Commands that do something rather than change a menu's items: /ping, /tool fetch, /tool e-mail send,
/certificate import, monitors, counters, DNS cache flush...

Each is (menu path, command): (its argument names, how many unnamed arguments it takes, its handler).
Answers are deterministic: a host in the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24), any *.invalid name, or one listed in the router's `unreachable` state answers no ping
and no fetch; everything else answers. What the outside world would keep (sent e-mail, fetched URLs)
is recorded in the router's state (`outbox`, `fetched`) so tests can see it."""

import ipaddress

from .datatypes import Time, to_number, to_text
from .errors import RouterOSError
from .scope import Stop

PING_ARGS = ('address', 'count', 'interval', 'size', 'src-address', 'interface', 'routing-table', 'vrf',
             'do-not-fragment', 'ttl', 'arp-ping', 'dscp')
FETCH_ARGS = ('url', 'mode', 'address', 'src-path', 'dst-path', 'user', 'password', 'port', 'host', 'keep-result',
              'check-certificate', 'output', 'as-value', 'http-method', 'http-data', 'http-header-field',
              'http-content-encoding', 'http-auth-scheme', 'http-max-redirect-count', 'upload', 'duration',
              'idle-timeout', 'src-address', 'ascii', 'certificate')
MAIL_ARGS = ('to', 'cc', 'subject', 'body', 'file', 'server', 'from', 'port', 'tls', 'start-tls', 'user', 'password',
             'vrf')
DOC_NETS = tuple(ipaddress.IPv4Network(n) for n in ('192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'))


class Action:
    def __init__(self, args, positional, handler, flags=()):
        self.args = tuple(args) + ('numbers',) if positional else tuple(args)
        self.positional = positional
        self.handler = handler
        self.flags = ('once', 'as-value', 'without-paging', 'detail') + tuple(flags)


def reachable(router, host):
    text = to_text(host).strip()
    if not text or text.endswith('.invalid') or text in router.state.get('unreachable', []):
        return False
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return True
    return not address.is_unspecified and not any(address in net for net in DOC_NETS)


def ping(interp, args, positional):
    """In a script /ping answers how many replies came back; it prints one line per reply, as the console."""
    host = positional[0] if positional else args.get('address')
    if host in (None, ''):
        raise RouterOSError('missing value(s) of argument(s) address')
    count = to_number(args.get('count', 4))
    got = count if reachable(interp.router, host) else 0
    for seq in range(count):
        interp.output.append('%4d %s %s' % (seq, to_text(host), '56 64 1ms' if got else 'timeout'))
    return got


def fetch(interp, args, positional):
    url = to_text(positional[0] if positional else args.get('url', ''))
    host = url.split('://', 1)[-1].split('/', 1)[0].split('@')[-1].rsplit(':', 1)[0] or to_text(args.get('address', ''))
    if not host:
        raise RouterOSError('missing value(s) of argument(s) url')
    if not reachable(interp.router, host):
        raise RouterOSError('failure: connection failed')
    body = interp.router.state.get('urls', {}).get(url, '')
    interp.router.state.setdefault('fetched', []).append({'url': url, 'method': to_text(args.get('http-method', 'get')),
                                                          'data': to_text(args.get('http-data', ''))})
    output = to_text(args.get('output', 'file'))
    if output == 'file' and to_text(args.get('keep-result', 'yes')) != 'no':
        name = to_text(args.get('dst-path', '')) or url.rstrip('/').rsplit('/', 1)[-1] or 'index.html'
        write_file(interp, name, body)
    if 'as-value' in args:
        reply = {'status': 'finished', 'downloaded': len(body.encode()) // 1024, 'total': len(body.encode()) // 1024,
                 'duration': Time(10 ** 9)}
        if output.startswith('user'):
            reply['data'] = body
        return reply
    interp.output.append('      status: finished')
    return None


def write_file(interp, name, contents, kind=None):
    menu = interp.store.menus['/file']
    rows = [r for r in interp.store.items(menu) if r.get('name') == name]
    if rows:
        rows[0]['contents'] = contents
        return
    item = interp.store.add(menu, {'name': name})
    row = interp.store.by_id(menu, item)
    row['contents'] = contents
    row['type'] = kind or ('backup' if name.endswith('.backup') else 'script' if name.endswith('.rsc') else 'file')
    row['size'] = str(len(contents.encode()))


def send_mail(interp, args, positional):
    del positional
    if not args.get('to'):
        raise RouterOSError('missing value(s) of argument(s) to')
    mail = {k: to_text(args[k]) for k in ('to', 'cc', 'subject', 'body', 'file') if k in args}
    interp.router.state.setdefault('outbox', []).append(mail)
    return None


def reboot(interp, args, positional):
    """A reboot ends the script (and every script the router was running)."""
    del args, positional
    interp.router.log('system,info', 'system rebooted by script')
    raise Stop()


def check_updates(interp, args, positional):
    del args, positional
    menu = interp.store.menus.get('/system package update')
    status = 'System is already up to date'
    if menu is not None:
        item = interp.store.single(menu)
        item.update({'installed-version': interp.router.version, 'latest-version': interp.router.version,
                     'status': status})
    interp.output.append('          status: ' + status)
    return None


def monitor_traffic(interp, args, positional):
    del interp, args, positional
    return {'rx-bits-per-second': 0, 'tx-bits-per-second': 0, 'rx-packets-per-second': 0, 'tx-packets-per-second': 0}


def ethernet_monitor(interp, args, positional):
    del interp, args, positional
    return {'status': 'link-ok', 'auto-negotiation': 'done', 'rate': '1Gbps', 'full-duplex': True}


def pppoe_monitor(interp, args, positional):
    del interp, args, positional
    return {'status': 'connected', 'uptime': Time(3600 * 10 ** 9)}


def lte_chat(interp, args, positional):
    del interp, args, positional
    return {'output': 'OK'}


def cert_import(interp, args, positional):
    del positional
    name = to_text(args.get('file-name', ''))
    rows = [r for r in interp.store.items(interp.store.menus['/file']) if r.get('name') == name]
    if not rows:
        raise RouterOSError('failure: no such file')
    cert_name = to_text(args.get('name', '')) or name.rsplit('.', 1)[0] + '_0'
    interp.store.add(interp.store.menus['/certificate'], {'name': cert_name, 'common-name': cert_name})
    interp.output.append('     certificates-imported: 1')
    return {'certificates-imported': 1, 'private-keys-imported': 0, 'files-imported': 1}


def cert_letsencrypt(interp, args, positional):
    """Let's Encrypt: a certificate named after the DNS name (or the router's cloud name)."""
    del positional
    dns = to_text(args.get('dns-name', '')) or 'router.example.net'
    name = 'letsencrypt_' + dns.replace('.', '_')
    menu = interp.store.menus['/certificate']
    if not [r for r in interp.store.items(menu) if r.get('name') == name]:
        interp.store.add(menu, {'name': name, 'common-name': dns})
    interp.output.append('  progress: [success] ssl certificate updated')
    return None


def noop(interp, args, positional):
    del interp, args, positional
    return None


def _counters(menus):
    return {(path, command): Action((), 1, noop) for path in menus for command in ('reset-counters', 'reset-counters-all')}


ACTIONS = {
    ('/', 'ping'): Action(PING_ARGS, 1, ping),
    ('/tool', 'ping'): Action(PING_ARGS, 1, ping),
    ('/tool', 'fetch'): Action(FETCH_ARGS, 1, fetch),
    ('/tool', 'traceroute'): Action(('address', 'count', 'max-hops', 'src-address', 'use-dns', 'protocol', 'port',
                                     'timeout', 'interface', 'routing-table', 'vrf', 'size'), 1, noop),
    ('/tool', 'bandwidth-test'): Action(('address', 'user', 'password', 'protocol', 'direction', 'duration',
                                         'local-tx-speed', 'remote-tx-speed', 'connection-count'), 1, noop),
    ('/tool', 'wol'): Action(('mac', 'interface'), 0, noop),
    ('/tool', 'dns-update'): Action(('name', 'address', 'key', 'key-name', 'ttl', 'zone', 'dns-server'), 0, noop),
    ('/tool e-mail', 'send'): Action(MAIL_ARGS, 0, send_mail),
    ('/tool sms', 'send'): Action(('port', 'phone-number', 'message', 'channel', 'smsc', 'type'), 1, noop),
    ('/tool sniffer', 'quick'): Action(('interface', 'ip-address', 'port', 'duration', 'count'), 0, noop),
    ('/tool sniffer', 'start'): Action((), 0, noop),
    ('/tool sniffer', 'stop'): Action((), 0, noop),
    ('/tool sniffer', 'save'): Action(('file-name',), 0, noop),
    ('/system', 'shutdown'): Action((), 0, reboot),
    ('/system', 'check-installation'): Action((), 0, noop),
    ('/system package update', 'check-for-updates'): Action(('duration',), 0, check_updates),
    ('/system package update', 'download'): Action((), 0, noop),
    ('/system package update', 'install'): Action((), 0, noop),
    ('/system routerboard', 'upgrade'): Action((), 0, noop),
    ('/system package', 'enable'): Action((), 1, noop),
    ('/system package', 'disable'): Action((), 1, noop),
    ('/system package', 'uninstall'): Action((), 1, noop),
    ('/system package', 'unschedule'): Action((), 1, noop),
    ('/ip cloud', 'force-update'): Action((), 0, noop),
    ('/certificate', 'import'): Action(('file-name', 'passphrase', 'name', 'trusted'), 0, cert_import),
    ('/certificate', 'enable-ssl-certificate'): Action(('dns-name',), 0, cert_letsencrypt),
    ('/certificate', 'sign'): Action(('ca', 'name', 'ca-crl-host', 'ca-on-smart-card'), 1, noop),
    ('/certificate', 'export-certificate'): Action(('export-passphrase', 'file-name', 'type'), 1, noop),
    ('/certificate', 'create-certificate-request'): Action(('key-passphrase',), 0, noop),
    ('/ip dns cache', 'flush'): Action((), 0, noop),
    ('/ip dns cache all', 'flush'): Action((), 0, noop),
    ('/ip dhcp-client', 'release'): Action((), 1, noop),
    ('/ip dhcp-client', 'renew'): Action((), 1, noop),
    ('/ipv6 dhcp-client', 'release'): Action((), 1, noop),
    ('/ipv6 dhcp-client', 'renew'): Action((), 1, noop),
    ('/ip firewall connection', 'remove'): Action((), 1, noop),
    ('/ipv6 firewall connection', 'remove'): Action((), 1, noop),
    ('/ppp active', 'remove'): Action((), 1, noop),
    ('/ip hotspot active', 'remove'): Action((), 1, noop),
    ('/system script job', 'remove'): Action((), 1, noop),
    ('/interface', 'monitor-traffic'): Action(('interface', 'duration', 'interval', 'aggregate', 'do'), 1, monitor_traffic),
    ('/interface ethernet', 'monitor'): Action(('duration', 'interval', 'do'), 1, ethernet_monitor),
    ('/interface pppoe-client', 'monitor'): Action(('duration', 'interval', 'do'), 1, pppoe_monitor),
    ('/interface lte', 'at-chat'): Action(('input', 'wait'), 1, lte_chat),
    ('/interface wireless', 'scan'): Action(('duration', 'rounds', 'save-file', 'background'), 1, noop),
    ('/interface wifi', 'scan'): Action(('duration', 'rounds', 'save-file', 'background', 'freeze-frame-interval'), 1, noop),
    ('/user ssh-keys', 'import'): Action(('public-key-file', 'user', 'key-owner'), 0, noop),
}
ACTIONS.update(_counters(('/interface', '/interface ethernet', '/queue simple', '/queue tree', '/ip firewall filter',
                          '/ip firewall nat', '/ip firewall mangle', '/ip firewall raw', '/ipv6 firewall filter',
                          '/ipv6 firewall mangle', '/ipv6 firewall raw')))


def lookup(path, command):
    return ACTIONS.get((path or '/', command))


def extend_tree(tree):
    """The menu tree with the levels only actions live in (/system backup, /tool fetch...)."""
    for path, _command in ACTIONS:
        node = tree
        for seg in path.strip('/').split():
            node = node.setdefault(seg, {})
    return tree
