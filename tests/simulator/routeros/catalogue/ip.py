# SPDX-License-Identifier: GPL-3.0-or-later
"""/ip: addressing, DHCP, DNS, firewall, hotspot, IPsec, proxies and services (documented)."""

# Matchers and actions every firewall table shares (beyond the hand-written basics)
FIREWALL = ('icmp-options limit dst-limit connection-limit connection-mark connection-type connection-bytes connection-rate '
            'content dscp fragment:bool hotspot ingress-priority ipv4-options layer7-protocol nth packet-mark packet-size '
            'per-connection-classifier priority psd random routing-mark routing-table:v7 src-address-type dst-address-type '
            'src-mac-address tcp-flags tcp-mss time tls-host ttl p2p:v6 in-bridge-port in-bridge-port-list out-bridge-port '
            'out-bridge-port-list new-dscp new-mss new-priority new-ttl route-dst sniff-id sniff-target sniff-target-port '
            'to-addresses to-ports address-list address-list-timeout jump-target reject-with log:bool=no log-prefix= '
            'passthrough:bool new-connection-mark new-packet-mark new-routing-mark src-address-list dst-address-list '
            'in-interface:if in-interface-list:iflist out-interface:if out-interface-list:iflist protocol src-port dst-port port '
            'connection-state connection-nat-state ipsec-policy src-address dst-address randomise-ports:bool '
            'bytes:ro packets:ro dynamic:flag invalid:flag')
RAW_ACTIONS = 'accept|drop|jump|log|notrack|passthrough|return|add-src-to-address-list|add-dst-to-address-list'

