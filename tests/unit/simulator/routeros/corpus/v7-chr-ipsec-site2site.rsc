# 2026-02-11 09:45:30 by RouterOS 7.16.2
# system id = Hq8wq0R2pZk
/interface bridge
add name=lo protocol-mode=none
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=site-b-p1
/ip ipsec peer
add address=203.0.113.50/32 exchange-mode=ike2 name=site-b profile=site-b-p1
/ip ipsec proposal
set [ find default=yes ] enc-algorithms=aes-256-cbc,aes-128-cbc
add auth-algorithms=sha256 enc-algorithms=aes-256-gcm name=site-b-p2 pfs-group=modp2048
/ip address
add address=198.51.100.20/24 interface=ether1 network=198.51.100.0
add address=10.10.0.1/24 interface=ether2 network=10.10.0.0
add address=10.255.255.1/32 interface=lo network=10.255.255.1
/ip dhcp-client
add disabled=yes interface=ether1
/ip firewall filter
add action=accept chain=input connection-state=established,related
add action=accept chain=input dst-port=500,4500 protocol=udp
add action=accept chain=input protocol=ipsec-esp
add action=accept chain=input protocol=icmp
add action=accept chain=input src-address=10.0.0.0/8
add action=drop chain=input in-interface=ether1
add action=accept chain=forward ipsec-policy=in,ipsec
add action=accept chain=forward ipsec-policy=out,ipsec
/ip firewall nat
add action=accept chain=srcnat dst-address=10.20.0.0/24 src-address=10.10.0.0/24
add action=masquerade chain=srcnat out-interface=ether1
/ip ipsec identity
add peer=site-b secret=Sup3rS3cretPSK
/ip ipsec policy
add dst-address=10.20.0.0/24 peer=site-b proposal=site-b-p2 src-address=10.10.0.0/24 tunnel=yes
/ip route
add disabled=no dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=main suppress-hw-offload=no
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set api disabled=yes
set api-ssl disabled=yes
/system identity
set name=site-a-vpn
/system logging
add action=echo topics=ipsec,!packet
