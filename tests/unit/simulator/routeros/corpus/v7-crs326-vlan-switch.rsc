# 2026-02-27 11:02:10 by RouterOS 7.16.2
# software id = CRS3-2624
#
# model = CRS326-24G-2S+
# serial number = HD8070A5F1C
/interface bridge
add admin-mac=DC:2C:6E:00:11:22 auto-mac=no frame-types=admit-only-vlan-tagged name=bridge1 vlan-filtering=yes
/interface ethernet
set [ find default-name=ether24 ] comment=mgmt-oob
set [ find default-name=sfp-sfpplus1 ] comment=uplink
/interface vlan
add interface=bridge1 name=mgmt vlan-id=99
/interface list
add name=MGMT
/snmp community
set [ find default=yes ] addresses=10.99.0.0/24 name=monitoring
/interface bridge port
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether1 pvid=10
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether2 pvid=10
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether3 pvid=10
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether4 pvid=20
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether5 pvid=20
add bridge=bridge1 frame-types=admit-only-untagged-and-priority-tagged interface=ether6 pvid=30
add bridge=bridge1 frame-types=admit-only-vlan-tagged interface=sfp-sfpplus1
add bridge=bridge1 frame-types=admit-only-vlan-tagged interface=ether23
/ip neighbor discovery-settings
set discover-interface-list=MGMT
/interface bridge vlan
add bridge=bridge1 tagged=sfp-sfpplus1,ether23 untagged=ether1,ether2,ether3 vlan-ids=10
add bridge=bridge1 tagged=sfp-sfpplus1,ether23 untagged=ether4,ether5 vlan-ids=20
add bridge=bridge1 tagged=sfp-sfpplus1 untagged=ether6 vlan-ids=30
add bridge=bridge1 tagged=bridge1,sfp-sfpplus1 vlan-ids=99
/interface list member
add interface=mgmt list=MGMT
add interface=ether24 list=MGMT
/ip address
add address=10.99.0.11/24 interface=mgmt network=10.99.0.0
add address=192.168.88.1/24 interface=ether24 network=192.168.88.0
/ip dns
set servers=10.99.0.1
/ip route
add disabled=no dst-address=0.0.0.0/0 gateway=10.99.0.1 routing-table=main suppress-hw-offload=no
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set api disabled=yes
set api-ssl disabled=yes
/snmp
set contact=noc@example.com enabled=yes location="rack 4"
/system clock
set time-zone-name=Europe/London
/system identity
set name=sw-floor2
/system ntp client
set enabled=yes
/system ntp client servers
add address=10.99.0.1
/system routerboard settings
set boot-os=router-os
/tool mac-server
set allowed-interface-list=MGMT
/tool mac-server mac-winbox
set allowed-interface-list=MGMT
