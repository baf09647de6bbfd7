# 2026-12-01 10:00:00 by RouterOS 7.16.1
# software id = EDGE-1234
#
# model = CCR2004-16G-2S+
# serial number = HEE09988776
/interface bridge
add name=loopback protocol-mode=none
/interface ethernet
set [ find default-name=ether1 ] comment="transit A"
set [ find default-name=ether2 ] comment="transit B"
/routing bgp template
set default as=64512 disabled=no output.network=bgp-networks router-id=\
    192.0.2.1
/ip address
add address=192.0.2.1/32 interface=loopback network=192.0.2.1
add address=198.51.100.2/30 interface=ether1 network=198.51.100.0
add address=203.0.113.2/30 interface=ether2 network=203.0.113.0
/ip firewall address-list
add address=192.0.2.0/24 list=bgp-networks
/ip route
add blackhole disabled=no dst-address=192.0.2.0/24 routing-table=main \
    suppress-hw-offload=no
/routing bgp connection
add as=64512 disabled=no input.filter=transit-in local.role=ebgp name=\
    transit-a output.filter-chain=transit-out remote.address=198.51.100.1/32 \
    .as=65001 templates=default
add as=64512 disabled=no input.filter=transit-in local.role=ebgp name=\
    transit-b output.filter-chain=transit-out remote.address=203.0.113.1/32 \
    .as=65002 templates=default
/routing filter rule
add chain=transit-in disabled=no rule="if (dst in 192.0.2.0/24) { reject; }"
add chain=transit-in disabled=no rule="if (dst-len > 24) { reject; } else { a\
    ccept; }"
add chain=transit-out disabled=no rule=\
    "if (dst in 192.0.2.0/24 && dst-len == 24) { accept; } else { reject; }"
/system identity
set name=edge1
