# 2025-01-20 09:12:55 by RouterOS 7.16.2
# software id = 9ZRT-QH1M
#
# model = CCR2004-16G-2S+
# serial number = HE10B7C8D9E0
/interface bridge
add name=br-lan
add name=lo0 protocol-mode=none
/interface wireguard
add comment="site-to-site mesh" listen-port=13231 mtu=1420 name=wg-mesh \
    private-key="yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="
add listen-port=51820 mtu=1420 name=wg-roadwarrior private-key=\
    "kLq2Ag9s0H2aQyJ8m4Qm8x5uYwVZy1a2b3c4d5e6f7g="
/interface vlan
add interface=sfp-sfpplus2 name=vlan100-transit vlan-id=100
/interface list
add name=WAN
add name=LAN
add name=VPN
/routing ospf instance
add disabled=no name=backbone originate-default=never redistribute=connected,static router-id=10.255.0.2
/routing ospf area
add disabled=no instance=backbone name=area0
/ip pool
add name=lan-pool ranges=10.20.0.100-10.20.0.199
/ip dhcp-server
add address-pool=lan-pool interface=br-lan lease-time=12h name=lan-dhcp
/interface bridge port
add bridge=br-lan interface=ether2
add bridge=br-lan interface=ether3
add bridge=br-lan interface=ether4
/ip settings
set tcp-syncookies=yes
/ipv6 settings
set accept-router-advertisements=yes
/interface list member
add interface=sfp-sfpplus1 list=WAN
add interface=br-lan list=LAN
add interface=wg-mesh list=VPN
add interface=wg-roadwarrior list=VPN
/interface wireguard peers
add allowed-address=10.255.0.1/32,10.10.0.0/16 comment=hq endpoint-address=vpn.example.net \
    endpoint-port=13231 interface=wg-mesh persistent-keepalive=25s public-key=\
    "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg="
add allowed-address=10.255.0.3/32,10.30.0.0/16 comment=branch-3 endpoint-address=203.0.113.30 \
    endpoint-port=13231 interface=wg-mesh persistent-keepalive=25s public-key=\
    "TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0="
add allowed-address=10.99.0.2/32 comment="laptop \E2\80\93 J. M\C3\BCller" interface=wg-roadwarrior \
    public-key="HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw="
/ip address
add address=10.20.0.1/24 interface=br-lan network=10.20.0.0
add address=10.255.0.2 interface=lo0 network=10.255.0.2
add address=10.255.1.2/30 interface=wg-mesh network=10.255.1.0
add address=10.99.0.1/24 interface=wg-roadwarrior network=10.99.0.0
add address=192.0.2.2/30 interface=vlan100-transit network=192.0.2.0
/ip dhcp-client
add default-route-distance=5 interface=sfp-sfpplus1 use-peer-dns=no
/ip dhcp-server network
add address=10.20.0.0/24 dns-server=10.20.0.1 domain=branch2.corp.example gateway=10.20.0.1
/ip dns
set allow-remote-requests=yes cache-size=4096KiB servers=10.10.0.53,10.10.0.54
/ip firewall filter
add action=accept chain=input connection-state=established,related
add action=drop chain=input connection-state=invalid
add action=accept chain=input dst-port=13231,51820 protocol=udp
add action=accept chain=input protocol=ospf in-interface-list=VPN
add action=accept chain=input in-interface-list=LAN
add action=accept chain=input in-interface-list=VPN
add action=drop chain=input
add action=accept chain=forward connection-state=established,related
add action=drop chain=forward connection-state=invalid
add action=accept chain=forward in-interface-list=VPN out-interface-list=LAN
add action=accept chain=forward in-interface-list=LAN
add action=drop chain=forward
/ip firewall mangle
add action=change-mss chain=forward new-mss=clamp-to-pmtu out-interface-list=VPN passthrough=yes protocol=tcp tcp-flags=syn
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add comment=transit disabled=no distance=1 dst-address=0.0.0.0/0 gateway=192.0.2.1 routing-table=main scope=30 \
    suppress-hw-offload=no target-scope=10
/ipv6 address
add address=2001:db8:20::1/64 advertise=yes interface=br-lan
/ipv6 firewall filter
add action=accept chain=input connection-state=established,related,untracked
add action=drop chain=input connection-state=invalid
add action=accept chain=input protocol=icmpv6
add action=accept chain=input dst-port=546 protocol=udp src-address=fe80::/10
add action=drop chain=input in-interface-list=!LAN
/routing filter rule
add chain=ospf-out disabled=no rule="if (dst in 10.0.0.0/8 && dst-len in 16-32) { accept } else { reject }"
/routing ospf interface-template
add area=area0 cost=10 disabled=no interfaces=wg-mesh networks=10.255.1.0/30 type=ptp
add area=area0 disabled=no interfaces=lo0 networks=10.255.0.2/32 passive
/snmp
set contact="noc@corp.example" enabled=yes location="Branch 2, Oslo" trap-version=2
/snmp community
set [ find default=yes ] addresses=10.10.0.0/16 name=corpmon
/system clock
set time-zone-name=Europe/Oslo
/system identity
set name=br2-gw
/system logging action
add name=syslog remote=10.10.0.60 target=remote
/system logging
add action=syslog topics=critical,error,warning
add action=syslog topics=firewall,info
/system ntp client
set enabled=yes
/system ntp client servers
add address=10.10.0.123
add address=time.cloudflare.com
/ip ssh
set strong-crypto=yes
/tool graphing interface
add
/tool netwatch
add comment=hq-core down-script=":log warning \"HQ core unreachable over wg-mesh\"" host=10.255.0.1 interval=30s \
    up-script=":log info \"HQ core back\"" type=icmp
