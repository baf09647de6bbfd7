# SPDX-License-Identifier: GPL-3.0-or-later
"""The order of /export's sections. RouterOS writes what other items refer to first (interfaces,
profiles, pools, servers, tables), then the rest of the configuration (inferred from exports)."""

from functools import lru_cache

OBJECTS = '''
/caps-man channel
/interface bridge
/interface ethernet
/interface wireless
/interface wifi aaa
/interface wifi channel
/interface wifi datapath
/interface wifi interworking
/interface wifi security
/interface wifi steering
/interface wifi configuration
/interface wifi
/interface eoip
/interface eoipv6
/interface gre
/interface gre6
/interface ipip
/interface ipipv6
/interface 6to4
/interface l2tp-ether
/interface lte
/interface veth
/interface vpls
/interface wireguard
/interface wireless wds
/interface wireless nstreme
/interface wireless nstreme-dual
/interface wireless manual-tx-power-table
/interface bonding
/interface vlan
/interface macvlan
/interface macsec
/interface vrrp
/interface vxlan
/interface pppoe-client
/interface l2tp-client
/interface ovpn-client
/interface ppp-client
/interface ppp-server
/interface pptp-client
/interface sstp-client
/interface list
/interface lte apn
/interface lte settings
/interface macsec profile
/interface wireless channels
/interface wireless interworking-profiles
/interface wireless security-profiles
/interface wireless align
/interface wireless sniffer
/interface wireless snooper
/caps-man datapath
/caps-man rates
/caps-man security
/caps-man configuration
/caps-man interface
/disk
/ip dhcp-client option
/ip dhcp-server option
/ip dhcp-server option sets
/ip firewall layer7-protocol
/ip hotspot profile
/ip hotspot user profile
/ip ipsec mode-config
/ip ipsec policy group
/ip ipsec profile
/ip ipsec peer
/ip ipsec proposal
/ip kid-control
/ip pool
/ip dhcp-server
/ip hotspot
/ip smb users
/ip vrf
/ipv6 dhcp-client option
/ipv6 dhcp-server option
/ipv6 dhcp-server option sets
/ipv6 pool
/ipv6 dhcp-server
/port
/ppp profile
/queue type
/queue interface
/queue simple
/queue tree
/routing table
/routing id
/routing bgp template
/routing bgp instance
/routing ospf instance
/routing ospf area
/routing isis instance
/routing ospf-v3 instance
/routing ospf-v3 area
/routing pimsm instance
/routing rip instance
/snmp community
/system logging action
/system script
/user group
/user-manager user group
/user-manager limitation
/user-manager profile
/certificate scep-server
/certificate scep-server otp
/container mounts
/container envs
/container config
/container
'''

