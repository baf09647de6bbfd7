# SPDX-License-Identifier: GPL-3.0-or-later
"""The SDX management tunnel of a simulated router, and whether its configuration lets it work.

What SDX documents (altostrat.io/docs/sdx/en/resources/management-vpn, trusted-ips): onboarding creates a
PPP profile and an OpenVPN client interface that connects out to api.altostrat.io on TCP 8443; tunnel
addresses come from 100.64.0.0/10; SDX reaches the router from 154.66.115.255, and creates the user
`altostrat-api` whose logins are restricted to that address; site check-ins and synchronous calls travel
through the tunnel. From that the simulator derives three flows and follows them through the router's
configuration as RouterOS would route and filter them (README, "The management tunnel"):

- transport: the OpenVPN connection (output to the endpoint, replies in) over the route to the endpoint;
- check-in: the router's heartbeats and job polls inside the tunnel;
- sync: SDX's API sessions inside the tunnel, to the API service, as the `altostrat-api` user.

`health(router)` is a pure function of the router's state; the site layer (siteclock.py) turns it into
check-ins and `has_pulse`.
"""

import collections
import hashlib
import ipaddress

from tests.simulator.routeros import ScriptResult

ENDPOINT_NAMES = ('api.altostrat.io', 'mgnt.sdx.altostrat.io')  # documented (current and older docs)
ENDPOINT_ADDRESS = '198.51.100.80'  # inferred: what the simulator resolves the endpoint to (a documentation address)
ENDPOINT_PORT = 8443  # documented
SDX_INNER = '100.64.0.1'  # inferred: SDX's end of the tunnel (from the documented 100.64.0.0/10)
MGMT_PLANE = '154.66.115.255'  # documented: where SDX's management sessions come from
API_PORT = 8728
HEARTBEAT_PORT = 443
EPHEMERAL = 49152
TUNNEL_NAME = 'altostrat'  # inferred: the interface's name
COMMENT = 'Altostrat: Management Tunnel'  # documented wording of the comment seen in WinBox
API_USER = 'altostrat-api'  # documented
ADOPTED = 'sdx-adopted'  # router state key: the router was onboarded, so it needs its tunnel
PROTOCOLS = {'tcp': '6', 'udp': '17', 'icmp': '1'}
NOT_MATCHERS = {'chain', 'action', 'comment', 'disabled', 'log', 'log-prefix', 'jump-target', 'reject-with',
                'address-list', 'address-list-timeout', 'passthrough', 'hw-offload', 'bytes', 'packets', 'dynamic',
                'invalid'}

Health = collections.namedtuple('Health', 'checkin sync reason')
HEALTHY = Health(True, True, 'ok')
Packet = collections.namedtuple('Packet', 'chain proto src sport dst dport inif outif states')


def _secret(router, what):
    return hashlib.sha256(('%s:%s' % (what, router.serial)).encode()).hexdigest()[:20]


def onboarding_script(router, site_id):
    """What onboarding adds to a router (the parts the simulator models), as a console script."""
    cipher = 'aes256-cbc' if router.major >= 7 else 'aes256'
    profile = str(site_id)
    return '\n'.join([
        '/ppp profile add name=%s comment="%s" use-encryption=yes' % (profile, COMMENT),
        '/interface ovpn-client add name=%s connect-to=%s port=%d protocol=tcp user=%s password=%s profile=%s '
        'cipher=%s add-default-route=no disabled=no comment="%s"' % (
            TUNNEL_NAME, ENDPOINT_NAMES[0], ENDPOINT_PORT, site_id, _secret(router, 'tunnel'), profile, cipher, COMMENT),
        '/user add name=%s group=full address=%s/32 password=%s comment="Altostrat: API user"' % (
            API_USER, MGMT_PLANE, _secret(router, 'api')),
        '/ip firewall filter',
        ':if ([:len [find]] > 0) do={ add chain=input action=accept src-address=%s comment="Altostrat: Management Filter" '
        'place-before=[:pick [find] 0] } else={ add chain=input action=accept src-address=%s '
        'comment="Altostrat: Management Filter" }' % (MGMT_PLANE, MGMT_PLANE),
    ])


def adopt(router, site_id):
    """Onboard the router: add the tunnel and its companions; from now on its reachability follows them.
    A router without a route to the endpoint cannot be onboarded (it could never have reached SDX)."""
    if route_to(router, ENDPOINT_ADDRESS) is None:
        return ScriptResult(ok=False, error='no route to the management endpoint %s: the router needs an uplink '
                                            'before it can be onboarded' % ENDPOINT_ADDRESS)
    result = router.run_script(onboarding_script(router, site_id))
    if result.ok:
        router.state[ADOPTED] = True
    return result


def adopted(router):
    return bool(router.state.get(ADOPTED))


# ---- the router's view of addresses, interfaces and routes ---------------------------------------
def _menu(router, path):
    return router.store.menus[path]


