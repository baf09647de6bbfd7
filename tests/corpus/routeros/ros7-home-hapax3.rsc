# 2024-08-11 20:02:41 by RouterOS 7.15.1
# software id = 4TJM-ZB9W
#
# model = C53UiG+5HPaxD2HPaxD
# serial number = HGB09RT4K2M
/interface bridge
add admin-mac=48:A9:8A:BB:CC:01 auto-mac=no comment=defconf name=bridge
/interface wifi
set [ find default-name=wifi1 ] channel.band=5ghz-ax configuration.country=Netherlands configuration.mode=ap \
    configuration.ssid="Thuis 5G" disabled=no security.authentication-types=wpa2-psk,wpa3-psk \
    security.passphrase="zonnebloem-tulp-42"
set [ find default-name=wifi2 ] channel.band=2ghz-ax configuration.country=Netherlands configuration.mode=ap \
    configuration.ssid=Thuis disabled=no security.authentication-types=wpa2-psk,wpa3-psk security.passphrase=\
    "zonnebloem-tulp-42"
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=default-dhcp ranges=192.168.2.10-192.168.2.254
/ip dhcp-server
add address-pool=default-dhcp interface=bridge lease-time=12h name=defconf
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
add bridge=bridge comment=defconf interface=ether5
add bridge=bridge comment=defconf interface=wifi1
add bridge=bridge comment=defconf interface=wifi2
/ip neighbor discovery-settings
set discover-interface-list=LAN
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
/ip address
add address=192.168.2.1/24 comment=defconf interface=bridge network=192.168.2.0
/ip dhcp-client
add comment=defconf interface=ether1
/ip dhcp-server lease
add address=192.168.2.50 client-id=1:b8:27:eb:12:34:56 comment="Home Assistant" mac-address=B8:27:EB:12:34:56 \
    server=defconf
add address=192.168.2.51 comment="Pi-hole" mac-address=DC:A6:32:AB:CD:EF server=defconf
/ip dhcp-server network
add address=192.168.2.0/24 comment=defconf dns-server=192.168.2.51,192.168.2.1 gateway=192.168.2.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,1.0.0.1
/ip dns static
add address=192.168.2.1 comment=defconf name=router.lan type=A
add address=192.168.2.50 name=ha.thuis.lan type=A
add cname=ha.thuis.lan name=homeassistant.thuis.lan type=CNAME
/ip firewall address-list
add address=192.168.2.0/24 list=lan
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment="defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related \
    hw-offload=yes
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=\
    established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat \
    connection-state=new in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
add action=dst-nat chain=dstnat comment="Home Assistant (extern)" dst-port=8123 in-interface-list=WAN protocol=tcp \
    to-addresses=192.168.2.50 to-ports=8123
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set ssh port=2222
set api disabled=yes
set api-ssl disabled=yes
/system clock
set time-zone-name=Europe/Amsterdam
/system identity
set name="Thuis Router"
/system ntp client
set enabled=yes servers=nl.pool.ntp.org
/system scheduler
add interval=1d name=daily-export on-event="/export file=daily-export\r\
    \n:log info \"daily export written\"" policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    start-date=2024-08-12 start-time=03:15:00
add name=on-boot on-event=":delay 10s\r\
    \n:log info (\"booted \" . [/system identity get name])" policy=ftp,reboot,read,write,policy,test \
    start-time=startup
/system script
add dont-require-permissions=no name=wifi-guest-off owner=admin policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    source="# turn the radios down at night\r\
    \n:foreach w in=[/interface wifi find] do={\r\
    \n  :if ([/interface wifi get \$w disabled] = false) do={\r\
    \n    /interface wifi disable \$w\r\
    \n  }\r\
    \n}\r\
    \n:log info \"radios off \E2\9C\93\""
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
