# may/05/2023 18:40:12 by RouterOS 6.48.6
# software id = LM4P-2XR7
#
# model = RB4011iGS+5HacQ2HnD
# serial number = D4E50A9F1B2C
/caps-man channel
add band=2ghz-b/g/n control-channel-width=20mhz extension-channel=disabled frequency=2412,2437,2462 name=ch-2g
add band=5ghz-a/n/ac control-channel-width=20mhz extension-channel=XXXX frequency=5180,5260,5500 name=ch-5g
/interface bridge
add admin-mac=C4:AD:34:00:AA:01 auto-mac=no comment=defconf name=bridge
/interface wireless
# managed by CAPsMAN
# channel: 2437/20-Ce/gn(17dBm), SSID: Hofladen, local forwarding
set [ find default-name=wlan1 ] ssid=MikroTik
# managed by CAPsMAN
set [ find default-name=wlan2 ] ssid=MikroTik
/caps-man datapath
add bridge=bridge client-to-client-forwarding=no local-forwarding=yes name=dp-local
add bridge=bridge local-forwarding=yes name=dp-guest vlan-id=30 vlan-mode=use-tag
/caps-man security
add authentication-types=wpa2-psk encryption=aes-ccm group-encryption=aes-ccm name=sec-main passphrase=\
    "Sonnenblumen-Feld-2023!"
add authentication-types=wpa2-psk encryption=aes-ccm name=sec-guest passphrase=gast2023hof
/caps-man configuration
add channel=ch-2g country=germany datapath=dp-local mode=ap name=cfg-2g security=sec-main ssid=Hofladen
add channel=ch-5g country=germany datapath=dp-local mode=ap name=cfg-5g security=sec-main ssid=Hofladen
add channel=ch-2g country=germany datapath=dp-guest mode=ap name=cfg-guest security=sec-guest ssid="Hofladen Gäste"
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
/caps-man access-list
add action=reject allow-signal-out-of-range=10s disabled=no signal-range=-120..-85 ssid-regexp=""
/caps-man manager
set enabled=yes upgrade-policy=suggest-same-version
/caps-man manager interface
set [ find default=yes ] forbid=yes
add disabled=no interface=bridge
/caps-man provisioning
add action=create-dynamic-enabled hw-supported-modes=gn master-configuration=cfg-2g name-format=prefix-identity \
    name-prefix=2g slave-configurations=cfg-guest
add action=create-dynamic-enabled hw-supported-modes=ac master-configuration=cfg-5g name-format=prefix-identity \
    name-prefix=5g
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
/interface wireless cap
set bridge=bridge discovery-interfaces=bridge enabled=yes interfaces=wlan1,wlan2
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
/ip address
add address=192.168.100.1/24 comment=defconf interface=bridge network=192.168.100.0
/ip dhcp-client
add comment=defconf dialup-on-demand=no disabled=no interface=ether1
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" out-interface-list=WAN
/system clock
set time-zone-name=Europe/Berlin
/system identity
set name=hofladen-gw
/system routerboard settings
set auto-upgrade=yes