def _running(router, name):
    item = router.store.iface(name)
    if item is None:
        return False
    return router.store.value(_menu(router, '/interface'), item, 'running') in ('yes', 'true')


def _tunnels(router):
    rows = router.store.table('interface')
    return [r for r in rows if r.get('.type') == 'ovpn-out' and r.get('connect-to') in ENDPOINT_NAMES + (ENDPOINT_ADDRESS,)
            and str(r.get('port', '1194')) == str(ENDPOINT_PORT)]


def _address_of(router, ifname):
    for item in router.store.table('/ip address'):
        if item.get('interface') == ifname and item.get('disabled') != 'yes':
            return item['address'].split('/')[0]
    return None


def _gateway_interface(router, gateway):
    """The running interface a gateway (an address, an interface, or address%interface) is reached through."""
    text = gateway.strip()
    if '%' in text:
        text, ifname = text.split('%', 1)
        return ifname if _running(router, ifname) else None
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        return text if _running(router, text) else None
    for route in router.store.table('/ip route'):
        if route.get('.connect') and address in ipaddress.IPv4Network(route['dst-address'], strict=False):
            ifname = route.get('gateway')
            if _running(router, ifname):
                return ifname
    return None


def route_to(router, destination):
    """(out-interface, source address) of the main table's best route to `destination`, or None."""
    target = ipaddress.IPv4Address(destination)
    best = None
    for route in router.store.table('/ip route'):
        if route.get('disabled') == 'yes' or route.get('routing-mark') or route.get('routing-table', 'main') != 'main':
            continue
        try:
            network = ipaddress.IPv4Network(route.get('dst-address', '0.0.0.0/0'), strict=False)
        except ValueError:
            continue
        if target not in network:
            continue
        if 'blackhole' in route or route.get('type') in ('blackhole', 'unreachable', 'prohibit'):
            found = (network.prefixlen, -int(route.get('distance') or 1), None)
        else:
            out = [i for i in (_gateway_interface(router, g) for g in str(route.get('gateway', '')).split(',')) if i]
            if not out:
                continue  # an unreachable gateway makes the route inactive
            found = (network.prefixlen, -int(route.get('distance') or 1), out[0])
        if best is None or found[:2] > best[:2]:
            best = found
    if best is None or best[2] is None:
        return None
    return best[2], _address_of(router, best[2])


# ---- the firewall, as RouterOS walks a chain ------------------------------------------------------
def _negated(text):
    text = str(text)
    return (True, text[1:]) if text.startswith('!') else (False, text)


def _in_addresses(address, text):
    for part in text.split(','):
        part = part.strip()
        try:
            if '-' in part:
                low, high = (ipaddress.IPv4Address(p) for p in part.split('-', 1))
                if low <= ipaddress.IPv4Address(address) <= high:
                    return True
            elif ipaddress.IPv4Address(address) in ipaddress.IPv4Network(part, strict=False):
                return True
        except ValueError:
            continue
    return False


def _in_ports(port, text):
    for part in text.split(','):
        low, _dash, high = part.partition('-')
        if low.isdigit() and int(low) <= port <= int(high or low):
            return True
    return False


def _in_list(router, ifname, listname):
    if listname in ('all',):
        return True
    if listname == 'none':
        return False
    item = router.store.iface(ifname)
    if listname in ('dynamic', 'static'):
        return bool(item and item.get('.dynamic')) == (listname == 'dynamic')
    return any(m.get('list') == listname and m.get('interface') == ifname and m.get('disabled') != 'yes'
               for m in router.store.table('/interface list member'))


def _in_address_list(router, address, listname):
    return any(e.get('list') == listname and e.get('disabled') != 'yes' and _in_addresses(address, e.get('address', ''))
               for e in router.store.table('/ip firewall address-list'))


def _condition(router, name, value, packet):
    """Whether one matcher of a rule holds for the packet (None: a matcher this model does not follow)."""
    neg, text = _negated(value)
    if name == 'protocol':
        hit = PROTOCOLS.get(text, text) == PROTOCOLS[packet.proto]
    elif name in ('src-address', 'dst-address'):
        hit = _in_addresses(packet.src if name == 'src-address' else packet.dst, text)
    elif name in ('src-port', 'dst-port'):
        hit = _in_ports(packet.sport if name == 'src-port' else packet.dport, text)
    elif name == 'port':
        hit = _in_ports(packet.sport, text) or _in_ports(packet.dport, text)
    elif name in ('in-interface', 'out-interface'):
        hit = (packet.inif if name == 'in-interface' else packet.outif) == text
    elif name in ('in-interface-list', 'out-interface-list'):
        ifname = packet.inif if name == 'in-interface-list' else packet.outif
        hit = ifname is not None and _in_list(router, ifname, text)
    elif name in ('src-address-list', 'dst-address-list'):
        hit = _in_address_list(router, packet.src if name == 'src-address-list' else packet.dst, text)
    elif name == 'connection-state':
        hit = bool(set(text.split(',')) & set(packet.states))
    elif name == 'connection-nat-state':
        hit = False  # these packets are not NATed
    elif name == 'ipsec-policy':
        hit = text.rsplit(',', maxsplit=1)[-1] == 'none'
    else:
        return None
    return hit != neg


