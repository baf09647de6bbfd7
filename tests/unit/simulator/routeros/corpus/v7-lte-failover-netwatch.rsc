# 2026-12-01 10:00:00 by RouterOS 7.16.1
# software id = 2BEV-KK9Q
#
# model = RBwAPR-2nD
# serial number = HC20AB12CD3
/interface bridge
add name=bridge
/interface lte
set [ find default-name=lte1 ] allow-roaming=no band="" name=lte-backup
/interface list
add name=WAN
add name=LAN
/interface lte apn
set [ find default=yes ] ip-type=ipv4 use-network-apn=no
add apn=internet.provider.example default-route-distance=5 name=provider
/ip pool
add name=lan ranges=172.20.1.100-172.20.1.199
/ip dhcp-server
add address-pool=lan interface=bridge name=lan
/interface bridge port
add bridge=bridge interface=ether1
add bridge=bridge interface=wlan1
/interface list member
add interface=lte-backup list=WAN
add interface=bridge list=LAN
/ip address
add address=172.20.1.1/24 interface=bridge network=172.20.1.0
/ip dhcp-server network
add address=172.20.1.0/24 gateway=172.20.1.1
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip route
add check-gateway=ping comment=primary disabled=no distance=1 dst-address=\
    0.0.0.0/0 gateway=172.20.1.254 routing-table=main suppress-hw-offload=no
/system identity
set name=kiosk-12
/system scheduler
add interval=1d name=reboot-nightly on-event="/system reboot" policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    start-date=2026-01-01 start-time=04:30:00
/tool netwatch
add comment="primary uplink" disabled=no down-script=":log warning \"uplink do\
    wn\"\r\
    \n/ip route disable [find comment=primary]" host=1.1.1.1 http-codes="" \
    interval=30s test-script="" type=simple up-script=":log info \"uplink up\"\r\
    \n/ip route enable [find comment=primary]"
