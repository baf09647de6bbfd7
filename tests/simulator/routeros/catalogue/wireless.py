# SPDX-License-Identifier: GPL-3.0-or-later
"""Radios: /interface wireless (the legacy driver), /interface wifi (7.13+) and /caps-man (documented)."""

_IF = 'running:flag=yes slave:flag mac-address:ro actual-mtu:ro l2mtu:ro '
_WIFI_CHANNEL = 'band frequency width skip-dfs-channels reselect-interval reselect-time secondary-frequency deprioritize-unii-3-4'
_WIFI_SECURITY = ('authentication-types passphrase:secret encryption group-encryption group-key-update ft:bool ft-over-ds:bool '
                  'ft-mobility-domain ft-nas-identifier ft-preserve-vlanid ft-r0-key-lifetime ft-reassociation-deadline wps '
                  'management-protection management-encryption eap-methods eap-username eap-password:secret eap-certificate '
                  'eap-anonymous-identity eap-tls-certificate eap-accounting owe-transition-interface disable-pmkid:bool sae-pwe '
                  'sae-max-failure-rate sae-anti-clogging-threshold connect-group connect-priority multi-passphrase-group '
                  'dh-groups')
_WIFI_CONFIG = ('mode ssid country hide-ssid:bool manager chains tx-chains tx-power antenna-gain beacon-interval dtim-period '
                'distance max-clients multicast-enhance qos-classifier installation station-roaming:bool')
_WIFI_DATAPATH = 'bridge bridge-cost bridge-horizon client-isolation:bool interface-list vlan-id traffic-processing openflow-switch'


def _dotted(prefix, names):
    return ' '.join('%s.%s' % (prefix, n) for n in names.split())


_WIFI_INLINE = ' '.join([
    'configuration channel security datapath aaa steering interworking',
    _dotted('configuration', _WIFI_CONFIG), _dotted('channel', _WIFI_CHANNEL), _dotted('security', _WIFI_SECURITY),
    _dotted('datapath', _WIFI_DATAPATH), _dotted('steering', 'neighbor-group rrm:bool wnm:bool 2g-probe-delay'),
    _dotted('aaa', 'called-format calling-format interim-update mac-caching nas-identifier password-format username-format'),
])
_CAPS_CHANNEL = ('frequency band control-channel-width extension-channel tx-power save-selected secondary-frequency '
                 'skip-dfs-channels reselect-interval width')
_CAPS_SECURITY = ('authentication-types encryption group-encryption passphrase:secret eap-methods eap-radius-accounting '
                  'group-key-update tls-mode tls-certificate disable-pmkid')
_CAPS_DATAPATH = ('bridge bridge-cost bridge-horizon client-to-client-forwarding local-forwarding vlan-id vlan-mode '
                  'interface-list l2mtu mtu openflow-switch arp')
_CAPS_RATES = 'basic supported ht-basic-mcs ht-supported-mcs vht-basic-mcs vht-supported-mcs'
_CAPS_CONFIG = ('mode ssid hide-ssid:bool country installation distance max-sta-count multicast-helper tx-chains rx-chains '
                'guard-interval keepalive-frames load-balancing-group hw-retries hw-protection-mode disconnect-timeout '
                'frame-lifetime channel security datapath rates ' + ' '.join([
                    _dotted('channel', _CAPS_CHANNEL), _dotted('security', _CAPS_SECURITY),
                    _dotted('datapath', _CAPS_DATAPATH), _dotted('rates', _CAPS_RATES)]))

