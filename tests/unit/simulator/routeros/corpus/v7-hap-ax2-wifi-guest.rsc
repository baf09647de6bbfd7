# 2026-03-02 21:17:55 by RouterOS 7.16.2
# software id = W1F1-AX2Q
#
# model = C52iG-5HaxD2HaxD
# serial number = HG30A1B2C3D
/interface bridge
add admin-mac=48:A9:8A:10:20:30 auto-mac=no comment=defconf name=bridge vlan-filtering=yes
/interface wifi channel
add band=5ghz-ax disabled=no name=ch-5g skip-dfs-channels=10min-cac width=20/40/80mhz
add band=2ghz-ax disabled=no name=ch-2g width=20mhz
/interface wifi datapath
add bridge=bridge disabled=no name=dp-home
add bridge=bridge disabled=no name=dp-guest vlan-id=30
/interface wifi security
add authentication-types=wpa2-psk,wpa3-psk disabled=no ft=yes ft-over-ds=yes name=sec-home passphrase=HomeWifiPassphrase
add authentication-types=wpa2-psk disabled=no name=sec-guest passphrase=GuestsWelcome
/interface wifi configuration
add channel=ch-5g country=Germany datapath=dp-home disabled=no mode=ap name=cfg-home-5g security=sec-home ssid=Home
add channel=ch-2g country=Germany datapath=dp-home disabled=no mode=ap name=cfg-home-2g security=sec-home ssid=Home
add country=Germany datapath=dp-guest disabled=no mode=ap name=cfg-guest security=sec-guest ssid=Home-Guest
/interface wifi
set [ find default-name=wifi1 ] configuration=cfg-home-5g configuration.mode=ap disabled=no
set [ find default-name=wifi2 ] configuration=cfg-home-2g configuration.mode=ap disabled=no
add configuration=cfg-guest configuration.mode=ap disabled=no mac-address=4A:A9:8A:10:20:33 master-interface=wifi2 name=wifi-guest
/interface vlan
add interface=bridge name=guest-vlan vlan-id=30
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
add name=GUEST
/ip pool
add name=default-dhcp ranges=192.168.88.10-192.168.88.254
add name=guest ranges=172.16.30.10-172.16.30.250
/ip dhcp-server
add address-pool=default-dhcp interface=bridge name=defconf
add address-pool=guest interface=guest-vlan lease-time=1h name=guest
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
/ip neighbor discovery-settings
set discover-interface-list=LAN
/interface bridge vlan
add bridge=bridge tagged=bridge vlan-ids=30
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
add interface=guest-vlan list=GUEST
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
add address=172.16.30.1/24 interface=guest-vlan network=172.16.30.0
/ip dhcp-client
add comment=defconf interface=ether1
/ip dhcp-server network
add address=172.16.30.0/24 dns-server=1.1.1.1,1.0.0.1 gateway=172.16.30.1
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes
/ip dns static
add address=192.168.88.1 comment=defconf name=router.lan type=A
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment="guest: DHCP" dst-port=67 in-interface-list=GUEST protocol=udp
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related hw-offload=yes
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="guest: no LAN" in-interface-list=GUEST out-interface-list=LAN
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
/system clock
set time-zone-name=Europe/Berlin
/system identity
set name=home-ax2
/system note
set show-at-login=no
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
