# SPDX-License-Identifier: GPL-3.0-or-later
"""/system, /tool, /user, /snmp, /ppp, /queue, /radius, /certificate, /container, /port and the rest (documented)."""

_LOG_ACTION = ('name:req target:enum(disk|echo|email|memory|remote|snmp)=memory memory-lines:int=1000 '
               'memory-stop-on-full:bool=no disk-file-name=log disk-lines-per-file:int=1000 disk-file-count:int=2 '
               'disk-stop-on-full:bool=no remember:bool=yes remote=0.0.0.0 remote-port:int=514 src-address=0.0.0.0 '
               'bsd-syslog:bool=no syslog-time-format=bsd-syslog syslog-facility=daemon syslog-severity=auto email-to= '
               'email-start-tls:bool=no remote-protocol:v7=udp remote-log-format:v7=default cef-event-delimiter:v7=\\r\\n '
               'vrf:v7=main default:flag')
_QUEUE = ('limit-at max-limit burst-limit burst-threshold burst-time bucket-size priority queue packet-mark '
          'packet-marks parent')

MENUS = [
    ('/system clock', 'single', 'time-zone-autodetect:bool=yes time-zone-name=manual dst-active:ro=no'),
    ('/system clock manual', 'single', 'time-zone=+00:00 dst-delta=+00:00 dst-start dst-end'),
    ('/system console', '', 'port:req term=vt102 channel:int=0 disabled:bool=no free:flag used:flag'),
    ('/system console screen', 'single', 'blank-interval=10m line-count=25'),
    ('/system health', 'ro', 'name value type'),
    ('/system health settings', 'single v7',
     'cpu-overtemp-check:bool=no cpu-overtemp-startup-delay=1m cpu-overtemp-threshold:int=105 fan-full-speed-temp=65C '
     'fan-target-temp=58C fan-min-speed-percent=0% fan-mode=auto fan-on-threshold=40C fan-switch:bool=no '
     'use-fan=main'),
    ('/system history', 'ro', 'action by policy time'),
    ('/system leds', '',
     'leds= interface= type=interface-activity modem-signal-treshold:int=0 modem-signal-treshold:v7:int=0 '
     'default:flag'),
    ('/system leds settings', 'single', 'all-leds-off=never'),
    ('/system license', 'single ro', 'software-id level features'),
    ('/system logging', 'ordered bkey=number',
     'topics:req action=memory prefix= regex:v7= default:flag invalid:flag'),
    ('/system logging action', 'bkey=number nocomment nodisabled', _LOG_ACTION),
    ('/system ntp client', 'single', 'freq-drift:v7:ro synced-server:v7:ro synced-stratum:v7:ro system-offset:v7:ro'),
    ('/system ntp client servers', 'v7', 'address:req auth-key=none iburst:bool=yes max-poll:int=10 min-poll:int=6 '
     'dynamic:flag'),
    ('/system ntp server', 'single',
     'enabled:bool=no broadcast:bool=no multicast:bool=no manycast:bool=no broadcast-addresses= vrf:v7=main '
     'use-local-clock:v7:bool=no local-clock-stratum:v7:int=5 auth-key:v7=none'),
    ('/system ntp key', 'v7', 'id:int:req key:secret hash=md5'),
    ('/system package update', 'single', 'channel=stable installed-version:ro latest-version:ro status:ro'),
    ('/system resource cpu', 'ro', 'cpu load irq disk'),
    ('/system resource irq', 'ro', 'irq users cpu active-cpu count'),
    ('/system resource usb', 'ro', 'device name vendor speed'),
    ('/system resource pci', 'ro', 'device name vendor category'),
    ('/system routerboard settings', 'single',
     'auto-upgrade:bool=no boot-device=nand-if-fail-then-ethernet boot-protocol=bootp force-backup-booter:bool=no '
     'silent-boot:bool=no protected-routerboot=disabled reformat-hold-button=20s reformat-hold-button-max=10m '
     'boot-os:v7= cpu-frequency= memory-frequency= enter-setup-on=any-key baud-rate:int=115200 preboot-etherboot=disabled '
     'preboot-etherboot-server=any'),
    ('/system routerboard mode-button', 'single', 'enabled:bool=no on-event= hold-time='),
    ('/system routerboard reset-button', 'single', 'enabled:bool=no hold-time=0s..1m on-event='),
    ('/system routerboard wps-button', 'single', 'enabled:bool=no hold-time=0s..1m on-event='),
    ('/system routerboard usb', 'single', 'type=auto usb-mode=automatic'),
    ('/system script environment', 'ro noexport', 'name user value'),
    ('/system script job', 'ro noexport', 'script owner started type'),
    ('/system upgrade', 'ro', 'source version status completed'),
    ('/system upgrade upgrade-package-source', 'plain', 'address:req user= password:secret'),
    ('/system watchdog', 'single',
     'watch-address=none watchdog-timer:bool=yes ping-start-after-boot=5m ping-timeout=1m automatic-supout:bool=yes '
     'auto-send-supout:bool=no send-email-from= send-email-to= send-smtp-server=0.0.0.0'),
    ('/system ups', '',
     'name:req port:req offline-time=0s min-runtime=never alarm-setting=immediate load=0 on-line:flag',),
    ('/system gps', 'single',
     'enabled:bool=no port=serial0 channel:int=0 init-string= set-system-time:bool=no coordinate-format=dd gps-antenna-select=internal'),
    ('/system hardware', 'single v7', 'allow-x86-64-avx512:bool=no'),
    ('/system device-mode', 'single ro v7',
     'mode=enterprise container=no scheduler=yes socks=yes fetch=yes pptp=yes l2tp=yes bandwidth-test=yes traffic-gen=no '
     'sniffer=yes ipsec=yes romon=yes proxy=yes hotspot=yes smb=yes email=yes zerotier=yes'),
    ('/system identity', 'single', ''),
    # ---- /tool ----
    ('/tool bandwidth-server', 'single',
     'enabled:bool=yes authenticate:bool=yes allocate-udp-ports-from:int=2000 max-sessions:int=100'),
    ('/tool bandwidth-server session', 'ro', 'remote-address protocol direction user'),
    ('/tool e-mail', 'single',
     'address:v6=0.0.0.0 server:v7=0.0.0.0 port:int=25 from=<> user= password:secret start-tls:v6:bool=no tls:v7=no vrf:v7=main'),
    ('/tool graphing', 'single', 'store-every=5min page-refresh:int=300'),
    ('/tool graphing interface', '', 'interface=all allow-address=0.0.0.0/0 store-on-disk:bool=yes'),
    ('/tool graphing queue', '', 'simple-queue=all allow-address=0.0.0.0/0 allow-target:bool=yes store-on-disk:bool=yes'),
    ('/tool graphing resource', '', 'allow-address=0.0.0.0/0 store-on-disk:bool=yes'),
    ('/tool mac-server ping', 'single', 'enabled:bool=yes'),
    ('/tool mac-server sessions', 'ro', 'interface src-address uptime'),
    ('/tool netwatch', 'v6', 'host:req interval=1m timeout=1s up-script= down-script= status:ro since:ro'),
    ('/tool netwatch', 'v7 keep',
     'name host:req type:enum(simple|icmp|tcp-conn|http-get|https-get|dns)=simple interval=10s timeout=3s start-delay=3s startup-delay=5m '
     'up-script down-script test-script src-address port http-codes packet-count packet-interval packet-size '
     'thr-avg thr-jitter thr-loss-count thr-loss-percent thr-max thr-stdev thr-http-time thr-tcp-conn-time '
     'accept-icmp-time-exceeded:bool record-type dns-server certificate check-certificate:bool ignore-initial-down:bool '
     'ignore-initial-up:bool status:ro since:ro done-tests:ro failed-tests:ro'),
    ('/tool romon', 'single', 'enabled:bool=no id=00:00:00:00:00:00 secrets='),
    ('/tool romon port', 'bkey=default', 'interface:req forbid:bool=no cost:int=100 secrets= default:flag'),
    ('/tool sms', 'single',
     'port=none allowed-number= secret= channel:int=0 receive-enabled:bool=no sim-pin:v6= auto-erase:bool=no '
     'sms-storage:v7=sim polling:v7:bool=no'),
    ('/tool sms inbox', 'ro', 'phone message timestamp type'),
    ('/tool sms outbox', 'ro', 'phone message'),
    ('/tool sniffer', 'single',
     'file-name= file-limit=1000KiB memory-limit=100KiB memory-scroll:bool=yes only-headers:bool=no '
     'streaming-enabled:bool=no streaming-server=0.0.0.0:37008 filter-interface= filter-mac-address= '
     'filter-mac-protocol= filter-ip-address= filter-ipv6-address= filter-ip-protocol= filter-port= filter-cpu= '
     'filter-size= filter-direction=any filter-stream:bool=no filter-operator-between-entries=or quick-rows:int=20 '
     'quick-show-frame:bool=no running:ro=no'),
    ('/tool traffic-generator', 'single', 'latency-distribution-max=100us measure-out-of-order:bool=no stats-samples-to-keep:int=100 test-id:int=0'),
    ('/tool traffic-generator port', '', 'name:req interface:req'),
    ('/tool traffic-generator packet-template', '', 'name:req header-stack=mac,ip,udp'),
    ('/tool traffic-generator stream', '', 'name:req port:req tx-template:req mbps:int=0 pps:int=0 id:int=0'),
    ('/tool profile', 'ro', 'name cpu usage'),
    ('/tool calea', 'ro', 'name'),
    ('/tool wol', 'ro', 'mac interface'),
    # ---- /user ----
    ('/user active', 'ro noexport', 'name when address via group radius:flag'),
    ('/user aaa', 'single',
     'use-radius:bool=no accounting:bool=yes interim-update=0s default-group=read exclude-groups='),
    ('/user settings', 'single v7', 'minimum-password-length:int=0 minimum-categories:int=0'),
    ('/user ssh-keys', 'nodisabled', 'user:req key= key-owner:ro bits:ro key-type:ro'),
    ('/user ssh-keys private', 'nodisabled', 'user:req key-owner:ro bits:ro'),
    ('/user-manager', 'single v7',
     'enabled:bool=no certificate=none require-message-auth=yes-for-request-resp use-profiles:bool=no '
     'accounting-port:int=1813 authentication-port:int=1812'),
    ('/user-manager user', 'v7', 'name:req password:secret group=default shared-users:int=1 attributes= caller-id= otp-secret:secret'),
    ('/user-manager user group', 'v7 bkey=name', 'name:req outer-auths= inner-auths= attributes='),
    ('/user-manager router', 'v7', 'name:req address:req shared-secret:secret coa-port:int=3799'),
    ('/user-manager profile', 'v7 nodisabled', 'name:req validity=unlimited price:int=0 starts-when=assigned name-for-users= '
                                               'override-shared-users=off'),
    ('/user-manager limitation', 'v7 nodisabled',
     'name:req rate-limit-rx=0 rate-limit-tx=0 rate-limit-min-rx=0 rate-limit-min-tx=0 download-limit:int=0 '
     'upload-limit:int=0 transfer-limit:int=0 uptime-limit=0s reset-counters-interval=disabled'),
    ('/user-manager profile-limitation', 'v7 nodisabled', 'profile:req limitation:req from-time=0s till-time=23h59m59s '
                                                          'weekdays=sunday,monday,tuesday,wednesday,thursday,friday,saturday'),
    ('/user-manager user-profile', 'v7 nodisabled', 'user:req profile:req state:ro'),
    ('/user-manager session', 'v7 ro', 'user nas-ip-address started ended'),
    ('/user-manager database', 'single v7', 'db-path=user-manager'),
    ('/user-manager advanced', 'single v7', 'paypal-allow:bool=no web-private-username= web-private-password:secret'),
    ('/user-manager attribute', 'v7 nodisabled', 'name:req vendor-id:int=0 type-id:int:req value-type=string packet-types=access-accept'),
    # ---- /snmp ----
    ('/snmp', 'single', 'src-address=:: trap-interfaces= vrf:v7=main'),
    ('/snmp community', '', 'authentication-protocol=MD5 encryption-protocol=DES'),
    # ---- /ppp ----
    ('/ppp aaa', 'single',
     'use-radius:bool=no accounting:bool=yes interim-update=0s use-circuit-id-in-nas-port-id:bool=no '
     'enable-ipv6-accounting:v7:bool=no'),
    ('/ppp profile', 'bkey=id nodisabled',
     'name:req local-address= remote-address= bridge= bridge-learning=default bridge-path-cost= bridge-port-priority= '
     'bridge-horizon= incoming-filter= outgoing-filter= address-list= dns-server= wins-server= change-tcp-mss=default '
     'use-upnp=default use-mpls=default use-compression=default use-encryption=default session-timeout= idle-timeout= '
     'rate-limit= only-one=default insert-queue-before=first parent-queue= queue-type= on-up= on-down= '
     'interface-list= remote-ipv6-prefix-pool= dhcpv6-pd-pool= use-ipv6=yes default:flag'),
    ('/ppp secret', 'key=name',
     'name:req password:secret service=any caller-id= profile=default local-address= remote-address= routes= '
     'limit-bytes-in:int=0 limit-bytes-out:int=0 ipv6-routes= remote-ipv6-prefix= last-logged-out:ro last-caller-id:ro'),
    ('/ppp active', 'ro noexport', 'name service caller-id address uptime encoding'),
    ('/ppp l2tp-secret', '', 'address=0.0.0.0/0 secret:secret'),
    # ---- /queue ----
    ('/queue simple', 'ordered auto=queue',
     'name:req target:req dst= parent=none packet-marks= priority=8/8 queue=default-small/default-small '
     'limit-at=0/0 max-limit=0/0 burst-limit=0/0 burst-threshold=0/0 burst-time=0s/0s bucket-size=0.1/0.1 time= '
     'total-queue=default-small total-priority=8 total-limit-at=0 total-max-limit=0 total-burst-limit=0 '
     'total-burst-threshold=0 total-burst-time=0s total-bucket-size=0.1 rate:ro dynamic:flag invalid:flag'),
    ('/queue tree', 'auto=queue',
     'name:req parent:req packet-mark= limit-at=0 queue=default-small priority:int=8 max-limit=0 burst-limit=0 '
     'burst-threshold=0 burst-time=0s bucket-size=0.1 rate:ro invalid:flag'),
    ('/queue type', 'bkey=name nodisabled',
     'name:req kind:enum(bfifo|cake|fq-codel|mq-pfifo|none|pcq|pfifo|red|sfq)=pfifo pfifo-limit:int=50 bfifo-limit:int=15000 '
     'mq-pfifo-limit:int=50 pcq-classifier= pcq-rate=0 pcq-limit=50KiB pcq-total-limit=2000KiB pcq-burst-rate=0 '
     'pcq-burst-threshold=0 pcq-burst-time=10s pcq-src-address-mask:int=32 pcq-dst-address-mask:int=32 '
     'pcq-src-address6-mask:int=128 pcq-dst-address6-mask:int=128 red-limit:int=60 red-min-threshold:int=10 '
     'red-max-threshold:int=50 red-burst:int=20 red-avg-packet:int=1000 sfq-perturb:int=5 sfq-allot:int=1514 '
     'fq-codel-limit:v7:int=10240 fq-codel-quantum:v7:int=1514 fq-codel-target:v7=5ms fq-codel-interval:v7=100ms '
     'fq-codel-flows:v7:int=1024 fq-codel-ecn:v7:bool=yes fq-codel-memlimit:v7=32.0MiB cake-bandwidth:v7=0bps '
     'cake-diffserv:v7=diffserv3 cake-flowmode:v7=triple-isolate cake-nat:v7:bool=no cake-overhead:v7:int=0 '
     'cake-overhead-scheme:v7= cake-rtt:v7=100ms cake-rtt-scheme:v7=none cake-ack-filter:v7=none cake-wash:v7:bool=no '
     'cake-autorate-ingress:v7:bool=no cake-memlimit:v7=0 cake-mpu:v7= cake-atm:v7= default:flag'),
    ('/queue interface', 'nocomment nodisabled bkey=name:interface key=interface', 'interface:ro queue=only-hardware-queue default-queue:ro'),
    # ---- /radius ----
    ('/radius', 'ordered',
     'service:req address:req secret:secret authentication-port:int=1812 accounting-port:int=1813 timeout=300ms '
     'src-address=0.0.0.0 realm= domain= called-id= accounting-backup:bool=no protocol:v7=udp certificate:v7=none '
     'require-message-auth:v7=no vrf:v7=main'),
    ('/radius incoming', 'single', 'accept:bool=no port:int=3799 vrf:v7=main'),
    # ---- /certificate (keys and certificates live in the certificate store, not in /export) ----
    ('/certificate', 'noexport nodisabled',
     'name:req common-name= country= state= locality= organization= unit= subject-alt-name= key-size=2048 '
     'days-valid:int=365 key-usage= trusted:bool=no digest-algorithm=sha256 fingerprint:ro issuer:ro serial-number:ro '
     'invalid-after:ro invalid-before:ro private-key:flag authority:flag crl:flag'),
    ('/certificate crl', 'noexport', 'url:req fingerprint:ro'),
    ('/certificate scep-server', '', 'ca-cert:req path:req days-valid:int=365 next-ca-cert= request-lifetime=5m'),
    ('/certificate settings', 'single',
     'crl-download:bool=no crl-use:bool=no crl-store:v7=ram builtin-trust-anchors:v7=trusted'),
    ('/certificate builtin', 'ro v7', 'name common-name fingerprint'),
    # ---- /container (RouterOS 7) ----
    ('/container', 'v7 nodisabled',
     'remote-image= tag= file= interface:if root-dir= mounts= envlist= cmd= entrypoint= hostname= dns= domain-name= '
     'logging:bool=no start-on-boot:bool=no workdir= user= stop-signal= status:ro name:ro'),
    ('/container config', 'single v7', 'registry-url=https://registry-1.docker.io ram-high=0 tmpdir= username= password:secret layer-dir='),
    ('/container envs', 'v7 plain', 'name:req key:req value='),
    ('/container mounts', 'v7 plain', 'name:req src:req dst:req'),
    # ---- storage, files, ports ----
    ('/disk', 'v7', 'slot type:ro size:ro free:ro fs:ro parent:ro media-sharing:bool=no media-interface=none smb-sharing:bool=no'),
    ('/disk settings', 'single v7', 'auto-smb-sharing:bool=yes auto-smb-user=guest auto-media-sharing:bool=yes auto-media-interface=bridge'),
    ('/file', 'noexport nodisabled nocomment', 'name:req contents= type:ro size:ro creation-time:ro'),
    ('/system backup', 'single noexport', ''),  # save and load: routeros/system_config.py
    ('/partitions', 'ro', 'name fallback-to version running:flag active:flag'),
    ('/port', 'bkey=number nocomment nodisabled',
     'name:req baud-rate=auto data-bits:int=8 parity=none stop-bits:int=1 flow-control=none channels:ro used-by:ro'),
    ('/port remote-access', '',
     'port:req tcp-port:int:req protocol=rfc2217 allowed-addresses=0.0.0.0/0 channel:int=0 log-file= local-address=0.0.0.0'),
    ('/special-login', '', 'user:req port=none channel:int=0'),
    ('/lcd', 'single', 'enabled:bool=no backlight-timeout=30m color-scheme=dark default-screen=informative-slideshow read-only-mode:bool=no '
                       'touch-screen=enabled'),
    ('/dude', 'single v7', 'enabled:bool=no data-directory=dude'),
]

