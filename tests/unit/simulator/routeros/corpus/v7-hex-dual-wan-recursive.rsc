# 2026-01-20 14:11:09 by RouterOS 7.16.2
# software id = HX7P-Q2WZ
#
# model = RB760iGS
# serial number = HE108K7TQ2P
/interface bridge
add admin-mac=18:FD:74:AA:BB:01 auto-mac=no comment=defconf name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=ISP1
set [ find default-name=ether2 ] comment=ISP2
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=default-dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=default-dhcp interface=bridge name=defconf
/routing table
add disabled=no fib name=via-isp1
add disabled=no fib name=via-isp2
/interface bridge port
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
/ip neighbor discovery-settings
set discover-interface-list=LAN
/interface list member
add comment=defconf interface=bridge list=LAN
add interface=ether1 list=WAN
add interface=ether2 list=WAN
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
add address=100.64.10.2/30 interface=ether1 network=100.64.10.0
add address=100.64.20.2/30 interface=ether2 network=100.64.20.0
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,8.8.8.8
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
/ip firewall mangle
add action=mark-connection chain=prerouting connection-mark=no-mark in-interface=ether1 new-connection-mark=isp1-conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark in-interface=ether2 new-connection-mark=isp2-conn passthrough=yes
add action=mark-routing chain=output connection-mark=isp1-conn new-routing-mark=via-isp1 passthrough=no
add action=mark-routing chain=output connection-mark=isp2-conn new-routing-mark=via-isp2 passthrough=no
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
add action=masquerade chain=srcnat out-interface=ether2
/ip route
add comment=isp1-check disabled=no distance=1 dst-address=1.0.0.1/32 gateway=100.64.10.1 routing-table=main scope=10 suppress-hw-offload=no target-scope=10
add comment=isp2-check disabled=no distance=1 dst-address=8.8.4.4/32 gateway=100.64.20.1 routing-table=main scope=10 suppress-hw-offload=no target-scope=10
add check-gateway=ping comment=ISP1 disabled=no distance=1 dst-address=0.0.0.0/0 gateway=1.0.0.1 routing-table=main scope=30 suppress-hw-offload=no target-scope=11
add check-gateway=ping comment=ISP2 disabled=no distance=2 dst-address=0.0.0.0/0 gateway=8.8.4.4 routing-table=main scope=30 suppress-hw-offload=no target-scope=11
add disabled=no distance=1 dst-address=0.0.0.0/0 gateway=100.64.10.1 routing-table=via-isp1 scope=30 suppress-hw-offload=no target-scope=10
add disabled=no distance=1 dst-address=0.0.0.0/0 gateway=100.64.20.1 routing-table=via-isp2 scope=30 suppress-hw-offload=no target-scope=10
/system clock
set time-zone-name=America/Chicago
/system identity
set name=branch-dualwan
/system note
set show-at-login=no
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
/tool netwatch
add disabled=no down-script=":log warning \"ISP1 check host down\"" host=1.0.0.1 http-codes="" interval=10s test-script="" timeout=1s type=simple up-script=":log info \"ISP1 check host up\""