SETTINGS = '''
/interface bridge port
/interface bridge settings
/interface bridge filter
/interface bridge nat
/interface bridge mdb
/interface bridge msti
/interface bridge mlag
/interface bridge port-controller
/interface bridge port-extender
/interface bridge calea
/interface bridge host
/interface ethernet switch
/interface ethernet switch port
/interface ethernet switch port-isolation
/interface ethernet switch qos
/interface ethernet switch qos map
/interface ethernet switch qos map ip
/interface ethernet switch qos profile
/interface ethernet switch qos tx-manager
/interface ethernet switch l3hw-settings
/interface ethernet switch l3hw-settings advanced
/interface ethernet poe
/ip firewall connection tracking
/ip neighbor discovery-settings
/ip settings
/ipv6 settings
/interface bridge vlan
/interface detect-internet
/interface dot1x client
/interface dot1x server
/interface ethernet switch host
/interface ethernet switch rule
/interface ethernet switch vlan
/interface l2tp-server
/interface l2tp-server server
/interface list member
/interface ovpn-server
/interface ovpn-server server
/interface pppoe-server
/interface pppoe-server server
/interface pptp-server
/interface pptp-server server
/interface sstp-server
/interface sstp-server server
/interface vxlan vteps
/interface wifi access-list
/interface wifi cap
/interface wifi capsman
/interface wifi provisioning
/interface wireguard peers
/interface wireless access-list
/interface wireless cap
/interface wireless connect-list
/caps-man aaa
/caps-man access-list
/caps-man manager
/caps-man manager interface
/caps-man provisioning
/certificate settings
/disk settings
/ip address
/ip arp
/ip cloud
/ip cloud advanced
/ip cloud back-to-home-users
/ip dhcp-client
/ip dhcp-relay
/ip dhcp-server alert
/ip dhcp-server config
/ip dhcp-server lease
/ip dhcp-server matcher
/ip dhcp-server network
/ip dhcp-server vendor-class-id
/ip dns
/ip dns adlist
/ip dns forwarders
/ip dns static
/ip firewall address-list
/ip firewall calea
/ip firewall filter
/ip firewall mangle
/ip firewall nat
/ip firewall raw
/ip firewall service-port
/ip hotspot ip-binding
/ip hotspot service-port
/ip hotspot user
/ip hotspot walled-garden
/ip hotspot walled-garden ip
/ip ipsec identity
/ip ipsec key
/ip ipsec policy
/ip ipsec settings
/ip kid-control device
/ip media
/ip nat-pmp
/ip nat-pmp interfaces
/ip packing
/ip proxy
/ip proxy access
/ip proxy cache
/ip proxy direct
/ip reverse-proxy
/ip route
/ip route rule
/ip route vrf
/ip service
/ip smb
/ip smb shares
/ip socks
/ip socks access
/ip socks users
/ip ssh
/ip tftp
/ip tftp settings
/ip traffic-flow
/ip traffic-flow ipfix
/ip traffic-flow target
/ip upnp
/ip upnp interfaces
/ipv6 address
/ipv6 dhcp-client
/ipv6 dhcp-relay
/ipv6 dhcp-server binding
/ipv6 firewall address-list
/ipv6 firewall filter
/ipv6 firewall mangle
/ipv6 firewall nat
/ipv6 firewall raw
/ipv6 nd
/ipv6 nd prefix
/ipv6 nd prefix default
/ipv6 route
/mpls
/mpls interface
/mpls ldp
/mpls ldp accept-filter
/mpls ldp advertise-filter
/mpls ldp interface
/mpls ldp neighbor
/mpls settings
/port remote-access
/ppp aaa
/ppp l2tp-secret
/ppp secret
/radius
/radius incoming
/routing bfd configuration
/routing bfd interface
/routing bgp aggregate
/routing bgp connection
/routing bgp network
/routing bgp peer
/routing bgp vpls
/routing bgp vpn
/routing filter
/routing filter community-ext-list
/routing filter community-large-list
/routing filter community-list
/routing filter num-list
/routing filter rule
/routing filter select-rule
/routing gmp
/routing igmp-proxy
/routing igmp-proxy interface
/routing igmp-proxy mfc
/routing isis interface-template
/routing ospf area range
/routing ospf interface
/routing ospf interface-template
/routing ospf nbma-neighbor
/routing ospf network
/routing ospf static-neighbor
/routing ospf virtual-link
/routing ospf-v3 interface
/routing pim interface
/routing pim rp
/routing pimsm interface-template
/routing pimsm static-rp
/routing prefix-lists
/routing rip
/routing rip interface
/routing rip interface-template
/routing rip neighbor
/routing rip network
/routing rip static-neighbor
/routing rule
/routing rpki
/routing settings
/snmp
/special-login
/system clock
/system clock manual
/system console
/system console screen
/system gps
/system hardware
/system health settings
/system identity
/system lcd
/lcd
/system leds
/system leds settings
/system logging
/system note
/system ntp client
/system ntp key
/system ntp server
/system ntp client servers
/system package update
/system package local-update mirror
/system package local-update update-package-source
/system routerboard settings
/system routerboard mode-button
/system routerboard reset-button
/system routerboard usb
/system routerboard wps-button
/system scheduler
/system upgrade upgrade-package-source
/system ups
/system watchdog
/tool bandwidth-server
/tool e-mail
/tool graphing
/tool graphing interface
/tool graphing queue
/tool graphing resource
/tool mac-server
/tool mac-server mac-winbox
/tool mac-server ping
/tool netwatch
/tool romon
/tool romon port
/tool sms
/tool sniffer
/tool traffic-monitor
/tool traffic-generator
/tool traffic-generator port
/tool traffic-generator packet-template
/tool traffic-generator stream
/user aaa
/user settings
/user ssh-keys
/user-manager
/user-manager advanced
/user-manager attribute
/user-manager database
/user-manager router
/user-manager user
/user-manager user-profile
/user-manager profile-limitation
/dude
/zerotier
/zerotier interface
/zerotier controller
/zerotier controller member
'''


@lru_cache(maxsize=1)
def export_order():
    """Every exported path, in the order /export writes them."""
    return tuple(line for line in (OBJECTS + SETTINGS).splitlines() if line.strip())
