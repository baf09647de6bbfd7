# 2026-12-01 10:00:00 by RouterOS 7.16.1
# system id = aB3dE5fG7hJ
/interface bridge
add name=lo-vpn
/ip ipsec profile
set [ find default=yes ] dpd-interval=2m dpd-maximum-failures=5
/ip ipsec proposal
set [ find default=yes ] enc-algorithms=aes-256-cbc,aes-128-cbc
/ip pool
add name=vpn-pool ranges=10.77.0.10-10.77.0.250
/ppp profile
add dns-server=1.1.1.1 local-address=10.77.0.1 name=vpn remote-address=\
    vpn-pool use-encryption=yes
/interface l2tp-server server
set default-profile=vpn enabled=yes use-ipsec=required
/interface ovpn-server server
set auth=sha256 certificate=server-cert cipher=aes256-cbc default-profile=vpn \
    enabled=yes require-client-certificate=yes
/interface sstp-server server
set certificate=server-cert default-profile=vpn enabled=yes
/ip address
add address=10.77.0.1/32 interface=lo-vpn network=10.77.0.1
/ip dhcp-client
add interface=ether1
/ip firewall filter
add action=accept chain=input dst-port=500,1701,4500 protocol=udp
add action=accept chain=input protocol=ipsec-esp
add action=accept chain=input dst-port=443,1194 protocol=tcp
/ip firewall nat
add action=masquerade chain=srcnat src-address=10.77.0.0/24
/ip ipsec identity
add generate-policy=port-strict peer=road-warriors secret=IpsecPsk2026
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set ssh port=2222
set api disabled=yes
/ppp secret
add name=alice password=alice-pass profile=vpn service=l2tp
add name=bob password=bob-pass profile=vpn
/radius
add address=10.0.0.5 secret=radsecret service=ppp,login
/radius incoming
set accept=yes
/system identity
set name=vpn-concentrator
