# jan/02/1970 00:31:39 by RouterOS 6.38.5
# software id = ABCD-EFGH
#
# model = RB951Ui-2HnD
# serial number = 5A2B03C4D5E6
/interface bridge
add admin-mac=4C:5E:0C:11:22:33 auto-mac=no comment=defconf name=bridge
/interface ethernet
set [ find default-name=ether2 ] name=ether2-master
set [ find default-name=ether3 ] master-port=ether2-master
set [ find default-name=ether4 ] master-port=ether2-master
/interface bridge port
add bridge=bridge comment=defconf interface=ether2-master
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/tool mac-server
set [ find default=yes ] disabled=yes
add interface=bridge
/tool mac-server mac-winbox
set [ find default=yes ] disabled=yes
add interface=bridge
