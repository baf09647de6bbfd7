# SPDX-License-Identifier: GPL-3.0-or-later
"""Console scripts: paths, commands, find/where, variables, control flow and RouterOS's error texts."""

import pytest

from tests.simulator.routeros import Router


def fresh(version='7.16.2', model='RB5009UG+S+'):
    return Router.default(model=model, version=version, identity='r1', serial='C0FFEE', seed=1)


# (script, expected output) on a factory-default RB5009 running 7.16.2
OUTPUT = [
    (':put "x"', 'x'),
    (':put [/system identity get name]', 'r1'),
    ('/system identity set name="new name"; :put [/system identity get name]', 'new name'),
    ('/system identity\nset name=rel\n:put [get name]', 'rel'),
    ('/system\nidentity set name=nested\n:put [identity get name]', 'nested'),
    ('/ip/address/add address=10.1.0.1/24 interface=ether3\n:put [/ip/address/get [find interface=ether3] network]', '10.1.0.0'),
    ('/ip address add address=10.1.0.1/24 interface=ether3 network=10.1.0.0\n:put [:len [/ip address find]]', '3'),
    ('/ip address\nadd address=10.2.0.1/30 interface=ether4\n/interface\n:put [:len [find]]', '10'),
    ('/ip address add address=10.3.0.1 interface=ether4; :put [/ip address get [find interface=ether4] address]', '10.3.0.1/32'),
    (':put [/ip address get [find comment=defconf] interface]', 'bridge'),
    (':put [/ip address get [find where comment~"^def"] address]', '192.168.88.1/24'),
    (':put [:len [/ip address find where dynamic]]', '1'),
    (':put [:len [/ip address find where !dynamic]]', '1'),
    (':put [:len [/ip address find where dynamic=yes]]', '1'),
    (':put [:len [/ip address find where dynamic=no and interface=bridge]]', '1'),
    (':put [:len [/ip address find where interface=bridge or interface=ether1]]', '2'),
    (':put [:len [/ip address find where not (interface=bridge)]]', '1'),
    (':put [:len [/ip address find where address in 192.168.0.0/16]]', '1'),
    (':put [:len [/ip firewall filter find where chain=input]]', '5'),
    (':put [:len [/ip firewall filter find chain=forward action=drop]]', '2'),
    (':put [/ip firewall filter get [find where comment~"ICMP"] protocol]', 'icmp'),
    (':put [/interface get [find default-name=ether1] name]', 'ether1'),
    ('/interface ethernet set [ find default-name=ether1 ] name=wan\n:put [/interface list member get [find list=WAN] interface]', 'wan'),
    ('/interface ethernet set [ find default-name=ether1 ] comment="uplink"\n:put [/interface get ether1 comment]', 'uplink'),
    ('/interface set ether2 disabled=yes\n:put [/interface get ether2 disabled]', 'true'),
    ('/interface disable ether2\n:put [/interface get ether2 running]', 'false'),
    ('/interface disable ether2\n/interface enable ether2\n:put [/interface get ether2 disabled]', 'false'),
    (':put [/interface get bridge type]', 'bridge'),
    (':put [/interface get ether1 type]', 'ether'),
    (':put [/interface get sfp-sfpplus1 running]', 'false'),
    (':put [/interface bridge get bridge auto-mac]', 'false'),
    (':put [:len [/interface bridge port find bridge=bridge]]', '8'),
    ('/interface vlan add interface=bridge name=vlan10 vlan-id=10\n:put [/interface vlan get vlan10 vlan-id]', '10'),
    ('/interface vlan add interface=bridge vlan-id=20\n:put [/interface vlan get vlan1 vlan-id]', '20'),
    ('/interface bridge add name=br2\n:put [/interface bridge get br2 protocol-mode]', 'rstp'),
    ('/interface list add name=MGMT\n/interface list member add list=MGMT interface=ether8\n:put [:len [/interface list member find list=MGMT]]', '1'),
    (':put [/ip dns get allow-remote-requests]', 'true'),
    ('/ip dns set servers=1.1.1.1,8.8.8.8\n:put [/ip dns get servers]', '1.1.1.1;8.8.8.8'),
    ('/ip dns static add name=nas.lan address=192.168.88.10\n:put [/ip dns static get [find name=nas.lan] type]', 'A'),
    (':put [/ip pool get default-dhcp ranges]', '192.168.88.10-192.168.88.254'),
    (':put [/ip dhcp-server get defconf address-pool]', 'default-dhcp'),
    # get hands over a time value, which prints in clock form
    (':put [/ip dhcp-server get defconf lease-time]', '00:30:00'),
    (':put [/ip dhcp-server network get [find] gateway]', '192.168.88.1'),
    ('/ip dhcp-server lease add address=192.168.88.50 mac-address=aa:bb:cc:dd:ee:ff server=defconf\n'
     ':put [/ip dhcp-server lease get [find where !dynamic] mac-address]', 'AA:BB:CC:DD:EE:FF'),
    (':put [/ip dhcp-server lease get [find dynamic] host-name]', 'laptop'),
    (':put [/ip arp get [find where DHCP] address]', '192.168.88.254'),
    (':put [/ip dhcp-client get [find] interface]', 'ether1'),
    (':put [/ip dhcp-client get [find] status]', 'bound'),
    (':put [:len [/ip route find where dynamic]]', '3'),
    ('/ip route add gateway=10.0.0.1 distance=5\n:put [/ip route get [find where static] distance]', '5'),
    ('/ip route add dst-address=10.9.9.9/8 gateway=bridge\n:put [/ip route get [find where static] dst-address]', '10.0.0.0/8'),
    ('/ip address add address=10.77.0.1/24 interface=ether5\n:put [:len [/ip route find where dst-address=10.77.0.0/24]]', '1'),
    ('/ip address add address=10.77.0.1/24 interface=ether5 disabled=yes\n:put [:len [/ip route find where dst-address=10.77.0.0/24]]', '0'),
    ('/ip address add address=10.77.0.1/24 interface=ether5\n/ip address remove [find interface=ether5]\n'
     ':put [:len [/ip route find where dst-address=10.77.0.0/24]]', '0'),
    (':put [:len [/ip arp find where dynamic]]', '2'),
    ('/ip arp add address=192.168.88.20 mac-address=00:11:22:33:44:55 interface=bridge\n:put [:len [/ip arp find]]', '3'),
    ('/ip firewall address-list add list=blocked address=203.0.113.0/24\n:put [/ip firewall address-list get [find list=blocked] address]',
     '203.0.113.0/24'),
    ('/ip firewall address-list add list=hosts address=example.com\n:put [/ip firewall address-list get [find] address]', 'example.com'),
    ('/ip firewall nat add chain=dstnat action=dst-nat protocol=tcp dst-port=443 to-addresses=192.168.88.10 to-ports=443\n'
     ':put [/ip firewall nat get [find chain=dstnat] to-addresses]', '192.168.88.10'),
    ('/ip firewall mangle add chain=prerouting action=mark-connection new-connection-mark=voip passthrough=yes\n'
     ':put [/ip firewall mangle get [find] new-connection-mark]', 'voip'),
    ('/ip firewall filter add chain=input action=drop src-address=198.51.100.0/24 place-before=0\n'
     ':put [/ip firewall filter get [:pick [find] 0] src-address]', '198.51.100.0/24'),
    ('/ip firewall filter add chain=input action=accept comment=last\n/ip firewall filter move [find comment=last] 0\n'
     ':put [/ip firewall filter get [:pick [find] 0] comment]', 'last'),
    ('/ip firewall filter remove [find]\n:put [:len [/ip firewall filter find]]', '0'),
    ('/ip firewall filter disable [find chain=forward]\n:put [:len [/ip firewall filter find disabled]]', '6'),
    (':put [/ip service get telnet port]', '23'),
    ('/ip service set telnet disabled=yes\n:put [/ip service get telnet disabled]', 'true'),
    ('/ip service disable ftp,www\n:put [:len [/ip service find disabled]]', '3'),
    ('/ip service set ssh port=2222\n:put [/ip service get ssh port]', '2222'),
    (':put [/user get admin group]', 'full'),
    ('/user add name=ops group=read password=secret\n:put [/user get ops group]', 'read'),
    ('/user group add name=noc policy=read,test,winbox\n:put [/user group get noc policy]', 'read,test,winbox'),
    ('/snmp set enabled=yes contact="noc@example.com" location="Rack 4"\n:put [/snmp get location]', 'Rack 4'),
    ('/snmp community add name=monitor addresses=10.0.0.0/8\n:put [:len [/snmp community find]]', '2'),
    ('/system clock set time-zone-name=Africa/Johannesburg\n:put [/system clock get time-zone-name]', 'Africa/Johannesburg'),
    ('/system ntp client set enabled=yes servers=pool.ntp.org\n:put [/system ntp client get servers]', 'pool.ntp.org'),
    ('/system script add name=hello source=":put hi"\n/system script run hello', 'hi'),
    ('/system scheduler add name=tick interval=5m on-event=":log info tick"\n:put [/system scheduler get tick interval]', '00:05:00'),
    (':put [/system resource get board-name]', 'RB5009UG+S+'),
    (':put [/system resource get architecture-name]', 'arm64'),
    (':put [/system routerboard get model]', 'RB5009UG+S+'),
    (':put [/system routerboard get serial-number]', 'C0FFEE'),
    (':put [/system package get [find] name]', 'routeros'),
    (':local a 5; :local b 7; :put ($a + $b)', '12'),
    (':local a "x"; :put ($a . "y" . 1)', 'xy1'),
    (':global g 3; :put $g', '3'),
    (':local n 1; :set n ($n * 10); :put $n', '10'),
    (':local s "hello"; :put [:len $s]; :put [:pick $s 1 3]', '5\nel'),
    (':put [:typeof 5]; :put [:typeof "5"]; :put [:typeof [/ip address find]]; :put [:typeof $nothing]', 'num\nstr\narray\nnothing'),
    (':put [:tostr 42]; :put ([:tonum "40"] + 2)', '42\n42'),
    (':if (1 = 1) do={:put yes} else={:put no}', 'yes'),
    (':if ([:len [/ip address find where interface=ether9]] = 0) do={:put none}', 'none'),
    (':if (2 > 3) do={:put yes} else={:put no}', 'no'),
    (':foreach i in=[/interface list find where builtin=no] do={:put [/interface list get $i name]}', 'WAN\nLAN'),
    (':for i from=1 to=3 do={:put $i}', '1\n2\n3'),
    (':local i 0; :while ($i < 3) do={:set i ($i + 1)}; :put $i', '3'),
    ('{ :local x inner; :put $x }', 'inner'),
    ('# a comment\n:put after\n   # indented comment\n:put "#not a comment"', 'after\n#not a comment'),
    (':put "a"; :put "b"\n\n:put "c"', 'a\nb\nc'),
    ('/ip address add \\\n    address=10.4.0.1/24 \\\n    interface=ether6\n:put [/ip address get [find interface=ether6] address]', '10.4.0.1/24'),
    ('/ip address add address=10.5.0.1/24 interface=ether7 comment="\\D0\\9F\\D1\\80\\D0\\B8"\n'
     ':put [/ip address get [find interface=ether7] comment]', 'При'),
    ('/ip address add address=10.5.0.1/24 interface=ether7 comment="Привет"\n:put [/ip address get [find interface=ether7] comment]', 'Привет'),
    (':delay 1s; :delay 500ms; :put done', 'done'),
    (':log info "from script"; :put [/log get [:pick [/log find] ([:len [/log find]] - 1)] message]', 'from script'),
    ('/log warning "careful"; :put [/log get [:pick [/log find where topics~"warning"] 0] message]', 'careful'),
    (':put [/ip address find where interface=nothing]', ''),
    ('/ip address print count-only', '2'),
    ('/ip address print count-only where dynamic', '1'),
    ('/ip address print as-value', ''),
    ('/ip firewall nat print where action=masquerade',
     'Flags: X - DISABLED; I - INVALID; D - DYNAMIC\n 0     ;;; defconf: masquerade\n'
     '       chain=srcnat action=masquerade out-interface-list=WAN ipsec-policy=out,none log=no log-prefix="" bytes=0 packets=0'),
    ('/ip address print\n/ip address set 0 comment=first\n:put [/ip address get [find address=192.168.88.1/24] comment]', None),
    ('/ip address print where !dynamic\n/ip address remove 0\n:put [:len [/ip address find]]', None),
    (':put [/interface get *1 name]', 'ether1'),
    ('/interface comment ether3 comment=spare\n:put [/interface get ether3 comment]', 'spare'),
    ('/interface ethernet set ether3 mtu=9000\n:put [/interface get ether3 mtu]', '9000'),
    (':put [/interface bridge port get [:pick [find] 0] interface]', 'ether2'),
    ('/interface bridge port remove [find interface=ether8]\n:put [/interface get ether8 slave]', 'false'),
    (':put [/interface get ether8 slave]', 'true'),
    ('/ip dns set servers=""\n:put [:len [/ip dns get servers]]', '0'),
    ('/ip address set [find comment=defconf] address=192.168.99.1/24\n:put [/ip address get [find comment=defconf] network]', '192.168.99.0'),
    ('/ip address unset [find comment=defconf] comment\n:put [:len [/ip address find comment=defconf]]', '0'),
    (':return; :put never', ''),
    ('/export', None),
    ('/ip address export', None),
]


