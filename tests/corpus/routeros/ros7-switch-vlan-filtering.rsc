# 2024-11-02 14:31:07 by RouterOS 7.16.2
# software id = N3QX-8L2B
#
# model = RB5009UG+S+
# serial number = HF209A1B2C3
/interface bridge
add admin-mac=78:9A:18:4D:00:01 auto-mac=no comment="core switch" name=br-core \
    protocol-mode=mstp vlan-filtering=yes
/interface ethernet
set [ find default-name=ether1 ] comment=uplink-isp
set [ find default-name=ether8 ] comment="AP Küche (PoE)"
set [ find default-name=sfp-sfpplus1 ] comment="10G trunk to rack 2"
/interface vlan
add interface=br-core name=vlan10-staff vlan-id=10
add interface=br-core name=vlan20-guest vlan-id=20
add interface=br-core name=vlan30-voip vlan-id=30
add interface=br-core name=vlan99-mgmt vlan-id=99
/interface list
add name=WAN
add name=LAN
add name=MGMT
/ip pool
add name=pool-staff ranges=10.10.10.100-10.10.10.250
add name=pool-guest ranges=10.10.20.10-10.10.21.250
add name=pool-voip ranges=10.10.30.50-10.10.30.200
/ip dhcp-server
add address-pool=pool-staff interface=vlan10-staff lease-time=8h name=dhcp-staff
add address-pool=pool-guest interface=vlan20-guest lease-time=1h name=dhcp-guest
add address-pool=pool-voip interface=vlan30-voip lease-time=1d name=dhcp-voip
/interface bridge port
add bridge=br-core comment=trunk frame-types=admit-only-vlan-tagged interface=sfp-sfpplus1
add bridge=br-core interface=ether2 pvid=10
add bridge=br-core interface=ether3 pvid=10
add bridge=br-core interface=ether4 pvid=20
add bridge=br-core interface=ether5 pvid=30
add bridge=br-core frame-types=admit-only-untagged-and-priority-tagged interface=ether6 pvid=99
add bridge=br-core comment="AP trunk" interface=ether8 pvid=99
/interface bridge vlan
add bridge=br-core tagged=br-core,sfp-sfpplus1 untagged=ether2,ether3 vlan-ids=10
add bridge=br-core tagged=br-core,sfp-sfpplus1,ether8 untagged=ether4 vlan-ids=20
add bridge=br-core tagged=br-core,sfp-sfpplus1 untagged=ether5 vlan-ids=30
add bridge=br-core tagged=sfp-sfpplus1,br-core untagged=ether6,ether8 vlan-ids=99
/interface list member
add interface=ether1 list=WAN
add interface=vlan10-staff list=LAN
add interface=vlan20-guest list=LAN
add interface=vlan30-voip list=LAN
add interface=vlan99-mgmt list=MGMT
/ip address
add address=10.10.10.1/24 interface=vlan10-staff network=10.10.10.0
add address=10.10.20.1/23 interface=vlan20-guest network=10.10.20.0
add address=10.10.30.1/24 interface=vlan30-voip network=10.10.30.0
add address=10.10.99.1/24 comment=management interface=vlan99-mgmt network=10.10.99.0
/ip dhcp-client
add interface=ether1
/ip dhcp-server network
add address=10.10.10.0/24 dns-server=10.10.10.1 gateway=10.10.10.1
add address=10.10.20.0/23 dns-server=9.9.9.9,149.112.112.112 gateway=10.10.20.1
add address=10.10.30.0/24 dns-server=10.10.30.1 gateway=10.10.30.1 ntp-server=10.10.30.1
/ip dns
set allow-remote-requests=yes servers=9.9.9.9,149.112.112.112
/ip firewall address-list
add address=10.10.99.0/24 list=mgmt-nets
add address=198.51.100.17 comment="NOC jump host" list=mgmt-nets
/ip firewall filter
add action=accept chain=input connection-state=established,related,untracked
add action=drop chain=input connection-state=invalid
add action=accept chain=input protocol=icmp
add action=accept chain=input dst-port=22,8291 protocol=tcp src-address-list=mgmt-nets
add action=accept chain=input in-interface-list=LAN dst-port=53 protocol=udp
add action=drop chain=input comment="drop the rest" log=yes log-prefix="IN-DROP "
add action=fasttrack-connection chain=forward connection-state=established,related hw-offload=yes
add action=accept chain=forward connection-state=established,related,untracked
add action=drop chain=forward connection-state=invalid
add action=drop chain=forward comment="guest cannot reach staff" in-interface=vlan20-guest out-interface=vlan10-staff
add action=drop chain=forward connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add comment="backup default" disabled=yes distance=10 dst-address=0.0.0.0/0 gateway=192.0.2.1
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set api disabled=yes
set winbox address=10.10.99.0/24,198.51.100.17/32
set api-ssl disabled=yes
/system clock
set time-zone-name=Europe/Berlin
/system identity
set name=sw-core-01
/system note
set note="Core switch \C2\B7 Rack 1 \C2\B7 do not reboot during business hours" show-at-login=no
/system ntp client
set enabled=yes servers=0.de.pool.ntp.org,1.de.pool.ntp.org
/tool mac-server
set allowed-interface-list=MGMT
/tool mac-server mac-winbox
set allowed-interface-list=MGMT
