# 2026-12-01 10:00:00 by RouterOS 7.16.1
# software id = T7WE-4N8J
#
# model = C53UiG+5HPaxD2HPaxD
# serial number = HGB09ABCDEF
/interface bridge
add admin-mac=D4:01:C3:00:11:22 auto-mac=no comment=defconf name=bridge
/interface wifi channel
add band=2ghz-ax disabled=no name=ch-2g skip-dfs-channels=10min-cac width=20mhz
add band=5ghz-ax disabled=no name=ch-5g skip-dfs-channels=10min-cac width=\
    20/40/80mhz
/interface wifi datapath
add bridge=bridge disabled=no name=dp-lan
add bridge=bridge disabled=no name=dp-guest vlan-id=30
/interface wifi security
add authentication-types=wpa2-psk,wpa3-psk disabled=no ft=yes ft-over-ds=yes \
    name=sec-home
add authentication-types=wpa2-psk disabled=no name=sec-guest
/interface wifi configuration
add channel=ch-2g country=Netherlands datapath=dp-lan disabled=no mode=ap \
    name=cfg-2g security=sec-home ssid=Thuis
add channel=ch-5g country=Netherlands datapath=dp-lan disabled=no mode=ap \
    name=cfg-5g security=sec-home ssid=Thuis
add country=Netherlands datapath=dp-guest disabled=no mode=ap name=cfg-guest \
    security=sec-guest ssid="Thuis Gast"
/interface wifi
set [ find default-name=wifi1 ] configuration=cfg-5g configuration.mode=ap \
    disabled=no
set [ find default-name=wifi2 ] configuration=cfg-2g configuration.mode=ap \
    disabled=no
add configuration=cfg-guest configuration.mode=ap disabled=no \
    mac-address=D6:01:C3:00:11:25 master-interface=wifi2 name=wifi3
/interface vlan
add interface=bridge name=vlan30-guest vlan-id=30
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=default-dhcp ranges=192.168.88.10-192.168.88.254
add name=guest ranges=10.30.0.10-10.30.0.200
/ip dhcp-server
add address-pool=default-dhcp interface=bridge name=defconf
add address-pool=guest interface=vlan30-guest lease-time=1h name=guest
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
/ip neighbor discovery-settings
set discover-interface-list=LAN
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
add interface=vlan30-guest list=LAN
/interface wifi capsman
set enabled=yes interfaces=bridge package-path="" require-peer-certificate=no \
    upgrade-policy=suggest-same-version
/interface wifi provisioning
add action=create-dynamic-enabled master-configuration=cfg-5g \
    slave-configurations=cfg-guest supported-bands=5ghz-ax
add action=create-dynamic-enabled master-configuration=cfg-2g \
    supported-bands=2ghz-ax
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=\
    192.168.88.0
add address=10.30.0.1/24 interface=vlan30-guest network=10.30.0.0
/ip dhcp-client
add comment=defconf interface=ether1
/ip dhcp-server network
add address=10.30.0.0/24 dns-server=9.9.9.9 gateway=10.30.0.1
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=\
    192.168.88.1
/ip dns
set allow-remote-requests=yes
/ip dns static
add address=192.168.88.1 comment=defconf name=router.lan type=A
/ip firewall filter
add action=accept chain=input comment=\
    "defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\
    invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment=\
    "defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
    in-interface-list=!LAN
add action=drop chain=forward comment="guest isolation" in-interface=\
    vlan30-guest out-interface=bridge
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" \
    ipsec-policy=out,none out-interface-list=WAN
/system clock
set time-zone-name=Europe/Amsterdam
/system identity
set name=thuis-ap
/system note
set show-at-login=no
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
