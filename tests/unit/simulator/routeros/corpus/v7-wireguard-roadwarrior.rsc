# 2026-12-01 10:00:00 by RouterOS 7.16.1
# system id = 3kTnSxV0qHw
/interface wireguard
add listen-port=51820 mtu=1420 name=wg-home
add listen-port=13232 mtu=1380 name=wg-s2s
/interface list
add name=WAN
add name=VPN
/interface list member
add interface=ether1 list=WAN
add interface=wg-home list=VPN
add interface=wg-s2s list=VPN
/interface wireguard peers
add allowed-address=10.66.0.2/32 comment=phone interface=wg-home name=peer1 \
    public-key="xZk1mY9Wj5Yc0c6o8m3wq9qS4rW2f7bP1d0Y1Zq4eFs="
add allowed-address=10.66.0.3/32 comment=laptop interface=wg-home name=peer2 \
    persistent-keepalive=25s public-key=\
    "Hf0cS2V7r0aXy1c5pQz8LmN3tK6wE9uB4jR7dA2oYlI="
add allowed-address=10.99.0.0/30,192.168.50.0/24 endpoint-address=\
    vpn.example.net endpoint-port=13232 interface=wg-s2s name=branch \
    persistent-keepalive=25s public-key=\
    "m2QhV8bKf3Lx7Yp0sD4cT9wR1eN6uJ5gA8zO3iP7kEw="
/ip address
add address=10.66.0.1/24 interface=wg-home network=10.66.0.0
add address=10.99.0.1/30 interface=wg-s2s network=10.99.0.0
/ip dhcp-client
add interface=ether1
/ip firewall filter
add action=accept chain=input connection-state=established,related,untracked
add action=drop chain=input connection-state=invalid
add action=accept chain=input comment="allow WireGuard" dst-port=51820,13232 \
    protocol=udp
add action=accept chain=input in-interface-list=VPN
add action=drop chain=input in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add comment=branch disabled=no distance=1 dst-address=192.168.50.0/24 \
    gateway=10.99.0.2 routing-table=main scope=30 suppress-hw-offload=no \
    target-scope=10
/system identity
set name=chr-vpn
/system ntp client
set enabled=yes
/system ntp client servers
add address=time.cloudflare.com
