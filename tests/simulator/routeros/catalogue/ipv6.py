# SPDX-License-Identifier: GPL-3.0-or-later
"""/ipv6: addresses, DHCPv6, firewall, neighbour discovery, pools, routes and settings (documented)."""

_FIREWALL = ('chain:req action:init=accept src-address dst-address src-address-list dst-address-list protocol src-port '
             'dst-port port in-interface:if out-interface:if in-interface-list:iflist out-interface-list:iflist '
             'connection-state connection-nat-state connection-mark connection-type connection-limit connection-rate '
             'connection-bytes packet-mark routing-mark icmp-options limit dst-limit hop-limit headers ipsec-policy '
             'jump-target reject-with log:bool=no log-prefix= address-list address-list-timeout passthrough:bool '
             'new-connection-mark new-packet-mark new-routing-mark new-dscp new-mss new-hop-limit new-priority to-address '
             'to-addresses to-ports dscp tcp-flags tcp-mss time src-mac-address priority random nth content packet-size '
             'src-address-type dst-address-type in-bridge-port out-bridge-port '
             'bytes:ro packets:ro dynamic:flag invalid:flag')

MENUS = [
    ('/ipv6 address', '',
     'address:req interface:if:req advertise:bool=yes eui-64:bool=no from-pool= no-dad:bool=no auto-link-local:v7:bool=yes '
     'actual-interface:ro dynamic:flag invalid:flag link-local:flag global:flag deprecated:flag'),
    ('/ipv6 dhcp-client', '',
     'interface:if:req request:enums(address|prefix|info):req pool-name= pool-prefix-length:int=64 add-default-route:bool=no '
     'default-route-distance:int=1 prefix-hint=::/0 use-peer-dns:bool=yes rapid-commit:bool=yes script= '
     'use-interface-duid:bool=no dhcp-options= allow-reconfigure:v7:bool=no custom-duid:v7= validate-server-duid:v7:bool=yes '
     'default-route-tables:v7= status:ro prefix:ro address:ro duid:ro dynamic:flag invalid:flag'),
    ('/ipv6 dhcp-client option', 'plain', 'name:req code:int:req value='),
    ('/ipv6 dhcp-relay', '',
     'name:req interface:if:req dhcp-server:req link-address=:: delay-threshold=none disabled:bool=yes invalid:flag'),
    ('/ipv6 dhcp-server', '',
     'name:req interface:if:req address-pool=static-only lease-time:v6=1d lease-time:v7=3d preference:int=255 '
     'rapid-commit:bool=yes route-distance:int=1 dhcp-option= use-radius=no binding-script:v7= prefix-pool:v7= '
     'allow-dual-stack-queue:v7:bool=yes parent-queue=none insert-queue-before=first dynamic:flag invalid:flag'),
    ('/ipv6 dhcp-server binding', '',
     'address:req duid:req iaid:int=0 server=all life-time=3d prefix-pool= rate-limit= dhcp-option= status:ro dynamic:flag'),
    ('/ipv6 dhcp-server option', 'plain', 'name:req code:int:req value= raw-value:ro'),
    ('/ipv6 dhcp-server option sets', 'plain', 'name:req options='),
    ('/ipv6 firewall address-list', '', 'list:req address:req timeout creation-time:ro dynamic:flag'),
    ('/ipv6 firewall filter', 'ordered', _FIREWALL),
    ('/ipv6 firewall mangle', 'ordered', _FIREWALL),
    ('/ipv6 firewall nat', 'ordered v7', _FIREWALL),
    ('/ipv6 firewall raw', 'ordered', _FIREWALL),
    ('/ipv6 firewall connection', 'ro', 'protocol src-address dst-address timeout'),
    ('/ipv6 nd', 'bkey=default',
     'interface:req ra-interval=3m20s-10m ra-delay=3s mtu=unspecified reachable-time=unspecified '
     'retransmit-interval=unspecified ra-lifetime=30m ra-preference:v7=medium hop-limit=unspecified '
     'advertise-mac-address:bool=yes advertise-dns:bool=no '
     'managed-address-configuration:bool=no other-configuration:bool=no dns= pref64:v7= default:flag invalid:flag'),
    ('/ipv6 nd prefix', '',
     'prefix:req interface:if:req on-link:bool=yes autonomous:bool=yes valid-lifetime=4w2d preferred-lifetime=1w '
     '6to4-interface=none dynamic:flag invalid:flag'),
    ('/ipv6 nd prefix default', 'single', 'autonomous:bool=yes preferred-lifetime=1w valid-lifetime=4w2d'),
    ('/ipv6 neighbor', 'ro', 'address interface mac-address status router:flag'),
    ('/ipv6 pool', 'plain', 'name:req prefix:req prefix-length:int:req expire-time:ro dynamic:flag'),
    ('/ipv6 pool used', 'ro', 'pool prefix owner info'),
    ('/ipv6 route', 'keep:v7',
     'dst-address=::/0 gateway distance:int=1 scope:int=30 target-scope:int=10 routing-table:v7=main routing-mark:v6 '
     'check-gateway blackhole:v7:bare pref-src:v7 type:v6 vrf-interface:v6 bgp-as-path:v6 '
     'suppress-hw-offload:v7:bool=no immediate-gw:ro active:flag dynamic:flag connect:flag static:flag'),
    ('/ipv6 settings', 'single',
     'disable-ipv6:bool=no forward:bool=yes accept-redirects=yes-if-forwarding-disabled '
     'accept-router-advertisements=yes-if-forwarding-disabled max-neighbor-entries:int=16384 '
     'allow-fast-path:v7:bool=yes multipath-hash-policy:v7=l3 stale-neighbor-detect-interval:v7=30 '
     'stale-neighbor-timeout:v7=60 disable-link-local-address:v7:bool=no min-neighbor-entries:v7:ro '
     'soft-max-neighbor-entries:v7:ro'),
]

BUILTINS = {
    '/ipv6 nd': ['id=*0 interface=all default=yes'],
}