def _matches(router, rule, packet):
    for name, value in rule.items():
        if name.startswith('.') or name in NOT_MATCHERS or value in (None, ''):
            continue
        if name == 'connection-state' and packet.chain in ('prerouting', 'output-raw'):
            return False  # raw runs before connection tracking
        hit = _condition(router, name, value, packet)
        if not hit:
            return False  # a matcher the model does not follow counts as not matching: no invented outages
    return True


def _walk(router, table, chain, packet, depth=0):
    """'accept', 'drop' or None (the chain ended or returned) for a packet entering `chain`."""
    if depth > 16:
        return None
    for rule in router.store.table(table):
        if rule.get('chain') != chain or rule.get('disabled') == 'yes' or not _matches(router, rule, packet):
            continue
        action = rule.get('action', 'accept')
        if action in ('accept', 'fasttrack-connection', 'notrack'):
            return 'accept'
        if action in ('drop', 'reject', 'tarpit'):
            return 'drop'
        if action == 'return':
            return None
        if action == 'jump' and rule.get('jump-target'):
            verdict = _walk(router, table, rule['jump-target'], packet, depth + 1)
            if verdict is not None:
                return verdict
    return None


def passes(router, packet):
    """Through raw (prerouting or output) and then the filter's input or output chain."""
    raw_chain = 'prerouting' if packet.chain == 'input' else 'output'
    raw = packet._replace(chain='prerouting' if packet.chain == 'input' else 'output-raw')
    if _walk(router, '/ip firewall raw', raw_chain, raw) == 'drop':
        return False
    return _walk(router, '/ip firewall filter', packet.chain, packet) != 'drop'


def _exchange(local, remote, local_port, remote_port, ifname, outgoing):
    """The packets of one TCP exchange: the opener's packets new and established, the answers established."""
    out = Packet('output', 'tcp', local, local_port, remote, remote_port, None, ifname, ('new', 'established'))
    back = Packet('input', 'tcp', remote, remote_port, local, local_port, ifname, None, ('established',))
    if outgoing:
        return [out, back]
    return [back._replace(states=('new', 'established')), out._replace(states=('established',))]


def _service_allows(router):
    for item in router.store.table('/ip service'):
        if item.get('name') == 'api':
            address = item.get('address') or ''
            return item.get('disabled') != 'yes' and (not address or _in_addresses(MGMT_PLANE, address))
    return True


def _user_allows(router):
    for item in router.store.table('/user'):
        if item.get('name') == API_USER:
            address = item.get('address') or ''
            return item.get('disabled') != 'yes' and (not address or _in_addresses(MGMT_PLANE, address))
    return False


def tunnel_address(router):
    digest = hashlib.sha256(router.serial.encode()).digest()
    return '100.%d.%d.%d' % (64 + digest[0] % 64, digest[1], 2 + digest[2] % 250)


def health(router):
    """Whether the site can check in and answer synchronous calls, and if not, why."""
    if router.down:
        return Health(False, False, 'rebooting')
    if not adopted(router):
        return HEALTHY
    tunnels = [t for t in _tunnels(router) if t.get('disabled', 'yes') != 'yes']
    if not tunnels:
        return Health(False, False, 'no enabled management tunnel interface')
    path = route_to(router, ENDPOINT_ADDRESS)
    if path is None:
        return Health(False, False, 'no route to the management endpoint')
    wan, wan_address = path
    exchange = _exchange(wan_address or '0.0.0.0', ENDPOINT_ADDRESS, EPHEMERAL, ENDPOINT_PORT, wan, True)
    if not all(passes(router, p) for p in exchange):
        return Health(False, False, 'the firewall drops the tunnel to %s:%d' % (ENDPOINT_ADDRESS, ENDPOINT_PORT))
    inner, local = tunnels[0]['name'], tunnel_address(router)
    if not all(passes(router, p) for p in _exchange(local, SDX_INNER, EPHEMERAL, HEARTBEAT_PORT, inner, True)):
        return Health(False, False, 'the firewall drops check-ins in the tunnel')
    if not all(passes(router, p) for p in _exchange(local, MGMT_PLANE, API_PORT, EPHEMERAL, inner, False)):
        return Health(True, False, 'the firewall drops SDX API sessions in the tunnel')
    if not _service_allows(router):
        return Health(True, False, 'the API service refuses %s' % MGMT_PLANE)
    if not _user_allows(router):
        return Health(True, False, 'the %s user is missing, disabled or restricted' % API_USER)
    return HEALTHY
