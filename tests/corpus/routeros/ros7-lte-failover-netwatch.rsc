# 2024-05-30 07:45:19 by RouterOS 7.14.3
# software id = R8WD-6C1F
#
# model = S53UG+5HaxD2HaxD
# serial number = HD1234ABCD5
/interface bridge
add admin-mac=F4:1E:57:01:02:03 auto-mac=no comment=defconf name=bridge
/interface lte
set [ find default-name=lte1 ] allow-roaming=no band="" name=lte-wan sms-read=no
/interface lte apn
set [ find default=yes ] ip-type=ipv4 use-network-apn=no
add apn=internet.telekom authentication=pap name=telekom user=telekom
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=dhcp interface=bridge name=defconf
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
add bridge=bridge comment=defconf interface=ether4
/interface lte settings
set firmware-path=lte mode=auto
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
add interface=lte-wan list=WAN
/interface lte
set lte-wan apn-profiles=telekom
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/ip dhcp-client
add add-default-route=no comment=defconf interface=ether1 use-peer-dns=no
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes servers=9.9.9.9
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" out-interface-list=WAN
/ip route
add comment="probe via fibre" distance=1 dst-address=9.9.9.9/32 gateway=100.64.10.1 scope=10
add check-gateway=ping comment="default via fibre (recursive)" distance=1 dst-address=0.0.0.0/0 gateway=9.9.9.9 \
    target-scope=11
add comment="default via LTE" distance=20 dst-address=0.0.0.0/0 gateway=lte-wan
/queue simple
add max-limit=25M/25M name=lte-cap target=lte-wan
add burst-limit=0/0 limit-at=5M/5M max-limit=50M/100M name=lan-total target=192.168.88.0/24
/system clock
set time-zone-name=Europe/Vienna
/system identity
set name="Hütte LTE"
/system scheduler
add interval=10m name=lte-signal on-event=":local rsrp [/interface lte get [find name=lte-wan] rsrp]\r\
    \n:if ([:len \$rsrp] > 0) do={ :log info (\"lte rsrp \" . \$rsrp) }" policy=read,write,test start-time=startup
/tool netwatch
add comment="fibre up/down" down-script="/ip route disable [find comment=\"default via fibre (recursive)\"]\r\
    \n:log warning \"fibre down, LTE takes over\"" host=9.9.9.9 interval=15s timeout=1s type=simple up-script=\
    "/ip route enable [find comment=\"default via fibre (recursive)\"]\r\
    \n:log info \"fibre back\""
/tool sms
set auto-erase=yes port=lte-wan receive-enabled=yes
