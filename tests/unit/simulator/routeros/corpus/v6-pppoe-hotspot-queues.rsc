# jan/15/2026 08:30:12 by RouterOS 6.49.10
# software id = XK7D-2LPA
#
# model = RB2011UiAS
# serial number = 4B6A02AFC3D1
/interface bridge
add name=bridge-hs
/interface ethernet
set [ find default-name=ether1 ] comment="FTTH ONT"
/interface pppoe-client
add add-default-route=yes disabled=no interface=ether1 keepalive-timeout=60 \
    name=pppoe-out1 password=s3cr3t use-peer-dns=yes user=cafe@isp.example
/interface list
add name=WAN
/ip hotspot profile
set [ find default=yes ] html-directory=flash/hotspot
add dns-name=login.cafe.example hotspot-address=10.5.50.1 html-directory=\
    flash/hotspot login-by=http-chap,trial name=hsprof1 trial-uptime-limit=15m
/ip hotspot user profile
set [ find default=yes ] shared-users=2
add name=day-pass rate-limit=2M/4M session-timeout=1d
/ip pool
add name=hs-pool-14 ranges=10.5.50.2-10.5.50.254
/ip dhcp-server
add address-pool=hs-pool-14 disabled=no interface=bridge-hs lease-time=1h \
    name=dhcp1
/ip hotspot
add address-pool=hs-pool-14 disabled=no interface=bridge-hs name=hotspot1 \
    profile=hsprof1
/ppp profile
set *0 only-one=yes
/queue type
add kind=pcq name=pcq-down pcq-classifier=dst-address pcq-rate=3M
add kind=pcq name=pcq-up pcq-classifier=src-address pcq-rate=1M
/queue simple
add max-limit=20M/50M name=total-hotspot queue=pcq-up/pcq-down target=\
    10.5.50.0/24
add limit-at=1M/1M max-limit=5M/10M name=staff parent=total-hotspot target=\
    10.5.50.2/32
/interface bridge port
add bridge=bridge-hs interface=ether3
add bridge=bridge-hs interface=ether4
add bridge=bridge-hs interface=wlan1
/interface list member
add interface=pppoe-out1 list=WAN
/ip address
add address=10.5.50.1/24 interface=bridge-hs network=10.5.50.0
/ip dhcp-server network
add address=10.5.50.0/24 comment="hotspot network" gateway=10.5.50.1
/ip dns
set allow-remote-requests=yes
/ip firewall filter
add action=passthrough chain=unused-hs-chain comment=\
    "place hotspot rules here" disabled=yes
/ip firewall nat
add action=passthrough chain=unused-hs-chain comment=\
    "place hotspot rules here" disabled=yes
add action=masquerade chain=srcnat comment="masquerade hotspot network" \
    src-address=10.5.50.0/24
add action=masquerade chain=srcnat out-interface-list=WAN
/ip hotspot user
add name=admin password=changeme
add name=guest1 password=welcome profile=day-pass
/ip hotspot walled-garden
add dst-host=*.cafe.example
add dst-host=pay.example.com
/ip hotspot walled-garden ip
add action=accept disabled=no dst-address=203.0.113.10
/system clock
set time-zone-name=Africa/Johannesburg
/system identity
set name=cafe-gw
/system ntp client
set enabled=yes primary-ntp=196.4.160.4