MENUS = [
    ('/interface wireless', 'iface=wlan auto=wlan bkey=find:default-name',
     _IF + 'name default-name:ro master-interface mode:enum(station|station-wds|ap-bridge|bridge|alignment-only|nstreme-dual-slave|'
     'wds-slave|station-pseudobridge|station-pseudobridge-clone|station-bridge)=station ssid=MikroTik band channel-width=20mhz '
     'frequency secondary-frequency:v7= country=etsi installation:enum(any|indoor|outdoor)=any wireless-protocol=any '
     'distance=dynamic security-profile=default disabled:bool=yes antenna-gain:int=0 antenna-mode '
     'frequency-mode:enum(manual-txpower|regulatory-domain|superchannel)=regulatory-domain hide-ssid:bool=no '
     'default-authentication:bool=yes default-forwarding:bool=yes wps-mode=push-button basic-rates-b=1Mbps basic-rates-a/g=6Mbps '
     'supported-rates-b=1Mbps,2Mbps,5.5Mbps,11Mbps supported-rates-a/g=6Mbps,9Mbps,12Mbps,18Mbps,24Mbps,36Mbps,48Mbps,54Mbps '
     'rate-set=default tx-power-mode=default tx-power adaptive-noise-immunity=none radio-name scan-list=default mtu=1500 '
     'l2mtu=1600 arp=enabled arp-timeout=auto bridge-mode=enabled multicast-helper=default multicast-buffering=enabled '
     'keepalive-frames=enabled hw-retries:int=7 hw-protection-mode=none hw-protection-threshold:int=0 hw-fragmentation-threshold=disabled '
     'frame-lifetime:int=0 max-station-count:int=2007 station-roaming=disabled wds-mode=disabled wds-default-bridge=none '
     'wds-default-cost:int=100 wds-cost-range=50-150 wds-ignore-ssid:bool=no wmm-support=disabled vlan-mode=no-tag vlan-id:int=1 '
     'skip-dfs-channels=disabled noise-floor-threshold=default periodic-calibration=default periodic-calibration-interval:int=60 '
     'preamble-mode=both guard-interval=any ht-supported-mcs ht-basic-mcs vht-supported-mcs vht-basic-mcs tx-chains rx-chains '
     'amsdu-limit:int=8192 amsdu-threshold:int=8192 ampdu-priorities=0 compression:bool=no default-ap-tx-limit:int=0 '
     'default-client-tx-limit:int=0 disconnect-timeout=3s on-fail-retry-time=100ms update-stats-interval=disabled '
     'allow-sharedkey:bool=no area= interworking-profile=disabled station-bridge-clone-mac=00:00:00:00:00:00 '
     'tdma-period-size:int=2 burst-time=disabled nv2-preshared-key:secret nv2-security=disabled nv2-cell-radius:int=30 '
     'nv2-queue-count:int=2 nv2-qos=default nv2-noise-floor-offset=default nv2-mode=dynamic-downlink nv2-downlink-ratio:int=50 '
     'tx-power-channel=default installation-geo:ro interface-type:ro running-ap:ro'),
    ('/interface wireless security-profiles', 'bkey=default',
     'name mode:enum(none|static-keys-required|static-keys-optional|dynamic-keys)=none authentication-types= '
     'unicast-ciphers=aes-ccm group-ciphers=aes-ccm wpa-pre-shared-key:secret wpa2-pre-shared-key:secret supplicant-identity=MikroTik '
     'eap-methods=passthrough tls-mode=no-certificates tls-certificate=none mschapv2-username= mschapv2-password:secret '
     'group-key-update:time=5m management-protection=disabled management-protection-key:secret radius-mac-authentication:bool=no '
     'radius-mac-accounting:bool=no radius-eap-accounting:bool=no interim-update=0s radius-mac-format=XX:XX:XX:XX:XX:XX '
     'radius-mac-mode=as-username radius-mac-caching=disabled radius-called-format=mac:ssid static-key-0= static-key-1= '
     'static-key-2= static-key-3= static-algo-0=none static-algo-1=none static-algo-2=none static-algo-3=none '
     'static-transmit-key=key-0 static-sta-private-key= static-sta-private-algo=none disable-pmkid:bool=no default:flag',),
    ('/interface wireless access-list', 'ordered',
     'interface=any mac-address=00:00:00:00:00:00 signal-range=-120..120 authentication:bool=yes forwarding:bool=yes '
     'ap-tx-limit:int=0 client-tx-limit:int=0 private-algo=none private-key= private-pre-shared-key:secret '
     'management-protection-key:secret vlan-mode=default vlan-id:int=1 time allow-signal-out-of-range=10s'),
    ('/interface wireless connect-list', 'ordered',
     'interface:req mac-address=00:00:00:00:00:00 connect:bool=yes ssid= area-prefix= security-profile=none '
     'signal-range=-120..120 wireless-protocol=any 3gpp= interworking=any'),
    ('/interface wireless channels', '', 'name:req list= frequency:req width:req band:req extension-channel=disabled'),
    ('/interface wireless cap', 'single',
     'enabled:bool=no interfaces= discovery-interfaces= caps-man-addresses= caps-man-names= '
     'caps-man-certificate-common-names= certificate=none lock-to-caps-man:bool=no static-virtual:bool=no bridge=none '
     'requested-certificate:ro'),
    ('/interface wireless wds', 'iface=wds auto=wds', _IF + 'name master-interface:req wds-address= mtu=1500 l2mtu=1600 arp=enabled'),
    ('/interface wireless nstreme', 'nocomment nodisabled bkey=name',
     'name:ro enable-nstreme:bool=no enable-polling:bool=yes framer-policy=none framer-limit:int=3200 disable-csma:bool=no'),
    ('/interface wireless nstreme-dual', 'iface=nstreme-dual auto=nstreme',
     _IF + 'name tx-radio rx-radio tx-frequency rx-frequency tx-band rx-band remote-mac=00:00:00:00:00:00'),
    ('/interface wireless manual-tx-power-table', 'nocomment nodisabled bkey=name', 'name:ro manual-tx-powers='),
    ('/interface wireless align', 'single',
     'active-mode:bool=yes audio-max=-20 audio-min=-100 audio-monitor=00:00:00:00:00:00 '
     'filter-mac=00:00:00:00:00:00 frame-size:int=300 frames-per-second:int=25 receive-all:bool=no '
     'ssid-all:bool=no'),
    ('/interface wireless snooper', 'single', 'multiple-channels:bool=yes receive-errors:bool=no channel-time=200ms'),
    ('/interface wireless sniffer', 'single',
     'multiple-channels:bool=no channel-time=200ms file-name= file-limit:int=10 memory-limit:int=10 only-headers:bool=no '
     'receive-errors:bool=no streaming-enabled:bool=no streaming-max-rate:int=0 streaming-server=0.0.0.0'),
    ('/interface wireless interworking-profiles', '',
     'name:req asra:bool=no esr:bool=no internet:bool=yes ipv4-availability= ipv6-availability= domain-names= '
     'network-type=wildcard venue=unspecified'),
    ('/interface wireless registration-table', 'ro', 'interface mac-address ap:flag wds:flag uptime signal-strength tx-rate rx-rate last-activity'),
    # RouterOS 7.13+ wifi: the built-in radios are a hand-written view; the profiles keep what was set.
    ('/interface wifi', 'since=7.13',
     _IF + _WIFI_INLINE + ' master-interface mtu=1500 l2mtu=1560 arp=enabled arp-timeout=auto radio-mac:ro inactive:flag bound:flag'),
    ('/interface wifi channel', 'since=7.13 keep', 'name:req ' + _WIFI_CHANNEL),
    ('/interface wifi security', 'since=7.13 keep', 'name:req ' + _WIFI_SECURITY),
    ('/interface wifi configuration', 'since=7.13 keep',
     'name:req ' + _WIFI_CONFIG + ' channel security datapath aaa steering interworking ' + ' '.join([
         _dotted('channel', _WIFI_CHANNEL), _dotted('security', _WIFI_SECURITY), _dotted('datapath', _WIFI_DATAPATH)])),
    ('/interface wifi datapath', 'since=7.13 keep', 'name:req ' + _WIFI_DATAPATH),
    ('/interface wifi aaa', 'since=7.13 keep',
     'name:req called-format calling-format interim-update mac-caching nas-identifier password-format username-format'),
    ('/interface wifi steering', 'since=7.13 keep', 'name:req neighbor-group rrm:bool wnm:bool 2g-probe-delay'),
    ('/interface wifi interworking', 'since=7.13 keep',
     'name:req 3gpp-info authentication-types connection-capabilities domain-names esr:bool hessid hotspot20:bool '
     'hotspot20-dgaf:bool internet:bool ipv4-availability ipv6-availability network-type operational-classes '
     'operator-names realms roaming-ois uesa:bool venue venue-names wan-at-capacity:bool wan-downlink wan-status'),
    ('/interface wifi access-list', 'since=7.13 keep ordered',
     'action:enum(accept|reject|query-radius) interface mac-address mac-address-mask ssid-regexp signal-range time '
     'allow-signal-out-of-range client-isolation:bool vlan-id passphrase:secret radius-accounting:bool multi-passphrase-group '
     'match-count:ro last-logged-in:ro'),
    ('/interface wifi capsman', 'single since=7.13 keep',
     'enabled:bool=no interfaces=all ca-certificate= certificate= package-path= require-peer-certificate:bool=no '
     'upgrade-policy=none generated-ca-certificate:ro generated-certificate:ro'),
    ('/interface wifi cap', 'single since=7.13 keep',
     'enabled:bool=no discovery-interfaces= caps-man-addresses= caps-man-names= caps-man-certificate-common-names= '
     'certificate=none lock-to-caps-man:bool=no slaves-datapath= slaves-static:bool=no current-caps-man-address:ro'),
    ('/interface wifi provisioning', 'since=7.13 keep ordered',
     'action:enum(create-disabled|create-enabled|create-dynamic-enabled|none)=none master-configuration slave-configurations '
     'supported-bands identity-regexp address-ranges radio-mac common-name-regexp name-format slave-name-format'),
    ('/interface wifi registration-table', 'ro since=7.13', 'interface mac-address ssid uptime signal band last-activity'),
    ('/interface wifi radio', 'ro since=7.13', 'radio-mac interface cap bands countries ciphers min-antenna-gain max-vlans'),
    ('/interface wifi remote-cap', 'ro since=7.13', 'identity address board serial version state'),
    ('/interface wifi actual-configuration', 'ro since=7.13', 'name'),
    ('/caps-man manager', 'single',
     'enabled:bool=no certificate=none ca-certificate=none require-peer-certificate:bool=no package-path= upgrade-policy=none '
     'generated-ca-certificate:ro generated-certificate:ro'),
    ('/caps-man manager interface', 'ordered', 'interface:req forbid:bool=no dynamic:flag default:flag'),
    ('/caps-man aaa', 'single',
     'called-format=mac:ssid interim-update=disabled mac-caching=disabled mac-format=XX:XX:XX:XX:XX:XX mac-mode=as-username'),
    ('/caps-man channel', 'nodisabled', 'name:req ' + _CAPS_CHANNEL),
    ('/caps-man security', 'nodisabled', 'name:req ' + _CAPS_SECURITY),
    ('/caps-man datapath', 'nodisabled', 'name:req ' + _CAPS_DATAPATH),
    ('/caps-man rates', 'nodisabled', 'name:req ' + _CAPS_RATES),
    ('/caps-man configuration', 'nodisabled', 'name:req ' + _CAPS_CONFIG),
    ('/caps-man provisioning', 'ordered',
     'action:enum(create-disabled|create-enabled|create-dynamic-enabled|none)=none master-configuration= '
     'slave-configurations= hw-supported-modes= identity-regexp= common-name-regexp= ip-address-ranges= name-format=cap '
     'name-prefix= radio-mac=00:00:00:00:00:00'),
    ('/caps-man access-list', 'ordered',
     'action:enum(accept|reject|query-radius)=accept interface=any mac-address=00:00:00:00:00:00 mac-address-mask= '
     'signal-range= time= ssid-regexp= allow-signal-out-of-range= ap-tx-limit= client-tx-limit= client-to-client-forwarding:bool '
     'private-passphrase:secret radius-accounting:bool vlan-id vlan-mode'),
    ('/caps-man interface', 'key=name',
     'name:req master-interface=none configuration= channel= security= datapath= rates= radio-mac=00:00:00:00:00:00 '
     'mac-address:ro l2mtu:ro running:flag=no master:flag bound:flag inactive:flag dynamic:flag ' + ' '.join([
         _dotted('configuration', 'mode ssid hide-ssid country'), _dotted('channel', _CAPS_CHANNEL),
         _dotted('datapath', 'bridge vlan-id vlan-mode local-forwarding client-to-client-forwarding')])),
    ('/caps-man registration-table', 'ro', 'interface mac-address ssid uptime rx-signal rx-rate tx-rate'),
    ('/caps-man remote-cap', 'ro', 'identity address board serial version state radios'),
    ('/caps-man radio', 'ro', 'radio-mac remote-cap-name remote-cap-identity interface'),
    ('/caps-man actual-interface-configuration', 'ro', 'name channel configuration'),
]

BUILTINS = {
    '/interface wireless security-profiles': ['id=*0 name=default supplicant-identity= default=yes'],
}
