# SPDX-License-Identifier: GPL-3.0-or-later
"""/routing and /mpls: OSPF, BGP, filters, tables, rules, BFD, RIP, PIM, IGMP proxy (documented).

RouterOS 7's routing menus keep whatever was set (their exports show `disabled=no` and
defaults that were typed), so they are `keep` menus. RouterOS 6 had other menus under the
same names (instance/area/network, bgp instance/peer, a chain-based /routing filter).
"""

_BGP_DOTTED = ('remote.address remote.as remote.port remote.allowed-as remote.ttl local.address local.port local.role '
               'local.ttl input.filter input.limit-process-routes-ipv4 input.limit-process-routes-ipv6 input.accept-nlri '
               'input.accept-communities input.accept-ext-communities input.accept-large-communities input.accept-unknown '
               'input.allow-as input.ignore-as-path-len input.affinity output.filter-chain output.filter-select '
               'output.network output.redistribute output.default-originate output.default-prepend '
               'output.no-client-to-client-reflection output.as-override output.remove-private-as '
               'output.keep-sent-attributes output.affinity output.no-early-cut')
_BGP = ('as router-id address-families hold-time keepalive-time multihop:bool nexthop-choice routing-table vrf use-bfd:bool '
        'cisco-vpls-nlri-len-fmt cluster-id confederation confederation-peers add-path-out save-to templates '
        'tcp-md5-key:secret connect:bool listen:bool instance ' + _BGP_DOTTED)
_V6_FILTER = ('chain:req prefix prefix-length match-chain protocol distance scope target-scope pref-src routing-mark '
              'route-comment route-tag invert-match:bool=no address-family ospf-type bgp-as-path bgp-as-path-length '
              'bgp-weight bgp-local-pref bgp-med bgp-atomic-aggregate bgp-origin bgp-communities locally-originated-bgp '
              'action:enum(accept|discard|jump|log|passthrough|reject|return)=passthrough jump-target set-distance '
              'set-scope set-target-scope set-pref-src set-in-nexthop set-in-nexthop-direct set-out-nexthop '
              'set-route-comment set-bgp-weight set-bgp-local-pref set-bgp-prepend set-bgp-prepend-path set-bgp-med '
              'set-bgp-communities append-bgp-communities set-routing-mark set-check-gateway set-disabled set-type '
              'set-route-tag set-use-te-nexthop')

