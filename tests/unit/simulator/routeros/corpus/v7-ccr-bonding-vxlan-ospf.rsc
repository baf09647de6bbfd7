# 2026-12-01 10:00:00 by RouterOS 7.16.1
# software id = LM3X-9V2C
#
# model = CCR2004-16G-2S+
# serial number = HEE01122334
/interface bridge
add name=br-vxlan protocol-mode=none
add name=loopback0 protocol-mode=none
/interface ethernet
set [ find default-name=sfp-sfpplus1 ] l2mtu=9092 mtu=9000
set [ find default-name=sfp-sfpplus2 ] l2mtu=9092 mtu=9000
/interface bonding
add lacp-rate=1sec mode=802.3ad mtu=9000 name=bond-core slaves=\
    sfp-sfpplus1,sfp-sfpplus2 transmit-hash-policy=layer-3-and-4
/interface vlan
add interface=bond-core mtu=9000 name=vlan100-underlay vlan-id=100
/interface vxlan
add learning=no mtu=1500 name=vxlan10010 port=4789 vni=10010
/routing table
add disabled=no fib name=to-dc2
/routing ospf instance
add disabled=no name=default-v2 originate-default=if-installed redistribute=\
    connected,static router-id=10.255.0.1
/routing ospf area
add disabled=no instance=default-v2 name=backbone-v2
/system logging action
set 3 remote=10.255.9.9
/interface bridge port
add bridge=br-vxlan interface=vxlan10010
add bridge=br-vxlan interface=ether5
/interface vxlan vteps
add interface=vxlan10010 remote-ip=10.255.0.2
add interface=vxlan10010 remote-ip=10.255.0.3
/ip address
add address=10.255.0.1/32 interface=loopback0 network=10.255.0.1
add address=10.100.0.1/29 interface=vlan100-underlay network=10.100.0.0
/ip route
add disabled=no distance=1 dst-address=0.0.0.0/0 gateway=10.100.0.6 \
    routing-table=to-dc2 scope=30 suppress-hw-offload=no target-scope=10
/routing ospf interface-template
add area=backbone-v2 cost=10 disabled=no interfaces=vlan100-underlay type=\
    ptp
add area=backbone-v2 disabled=no interfaces=loopback0 passive
/routing rule
add action=lookup-only-in-table disabled=no src-address=10.20.0.0/16 table=\
    to-dc2
/system identity
set name=dc1-leaf1
/system logging
add action=remote topics=ospf
add action=remote topics=error
