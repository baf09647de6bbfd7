# SPDX-License-Identifier: GPL-3.0-or-later
"""Defaults as MikroTik's manual states them (help.mikrotik.com, and the older wiki.mikrotik.com for 6.x), each with
the page it is read from. measure.py and the tests compare the engine against these; the engine's catalogue is
written separately (catalogue/), so a mismatch here is a real disagreement. Values are the manual's own notation
(00:05:00, 2048): the comparison reads times and sizes by value.

(menu path, property, documented default, version it applies to, source page)"""

_BRIDGING = 'help.mikrotik.com/docs/display/ROS/Bridging+and+Switching'
_DNS = 'help.mikrotik.com/docs/display/ROS/DNS'
_DNS6 = 'wiki.mikrotik.com/wiki/Manual:IP/DNS'
_WG = 'help.mikrotik.com/docs/display/ROS/WireGuard'
_NETWATCH = 'help.mikrotik.com/docs/display/ROS/Netwatch'
_DHCPS6 = 'wiki.mikrotik.com/wiki/Manual:IP/DHCP_Server'
_DHCPC = 'help.mikrotik.com/docs/display/ROS/DHCP'
_IPSET = 'help.mikrotik.com/docs/display/ROS/IP+Settings'
_IPSET6 = 'wiki.mikrotik.com/wiki/Manual:IP/Settings'
_SNMP = 'help.mikrotik.com/docs/display/ROS/SNMP'

