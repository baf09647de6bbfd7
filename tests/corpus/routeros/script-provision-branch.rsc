# Provisioning for a new branch (RouterOS 7): paste into a terminal or /import it.
/system/identity/set name=branch-07
/interface/bridge add name=br-lan comment="LAN bridge"
/interface/bridge/port
add bridge=br-lan interface=ether2
add bridge=br-lan interface=ether3
..
.. vlan add interface=br-lan name=vlan50-cameras vlan-id=50
/ip/address/add address=10.70.0.1/24 interface=br-lan comment="LAN"
/ip/address add address=10.70.50.1/24 interface=vlan50-cameras comment=cameras
/ip
dns set servers=10.0.0.53,10.0.0.54 allow-remote-requests=yes
pool add name=lan ranges=10.70.0.100-10.70.0.200
dhcp-server add name=lan interface=br-lan address-pool=lan lease-time=4h
dhcp-server network add address=10.70.0.0/24 gateway=10.70.0.1 dns-server=10.70.0.1
firewall address-list
add list=mgmt address=10.0.0.0/16 comment="HQ"
add list=mgmt address=10.70.0.10
/ip firewall filter
add chain=input action=accept connection-state=established,related comment="est/rel"
add chain=input action=accept protocol=icmp comment=icmp
add chain=input action=drop comment="drop rest"
add chain=input action=accept src-address-list=mgmt protocol=tcp dst-port=22,8291 comment="mgmt in" \
    place-before=[find where comment="drop rest"]
add chain=input action=accept src-address-list=mgmt protocol=udp dst-port=161 comment="snmp from mgmt" place-before=2
/ip service
set [find where name=telnet or name=ftp or name=www] disabled=yes
set ssh address=10.0.0.0/16,10.70.0.0/24
disable api
/interface ethernet
set [ find default-name=ether1 ] comment="WAN (Glasfaser)"
set numbers=ether5 comment=spare
comment [find default-name=ether4] comment="camera uplink"
/interface list
add name=WAN
add name=LAN
member add list=LAN interface=br-lan
member add list=WAN interface=ether1
/system scheduler add name=ntp-check interval=6h on-event="/system ntp client print" \
    start-time=startup comment="keep an eye on the clock"
{
    :local n [/ip address print count-only where interface=br-lan]
    :put "addresses on br-lan: $n"
}
/ip dns static add name=nvr.branch07.lan address=10.70.50.10 ttl=5m