MENUS = [
    # ---- RouterOS 7 ----
    ('/routing table', 'v7 keep', 'name:req fib:bare comment disabled:bool=no dynamic:flag invalid:flag'),
    ('/routing id', 'v7 keep', 'name:req id select-dynamic-id select-from-vrf disabled:bool=no dynamic-id:ro'),
    ('/routing settings', 'single v7', 'single-process:bool=no'),
    ('/routing rule', 'v7 keep ordered',
     'src-address dst-address routing-mark interface action:enum(drop|lookup|lookup-only-in-table|unreachable) table '
     'min-prefix'),
    ('/routing ospf instance', 'v7 keep',
     'name:req version:int(2..3) vrf router-id redistribute originate-default in-filter-chain out-filter-chain '
     'out-filter-select domain-id domain-tag mpls-te-address mpls-te-area routing-table use-dn:bool'),
    ('/routing ospf area', 'v7 keep',
     'name:req instance:req area-id type:enum(default|nssa|stub) default-cost no-summaries:bare nssa-translator '
     'nssa-propagate:bool'),
    ('/routing ospf area range', 'v7 keep', 'area:req prefix:req advertise:bool cost'),
    ('/routing ospf interface-template', 'v7 keep ordered',
     'area:req interfaces:ifs networks cost priority type:enum(broadcast|nbma|ptp|ptmp|ptp-unnumbered|virtual-link) '
     'auth auth-id auth-key:secret authentication-key hello-interval dead-interval retransmit-interval transmit-delay '
     'instance-id passive:bare prefix-list use-bfd:bool vlink-neighbor-id vlink-transit-area'),
    ('/routing ospf static-neighbor', 'v7 keep', 'area:req address:req instance-id poll-interval'),
    ('/routing ospf interface', 'v7 ro', 'area interface address state cost priority'),
    ('/routing ospf neighbor', 'v7 ro', 'instance area address router-id state adjacency'),
    ('/routing ospf lsa', 'v7 ro', 'instance area type id originator age'),
    ('/routing bgp template', 'v7 keep bkey=name', 'name:req ' + _BGP),
    ('/routing bgp connection', 'v7 keep', 'name:req ' + _BGP),
    ('/routing bgp session', 'v7 ro', 'name remote.address remote.as local.address state uptime established:flag'),
    ('/routing bgp advertisements', 'v7 ro', 'peer dst nexthop as-path'),
    ('/routing bgp vpn', 'v7 keep',
     'name:req vrf:req route-distinguisher import.route-targets import.router-id export.route-targets '
     'export.redistribute export.filter-chain instance label-allocation-policy'),
    ('/routing bgp vpls', 'v7 keep',
     'name:req bridge:req route-distinguisher import-route-targets export-route-targets site-id bridge-horizon '
     'bridge-cost pw-mtu pw-type pw-control-word:bool'),
    ('/routing filter rule', 'v7 keep ordered', 'chain:req rule:req'),
    ('/routing filter select-rule', 'v7 keep ordered', 'chain:req do-group-num do-group-prfx do-take do-where'),
    ('/routing filter num-list', 'v7 keep', 'list:req range:req'),
    ('/routing filter community-list', 'v7 keep', 'list:req communities regexp'),
    ('/routing filter community-ext-list', 'v7 keep', 'list:req communities regexp'),
    ('/routing filter community-large-list', 'v7 keep', 'list:req communities regexp'),
    ('/routing bfd configuration', 'v7 keep ordered',
     'interfaces addresses vrf min-rx min-tx multiplier forbid-bfd:bool'),
    ('/routing bfd session', 'v7 ro', 'remote-address local-address interface state multihop:flag'),
    ('/routing igmp-proxy', 'single', 'query-interval=2m5s query-response-interval=10s quick-leave:bool=no'),
    ('/routing igmp-proxy interface', '', 'interface:if:req alternative-subnets= threshold:int=1 upstream:bool=no'),
    ('/routing igmp-proxy mfc', '', 'group:req source:req upstream-interface:req downstream-interfaces= active:flag'),
    ('/routing pimsm instance', 'v7 keep', 'name:req vrf afi bsm-forward-back:bool crp-advertise-contained:bool rp-hash-mask-length '
                                           'rp-static-override:bool ssm-range switch-to-spt:bool switch-to-spt-bytes switch-to-spt-interval'),
    ('/routing pimsm interface-template', 'v7 keep',
     'instance:req interfaces:ifs hello-delay hello-period join-prune-period join-tracking-support:bool override-interval '
     'priority propagation-delay source-addresses'),
    ('/routing pimsm static-rp', 'v7 keep', 'instance:req address:req group'),
    ('/routing rip instance', 'v7 keep', 'name:req vrf afi redistribute originate-default in-filter-chain out-filter-chain route-timeout '
                                         'route-gc-timeout update-interval'),
    ('/routing rip interface-template', 'v7 keep',
     'instance:req interfaces:ifs mode:enum(passive|strict) cost key-chain poison-reverse:bool split-horizon:bool send receive'),
    ('/routing rip static-neighbor', 'v7 keep', 'instance:req address:req'),
    ('/routing gmp', 'v7 keep', 'interfaces:ifs exclude groups sources'),
    ('/routing nexthop', 'v7 ro', 'address gw-state scope'),
    ('/routing route', 'v7 ro', 'dst-address gateway distance routing-table active:flag'),
    ('/routing stats process', 'v7 ro', 'tasks pid'),
    ('/mpls interface', 'v7', 'interface:req mpls-mtu:int=1508 input:bool=yes info:ro dynamic:flag'),
    ('/mpls settings', 'single v7', 'dynamic-label-range=16-1048575 propagate-ttl:bool=yes allow-fast-path:bool=yes'),
    ('/mpls ldp', 'v7 keep', 'lsr-id transport-addresses vrf afi distribute-for-default:bool hop-limit loop-detect:bool path-vector-limit '
                             'preferred-afi use-explicit-null:bool'),
    ('/mpls ldp interface', 'v7 keep', 'interface:req transport-addresses accept-dynamic-neighbors:bool afi hello-interval hold-time'),
    ('/mpls ldp neighbor', 'v7 ro', 'peer transport state'),
    ('/mpls ldp accept-filter', 'v7 keep ordered', 'prefix neighbor accept:bool vrf'),
    ('/mpls ldp advertise-filter', 'v7 keep ordered', 'prefix neighbor advertise:bool vrf'),
    # ---- RouterOS 6 ----
    ('/routing ospf instance', 'v6 bkey=default',
     'name:req router-id=0.0.0.0 distribute-default=never redistribute-connected=no redistribute-static=no '
     'redistribute-rip=no redistribute-bgp=no redistribute-other-ospf=no metric-default:int=1 metric-connected:int=20 '
     'metric-static:int=20 metric-rip:int=20 metric-bgp=auto metric-other-ospf=auto in-filter=ospf-in out-filter=ospf-out '
     'routing-table= mpls-te-area= mpls-te-router-id= use-dn= domain-id= domain-tag= default:flag'),
    ('/routing ospf area', 'v6 bkey=default',
     'name:req area-id=0.0.0.0 instance=default type:enum(default|nssa|stub)=default default-cost= '
     'inject-summary-lsas translator-role= default:flag invalid:flag'),
    ('/routing ospf area range', 'v6', 'area:req range:req advertise:bool=yes cost=calculated'),
    ('/routing ospf network', 'v6', 'network:req area:req'),
    ('/routing ospf interface', 'v6',
     'interface:req cost:int=10 priority:int=1 authentication=none authentication-key:secret authentication-key-id:int=1 '
     'network-type=default passive:bool=no hello-interval=10s dead-interval=40s retransmit-interval=5s '
     'transmit-delay=1s instance-id:int=0 use-bfd:bool=no'),
    ('/routing ospf nbma-neighbor', 'v6', 'address:req instance=default poll-interval=2m priority:int=0'),
    ('/routing ospf virtual-link', 'v6', 'neighbor-id:req transit-area:req instance=default authentication=none authentication-key:secret'),
    ('/routing ospf neighbor', 'v6 ro', 'instance router-id address interface state'),
    ('/routing ospf lsa', 'v6 ro', 'instance area type id originator age'),
    ('/routing ospf route', 'v6 ro', 'dst-address state cost gateway'),
    ('/routing ospf-v3 instance', 'v6 bkey=default', 'name:req router-id=0.0.0.0 distribute-default=never redistribute-connected=no '
                                                     'redistribute-static=no default:flag'),
    ('/routing ospf-v3 area', 'v6 bkey=default', 'name:req area-id=0.0.0.0 instance=default type=default default:flag'),
    ('/routing ospf-v3 interface', 'v6', 'interface:req area:req cost:int=10 priority:int=1 passive:bool=no network-type=default'),
    ('/routing bgp instance', 'v6 bkey=default',
     'name:req as:int=65530 router-id=0.0.0.0 redistribute-connected:bool=no redistribute-static:bool=no '
     'redistribute-rip:bool=no redistribute-ospf:bool=no redistribute-other-bgp:bool=no out-filter= in-filter= '
     'client-to-client-reflection:bool=yes ignore-as-path-len:bool=no routing-table= confederation= cluster-id= '
     'confederation-peers= default:flag'),
    ('/routing bgp peer', 'v6',
     'name:req instance=default remote-address:req remote-as:req tcp-md5-key:secret nexthop-choice=default '
     'multihop:bool=no route-reflect:bool=no hold-time=3m ttl=default in-filter= out-filter= address-families=ip '
     'default-originate=never remove-private-as:bool=no as-override:bool=no passive:bool=no use-bfd:bool=no '
     'update-source= keepalive-time= allow-as-in= remote-port= max-prefix-limit= max-prefix-restart-time= cisco-vpls-nlri-len-fmt='),
    ('/routing bgp network', 'v6', 'network:req synchronize:bool=yes'),
    ('/routing bgp aggregate', 'v6', 'prefix:req instance=default summary-only:bool=yes inherit-attributes:bool=yes include-igp:bool=no'),
    ('/routing bgp vpnv4-route', 'v6 ro', 'route-distinguisher dst-address gateway'),
    ('/routing filter', 'v6 ordered', _V6_FILTER),
    ('/routing rip', 'single v6',
     'distribute-default=never redistribute-static=no redistribute-connected=no redistribute-ospf=no redistribute-bgp=no '
     'metric-default:int=1 metric-static:int=1 metric-connected:int=1 metric-ospf:int=1 metric-bgp:int=1 update-timer=30s '
     'timeout-timer=3m garbage-timer=2m routing-table=main in-filter=rip-in out-filter=rip-out'),
    ('/routing rip interface', 'v6', 'interface:req send=v2 receive=v2 authentication=none authentication-key:secret passive:bool=no '
                                     'in-prefix-list= out-prefix-list='),
    ('/routing rip network', 'v6', 'network:req'),
    ('/routing rip neighbor', 'v6', 'address:req'),
    ('/routing bfd interface', 'v6', 'interface:req interval=200ms min-rx=200ms multiplier:int=5'),
    ('/routing pim interface', 'v6', 'interface:req protocol=sparse priority:int=1 hello-period=30s'),
    ('/routing pim rp', 'v6', 'address:req group=224.0.0.0/4 priority:int=192'),
    ('/routing prefix-lists', 'v6 ordered', 'chain:req prefix:req prefix-length=0-32 action=accept invert-match:bool=no'),
    ('/mpls', 'single v6', 'dynamic-label-range=16-1048575 propagate-ttl:bool=yes'),
    ('/mpls interface', 'v6', 'interface:req mpls-mtu:int=1508'),
    ('/mpls ldp', 'single v6',
     'enabled:bool=no lsr-id=0.0.0.0 transport-address=0.0.0.0 path-vector-limit:int=255 hop-limit:int=255 '
     'loop-detect:bool=no use-explicit-null:bool=no distribute-for-default-route:bool=no'),
    ('/mpls ldp interface', 'v6', 'interface:req hello-interval=5s hold-time=15s transport-address=0.0.0.0 accept-dynamic-neighbors:bool=yes'),
    ('/mpls ldp neighbor', 'v6', 'transport:req send-targeted:bool=yes'),
]

BUILTINS = {
    '/routing table': ['v7:id=*0 name=main fib=yes dynamic=yes'],
    '/routing bgp template': ['v7:id=*1 name=default'],
    '/routing ospf instance': ['v6:id=*0 name=default default=yes'],
    '/routing ospf area': ['v6:id=*0 name=backbone area-id=0.0.0.0 instance=default default=yes'],
    '/routing ospf-v3 instance': ['v6:id=*0 name=default default=yes'],
    '/routing ospf-v3 area': ['v6:id=*0 name=backbone area-id=0.0.0.0 instance=default default=yes'],
    '/routing bgp instance': ['v6:id=*0 name=default default=yes'],
}