@pytest.mark.parametrize('script,expected', OUTPUT, ids=[str(i) for i in range(len(OUTPUT))])
def test_script_output(script, expected):
    result = fresh().run_script(script)
    assert result.ok, result.error
    if expected is not None:
        assert result.output == expected


# (script, error text, failing line) — earlier lines stay applied
ERRORS = [
    ('/ip address add address=192.168.88.1/24 interface=bridge', 'failure: already have such address', 1),
    ('/ip address add address=10.0.0.1/24 interface=ether99', 'input does not match any value of interface', 1),
    ('/ip address add address=10.0.0.300/24 interface=ether2', 'invalid value for argument address', 1),
    ('/ip address add interface=ether2', 'missing value(s) of argument(s) address', 1),
    ('/ip address add address=10.0.0.1/24 interface=ether2 foo=bar', 'expected end of command (line 1 column 54)', 1),
    ('\n\n/ip address add address=10.0.0.1/24 interface=ether2 foo=bar', 'expected end of command (line 3 column 54)', 3),
    ('/ip adress add address=10.0.0.1/24', 'bad command name adress (line 1 column 5)', 1),
    ('/ip address ad address=10.0.0.1/24', 'bad command name ad (line 1 column 13)', 1),
    ('/ip address remove *FFFF', 'no such item', 1),
    ('/ip address set 99 comment=x', 'no such item', 1),
    ('/interface set nosuch disabled=yes', 'no such item', 1),
    ('/interface ethernet remove ether1', 'bad command name remove (line 1 column 21)', 1),
    ('/interface remove ether1', 'failure: can not remove this interface', 1),
    ('/ip route remove [find where dynamic]', 'failure: can not remove dynamic item', 1),
    ('/interface bridge add name=ether2', 'failure: already have interface with such name', 1),
    ('/interface list add name=LAN', 'failure: already have such name', 1),
    ('/ip pool add name=default-dhcp ranges=10.0.0.1-10.0.0.9', 'failure: pool with such name already exists', 1),
    ('/ip firewall filter add chain=input action=explode', 'input does not match any value of action', 1),
    ('/ip firewall filter add chain=input action=drop dst-port=22', 'failure: dst-port can only be used with tcp, udp or sctp protocols', 1),
    ('/ip firewall filter add chain=input action=jump', 'missing value(s) of argument(s) jump-target', 1),
    ('/ip firewall filter add chain=input connection-state=established,bogus', 'input does not match any value of connection-state', 1),
    ('/interface vlan add interface=bridge name=v1 vlan-id=5000', 'value of vlan-id out of range (1..4095)', 1),
    ('/ip dns set allow-remote-requests=maybe', 'value of allow-remote-requests must be yes or no', 1),
    ('/ip dns set servers=1.1.1', 'invalid value for argument servers', 1),
    ('/interface bridge port add bridge=bridge interface=ether2', 'failure: device already added as bridge port', 1),
    ('/interface bridge port add bridge=ether3 interface=ether1', 'input does not match any value of bridge', 1),
    ('/system identity set name=a\n/system identity set nom=b', 'expected end of command (line 2 column 22)', 2),
    ('/system identity set name=a\n:error "custom stop"\n/system identity set name=b', 'custom stop', 2),
    ('/system identity set name=a\n/ip address add address=192.168.88.1/24 interface=bridge\n/system identity set name=b',
     'failure: already have such address', 2),
    (':put "unterminated', 'syntax error (line 1 column 6)', 1),
    (':put [/ip address find', 'syntax error (line 1 column 23)', 1),
    (':put (1 + 2', 'syntax error (line 1 column 12)', 1),
    ('/ip address add address=10.0.0.1/24 interface=ether2 ]', 'syntax error (line 1 column 54)', 1),
    (':terminal cuu', 'simulator does not support :terminal', 1),
    (':frobnicate', 'bad command name frobnicate (line 1 column 1)', 1),
    (':put after # trailing', 'expected end of command (line 1 column 12)', 1),
    (':log loud "x"', 'bad command name loud (line 1 column 6)', 1),
    ('/system resource set cpu=9', 'bad command name set (line 1 column 18)', 1),
    ('/user remove admin', 'failure: can not remove last full user', 1),
    ('/user group remove full', 'failure: can not remove default group', 1),
    ('/ip address get [find] address', 'invalid internal item number', 1),
    (':put [/ip address get [find comment=nothing] address]', 'no such item', 1),
    (':put [/system identity get colour]', 'input does not match any value of value-name', 1),
    ('/ip dhcp-server add interface=bridge address-pool=default-dhcp name=second', 'failure: interface already used by another server', 1),
    ('/ip address print\n/ip address remove 7', 'no such item', 2),
]


