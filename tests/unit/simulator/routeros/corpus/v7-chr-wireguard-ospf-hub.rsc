# 2026-03-10 07:30:00 by RouterOS 7.16.2
# system id = 7hUbCHR0wg1
/interface bridge
add name=lo0 protocol-mode=none
/interface wireguard
add listen-port=51820 mtu=1420 name=wg-sites private-key="YEc2wlMv0sWEbm1QhXQmQtRbOsNUxxaXWxxOelDw7mA="
/routing ospf instance
add disabled=no name=backbone-v2 originate-default=always router-id=10.255.0.1
/routing ospf area
add disabled=no instance=backbone-v2 name=backbone
/interface wireguard peers
add allowed-address=10.250.0.2/32,10.2.0.0/16 comment=site-2 interface=wg-sites name=site-2 persistent-keepalive=25s public-key="xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg="
add allowed-address=10.250.0.3/32,10.3.0.0/16 comment=site-3 interface=wg-sites name=site-3 persistent-keepalive=25s public-key="TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0="
/ip address
add address=10.255.0.1/32 interface=lo0 network=10.255.0.1
add address=10.250.0.1/24 interface=wg-sites network=10.250.0.0
/ip dhcp-client
add interface=ether1
/ip firewall filter
add action=accept chain=input connection-state=established,related,untracked
add action=accept chain=input dst-port=51820 protocol=udp
add action=accept chain=input in-interface=wg-sites protocol=ospf
add action=accept chain=input protocol=icmp
add action=drop chain=input in-interface=ether1
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
/routing ospf interface-template
add area=backbone disabled=no interfaces=wg-sites type=ptmp
add area=backbone disabled=no interfaces=lo0 passive
/system identity
set name=wg-hub
