# SPDX-License-Identifier: GPL-3.0-or-later
"""/interface: bridges, ethernet and switch chips, tunnels, PPP clients and servers, bonding, LTE (documented)."""

_ARP = 'arp:enum(disabled|enabled|local-proxy-arp|proxy-arp|reply-only)=enabled arp-timeout=auto'
_LOOP = ('loop-protect:enum(default|on|off)=default loop-protect-disable-time:time=5m loop-protect-send-interval:time=5s '
         'loop-protect-status:ro=off')
_IFACE = 'running:flag=yes slave:flag mac-address:ro actual-mtu:ro l2mtu:ro '
_TUNNEL = (_IFACE + 'name mtu=auto local-address=0.0.0.0 remote-address:req keepalive=10s,10 dscp=inherit clamp-tcp-mss:bool=yes '
           'dont-fragment:enum(inherit|no)=no allow-fast-path:bool=yes ipsec-secret:secret ' + _ARP)
_TUNNEL6 = _TUNNEL.replace('local-address=0.0.0.0', 'local-address=::')
_PPP_CLIENT = (_IFACE + 'name user= password:secret profile=default-encryption add-default-route:bool=no '
               'default-route-distance:int(0..255)=1 dial-on-demand:bool=no use-peer-dns:bool=no '
               'allow:enums(pap|chap|mschap1|mschap2)=pap,chap,mschap1,mschap2 keepalive-timeout=60 max-mtu=1450 max-mru=1450 '
               'mrru=disabled disabled:bool=yes')
_PPP_SERVER = ('enabled:bool=no max-mtu=1450 max-mru=1450 mrru=disabled authentication=pap,chap,mschap1,mschap2 '
               'keepalive-timeout=30 default-profile=default-encryption max-sessions=unlimited one-session-per-host:bool=no')
_STP = ('ageing-time:time=5m forward-delay:time=15s max-message-age:time=20s transmit-hold-count:int=6 max-hops:int=20 '
        'region-name= region-revision:int=0 port-cost-mode:v7:enum(long|short)=short')
_IGMP = ('igmp-version:int=2 mld-version:int=1 last-member-interval:time=1s last-member-query-count:int=2 '
         'membership-interval:time=4m20s querier-interval:time=4m15s query-interval:time=2m5s '
         'query-response-interval:time=10s startup-query-count:int=2 startup-query-interval:time=31s250ms '
         'multicast-querier:bool=no multicast-router:enum(disabled|permanent|temporary-query)=temporary-query')

