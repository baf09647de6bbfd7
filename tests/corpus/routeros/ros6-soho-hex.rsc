# mar/14/2024 21:07:44 by RouterOS 6.49.15
# software id = 7KQ2-XW4N
#
# model = RB760iGS
# serial number = HD5087XYZ12
/interface bridge
add admin-mac=DC:2C:6E:11:22:33 auto-mac=no comment=defconf name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment="WAN \E2\80\94 Telia fibre"
set [ find default-name=sfp1 ] disabled=yes
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=dhcp disabled=no interface=bridge lease-time=1d name=defconf
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
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/ip dhcp-client
add comment=defconf disabled=no interface=ether1
/ip dhcp-server lease
add address=192.168.88.20 comment="NAS (Synology)" mac-address=00:11:32:AB:CD:EF server=defconf
add address=192.168.88.21 comment=printer mac-address=30:05:5C:12:34:56 server=defconf
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1 netmask=24
/ip dns
set allow-remote-requests=yes cache-max-ttl=1d servers=1.1.1.1,9.9.9.9
/ip dns static
add address=192.168.88.1 name=router.lan
add address=192.168.88.20 name=nas.lan ttl=1h
/ip firewall address-list
add address=192.168.88.0/24 list=trusted
add address=203.0.113.0/24 comment="office VPN" list=trusted
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" connection-state=established,related
add action=accept chain=forward comment="defconf: accept established,related, untracked" connection-state=established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" connection-state=invalid
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
add action=accept chain=input comment="allow winbox from trusted" dst-port=8291 protocol=tcp src-address-list=trusted place-before=3
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
add action=dst-nat chain=dstnat comment="Plex \C3\A0 la maison" dst-port=32400 in-interface-list=WAN protocol=tcp to-addresses=192.168.88.20 to-ports=32400
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www address=192.168.88.0/24
set api disabled=yes
set api-ssl disabled=yes
/system clock
set time-zone-name=Europe/Stockholm
/system identity
set name="hEX hemma"
/system ntp client
set enabled=yes primary-ntp=194.58.204.20 secondary-ntp=194.58.205.20
/system scheduler
add interval=1w name=weekly-backup on-event=backup-to-file policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    start-date=mar/17/2024 start-time=04:30:00
/system script
add dont-require-permissions=no name=backup-to-file owner=admin policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":\
    local name [/system identity get name]\r\
    \n:local date [/system clock get date]\r\
    \n/system backup save name=(\$name . \"-weekly\")\r\
    \n:log info \"backup saved for \$name on \$date\""
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
