# SPDX-License-Identifier: GPL-3.0-or-later
"""Less common RouterOS 7 menus: switch-chip QoS and layer-3 offload, bridge MLAG and port extension, IS-IS,
RPKI, the routing and MPLS tables, the traffic monitor, the sniffer's views, proxy statistics, local package
mirrors and ZeroTier. The paths are the manual's; their properties and defaults are written from it but not yet
checked one by one (see the package docstring)."""

MENUS = [
    # ---- bridge: MLAG, 802.1BR port extension, CALEA ----
    ('/interface bridge mlag', 'single v7', 'bridge=none peer-port=none priority:int(0..255)=128 heartbeat=00:00:01'),
    ('/interface bridge port-controller', 'single v7', 'bridge=none cascade-ports= switch=none'),
    ('/interface bridge port-controller device', 'ro v7', 'name cascade-port pcid control-port'),
    ('/interface bridge port-controller port', 'ro v7', 'name pcid device'),
    ('/interface bridge port-extender', 'single v7', 'control-ports= excluded-ports= switch=none'),
    ('/interface bridge calea', 'v7 ordered',
     'chain:req action:enum(sniff|sniff-pc)=sniff sniff-id= sniff-target= sniff-target-port=37008 src-mac-address= '
     'dst-mac-address= mac-protocol= in-interface:if out-interface:if'),
    # ---- switch chip: layer-3 hardware offload and QoS (CRS3xx, CCR2xxx) ----
    ('/interface ethernet switch l3hw-settings', 'single v7',
     'ipv6-hw:bool=no icmp-reply-on-error:bool=yes fasttrack-hw:bool=yes autorestart:bool=no'),
    ('/interface ethernet switch l3hw-settings advanced', 'single v7',
     'route-queue-limit-high:int=256 route-queue-limit-low:int=128 shwp-reset-counter:int=128 partial-offload-chunk:int=16'),
    ('/interface ethernet switch qos map', 'v7 nodisabled', 'name:req'),
    ('/interface ethernet switch qos map ip', 'v7 nodisabled', 'map=default dscp:req profile:req'),
    ('/interface ethernet switch qos profile', 'v7 nodisabled',
     'name:req traffic-class:int(0..7)=0 pcp:int(0..7)=0 dscp:int(0..63)=0 drop-precedence:enum(green|yellow|red)=green'),
    ('/interface ethernet switch qos tx-manager', 'single v7', 'switch=switch1 buffering=auto'),
    ('/interface ethernet switch qos tx-manager queue', 'ro v7', 'name traffic-class schedule weight shared-pool-index'),
    # ---- DHCP server: vendor classes ----
    ('/ip dhcp-server vendor-class-id', 'v7', 'name:req server:req address-pool vid:req'),
    # ---- proxy statistics ----
    ('/ip proxy cache-contents', 'ro', 'uri file-size last-modified last-accessed'),
    ('/ip proxy inserts', 'ro', 'denied no-memory too-large not-cacheable successes errors'),
    ('/ip proxy lookups', 'ro', 'denied expired no-expiration-info non-cacheable not-found successes'),
    ('/ip proxy refreshes', 'ro', 'server client'),
    # ---- IS-IS (7.13+) and RPKI ----
    ('/routing isis instance', 'v7 since=7.13 keep',
     'name:req afi=ip,ipv6 areas system-id areas-l1 lsp-lifetime=20m lsp-refresh-interval=15m vrf=main '
     'l1.originate-default l2.originate-default l1.redistribute l2.redistribute l1.in-filter-chain l2.in-filter-chain'),
    ('/routing isis interface-template', 'v7 since=7.13 keep',
     'instance:req interfaces levels=l1,l2 ptp:bool=no passive:bool=no l1.hello-interval=10s l2.hello-interval=10s '
     'l1.metric:int=10 l2.metric:int=10 l1.priority:int=64 l2.priority:int=64'),
    ('/routing isis lsp', 'ro v7 since=7.13', 'instance level lsp-id sequence lifetime'),
    ('/routing isis neighbor', 'ro v7 since=7.13', 'instance interface level system-id state'),
    ('/routing rpki', 'v7 keep',
     'group:req address:req port:int=8282 vrf=main refresh-interval:int=20 retry-interval:int=600 expire-interval:int=7200 '
     'preference:int=0 src-address'),
    ('/routing rpki session', 'ro v7', 'group address state'),
    # ---- routing, PIM and RIP state ----
    ('/routing stats memory', 'ro v7', 'process used'),
    ('/routing stats origin', 'ro v7', 'name count'),
    ('/routing stats step', 'ro v7', 'name count'),
    ('/routing pimsm neighbor', 'ro v7', 'instance interface address uptime'),
    ('/routing pimsm interface', 'ro v7', 'instance interface address designated-router'),
    ('/routing pimsm bsr', 'ro v7', 'instance address priority'),
    ('/routing rip neighbor', 'ro v7', 'instance address interface'),
    ('/routing rip route', 'ro v7', 'instance dst-address gateway metric'),
    ('/routing bfd neighbor', 'ro v7', 'address interface state'),
    # ---- MPLS tables ----
    ('/mpls forwarding-table', 'ro v7', 'label vrf prefix nexthops bytes packets'),
    ('/mpls ldp local-mapping', 'ro v7', 'vrf dst-address label'),
    ('/mpls ldp remote-mapping', 'ro v7', 'vrf dst-address label nexthop peer'),
    # ---- packages from a local mirror ----
    ('/system package local-update mirror', 'single v7',
     'enabled:bool=no primary-server=0.0.0.0 secondary-server=0.0.0.0 check-interval=1d user= password:secret='),
    ('/system package local-update update-package-source', 'v7', 'address:req user= password:secret='),
    # ---- tools ----
    ('/tool traffic-monitor', 'v7',
     'name:req interface:if:req traffic:enum(received|transmitted)=transmitted trigger:enum(above|always|below)=above '
     'threshold:int=0 on-event='),
    ('/tool sniffer host', 'ro', 'address rate peek-rate total'),
    ('/tool sniffer connection', 'ro', 'src-address dst-address bytes resends mss'),
    ('/tool sniffer packet', 'ro', 'time interface direction src-address dst-address protocol size'),
    ('/tool sniffer protocol', 'ro', 'protocol ip-protocol port packets bytes'),
    ('/certificate scep-server otp', 'v7', 'ca:req password:secret expires-after=1h'),
    ('/certificate scep-server requests', 'ro v7', 'ca state fingerprint'),
    # ---- ZeroTier (its own package) ----
    ('/zerotier', 'v7 nodisabled', 'name:req identity:ro interfaces=all port:int=9993 route-distance:int=1'),
    ('/zerotier interface', 'v7', 'name:req network:req instance:req allow-managed:bool=yes allow-global:bool=no '
     'allow-default:bool=no allow-dns:bool=no'),
    ('/zerotier controller', 'v7', 'name:req instance:req network:req private:bool=yes ip-range= routes= mtu:int=2800'),
    ('/zerotier controller member', 'v7', 'network:req zt-address:req authorized:bool=no ip-address= name='),
]
