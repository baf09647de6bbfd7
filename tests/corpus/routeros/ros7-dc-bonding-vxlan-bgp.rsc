# 2025-03-03 11:20:00 by RouterOS 7.18
# software id = 
#
/interface bonding
add comment="to leaf-2" lacp-rate=1sec mode=802.3ad name=bond-leaf2 slaves=ether1,ether2 transmit-hash-policy=layer-3-and-4
/interface bridge
add name=br-vxlan protocol-mode=none vlan-filtering=yes
add name=lo-vtep protocol-mode=none
/interface vxlan
add dst-port=4789 learning=no mtu=1500 name=vxlan-1010 vni=1010 local-address=10.0.255.11
add dst-port=4789 learning=no mtu=1500 name=vxlan-1020 vni=1020 local-address=10.0.255.11
/interface vlan
add interface=bond-leaf2 name=vlan1010 vlan-id=1010
add interface=bond-leaf2 name=vlan1020 vlan-id=1020
/interface vxlan vteps
add interface=vxlan-1010 remote-ip=10.0.255.12
add interface=vxlan-1010 remote-ip=10.0.255.13
add interface=vxlan-1020 remote-ip=10.0.255.12
/routing bgp template
set default as=65011 router-id=10.0.255.11
/interface bridge port
add bridge=br-vxlan interface=vxlan-1010 pvid=1010
add bridge=br-vxlan interface=vxlan-1020 pvid=1020
add bridge=br-vxlan interface=vlan1010 pvid=1010
add bridge=br-vxlan interface=vlan1020 pvid=1020
/interface bridge vlan
add bridge=br-vxlan untagged=vxlan-1010,vlan1010 vlan-ids=1010
add bridge=br-vxlan untagged=vxlan-1020,vlan1020 vlan-ids=1020
/ip address
add address=10.0.255.11 interface=lo-vtep network=10.0.255.11
add address=10.0.11.1/31 interface=ether3 network=10.0.11.0
add address=10.0.11.3/31 interface=ether4 network=10.0.11.2
/ipv6 address
add address=fd00:0:0:11::1/127 advertise=no interface=ether3
/routing bgp connection
add as=65011 local.address=10.0.11.1 .role=ebgp name=spine1 output.network=bgp-networks remote.address=10.0.11.0 .as=65000 \
    templates=default
add as=65011 local.address=10.0.11.3 .role=ebgp name=spine2 output.network=bgp-networks remote.address=10.0.11.2 .as=65000 \
    templates=default
/ip firewall address-list
add address=10.0.255.11 list=bgp-networks
/ip firewall raw
add action=drop chain=prerouting comment="no VXLAN from outside the fabric" dst-port=4789 protocol=udp \
    src-address=!10.0.255.0/24
/ip firewall filter
add action=accept chain=input connection-state=established,related
add action=accept chain=input protocol=tcp dst-port=179 src-address=10.0.11.0/24
add action=accept chain=input protocol=udp dst-port=4789 src-address=10.0.255.0/24
add action=accept chain=input protocol=icmp
add action=drop chain=input
/ipv6 firewall filter
add action=accept chain=input connection-state=established,related
add action=accept chain=input protocol=icmpv6
add action=drop chain=input
/system identity
set name=leaf-11
/system logging
set 0 topics=info,!bgp
add topics=bgp,!debug
/system ntp client
set enabled=yes
/system ntp client servers
add address=10.0.0.123