@pytest.mark.parametrize('script,error,line', ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_script_errors(script, error, line):
    router = fresh()
    before = router.to_state()
    result = router.run_script(script)
    assert not result.ok
    assert (result.error, result.failed_line) == (error, line)
    if line == 1 and '(line' in error:
        assert router.to_state() == before  # nothing ran: the console checks the whole script first


def test_changes_before_an_error_stay():
    router = fresh()
    result = router.run_script('/system identity set name=first\n/ip address add address=192.168.88.1/24 interface=bridge\n'
                               '/system identity set name=second')
    assert result.error == 'failure: already have such address'
    assert router.identity == 'first'


def test_syntax_error_runs_nothing():
    router = fresh()
    result = router.run_script('/system identity set name=first\n:put "oops')
    assert result.error == 'syntax error (line 2 column 6)'
    assert router.identity == 'r1'


def test_ids_are_never_reused():
    router = fresh()
    first = router.api('/ip/address/add', ['=address=10.0.0.1/24', '=interface=ether2'])[0]['ret']
    router.api('/ip/address/remove', ['=.id=' + first])
    second = router.api('/ip/address/add', ['=address=10.0.0.1/24', '=interface=ether2'])[0]['ret']
    assert int(second[1:], 16) > int(first[1:], 16)


def test_rename_follows_references():
    router = fresh()
    assert router.run_script('/interface list set [find name=LAN] name=INSIDE').ok
    assert router.api('/ip/firewall/filter/print', ['?comment=defconf: drop all not coming from LAN'])[0]['in_interface_list'] == '!INSIDE'
    assert router.run_script('/interface bridge set bridge name=br-lan').ok
    assert router.api('/ip/address/print', ['?comment=defconf'])[0]['interface'] == 'br-lan'
    assert {p['bridge'] for p in router.api('/interface/bridge/port/print')} == {'br-lan'}


def test_six_x_differences():
    router = fresh(version='6.49.15', model='RB760iGS')
    assert router.run_script(':put [/ip dhcp-server get defconf address-pool]').output == 'dhcp'
    assert router.run_script('/system ntp client set enabled=yes primary-ntp=162.159.200.1').ok
    result = router.run_script('/system ntp client set servers=pool.ntp.org')
    assert result.error == 'expected end of command (line 1 column 24)'
    assert router.run_script(':put [/ip dhcp-server get defconf lease-time]').output == '00:10:00'
    assert router.run_script('/ip address print').output.startswith('Flags: X - disabled, I - invalid, D - dynamic')


def test_reset_configuration_no_defaults():
    router = fresh()
    result = router.run_script('/system reset-configuration no-defaults=yes skip-backup=yes\n:put never')
    assert result.ok and result.output == ''
    assert router.identity == 'MikroTik'
    assert router.api('/ip/address/print') == []
    assert router.api('/interface/print', ['?name=ether1'])[0]['mac_address'] == fresh().api('/interface/print', ['?name=ether1'])[0]['mac_address']


def test_print_numbers_refer_to_the_last_print():
    router = fresh()
    result = router.run_script('/ip address print where !dynamic\n/ip address set 0 comment=first\n'
                               ':put [/ip address get [find address=192.168.88.1/24] comment]')
    assert result.output.splitlines()[-1] == 'first'
    result = router.run_script('/ip address print where dynamic\n:put [/ip address get 0 address]')
    assert result.output.splitlines()[-1].startswith('100.')


def test_global_variables_persist_between_scripts():
    router = fresh()
    router.run_script(':global counter 41')
    assert router.run_script(':global counter; :put ($counter + 1)').output == '42'


def test_code_in_a_global_is_not_saved():
    router = fresh()
    assert router.run_script(':global greet do={:put hi}; :global n 2').ok
    state = router.to_state()
    assert state['g'] == {'n': 2}