BUILTINS = {
    '/system logging': ['id=*0 topics=info default=yes', 'id=*1 topics=error default=yes',
                        'id=*2 topics=warning default=yes', 'id=*3 topics=critical action=echo default=yes'],
    '/system logging action': ['id=*0 name=memory target=memory default=yes',
                               'id=*1 name=disk target=disk default=yes',
                               'id=*2 name=echo target=echo remember=yes default=yes',
                               'id=*3 name=remote target=remote default=yes'],
    '/ppp profile': ['id=*0 name=default default=yes',
                     'id=*FFFFFFFE name=default-encryption use-encryption=yes default=yes'],
    '/queue type': ['id=*1 name=default kind=pfifo default=yes', 'id=*2 name=ethernet-default kind=pfifo default=yes',
                    'id=*3 name=wireless-default kind=sfq default=yes', 'id=*4 name=synchronous-default kind=red default=yes',
                    'id=*5 name=hotspot-default kind=sfq default=yes',
                    'id=*7 name=pcq-upload-default kind=pcq pcq-classifier=src-address pcq-rate=0 default=yes',
                    'id=*8 name=pcq-download-default kind=pcq pcq-classifier=dst-address pcq-rate=0 default=yes',
                    'id=*9 name=only-hardware-queue kind=none default=yes',
                    'id=*A name=multi-queue-ethernet-default kind=mq-pfifo default=yes',
                    'id=*B name=default-small kind=pfifo pfifo-limit=10 default=yes'],
    '/tool romon port': ['id=*0 interface=all default=yes'],
    '/user-manager user group': ['v7:id=*FFFFFFFF name=default outer-auths=pap,chap,eap-tls,eap-ttls,eap-peap,eap-mschapv2',
                                 'v7:id=*FFFFFFFE name=default-anonymous'],
    '/port': [],
}
