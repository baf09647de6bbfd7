# SPDX-License-Identifier: GPL-3.0-or-later
"""Configuration store: tables of items with .id, the rules that keep them consistent, and their views."""

import hashlib
import ipaddress
import time

from .defaults import builtin_defaults
from .errors import RouterOSError
from .catalogue import builtins_for
from .schema import all_menus, version_key
from .values import check_value, network_of

LOG_KEEP = 100  # RouterOS keeps a bounded memory log; so do we, to keep state small


def fmt_id(number):
    return '*%X' % number


def id_number(text):
    return int(text[1:], 16)


class Store:
    """The mutable part of a router. Everything lives in self.state, a plain JSON-able dict."""

    def __init__(self, state):
        self.state = state
        self.version = version_key(state['version'])
        self.major = self.version[0]
        self.menus = all_menus(self.version)

    # ---- tables -------------------------------------------------------------------------------
    def table(self, name):
        tables = self.state['t']
        if name not in tables:
            tables[name] = self.builtin_rows(name)
        return tables[name]

    def saved_tables(self):
        """The tables worth saving: those that differ from what a first use would build again."""
        out = {}
        for name, rows in self.state['t'].items():
            if rows == [{}] or not rows and name not in ('interface',):
                continue
            if rows and all(r.get('.builtin') for r in rows) and rows == self.builtin_rows(name, count=False):
                continue
            out[name] = rows
        return out

    def hardware_rows(self, name):
        """Built-in items that follow the hardware: switch chip and its ports, radios' sub-tables, serial port."""
        ports = [r for r in self.state['t'].get('interface', []) if r.get('.builtin')]
        ether = [r['default-name'] for r in ports if r.get('.type') == 'ether']
        wlan = [r['default-name'] for r in ports if r.get('.type') == 'wlan']
        chip = self.state.get('model') != 'CHR' and ether
        names = {'/interface ethernet switch': ['switch1'] if chip else [],
                 '/interface ethernet switch port': (ether + ['switch1-cpu']) if chip else [],
                 '/interface ethernet switch port-isolation': (ether + ['switch1-cpu']) if chip else [],
                 '/interface wireless nstreme': wlan, '/interface wireless manual-tx-power-table': wlan,
                 '/queue interface': [r['default-name'] for r in ports], '/port': ['serial0']}.get(name, [])
        key = 'interface' if name == '/queue interface' else 'name'
        return [{'.id': '*%X' % index, '.builtin': True, key: value} for index, value in enumerate(names)]

    def builtin_rows(self, name, count=True):
        """A table first used starts with the catalogue's built-in items (kept small: ids and names;
        their factory values are looked up again when needed)."""
        rows = self.hardware_rows(name)
        for spec in builtins_for(name, self.major):
            row = {'.id': spec['.id'], '.builtin': True}
            if spec.get('dynamic') == 'yes':
                row['.dynamic'] = True
            for key in ('name', 'interface', 'topics', 'default'):
                if key in spec:
                    row[key] = spec[key]
            rows.append(row)
        if rows and count:
            top = max([n for n in (id_number(r['.id']) for r in rows) if n < 0xF0000000] or [0])
            counters = self.state['n']
            counters[name] = max(counters.get(name, 1), top + 1)
        return rows

    def new_id(self, table):
        counters = self.state['n']
        number = counters.get(table, 1)
        counters[table] = number + 1
        return fmt_id(number)

    def items(self, menu):
        """Items of a list menu, in order (the shared interface table is filtered by type)."""
        if menu.path == '/system package':
            return self.packages()
        if menu.path == '/log':
            return self.state['log']
        rows = self.table(menu.table)
        if menu.itype:
            rows = [r for r in rows if r.get('.type') == menu.itype]
        return rows

    def single(self, menu):
        rows = self.table(menu.table)
        if not rows:
            rows.append({})
        return rows[0]

    def by_id(self, menu, ident):
        for item in self.items(menu):
            if item.get('.id') == ident:
                return item
        return None

    # ---- views --------------------------------------------------------------------------------
    def value(self, menu, item, name):
        """A property as print shows it (stored value, else default), or None when unset."""
        if name == 'disabled' and name not in menu.props:
            return None
        if name == 'dynamic':
            return 'yes' if item.get('.dynamic') else 'no'
        if name == 'builtin' and name in menu.props:
            return 'yes' if item.get('.builtin') else 'no'
        prop = menu.props.get(name)
        if prop is None:
            return item.get(name)
        if name in item:
            return item[name]
        if item.get('.builtin'):
            factory = builtin_defaults(menu.table, item, self.major)
            if name in factory:
                return factory[name]
        computed = self.computed(menu, item, name)
        if computed is not None:
            return computed
        return prop.default_for(item)

    def computed(self, menu, item, name):
        """Read-only values RouterOS derives (flags, running, mac of a bridge...)."""
        path = menu.path
        if name == 'type' and path == '/interface':
            return item.get('.type')
        if name == 'running':
            if item.get('disabled') == 'yes':
                return 'no'
            return 'yes' if item.get('.type') != 'ether' or item.get('.link', True) else 'no'
        if name == 'slave':
            return 'yes' if self.bridge_of(item.get('name')) else 'no'
        if name == 'mac-address' and item.get('.type') in ('bridge', 'vlan'):
            return self.bridge_mac(item)
        if name == 'mac-address' and path == '/interface':
            return item.get('mac-address') or item.get('orig-mac-address')
        if name == 'actual-mtu':
            mtu = item.get('mtu', '1500')
            return '1500' if mtu == 'auto' else mtu
        if name == 'invalid' and 'interface' in menu.props:
            iface = self.value(menu, item, 'interface')
            return 'no' if iface in self.ref_names('interface', item) else 'yes'
        if path == '/ip arp' and name == 'DHCP':
            return 'yes' if item.get('.dhcp') else 'no'
        if path == '/system clock' and name in ('time', 'date'):
            stamp = time.gmtime(time.time() + float(self.state.get('clock', 0.0)))
            if name == 'time':
                return time.strftime('%H:%M:%S', stamp)
            if tuple(int(p) for p in self.state['version'].split('.')[:2]) >= (7, 10):
                return time.strftime('%Y-%m-%d', stamp)
            return time.strftime('%b/%d/%Y', stamp).lower()
        if path == '/ip route':
            flags = {'connect': item.get('.connect'), 'dhcp': item.get('.dhcp'), 'static': not item.get('.dynamic'),
                     'active': item.get('disabled') != 'yes'}
            if name in flags:
                return 'yes' if flags[name] else 'no'
            if name == 'immediate-gw':
                return item.get('gateway')
        if path == '/system package' or path == '/log':
            return item.get(name)
        return None

    def bridge_of(self, ifname):
        for port in self.table('/interface bridge port'):
            if port.get('interface') == ifname and port.get('disabled') != 'yes':
                return port.get('bridge')
        return None

    def bridge_mac(self, item):
        if item.get('.type') == 'vlan':
            parent = self.iface(item.get('interface'))
            return self.bridge_mac(parent) if parent else '00:00:00:00:00:00'
        if item.get('.type') != 'bridge':
            return item.get('mac-address') or item.get('orig-mac-address')
        if item.get('auto-mac') == 'no' and item.get('admin-mac'):
            return item['admin-mac']
        for port in self.table('/interface bridge port'):
            if port.get('bridge') == item.get('name'):
                member = self.iface(port.get('interface'))
                if member is not None:
                    return member.get('mac-address') or member.get('orig-mac-address')
        return '00:00:00:00:00:00'

    def iface(self, name):
        for row in self.table('interface'):
            if row.get('name') == name:
                return row
        return None

    def default(self, menu, item, name):
        """What export compares against: the menu default, or a built-in item's own default."""
        if item.get('.builtin'):
            factory = builtin_defaults(menu.table, item, self.major)
            if name in factory:
                return factory[name]
        return menu.props[name].default_for(item)

    def view(self, menu, item):
        """Every property of an item as print shows it, in menu order, CLI spelling (yes/no)."""
        out = {}
        for name in menu.props:
            value = self.value(menu, item, name)
            if value is not None:
                out[name] = value
        return out

    # ---- references ---------------------------------------------------------------------------
    def ref_names(self, ref, item=None):
        del item
        if ref == 'interface':
            return {r.get('name') for r in self.table('interface')}
        if ref == 'bridge':
            return {r.get('name') for r in self.table('interface') if r.get('.type') == 'bridge'}
        if ref == 'interface-list':
            return {r.get('name') for r in self.table('/interface list')}
        if ref == 'pool':
            return {r.get('name') for r in self.table('/ip pool')}
        if ref == 'dhcp-server':
            return {r.get('name') for r in self.table('/ip dhcp-server')}
        if ref == 'user-group':
            return {r.get('name') for r in self.table('/user group')}
        return set()

    def rename(self, ref, old, new):
        """RouterOS links items by id, so a rename shows up everywhere the name was used."""
        for menu in self.menus.values():
            for prop in menu.props.values():
                if prop.kind != 'ref' or (prop.ref != ref and not (ref == 'interface' and prop.ref == 'bridge')):
                    continue
                if menu.kind == 'single':
                    rows = self.table(menu.table)
                else:
                    rows = self.items(menu)
                for row in rows:
                    current = row.get(prop.name)
                    if current is None:
                        continue
                    neg = prop.neg and current.startswith('!')
                    body = current[1:] if neg else current
                    parts = body.split(',') if prop.multi else [body]
                    if old in parts:
                        parts = [new if p == old else p for p in parts]
                        row[prop.name] = ('!' if neg else '') + ','.join(parts)

    # ---- changes ------------------------------------------------------------------------------
    def check(self, menu, values, item=None):
        """Validated stored forms of values (a dict of name -> text)."""
        out = {}
        for name, text in values.items():
            prop = menu.props.get(name)
            if prop is None or prop.readonly:
                raise self.unknown(name)
            out[name] = check_value(prop, text, self, item)
        return out

    def unknown(self, name):
        """The API's word for a property the menu does not have (7.x names it)."""
        return RouterOSError('unknown parameter %s' % name if self.major >= 7 else 'unknown parameter')

    def add(self, menu, values, place_before=None):
        if menu.readonly or menu.kind != 'list' or 'add' not in menu.commands:
            raise RouterOSError('no such command')
        values = self.check(menu, values)
        if menu.auto_name and 'name' not in values:
            values['name'] = self.free_name(menu.auto_name, menu)
        for name, prop in menu.props.items():
            if prop.required and not values.get(name) and prop.default is None:
                raise RouterOSError('missing value(s) of argument(s) %s' % name)
        for name, prop in menu.props.items():
            if prop.init is not None and name not in values:
                values[name] = prop.init() if callable(prop.init) else prop.init
        if menu.path == '/ip address' and 'network' not in values:
            values['network'] = network_of(values['address'])
        item = {'.id': None}
        if menu.itype:
            item['.type'] = menu.itype
        item.update(values)
        self.check_unique(menu, item)
        self.check_rules(menu, item)
        item['.id'] = self.new_id(menu.table)
        rows = self.table(menu.table)
        if place_before is not None:
            rows.insert(rows.index(place_before), item)
        else:
            rows.append(item)
        self.after_change(menu, item, 'add')
        return item['.id']

    def set(self, menu, item, values):
        if menu.kind == 'single':
            item = self.single(menu)
        values = self.check(menu, values, item)
        if item.get('.dynamic') and set(values) - {'comment'}:
            raise RouterOSError('failure: can not change dynamic')
        old_name = item.get('name')
        candidate = dict(item)
        candidate.update(values)
        if menu.path == '/ip address' and 'address' in values and 'network' not in values:
            candidate['network'] = network_of(values['address'])
        if menu.kind == 'list':
            self.check_unique(menu, candidate, exclude=item)
            self.check_rules(menu, candidate)
        item.clear()
        item.update(candidate)
        new_name = item.get('name')
        if menu.table == 'interface' and old_name != new_name and old_name is not None:
            self.rename('interface', old_name, new_name)
        elif menu.path == '/interface list' and old_name != new_name:
            self.rename('interface-list', old_name, new_name)
        elif menu.path == '/ip pool' and old_name != new_name:
            self.rename('pool', old_name, new_name)
        self.after_change(menu, item, 'set')

    def unset(self, menu, item, names):
        if menu.kind == 'single':
            item = self.single(menu)
        for name in names:
            if name not in menu.props or menu.props[name].readonly:
                raise RouterOSError('input does not match any value of value-name')
            if menu.props[name].required:
                raise RouterOSError('failure: can not unset %s' % name)
            item.pop(name, None)
        self.after_change(menu, item, 'set')

    def remove(self, menu, item):
        if item.get('.builtin') and not menu.removable_builtin:
            if menu.table == 'interface':
                raise RouterOSError('failure: can not remove this interface' if self.major >= 7 else 'failure: can not remove ethernet interface')
            raise RouterOSError('failure: can not remove builtin item' if menu.path != '/user group' else 'failure: can not remove default group')
        if item.get('.dynamic'):
            raise RouterOSError('failure: can not remove dynamic item')
        if menu.path == '/user' and item.get('name') == 'admin' and len(self.table('/user')) == 1:
            raise RouterOSError('failure: can not remove last full user')
        rows = self.table(menu.table)
        rows.remove(item)
        self.after_change(menu, item, 'remove')

    def move(self, menu, items, destination):
        rows = self.table(menu.table)
        for item in items:
            rows.remove(item)
        if destination is None:
            rows.extend(items)
        else:
            at = rows.index(destination)
            rows[at:at] = items

    def free_name(self, base, menu=None):
        taken = self.ref_names('interface') | self.ref_names('pool') | self.ref_names('dhcp-server')
        if menu is not None:
            taken |= {r.get('name') for r in self.items(menu)}
        number = 1
        while '%s%d' % (base, number) in taken:
            number += 1
        return '%s%d' % (base, number)

    def check_unique(self, menu, item, exclude=None):
        if menu.table == 'interface' and 'name' in item:
            for row in self.table('interface'):
                if row is not exclude and row.get('name') == item['name']:
                    raise RouterOSError('failure: already have interface with such name')
        for props, message in menu.unique:
            if not all(p in item for p in props):
                continue
            key = tuple(item.get(p) for p in props)
            for row in self.items(menu):
                if row is exclude or row.get('.dynamic'):
                    continue
                if tuple(row.get(p) for p in props) == key:
                    raise RouterOSError(message)

    def check_rules(self, menu, item):
        """The few cross-item rules RouterOS enforces on the menus we model."""
        path = menu.path
        if path == '/interface bridge port':
            if item.get('interface') == item.get('bridge'):
                raise RouterOSError('failure: can not add bridge to itself')
            member = self.iface(item.get('interface'))
            if member is not None and member.get('.type') == 'bridge':
                raise RouterOSError('failure: can not add bridge as port')
        if path == '/interface vlan' and item.get('interface') == item.get('name'):
            raise RouterOSError('input does not match any value of interface')
        if path in ('/ip firewall filter', '/ip firewall nat', '/ip firewall mangle'):
            if item.get('action') == 'jump' and not item.get('jump-target'):
                raise RouterOSError('missing value(s) of argument(s) jump-target')
            ports = [p for p in ('src-port', 'dst-port', 'port') if item.get(p)]
            if ports and item.get('protocol') not in ('tcp', 'udp', 'sctp', 'udp-lite', 'dccp', '6', '17'):
                raise RouterOSError('failure: %s can only be used with tcp, udp or sctp protocols' % ports[0]
                                    if self.major >= 7 else 'failure: %s can be used only with tcp/udp/sctp/udp-lite/dccp' % ports[0])
        if path in ('/ip firewall address-list', '/ipv6 firewall address-list') and item.get('timeout'):
            item['.dynamic'] = True  # an entry with a timeout is dynamic: it is not exported, as on a router
        if path == '/ip firewall address-list' and item.get('address') and not item.get('.dynamic'):
            text = item['address']
            try:
                if '/' in text:
                    item['address'] = str(ipaddress.IPv4Network(text, strict=False)) if not text.endswith('/32') else text[:-3]
            except ValueError:
                pass

    # ---- derived state ------------------------------------------------------------------------
    def after_change(self, menu, item, what):
        del item, what
        if menu.path in ('/ip address', '/ip dhcp-client', '/interface', '/interface ethernet', '/interface bridge',
                         '/interface vlan', '/interface wifi', '/interface bridge port'):
            self.sync_dhcp_clients()
            self.sync_connected()

    def sync_dhcp_clients(self):
        """A bound dhcp-client owns a dynamic address (and default route); both go when it goes."""
        clients = {c['.id']: c for c in self.table('/ip dhcp-client') if c.get('disabled') != 'yes' and self.iface(c.get('interface'))}
        addresses = self.table('/ip address')
        routes = self.table('/ip route')
        have = {a.get('.src') for a in addresses if a.get('.src')}
        for row in [a for a in addresses if a.get('.src') and a['.src'] not in clients]:
            addresses.remove(row)
        for row in [r for r in routes if r.get('.src', '').startswith('dhcp:') and r['.src'][5:] not in clients]:
            routes.remove(row)
        arp = self.table('/ip arp')
        for row in [r for r in arp if r.get('.src') and r['.src'] not in clients]:
            arp.remove(row)
        for ident, client in clients.items():
            if ident in have:
                continue
            digest = hashlib.sha256(('%s/%s' % (self.state.get('serial'), client.get('interface'))).encode()).digest()
            net = '100.%d.%d' % (64 + digest[0] % 64, digest[1])
            host = 2 + digest[2] % 250
            addresses.append({'.id': self.new_id('/ip address'), '.dynamic': True, '.src': ident,
                              'address': '%s.%d/24' % (net, host), 'network': '%s.0' % net, 'interface': client.get('interface')})
            arp = self.table('/ip arp')
            gateway_mac = '%s:%02X:%02X:%02X' % ('DC:2C:6E', digest[3], digest[4], digest[5])
            arp.append({'.id': self.new_id('/ip arp'), '.dynamic': True, '.src': ident, 'address': '%s.1' % net,
                        'mac-address': gateway_mac, 'interface': client.get('interface')})
            if client.get('add-default-route', 'yes') != 'no':
                routes.append({'.id': self.new_id('/ip route'), '.dynamic': True, '.src': 'dhcp:' + ident, 'dst-address': '0.0.0.0/0',
                               'gateway': '%s.1' % net, 'distance': client.get('default-route-distance', '1'), '.dhcp': True})

    def sync_connected(self):
        """Connected routes (DAC) follow the enabled addresses on running interfaces."""
        routes = self.table('/ip route')
        wanted = {}
        for addr in self.table('/ip address'):
            if addr.get('disabled') == 'yes':
                continue
            iface = self.iface(addr.get('interface'))
            if iface is None or iface.get('disabled') == 'yes':
                continue
            ip = addr['address'].split('/')[0]
            net = ipaddress.IPv4Network(addr['address'] if '/' in addr['address'] else ip + '/32', strict=False)
            wanted[addr['.id']] = {'dst-address': str(net), 'gateway': addr['interface'], 'pref-src': ip}
        present = {}
        for route in [r for r in routes if r.get('.connect')]:
            src = route.get('.src')
            if src not in wanted:
                routes.remove(route)
            else:
                present[src] = route
        for src, values in wanted.items():
            route = present.get(src)
            if route is None:
                route = {'.id': self.new_id('/ip route'), '.dynamic': True, '.connect': True, '.src': src, 'distance': '0', 'scope': '10'}
                routes.append(route)
            route.update(values)

    # ---- read-only menus ----------------------------------------------------------------------
    def packages(self):
        version = self.state['version']
        names = ['routeros'] if self.major >= 7 else ['routeros-' + self.state.get('arch', 'arm')]
        names += self.state.get('packages', [])
        return [{'.id': fmt_id(i + 1), 'name': n, 'version': version, 'build-time': '', 'scheduled': '', 'disabled': 'no'}
                for i, n in enumerate(names)]