MENUS = [
    ('/ip arp', '', 'status:v7:ro'),
    ('/ip cloud', 'single',
     'ddns-enabled:bool=no update-time:bool=yes ddns-update-interval=none back-to-home-vpn:v7=revoked-and-disabled '
     'public-address:ro public-address-ipv6:ro dns-name:ro status:ro warning:ro vpn-status:v7:ro'),
    ('/ip cloud advanced', 'single', 'use-local-address:bool=no'),
    ('/ip cloud back-to-home-users', 'v7 since=7.12', 'name:req allow-lan:bool=no private-key:secret public-key:ro comment disabled:bool=no'),
    ('/ip dhcp-client', '',
     'dhcp-options=hostname,clientid script= default-route-tables:v7= check-gateway:v7= gateway:ro expires-after:ro '
     'disabled:v6:bool=yes'),
    ('/ip dhcp-client option', 'plain', 'name:req code:int:req value='),
    ('/ip dhcp-relay', '',
     'name:req interface:if:req dhcp-server:req local-address=0.0.0.0 delay-threshold=none add-relay-info:bool=no '
     'relay-info-remote-id= dhcp-server-vrf:v7=main local-address-as-src-ip:v7:bool=no disabled:bool=yes invalid:flag'),
    ('/ip dhcp-server', '',
     'always-broadcast:bool=no conflict-detection:bool=yes delay-threshold=none dhcp-option-set= lease-script= '
     'use-radius=no relay=0.0.0.0 src-address=0.0.0.0 use-framed-as-classless:bool=yes parent-queue=none insert-queue-before=first '
     'address-lists:v7= server-address:v7=0.0.0.0 use-reconfigure:v7:bool=no'),
    ('/ip dhcp-server network', '',
     'caps-manager= wins-server= next-server= boot-file-name= dhcp-option-set='),
    ('/ip dhcp-server lease', '',
     'always-broadcast:bool=no block-access:bool=no lease-time=0s rate-limit= address-lists= dhcp-option= dhcp-option-set= '
     'insert-queue-before=first use-src-mac:bool=no parent-queue=none active-address:ro active-mac-address:ro expires-after:ro '
     'last-seen:ro radius:flag'),
    ('/ip dhcp-server option', 'plain unique=name', 'name:req code:int(1..254):req value= force:v7:bool=no raw-value:ro'),
    ('/ip dhcp-server option sets', 'plain', 'name:req options='),
    ('/ip dhcp-server alert', '', 'interface:if:req alert-timeout=1h valid-server= on-alert= unknown-server:ro'),
    ('/ip dhcp-server config', 'single',
     'store-leases-disk=5m accounting:bool=yes interim-update=0s radius-password=empty store-lease-radius:v7=none'),
    ('/ip dhcp-server matcher', 'v7',
     'name:req server:req code:int:req value:req address-pool=none option-set= matching-type=exact'),
    ('/ip dns', 'single',
     'cache-size:kib=2048KiB use-doh-server= verify-doh-cert:bool=no doh-max-server-connections:int=5 '
     'doh-max-concurrent-queries:int=50 doh-timeout=5s address-list-extra-time:v7=0s vrf:v7=main mdns-repeat-ifaces:v7= '
     'max-concurrent-tcp-sessions:int=20 cache-used:ro=0KiB'),
    ('/ip dns static', '',
     'match-subdomain:bool=no address-list= forward-to mx-preference mx-exchange srv-priority srv-weight srv-port srv-target '
     'ns text cname'),
    ('/ip dns forwarders', 'v7 since=7.14', 'name:req dns-servers= doh-servers= verify-doh-cert:bool=no'),
    ('/ip dns adlist', 'v7 since=7.15', 'url file ssl-verify:bool=yes match-count:ro name-count:ro'),
    ('/ip dns cache', 'ro', 'name type data ttl'),
    ('/ip dns cache all', 'ro', 'name type data ttl'),
    ('/ip firewall filter', '', FIREWALL),
    ('/ip firewall nat', '', FIREWALL),
    ('/ip firewall mangle', '', FIREWALL),
    ('/ip firewall raw', 'ordered',
     'chain:req action:enum(%s):init=accept ' % RAW_ACTIONS + FIREWALL),
    ('/ip firewall address-list', '', 'dynamic:flag'),
    ('/ip firewall layer7-protocol', 'nodisabled', 'name:req regexp='),
    ('/ip firewall service-port', 'bkey=name nocomment', 'name:ro ports:ro sip-direct-media:bool sip-timeout invalid:flag'),
    ('/ip firewall connection', 'ro', 'protocol src-address dst-address reply-src-address reply-dst-address tcp-state timeout'),
    ('/ip firewall connection tracking', 'single',
     'enabled:enum(auto|yes|no)=auto tcp-syn-sent-timeout=5s tcp-syn-received-timeout=5s tcp-established-timeout=1d '
     'tcp-fin-wait-timeout=10s tcp-close-wait-timeout=10s tcp-last-ack-timeout=10s tcp-time-wait-timeout=10s '
     'tcp-close-timeout=10s tcp-max-retrans-timeout=5m tcp-unacked-timeout=5m loose-tcp-tracking:bool=yes '
     'udp-timeout:v6=10s udp-timeout:v7=30s udp-stream-timeout=3m icmp-timeout=10s generic-timeout=10m '
     'max-entries:ro total-entries:ro=0'),
    ('/ip firewall calea', 'ordered', 'chain:req action=sniff-pc sniff-id sniff-target sniff-target-port ' + FIREWALL),
    ('/ip settings', 'single',
     'ip-forward:bool=yes send-redirects:bool=yes accept-source-route:bool=no accept-redirects:bool=no '
     'secure-redirects:bool=yes rp-filter:enum(loose|no|strict)=no tcp-syncookies:bool=no max-neighbor-entries:int=16384 '
     'arp-timeout=30s icmp-rate-limit:int=10 icmp-rate-mask=0x1818 route-cache:bool=yes allow-fast-path:bool=yes '
     'ipv4-multipath-hash-policy:v7=l3 tcp-timestamps:v7=random-offset icmp-errors-use-inbound-interface-address:v7:bool=no '
     'ipv4-fast-path-active:ro=yes ipv4-fast-path-packets:ro=0'),
    ('/ip hotspot', '',
     'name:req interface:if:req address-pool=none profile=default idle-timeout=5m keepalive-timeout=none '
     'login-timeout=none addresses-per-mac=2 disabled:bool=yes HTTPS:flag invalid:flag'),
    ('/ip hotspot profile', 'bkey=default nocomment nodisabled',
     'name:req hotspot-address=0.0.0.0 dns-name= html-directory=hotspot html-directory-override= http-proxy=0.0.0.0:0 '
     'http-cookie-lifetime=3d login-by=cookie,http-chap mac-auth-mode=mac-as-username mac-auth-password= '
     'nas-port-type=wireless-802.11 radius-accounting:bool=yes radius-default-domain= radius-interim-update=received '
     'radius-location-id= radius-location-name= radius-mac-format=XX:XX:XX:XX:XX:XX rate-limit= smtp-server=0.0.0.0 '
     'split-user-domain:bool=no ssl-certificate=none trial-uptime-limit=30m trial-uptime-reset=1d trial-user-profile=default '
     'use-radius:bool=no install-hotspot-queue:bool=no https-redirect:v7:bool=yes default:flag'),
    ('/ip hotspot user profile', 'bkey=default nocomment nodisabled',
     'name:req address-pool=none address-list= idle-timeout=none keepalive-timeout=2m status-autorefresh=1m shared-users=1 '
     'rate-limit= session-timeout=0s mac-cookie-timeout=3d open-status-page=always transparent-proxy:bool=no '
     'add-mac-cookie:bool=yes advertise:bool=no advertise-url= advertise-interval= advertise-timeout=1m on-login= '
     'on-logout= parent-queue=none queue-type=default-small incoming-filter= outgoing-filter= incoming-packet-mark= '
     'outgoing-packet-mark= insert-queue-before=first default:flag'),
    ('/ip hotspot user', 'key=name',
     'name:req password:secret profile=default server=all address=0.0.0.0 mac-address=00:00:00:00:00:00 email= routes= '
     'limit-uptime=0s limit-bytes-in=0 limit-bytes-out=0 limit-bytes-total=0 uptime:ro bytes-in:ro bytes-out:ro dynamic:flag'),
    ('/ip hotspot ip-binding', 'ordered',
     'mac-address=00:00:00:00:00:00 address=0.0.0.0 to-address=0.0.0.0 server=all type:enum(regular|bypassed|blocked)=regular'),
    ('/ip hotspot walled-garden', 'ordered',
     'action:enum(allow|deny)=allow dst-host= dst-port= path= method= server= src-address= dst-address= hits:ro'),
    ('/ip hotspot walled-garden ip', 'ordered',
     'action:enum(accept|drop|reject):init=accept dst-address= dst-address-list= dst-host= dst-port= protocol= server= '
     'src-address= src-address-list= disabled:bool:init=no'),
    ('/ip hotspot service-port', 'bkey=name nocomment', 'name:ro ports:ro'),
    ('/ip hotspot active', 'ro', 'server user address mac-address uptime'),
    ('/ip hotspot cookie', 'ro', 'user mac-address domain expires-in'),
    ('/ip hotspot host', 'ro', 'mac-address address to-address server'),
    ('/ip ipsec profile', 'bkey=default nocomment nodisabled',
     'name:req hash-algorithm=sha1 enc-algorithm:v6=aes-128,3des enc-algorithm:v7=aes-128,aes-192,aes-256 '
     'dh-group:v6=modp2048,modp1024 dh-group:v7=modp2048,modp1024 lifetime=1d proposal-check=obey nat-traversal:bool=yes '
     'dpd-interval=8s dpd-maximum-failures:int=4 lifebytes:int=0 prf-algorithm:v7=auto default:flag'),
    ('/ip ipsec proposal', 'bkey=default',
     'name:req auth-algorithms=sha1 enc-algorithms=aes-256-cbc,aes-192-cbc,aes-128-cbc lifetime=30m '
     'pfs-group=modp1024 default:flag'),
    ('/ip ipsec peer', '',
     'name address profile=default exchange-mode:enum(main|aggressive|base|ike2)=main passive:bool=no '
     'send-initial-contact:bool=yes local-address port:v7=500 dynamic:flag responder:flag'),
    ('/ip ipsec identity', '',
     'peer:req auth-method=pre-shared-key secret:secret generate-policy=no policy-template-group=default mode-config= '
     'my-id=auto remote-id=auto match-by=remote-id certificate= remote-certificate= username= password:secret '
     'notrack-chain= eap-methods=eap-mschapv2 key= remote-key='),
    ('/ip ipsec policy', 'ordered bkey=number',
     'peer src-address=0.0.0.0/0 dst-address=0.0.0.0/0 src-port=any dst-port=any protocol=all '
     'action:enum(discard|encrypt|none)=encrypt level:enum(require|unique|use)=require ipsec-protocols=esp tunnel:bool=no '
     'template:bool=no group=default proposal=default sa-src-address sa-dst-address active:flag dynamic:flag invalid:flag '
     'default:flag ph2-state:ro'),
    ('/ip ipsec policy group', 'bkey=default nodisabled', 'name:req default:flag'),
    ('/ip ipsec mode-config', 'bkey=name nodisabled',
     'name:req responder:bool=no address-pool= address-prefix-length= split-include= split-dns= static-dns= '
     'system-dns:bool=yes src-address-list= connection-mark= use-responder-dns:v7=exclusively'),
    ('/ip ipsec key', 'nodisabled', 'name:req key-size:ro private-key:ro rsa:ro'),
    ('/ip ipsec settings', 'single', 'accounting:bool=yes interim-update=0s xauth-use-radius:bool=no'),
    ('/ip ipsec active-peers', 'ro', 'remote-address local-address state uptime'),
    ('/ip ipsec installed-sa', 'ro', 'spi src-address dst-address state'),
    ('/ip ipsec statistics', 'single ro', 'in-errors'),
    ('/ip kid-control', '',
     'name:req mon= tue= wed= thu= fri= sat= sun= rate-limit= tur-mon= tur-tue= tur-wed= tur-thu= tur-fri= tur-sat= '
     'tur-sun= paused:flag blocked:flag'),
    ('/ip kid-control device', '', 'name:req mac-address= user= rate-limit='),
    ('/ip media', 'v7', 'name:req interface= port:int=9000 path= files= disabled:bool=no'),
    ('/ip nat-pmp', 'single', 'enabled:bool=no'),
    ('/ip nat-pmp interfaces', '', 'interface:if:req type:enum(external|internal):req forced-ip='),
    ('/ip packing', '', 'interface:if:req aggregated-size=1500 packing=simple unpacking=simple'),
    ('/ip pool used', 'ro', 'pool address owner info'),
    ('/ip proxy', 'single',
     'enabled:bool=no src-address=:: port=8080 anonymous:bool=no parent-proxy=:: parent-proxy-port:int=0 '
     'cache-administrator=webmaster max-cache-size=unlimited max-cache-object-size=2048KiB cache-on-disk:bool=no '
     'max-client-connections:int=600 max-server-connections:int=600 max-fresh-time=3d serialize-connections:bool=no '
     'always-from-cache:bool=no cache-hit-dscp:int=4 cache-path=web-proxy'),
    ('/ip proxy access', 'ordered',
     'src-address= dst-address= dst-host= dst-port= local-port= path= method= action:enum(allow|deny)=allow redirect-to= hits:ro'),
    ('/ip proxy cache', 'ordered', 'src-address= dst-address= dst-host= dst-port= path= method= action:enum(allow|deny)=allow'),
    ('/ip proxy direct', 'ordered', 'src-address= dst-address= dst-host= dst-port= path= method= action:enum(allow|deny)=allow'),
    ('/ip proxy connections', 'ro', 'src-address dst-address protocol state'),
    ('/ip route', 'keep:v7',
     'check-gateway type:v6 vrf-interface:v6 bgp-as-path:v6 bgp-local-pref:v6 bgp-med:v6 bgp-communities:v6 '
     'bgp-prepend:v6 route-tag:v6 vrf-interface:v7 '),
    ('/ip route rule', 'v6 ordered',
     'src-address dst-address routing-mark interface action:enum(drop|lookup|lookup-only-in-table|unreachable)=lookup table'),
    ('/ip route vrf', 'v6', 'routing-mark:req interfaces:ifs:req route-distinguisher export-route-targets import-route-targets'),
    ('/ip service', '', 'max-sessions:v7=20 vrf:v7=main tls-version:v7=any'),
    ('/ip smb', 'single',
     'enabled:v6:bool=no enabled:v7:enum(auto|yes|no)=no domain=MSHOME comment=MikrotikSMB allow-guests:bool=yes '
     'interfaces=all'),
    ('/ip smb shares', 'bkey=default key=name',
     'name:req directory= max-sessions:int=10 comment= disabled:bool=no default:flag'),
    ('/ip smb users', 'bkey=default key=name', 'name:req password:secret read-only:bool=yes disabled:bool=no default:flag'),
    ('/ip socks', 'single',
     'enabled:bool=no port:int=1080 connection-idle-timeout=2m max-connections:int=200 version:int=4 '
     'auth-method:v7=none vrf:v7=main'),
    ('/ip socks access', 'ordered',
     'src-address= dst-address= src-port= dst-port= action:enum(allow|deny)=allow'),
    ('/ip socks users', 'v7 plain', 'name:req password:secret'),
    ('/ip ssh', 'single',
     'forwarding-enabled:v6:bool=no forwarding-enabled:v7:enum(no|local|remote|both)=no always-allow-password-login:bool=no '
     'strong-crypto:bool=no allow-none-crypto:bool=no host-key-size:int=2048 host-key-type:v7=rsa'),
    ('/ip tftp', 'ordered',
     'ip-addresses= req-filename= real-filename= allow:bool=yes read-only:bool=yes allow-rollover:bool=no '
     'allow-overwrite:bool=no reading-window-size=none'),
    ('/ip tftp settings', 'single', 'max-block-size:int=4096'),
    ('/ip traffic-flow', 'single',
     'enabled:bool=no interfaces=all cache-entries=4k active-flow-timeout=30m inactive-flow-timeout=15s '
     'packet-sampling:v7:bool=no sampling-interval:v7=0 sampling-space:v7=0'),
    ('/ip traffic-flow target', '',
     'dst-address:req port:int=2055 version=9 src-address=0.0.0.0 v9-template-refresh:int=20 v9-template-timeout=30m'),
    ('/ip traffic-flow ipfix', 'single',
     'bytes:bool=yes dst-address:bool=yes dst-address-mask:bool=yes dst-mac-address:bool=yes dst-port:bool=yes '
     'first-forwarded:bool=yes gateway:bool=yes icmp-code:bool=yes icmp-type:bool=yes igmp-type:bool=yes '
     'in-interface:bool=yes ip-header-length:bool=yes ip-total-length:bool=yes ipv6-flow-label:bool=yes '
     'is-multicast:bool=yes last-forwarded:bool=yes nat-dst-address:bool=yes nat-dst-port:bool=yes '
     'nat-events:bool=no nat-src-address:bool=yes nat-src-port:bool=yes out-interface:bool=yes packets:bool=yes '
     'protocol:bool=yes src-address:bool=yes src-address-mask:bool=yes src-mac-address:bool=yes src-port:bool=yes '
     'sys-init-time:bool=yes tcp-ack-num:bool=yes tcp-flags:bool=yes tcp-seq-num:bool=yes tcp-window-size:bool=yes '
     'tos:bool=yes ttl:bool=yes udp-length:bool=yes'),
    ('/ip upnp', 'single', 'enabled:bool=no allow-disable-external-interface:bool=no show-dummy-rule:bool=yes'),
    ('/ip upnp interfaces', '', 'interface:if:req type:enum(external|internal):req forced-ip= dynamic:flag'),
    ('/ip vrf', 'v7 nocomment', 'name:req interfaces:ifs:req disabled:bool=no'),
    ('/ip neighbor discovery-settings', 'single',
     'discover-interval:v7=30s lldp-med-net-policy-vlan:v7=disabled mode:v7=tx-and-rx protocol:v7=cdp,lldp,mndp '
     'lldp-mac-phy-config:v7:bool=no lldp-max-frame-size:v7:bool=no lldp-poe-power:v7:bool=yes lldp-vlan-info:v7:bool=no'),
    ('/ip reverse-proxy', 'v7 since=7.15', 'name:req server-names= host= url= certificate= disabled:bool=no'),
]