MENUS = [
    ('/interface bridge', 'iface=bridge auto=bridge',
     _STP + ' ' + _IGMP + ' add-dhcp-option82:bool=no dhcp-snooping:bool=no ether-type=0x8100 pvid:int(1..4094)=1 '
     'frame-types:enum(admit-all|admit-only-untagged-and-priority-tagged|admit-only-vlan-tagged)=admit-all '
     'ingress-filtering:bool:v7=yes ingress-filtering:bool:v6=no mvrp:bool=no arp-timeout=auto '
     'max-learned-entries:v7=auto forward-reserved-addresses:v7:bool=no'),
    ('/interface bridge port', '',
     'auto-isolate:bool=no bpdu-guard:bool=no broadcast-flood:bool=yes fast-leave:bool=no '
     'internal-path-cost:int=10 path-cost:int=10 learn:enum(auto|no|yes)=auto '
     'multicast-router:enum(disabled|permanent|temporary-query)=temporary-query point-to-point:enum(auto|no|yes)=auto '
     'priority=0x80 restricted-role:bool=no restricted-tcn:bool=no tag-stacking:bool=no trusted:bool=no '
     'unknown-multicast-flood:bool=yes unknown-unicast-flood:bool=yes mvrp-applicant-state:v7=normal-participant '
     'mvrp-registrar-state:v7=normal mac-address:ro role:ro status:ro debug-info:ro'),
    ('/interface bridge vlan', '', 'mvrp-forbidden:v7= current-tagged:ro current-untagged:ro'),
    ('/interface bridge settings', 'single',
     'allow-fast-path:bool=yes use-ip-firewall:bool=no use-ip-firewall-for-pppoe:bool=no use-ip-firewall-for-vlan:bool=no '
     'bridge-fast-path-active:ro=yes bridge-fast-path-packets:ro=0 bridge-fast-forward-packets:ro=0'),
    ('/interface bridge filter', 'ordered',
     'chain:req action:enum(accept|drop|jump|log|mark-packet|passthrough|return|set-priority):init=accept '
     'in-interface:if in-bridge out-interface:if out-bridge in-interface-list out-interface-list mac-protocol '
     'src-mac-address dst-mac-address src-address dst-address src-port dst-port ip-protocol vlan-id vlan-priority '
     'vlan-encap packet-mark new-packet-mark new-priority passthrough:bool jump-target log:bool=no log-prefix= '
     'packet-type limit 802.3-sap 802.3-type arp-opcode stp-type ingress-priority bytes:ro packets:ro '
     'dynamic:flag invalid:flag'),
    ('/interface bridge nat', 'ordered',
     'chain:req action:enum(accept|drop|jump|arp-reply|mark-packet|dst-nat|redirect|src-nat|log|passthrough|return|set-priority)'
     ':init=accept in-interface:if in-bridge out-interface:if out-bridge in-interface-list out-interface-list mac-protocol '
     'src-mac-address dst-mac-address src-address dst-address src-port dst-port ip-protocol vlan-id to-src-mac-address '
     'to-dst-mac-address to-arp-reply-mac-address packet-mark new-packet-mark passthrough:bool jump-target log:bool=no '
     'log-prefix= packet-type bytes:ro packets:ro'),
    ('/interface bridge mdb', '', 'bridge:req group:req ports vid dynamic:flag'),
    ('/interface bridge msti', 'v7', 'bridge:req identifier:int:req priority=0x8000 vlan-mapping'),
    ('/interface bridge host', 'nocomment', 'bridge:req mac-address:req interface:if vid on-interface dynamic:flag local:flag external:flag age:ro'),
    ('/interface ethernet', '',
     'advertise bandwidth=unlimited/unlimited combo-mode disable-running-check:bool=no full-duplex:bool=yes '
     'mdix-enable:bool=yes sfp-rate-select:enum(high|low)=high sfp-shutdown-temperature=95C speed '
     'cable-settings:enum(default|short|standard)=default fec-mode poe-priority:int=10 power-cycle-ping-enabled:bool=no '
     'power-cycle-interval power-cycle-ping-address power-cycle-ping-timeout ' + _LOOP + ' l2mtu:int=1514 '
     'tx-flow-control=off rx-flow-control=off switch:ro driver-rx-byte:ro driver-tx-byte:ro '
     # RouterOS 6 before 6.41 switched ports through a master port; exports of that time still load
     'master-port:v6:if=none'),
    ('/interface ethernet poe', 'nocomment nodisabled cmds=monitor',
     'name:ro poe-out=auto-on poe-priority:int=10 poe-voltage=auto poe-out-status:ro power-cycle-ping-enabled:bool=no'),
    ('/interface ethernet switch', 'nocomment nodisabled bkey=number',
     'name type:ro mirror-source=none mirror-target=none cpu-flow-control:bool=yes l3-hw-offloading:v7:bool=no '
     'qos-hw-offloading:v7:bool=no drop-if-invalid-or-src-port-not-member-of-vlan-on-ports= mirror-egress-target=none '
     'invalid:flag'),
    ('/interface ethernet switch port', 'nocomment nodisabled bkey=number',
     'name:ro switch:ro vlan-mode:enum(disabled|fallback|check|secure)=disabled '
     'vlan-header:enum(add-if-missing|always-strip|leave-as-is)=leave-as-is default-vlan-id=auto '
     'limit-unknown-multicasts:bool=no limit-unknown-unicasts:bool=no limit-broadcasts:bool=yes '
     'storm-rate ingress-rate egress-rate mirror-egress:v7:bool=no mirror-ingress:v7:bool=no l3-hw-offloading:v7:bool=yes '
     'running:flag=yes invalid:flag'),
    ('/interface ethernet switch port-isolation', 'v7 nocomment nodisabled bkey=number',
     'name:ro forwarding-override= invalid:flag'),
    ('/interface ethernet switch vlan', '', 'switch:req vlan-id:req ports= independent-learning:bool=yes learn:v6:bool=yes dynamic:flag'),
    ('/interface ethernet switch host', '',
     'switch:req mac-address:req ports= mirror:bool=no drop:bool=no copy-to-cpu:bool=no redirect-to-cpu:bool=no '
     'share-vlan-learned:bool=no vlan-id dynamic:flag'),
    ('/interface ethernet switch rule', 'ordered',
     'switch:req ports= mac-protocol src-mac-address dst-mac-address src-address dst-address src-address6 dst-address6 '
     'protocol src-port dst-port vlan-id vlan-priority vlan-header dscp flow-label traffic-class copy-to-cpu:bool=no '
     'redirect-to-cpu:bool=no mirror:bool=no new-dst-ports new-vlan-id new-vlan-priority rate new-dscp '
     'invalid:flag'),
    ('/interface ethernet switch qos', 'v7 single', 'enabled:bool=no'),
    ('/interface vlan', '',
     _LOOP + ' arp-timeout=auto mvrp:bool=no l2mtu:ro actual-mtu:ro slave:flag'),
    ('/interface wireguard', 'iface=wg auto=wireguard v7',
     _IFACE + 'name mtu:int(0..65536):init=1420 listen-port:int(0..65535):init=13231 private-key:secret public-key:ro'),
    ('/interface wireguard peers', 'v7 keep',
     'name interface:if:req public-key:req allowed-address= endpoint-address= endpoint-port:int=0 '
     'persistent-keepalive:time=0s preshared-key:secret responder:bool=no private-key:secret client-address '
     'client-dns client-endpoint client-keepalive client-listen-port current-endpoint-address:ro '
     'current-endpoint-port:ro last-handshake:ro rx:ro tx:ro is-responder:ro'),
    ('/interface vxlan', 'iface=vxlan auto=vxlan v7',
     _IFACE + 'name vni:int(1..16777216):req port:int=8472 mtu:init=1500 group interface:if local-address dont-fragment=auto '
     'learning:bool=yes max-fdb-size:int=4096 vrf=main vteps-ip-version:enum(ipv4|ipv6)=ipv4 allow-fast-path:bool=yes '
     'bridge bridge-pvid:int=1 hw:bool=yes checksum:bool=no ttl=auto ' + _ARP),
    ('/interface vxlan vteps', 'v7', 'interface:if:req remote-ip:req port:int=8472'),
    ('/interface vxlan fdb', 'v7 ro', 'interface remote-ip mac-address'),
    ('/interface eoip', 'iface=eoip auto=eoip-tunnel', _TUNNEL + ' tunnel-id:int(0..65535):req mac-address= ' + _LOOP),
    ('/interface eoipv6', 'iface=eoipv6 auto=eoipv6-tunnel', _TUNNEL6 + ' tunnel-id:int(0..65535):req mac-address='),
    ('/interface gre', 'iface=gre auto=gre-tunnel', _TUNNEL),
    ('/interface gre6', 'iface=gre6 auto=gre6-tunnel', _TUNNEL6),
    ('/interface ipip', 'iface=ipip auto=ipip-tunnel', _TUNNEL),
    ('/interface ipipv6', 'iface=ipipv6 auto=ipipv6-tunnel', _TUNNEL6),
    ('/interface 6to4', 'iface=6to4 auto=sit', _TUNNEL.replace('remote-address:req', 'remote-address=0.0.0.0')),
    ('/interface bonding', 'iface=bond auto=bonding',
     _IFACE + 'name slaves:ifs:req mode:enum(balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb)'
     '=balance-rr link-monitoring:enum(arp|mii|none)=mii mii-interval=100ms arp-interval=100ms arp-ip-targets= '
     'down-delay=0ms up-delay=0ms lacp-rate:enum(1sec|30secs)=30secs primary=none min-links:int=0 mtu=1500 '
     'transmit-hash-policy:enum(layer-2|layer-2-and-3|layer-3-and-4|encap-2-and-3|encap-3-and-4)=layer-2 '
     'forced-mac-address=none lacp-user-key:v7:int=0 mlag-id:v7 lacp-mode:v7=active ' + _ARP),
    ('/interface lte', 'iface=lte bkey=find:default-name',
     _IFACE + 'name mtu=1500 apn-profiles=default allow-roaming:bool=yes band nr-band:v7 network-mode '
     'sms-protocol:v7=auto sms-read:bool=yes modem-init= pin:secret sim-slot:v7 default-name:ro '
     'add-default-route:v6:bool=yes use-peer-dns:v6:bool=yes disabled:bool=no'),
    ('/interface lte apn', 'bkey=default',
     'name apn=internet authentication:enum(none|pap|chap)=none add-default-route:bool=yes default-route-distance:int=2 '
     'ip-type:enum(auto|ipv4|ipv4-ipv6|ipv6)=auto ipv6-interface= passthrough-interface= passthrough-mac=auto '
     'passthrough-subnet-selection=auto password:secret user= use-network-apn:bool=yes use-peer-dns:bool=yes '
     'number:v7 default:flag'),
    ('/interface lte settings', 'single v7', 'mode=auto firmware-path= esim-channel=auto link-recovery-timer=120'),
    ('/interface pppoe-client', 'iface=pppoe-out auto=pppoe-out',
     _PPP_CLIENT.replace('profile=default-encryption', 'profile=default').replace('max-mtu=1450 max-mru=1450', 'max-mtu=auto max-mru=auto')
     .replace('keepalive-timeout=60', 'keepalive-timeout=10') + ' interface:if:req service-name= ac-name= host-uniq= '
     'add-default-route:bool=no use-peer-dns:bool=no'),
    ('/interface l2tp-client', 'iface=l2tp-out auto=l2tp-out',
     _PPP_CLIENT + ' connect-to:req use-ipsec:bool=no ipsec-secret:secret allow-fast-path:bool=no src-address=0.0.0.0 '
     'l2tp-proto-version:v7=l2tpv2 l2tpv3-digest-hash:v7=md5 random-source-port:v7:bool=no'),
    ('/interface pptp-client', 'iface=pptp-out auto=pptp-out', _PPP_CLIENT + ' connect-to:req'),
    ('/interface sstp-client', 'iface=sstp-out auto=sstp-out',
     _PPP_CLIENT.replace('max-mtu=1450 max-mru=1450', 'max-mtu=1500 max-mru=1500') + ' connect-to:req port:int=443 '
     'certificate=none verify-server-certificate:bool=no verify-server-address-from-certificate:bool=yes tls-version=any '
     'authentication=pap,chap,mschap1,mschap2 pfs=no ciphers=aes256-sha,aes256-gcm-sha384 proxy=:: proxy-port:int=443 '
     'http-proxy=:: add-sni:bool=no'),
    ('/interface ovpn-client', 'iface=ovpn-out auto=ovpn-out',
     _PPP_CLIENT.replace('max-mtu=1450 max-mru=1450', 'max-mtu=1500') + ' connect-to:req port:int=1194 mode:enum(ip|ethernet)=ip '
     'protocol:enum(tcp|udp)=tcp certificate=none auth=sha1 cipher=blowfish128 mac-address= verify-server-certificate:bool=no '
     'tls-version=any route-nopull:bool=no use-peer-dns:bool=yes key-passphrase:secret'),
    ('/interface l2tp-ether', 'iface=l2tp-ether auto=l2tp-ether v7',
     _IFACE + 'name connect-to:req local-address= l2tp-proto-version=l2tpv3-ip l2tpv3-digest-hash=md5 unmanaged-mode:bool=no '
     'use-l2-specific-sublayer:bool=no mtu=1450 mac-address= ' + _ARP),
    ('/interface l2tp-server', 'iface=l2tp-in', 'name user= client-address:ro uptime:ro'),
    ('/interface l2tp-server server', 'single',
     _PPP_SERVER + ' use-ipsec=no ipsec-secret:secret caller-id-type=ip-address allow-fast-path:bool=no '
     'accept-proto-version:v7=all accept-pseudowire-type:v7=all l2tpv3-circuit-id:v7= l2tpv3-cookie-length:v7=0 '
     'l2tpv3-digest-hash:v7=md5 l2tpv3-ether-interface-list:v7='),
    ('/interface pptp-server', 'iface=pptp-in', 'name user= client-address:ro uptime:ro'),
    ('/interface pptp-server server', 'single', _PPP_SERVER.replace('authentication=pap,chap,mschap1,mschap2', 'authentication=mschap1,mschap2')),
    ('/interface sstp-server', 'iface=sstp-in', 'name user= client-address:ro uptime:ro'),
    ('/interface sstp-server server', 'single',
     _PPP_SERVER.replace('max-mtu=1450 max-mru=1450', 'max-mtu=1500 max-mru=1500').replace('keepalive-timeout=30', 'keepalive-timeout=60')
     .replace('default-profile=default-encryption', 'default-profile=default') + ' port:int=443 certificate=none '
     'verify-client-certificate:bool=no force-aes:bool=no pfs=no tls-version=any ciphers:v7=aes256-sha,aes256-gcm-sha384'),
    ('/interface ovpn-server', 'iface=ovpn-in', 'name user= client-address:ro uptime:ro'),
    ('/interface ovpn-server server', 'single',
     'enabled:bool=no port:int=1194 mode:enum(ip|ethernet)=ip netmask:int=24 mac-address= max-mtu=1500 keepalive-timeout=60 '
     'default-profile=default certificate=none require-client-certificate:bool=no auth:v6=sha1,md5 auth:v7=sha1,md5,sha256,sha512 '
     'cipher:v6=blowfish128,aes128 cipher:v7=aes128-cbc,blowfish128 protocol:v7=tcp tls-version:v7=any '
     'redirect-gateway:v7=disabled push-routes:v7= enable-tun-ipv6:v7:bool=no ipv6-prefix-len:v7=64 tun-server-ipv6:v7=:: '
     'reneg-sec:v7=3600 user-auth-method:v7=pap'),
    ('/interface pppoe-server', 'iface=pppoe-in', 'name user= service= remote-address:ro uptime:ro'),
    ('/interface pppoe-server server', 'unique=service-name+interface',
     'service-name:req interface:if:req max-mtu=auto max-mru=auto mrru=disabled authentication=pap,chap,mschap1,mschap2 '
     'keepalive-timeout=10 one-session-per-host:bool=no max-sessions=unlimited pado-delay=0 default-profile=default '
     'accept-empty-service:v7:bool=yes disabled:bool=yes invalid:flag'),
    ('/interface veth', 'iface=veth auto=veth v7',
     _IFACE + 'name address= gateway= gateway6= mac-address= container-mac-address= dhcp:bool=no'),
    ('/interface vrrp', 'iface=vrrp auto=vrrp',
     _IFACE + 'name interface:if:req vrid:int(1..255)=1 priority:int(1..254)=100 interval=1s preemption-mode:bool=yes '
     'authentication:enum(ah|none|simple)=none password:secret version:int(2..3)=3 v3-protocol:enum(ipv4|ipv6)=ipv4 '
     'on-master= on-backup= on-fail:v7= mtu=1500 sync-connection-tracking:bool=no remote-address= group-authority=none '
     'connection-tracking-mode:v7=passive-active connection-tracking-port:v7=8275 preemption-delay:v7=0s ' + _ARP),
    ('/interface macvlan', 'iface=macvlan auto=macvlan',
     _IFACE + 'name interface:if:req mode:enum(private|bridge)=bridge mtu=1500 mac-address= ' + _ARP + ' ' + _LOOP),
    ('/interface vpls', 'iface=vpls auto=vpls',
     _IFACE + 'name remote-peer=0.0.0.0 vpls-id= peer= cisco-static-id:int=0 cisco-vpls-id:v6= pw-type=raw-ethernet pw-l2mtu=1500 '
     'pw-control-word=default mtu=1500 mac-address= disable-running-check:bool=no bridge= bridge-horizon=none '
     'bridge-cost:v6=50 ' + _ARP),
    ('/interface macsec', 'iface=macsec auto=macsec v7',
     _IFACE + 'name interface:if:req cak:secret ckn= sci= profile=default mtu=1468 cipher=gcm-aes-128 encrypt:bool=yes'),
    ('/interface macsec profile', 'v7 bkey=default', 'name server-priority:int=10 default:flag'),
    ('/interface detect-internet', 'single',
     'detect-interface-list=none lan-interface-list=none wan-interface-list=none internet-interface-list=none'),
    ('/interface detect-internet state', 'ro', 'name state state-change-time cloud-rtt'),
    ('/interface dot1x client', '',
     'interface:if:req eap-methods= identity= password:secret anon-identity= certificate=none'),
    ('/interface dot1x server', '',
     'interface:if:req auth-types=dot1x accounting:bool=yes interim-update=0s mac-auth-mode=mac-as-username '
     'reject-vlan-id= server-fail-vlan-id= guest-vlan-id= retrans-period=30s auth-timeout=1m radius-mac-format=XX:XX:XX:XX:XX:XX'),
    ('/interface dot1x server state', 'ro', 'interface client-mac status vlan-id'),
    ('/interface ppp-client', 'iface=ppp-out auto=ppp-out',
     _IFACE + 'name port:req apn= user= password:secret profile=default add-default-route:bool=yes use-peer-dns:bool=yes '
     'dial-command=ATDT phone= modem-init= data-channel:int=0 info-channel:int=0 pin:secret dial-on-demand:bool=no '
     'allow=pap,chap,mschap1,mschap2 keepalive-timeout=30 max-mtu=1500 max-mru=1500 mrru=disabled null-modem:bool=no'),
    ('/interface ppp-server', 'iface=ppp-in auto=ppp-in',
     _IFACE + 'name port:req profile=default authentication=pap,chap,mschap1,mschap2 modem-init= null-modem:bool=no '
     'ring-count:int=1 max-mtu=1500 max-mru=1500 mrru=disabled'),
    ('/interface list', '', 'dynamic:flag'),
    ('/interface list member', '', 'dynamic:flag'),
    ('/interface monitor-traffic', 'ro', ''),
]

BUILTINS = {
    '/interface lte apn': ['id=*0 name=default default=yes'],
    '/interface macsec profile': ['id=*0 name=default default=yes'],
}
