# mar/03/2026 14:02:55 by RouterOS 6.49.10
# software id = R2NB-5C3K
#
# model = RB3011UiAS
# serial number = 8A1D0912E5F3
/caps-man channel
add band=2ghz-b/g/n control-channel-width=20mhz extension-channel=disabled \
    frequency=2412 name=ch1
add band=5ghz-a/n/ac control-channel-width=20mhz extension-channel=Ceee \
    frequency=5180 name=ch36
/interface bridge
add admin-mac=6C:3B:6B:00:00:10 auto-mac=no name=bridge
/interface list
add name=LAN
/caps-man datapath
add bridge=bridge client-to-client-forwarding=yes local-forwarding=yes name=\
    dp-local
/caps-man security
add authentication-types=wpa2-psk encryption=aes-ccm group-encryption=\
    aes-ccm name=sec-office passphrase=OfficeWifi2026
/caps-man configuration
add channel=ch1 country="south africa" datapath=dp-local mode=ap name=\
    office-2g security=sec-office ssid=Office
add channel=ch36 country="south africa" datapath=dp-local mode=ap name=\
    office-5g security=sec-office ssid=Office
/ip pool
add name=lan ranges=10.10.0.100-10.10.0.250
/ip dhcp-server
add address-pool=lan disabled=no interface=bridge name=lan
/routing ospf instance
set [ find default=yes ] redistribute-connected=as-type-1 router-id=\
    10.10.0.1
/snmp community
set [ find default=yes ] addresses=10.10.0.0/24
/system logging action
set 0 memory-lines=2000
/interface bridge port
add bridge=bridge interface=ether2
add bridge=bridge interface=ether3
/interface list member
add interface=bridge list=LAN
/caps-man manager
set enabled=yes
/caps-man provisioning
add action=create-dynamic-enabled hw-supported-modes=gn master-configuration=\
    office-2g
add action=create-dynamic-enabled hw-supported-modes=ac master-configuration=\
    office-5g
/ip address
add address=10.10.0.1/24 interface=bridge network=10.10.0.0
/ip dhcp-client
add disabled=no interface=ether1
/ip dhcp-server network
add address=10.10.0.0/24 dns-server=10.10.0.1 gateway=10.10.0.1
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
/routing ospf network
add area=backbone network=10.10.0.0/24
/snmp
set contact=it@office.example enabled=yes location="server room"
/system identity
set name=office-capsman
/system logging
set 0 topics=info,!wireless