BUILTINS = {
    '/ip hotspot profile': ['id=*1 name=default default=yes'],
    '/ip hotspot user profile': ['id=*0 name=default default=yes'],
    '/ip hotspot service-port': ['id=*1 name=ftp ports=21'],
    '/ip ipsec profile': ['id=*0 name=default default=yes'],
    '/ip ipsec proposal': ['id=*0 name=default default=yes'],
    '/ip ipsec policy group': ['id=*0 name=default default=yes'],
    '/ip ipsec policy': ['id=*0 template=yes group=default default=yes'],
    '/ip ipsec mode-config': ['id=*1 name=request-only'],
    '/ip firewall service-port': [
        'id=*1 name=ftp ports=21', 'id=*2 name=tftp ports=69', 'id=*3 name=irc ports=6667',
        'id=*4 name=h323', 'id=*5 name=sip ports=5060,5061 sip-direct-media=yes sip-timeout=1h', 'id=*6 name=pptp',
        'id=*7 name=udplite', 'id=*8 name=dccp', 'id=*9 name=sctp', 'v7:id=*A name=rtsp ports=554 disabled=yes'],
    '/ip smb shares': ['v6:id=*0 name=pub directory=pub default=yes', 'v7:id=*0 name=pub directory=pub default=yes'],
    '/ip smb users': ['id=*0 name=guest read-only=yes default=yes'],
}