DOCUMENTED = [
    ('/interface bridge', 'add-dhcp-option82', 'no', '7.16.2', _BRIDGING),
    ('/interface bridge', 'ageing-time', '00:05:00', '7.16.2', _BRIDGING),
    ('/interface bridge', 'arp', 'enabled', '7.16.2', _BRIDGING),
    ('/interface bridge', 'arp-timeout', 'auto', '7.16.2', _BRIDGING),
    ('/interface bridge', 'auto-mac', 'yes', '7.16.2', _BRIDGING),
    ('/interface bridge port', 'auto-isolate', 'no', '7.16.2', _BRIDGING),
    ('/interface bridge port', 'bpdu-guard', 'no', '7.16.2', _BRIDGING),
    ('/interface bridge port', 'broadcast-flood', 'yes', '7.16.2', _BRIDGING),
    ('/interface bridge port', 'edge', 'auto', '7.16.2', _BRIDGING),
    ('/ip dns', 'allow-remote-requests', 'no', '7.16.2', _DNS),
    ('/ip dns', 'cache-max-ttl', '1w', '7.16.2', _DNS),
    ('/ip dns', 'cache-size', '2048', '7.16.2', _DNS),
    ('/ip dns', 'max-concurrent-queries', '100', '7.16.2', _DNS),
    ('/ip dns', 'max-concurrent-tcp-sessions', '20', '7.16.2', _DNS),
    ('/ip dns', 'max-udp-packet-size', '4096', '7.16.2', _DNS),
    ('/ip dns', 'query-server-timeout', '2s', '7.16.2', _DNS),
    ('/ip dns', 'query-total-timeout', '10s', '7.16.2', _DNS),
    ('/ip dns', 'allow-remote-requests', 'no', '6.49.15', _DNS6),
    ('/ip dns', 'cache-max-ttl', '1w', '6.49.15', _DNS6),
    ('/ip dns', 'cache-size', '2048', '6.49.15', _DNS6),
    ('/ip dns', 'max-concurrent-queries', '100', '6.49.15', _DNS6),
    ('/ip dns', 'max-concurrent-tcp-sessions', '20', '6.49.15', _DNS6),
    ('/ip dns', 'max-udp-packet-size', '4096', '6.49.15', _DNS6),
    ('/ip dns', 'query-server-timeout', '2s', '6.49.15', _DNS6),
    ('/ip dns', 'query-total-timeout', '10s', '6.49.15', _DNS6),
    ('/interface wireguard', 'mtu', '1420', '7.16.2', _WG),
    ('/interface wireguard', 'disabled', 'no', '7.16.2', _WG),
    ('/tool netwatch', 'type', 'simple', '7.16.2', _NETWATCH),
    ('/tool netwatch', 'interval', '10s', '7.16.2', _NETWATCH),
    ('/tool netwatch', 'timeout', '3s', '7.16.2', _NETWATCH),
    ('/tool netwatch', 'start-delay', '3s', '7.16.2', _NETWATCH),
    ('/tool netwatch', 'startup-delay', '5m', '7.16.2', _NETWATCH),
    ('/ip dhcp-server', 'add-arp', 'no', '6.49.15', _DHCPS6),
    ('/ip dhcp-server', 'address-pool', 'static-only', '6.49.15', _DHCPS6),
    ('/ip dhcp-server', 'always-broadcast', 'no', '6.49.15', _DHCPS6),
    ('/ip dhcp-server', 'bootp-support', 'static', '6.49.15', _DHCPS6),
    ('/ip dhcp-server', 'add-arp', 'no', '7.16.2', _DHCPC),
    ('/ip dhcp-server', 'address-pool', 'static-only', '7.16.2', _DHCPC),
    ('/ip dhcp-server', 'always-broadcast', 'no', '7.16.2', _DHCPC),
    ('/ip dhcp-client', 'add-default-route', 'yes', '7.16.2', _DHCPC),
    ('/ip dhcp-client', 'use-peer-dns', 'yes', '7.16.2', _DHCPC),
    ('/ip settings', 'accept-redirects', 'no', '7.16.2', _IPSET),
    ('/ip settings', 'accept-source-route', 'no', '7.16.2', _IPSET),
    ('/ip settings', 'allow-fast-path', 'yes', '7.16.2', _IPSET),
    ('/ip settings', 'arp-timeout', '30s', '7.16.2', _IPSET),
    ('/ip settings', 'icmp-rate-limit', '10', '7.16.2', _IPSET),
    ('/ip settings', 'icmp-rate-mask', '0x1818', '7.16.2', _IPSET),
    ('/ip settings', 'ip-forward', 'yes', '7.16.2', _IPSET),
    ('/ip settings', 'rp-filter', 'no', '7.16.2', _IPSET),
    ('/ip settings', 'secure-redirects', 'yes', '7.16.2', _IPSET),
    ('/ip settings', 'send-redirects', 'yes', '7.16.2', _IPSET),
    ('/ip settings', 'accept-redirects', 'no', '6.49.15', _IPSET6),
    ('/ip settings', 'allow-fast-path', 'yes', '6.49.15', _IPSET6),
    ('/ip settings', 'arp-timeout', '30s', '6.49.15', _IPSET6),
    ('/ip settings', 'icmp-rate-limit', '10', '6.49.15', _IPSET6),
    ('/ip settings', 'ip-forward', 'yes', '6.49.15', _IPSET6),
    ('/ip settings', 'rp-filter', 'no', '6.49.15', _IPSET6),
    ('/ip settings', 'secure-redirects', 'yes', '6.49.15', _IPSET6),
    ('/snmp', 'enabled', 'no', '7.16.2', _SNMP),
    ('/snmp', 'trap-version', '1', '7.16.2', _SNMP),
    ('/snmp', 'contact', '', '7.16.2', _SNMP),
    ('/snmp', 'location', '', '7.16.2', _SNMP),
    ('/snmp community', 'security', 'none', '7.16.2', _SNMP),
    ('/snmp community', 'read-access', 'yes', '7.16.2', _SNMP),
    ('/snmp community', 'write-access', 'no', '7.16.2', _SNMP),
    ('/snmp community', 'authentication-protocol', 'MD5', '7.16.2', _SNMP),
    ('/snmp community', 'encryption-protocol', 'DES', '7.16.2', _SNMP),
]
