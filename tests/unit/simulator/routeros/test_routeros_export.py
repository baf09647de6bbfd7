# SPDX-License-Identifier: GPL-3.0-or-later
"""/export: layout, header, options, and the round trip export -> blank router -> export."""

import re

import pytest

from tests.simulator.routeros import MODELS, VERSIONS, Router


def combos():
    for model, info in MODELS.items():
        for version in VERSIONS:
            if int(version.split('.')[0]) in info['majors']:
                yield model, version


def body(text):
    """An export without its comment header (the date moves with the clock)."""
    return '\n'.join(line for line in text.splitlines() if not line.startswith('#'))


def replay(router, text):
    blank = Router.blank(model=router.model, version=router.version, identity='x', serial=router.serial)
    result = blank.run_script(text)
    assert result.ok, (result.error, result.failed_line)
    return blank


@pytest.mark.parametrize('model,version', list(combos()))
def test_default_round_trip(model, version):
    router = Router.default(model=model, version=version, identity='rt-%s' % model, serial='RT1', seed=4)
    text = router.export()
    assert body(replay(router, text).export()) == body(text)


@pytest.mark.parametrize('model,version', list(combos()))
def test_terse_and_verbose_round_trip(model, version):
    router = Router.default(model=model, version=version, identity='rt', serial='RT2')
    for options in ({'terse': True}, {'compact': False}):
        text = router.export(**options)
        assert body(replay(router, text).export()) == body(router.export())


@pytest.mark.parametrize('model,version', list(combos()))
def test_header(model, version):
    router = Router.default(model=model, version=version, identity='h', serial='SER9')
    lines = router.export().splitlines()
    if version.startswith('7.'):
        assert re.fullmatch(r'# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS %s' % re.escape(version), lines[0])
    else:
        assert re.fullmatch(r'# [a-z]{3}/\d\d/\d{4} \d\d:\d\d:\d\d by RouterOS %s' % re.escape(version), lines[0])
    if model == 'CHR':
        assert not any(line.startswith('# model') for line in lines)
    else:
        assert lines[1].startswith('# software id = ')
        assert lines[2:5] == ['#', '# model = %s' % model, '# serial number = SER9']


def test_old_seven_uses_old_date_format():
    router = Router.blank(model='CHR', version='7.8', identity='x', serial='S')
    assert re.match(r'# [a-z]{3}/\d\d/\d{4} ', router.export())


@pytest.mark.parametrize('model,version', list(combos()))
def test_lines_fit_eighty_columns(model, version):
    text = Router.default(model=model, version=version, identity='w', serial='W').export()
    for line in text.splitlines():
        assert len(line) <= 80, line


def test_default_firewall_layout():
    text = Router.default(model='RB5009UG+S+', version='7.16.2', identity='f', serial='F').export('/ip firewall filter')
    expected = '''/ip firewall filter
add action=accept chain=input comment=\\
    "defconf: accept established,related,untracked" connection-state=\\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\\
    invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=accept chain=input comment=\\
    "defconf: accept to local loopback (for CAPsMAN)" dst-address=127.0.0.1
add action=drop chain=input comment="defconf: drop all not coming from LAN" \\
    in-interface-list=!LAN
'''
    assert body(text).startswith(expected.rstrip('\n'))


def test_six_x_default_differences():
    text = Router.default(model='RB760iGS', version='6.49.15', identity='f', serial='F').export()
    assert 'add address-pool=dhcp disabled=no interface=bridge name=defconf' in text
    assert 'name=router.lan\n' in text and 'type=A' not in text
    assert 'hw-offload' not in text
    assert 'loopback' not in text


def test_ccr_and_chr_defaults():
    ccr = Router.default(model='CCR2004-16G-2S+', version='7.16.2', identity='c', serial='C').export()
    assert '/ip address\nadd address=192.168.88.1/24 comment=defconf interface=ether1 network=\\\n    192.168.88.0' in ccr
    chr_text = Router.default(model='CHR', version='7.16.2', identity='c', serial='C').export()
    assert '/ip dhcp-client\nadd interface=ether1' in chr_text


def test_hide_sensitive():
    router = Router.default(model='C53UiG+5HPaxD2HPaxD', version='7.16.2', identity='w', serial='WIFI1')
    assert '.passphrase=' in router.export()  # security.authentication-types=... .passphrase=...
    assert 'passphrase=' not in router.export(hide_sensitive=True)
    assert 'passphrase=' not in router.run_script('/export').output
    assert '.passphrase=' in router.run_script('/export show-sensitive').output
    old = Router.default(model='CHR', version='6.49.15', identity='o', serial='O')
    old.run_script('/snmp community add name=mon authentication-password=topsecret1')
    assert 'topsecret1' in old.run_script('/export').output
    assert 'topsecret1' not in old.run_script('/export hide-sensitive').output


def test_per_menu_export():
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='m', serial='M')
    text = router.export('/ip firewall')
    sections = [line for line in text.splitlines() if line.startswith('/')]
    assert sections == ['/ip firewall filter', '/ip firewall nat']
    assert [line for line in router.export('/ip/dns').splitlines() if line.startswith('/')] == ['/ip dns', '/ip dns static']
    assert '\n/ip dns\nset allow-remote-requests=yes\n/ip dns static\n' in router.run_script('/ip dns export').output


def test_terse_lines():
    text = Router.default(model='CCR2004-16G-2S+', version='7.16.2', identity='t', serial='T').export(terse=True)
    assert '/ip address add address=192.168.88.1/24 comment=defconf interface=ether1 network=192.168.88.0' in text.splitlines()


def test_compact_false_shows_defaults():
    text = Router.default(model='CHR', version='7.16.2', identity='v', serial='V').export(compact=False)
    assert 'add add-default-route=yes' in text
    assert 'allow-remote-requests=no' in text


def test_builtin_changes_export_as_set():
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='b', serial='B')
    router.run_script('/interface ethernet set [ find default-name=ether1 ] comment=WAN name=wan\n'
                      '/ip service set telnet disabled=yes\n/ip service set ssh port=2200\n/snmp community set [ find default=yes ] addresses=10.0.0.0/8')
    text = router.export()
    assert '/interface ethernet\nset [ find default-name=ether1 ] comment=WAN name=wan' in text
    assert '/ip service\nset telnet disabled=yes\nset ssh port=2200' in text
    assert '/snmp community\nset [ find default=yes ] addresses=10.0.0.0/8' in text
    assert body(replay(router, text).export()) == body(text)


BRANCH = r'''# branch router, written the way /export writes it
/interface bridge
add admin-mac=48:A9:8A:10:20:30 auto-mac=no comment="LAN bridge" name=br-lan \
    vlan-filtering=yes
/interface ethernet
set [ find default-name=ether1 ] comment="WAN: fibre \"FTTH\" (ISP \D0\9F)" \
    name=wan
set [ find default-name=sfp-sfpplus1 ] disabled=yes
/interface vlan
add interface=br-lan name=vlan-mgmt vlan-id=99
add interface=br-lan name=vlan-voice vlan-id=20
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
add name=MGMT
/ip pool
add name=lan-pool ranges=10.20.0.100-10.20.0.199
add name=voice-pool ranges=10.20.20.10-10.20.20.250
/ip dhcp-server
add address-pool=lan-pool interface=br-lan lease-time=1h name=lan
add address-pool=voice-pool interface=vlan-voice name=voice
/system script
add dont-require-permissions=no name=report owner=admin policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon source=":\
    log info \"report start\"\
    \n:local n [/ip address print count-only]\
    \n:log info (\"addresses: \" . \$n)"
/interface bridge port
add bridge=br-lan interface=ether2
add bridge=br-lan interface=ether3
add bridge=br-lan comment="desk \$1 \?" interface=ether4 pvid=20
/ip neighbor discovery-settings
set discover-interface-list=MGMT
/interface bridge vlan
add bridge=br-lan tagged=br-lan,ether2 vlan-ids=99
add bridge=br-lan tagged=br-lan untagged=ether4 vlan-ids=20
/interface list member
add interface=wan list=WAN
add interface=br-lan list=LAN
add interface=vlan-voice list=LAN
add interface=vlan-mgmt list=MGMT
/ip address
add address=10.20.0.1/24 comment="LAN gateway" interface=br-lan network=\
    10.20.0.0
add address=10.20.20.1/24 interface=vlan-voice network=10.20.20.0
add address=10.99.0.2/30 interface=vlan-mgmt network=10.99.0.0
/ip dhcp-client
add comment="ISP uplink" interface=wan use-peer-dns=no
/ip dhcp-server lease
add address=10.20.0.10 comment=printer mac-address=00:11:22:33:44:55 server=lan
/ip dhcp-server network
add address=10.20.0.0/24 dns-server=10.20.0.1 gateway=10.20.0.1
add address=10.20.20.0/24 dns-server=10.20.0.1 gateway=10.20.20.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,9.9.9.9
/ip dns static
add address=10.20.0.1 name=router.branch.lan type=A
/ip firewall address-list
add address=10.99.0.0/30 list=mgmt
add address=203.0.113.0/24 comment="HQ range" list=hq
/ip firewall filter
add action=accept chain=input comment=\
    "defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\
    invalid
add action=accept chain=input comment="allow winbox/ssh from HQ" dst-port=\
    22,8291 protocol=tcp src-address-list=hq
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
    in-interface-list=!LAN
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" \
    connection-state=established,related hw-offload=yes
add action=accept chain=forward comment=\
    "defconf: accept established,related, untracked" connection-state=\
    established,related,untracked
add action=drop chain=forward comment="defconf: drop invalid" \
    connection-state=invalid
add action=drop chain=forward comment=\
    "defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat \
    connection-state=new in-interface-list=WAN
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" \
    ipsec-policy=out,none out-interface-list=WAN
add action=dst-nat chain=dstnat comment="NVR \"cameras\"" dst-port=8443 \
    in-interface-list=WAN protocol=tcp to-addresses=10.20.0.20 to-ports=443
/ip route
add comment="HQ via mgmt" disabled=no dst-address=172.16.0.0/12 gateway=\
    10.99.0.1 routing-table=main suppress-hw-offload=no
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set api-ssl disabled=yes
/snmp
set contact=noc@example.com enabled=yes location="Branch 7, Stellenbosch"
/system clock
set time-zone-name=Africa/Johannesburg
/system identity
set name=branch-07
/system ntp client
set enabled=yes servers=za.pool.ntp.org
/system scheduler
add interval=1d name=daily-report on-event="/system script run report" \
    policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \
    start-date=2025-01-01 start-time=03:00:00
/tool mac-server
set allowed-interface-list=MGMT
/tool mac-server mac-winbox
set allowed-interface-list=MGMT
'''


def test_acceptance_branch_configuration():
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch-07', serial='HD7', seed=7)
    result = router.run_script('/system reset-configuration no-defaults=yes skip-backup=yes')
    assert result.ok, result.error
    result = router.run_script(BRANCH)
    assert result.ok, (result.error, result.failed_line)
    exported = router.export()
    expected = [line for line in BRANCH.splitlines() if not line.startswith('#')]
    assert body(exported).splitlines() == expected
    # and what the API sees agrees with the script
    assert router.identity == 'branch-07'
    wan = router.api('/interface/print', ['?default-name=ether1'])[0]
    assert (wan['name'], wan['comment']) == ('wan', 'WAN: fibre "FTTH" (ISP П)')
    rules = [r['comment'] for r in router.api('/ip/firewall/filter/print')]
    assert rules[2] == 'allow winbox/ssh from HQ' and len(rules) == 9
    assert router.api('/ip/dhcp-client/print')[0]['interface'] == 'wan'
    connected = router.api('/ip/route/print', ['?connect=true', '=.proplist=dst-address'])
    assert {'10.20.0.0/24', '10.20.20.0/24', '10.99.0.0/30'} <= {r['dst_address'] for r in connected}
    # the export replays on another blank router to the same configuration
    assert body(replay(router, exported).export()) == body(exported)


CHANGES = r'''/interface ethernet set [ find default-name=ether1 ] comment="uplink \"1\""
/interface vlan add interface=ether1 name=vlan100 vlan-id=100
/ip address add address=10.100.0.1/24 interface=vlan100 comment="\D0\9F\D1\80\D0\B8 \$5 ok?"
/ip firewall filter add chain=input action=drop comment=last
/ip firewall filter add chain=input action=accept protocol=tcp dst-port=22 comment=ssh place-before=0
/ip firewall address-list add list=x address=192.0.2.0/24
/ip route add dst-address=198.51.100.0/24 gateway=10.100.0.254
/system identity set name="site 1"
/ip service set telnet disabled=yes
/snmp set enabled=yes location="rack 2"
/user group add name=ro policy=read,test
/system scheduler add name=s interval=1h on-event=":log info \"tick\"" start-date=2025-01-01 start-time=00:00:00
/system script add name=multi source=":log info one\r\n:log info two"
/ip dns static add name=a.lan address=10.100.0.5
'''


@pytest.mark.parametrize('model,version', list(combos()))
def test_changed_configuration_round_trip(model, version):
    router = Router.default(model=model, version=version, identity='c', serial='CH1', seed=9)
    result = router.run_script(CHANGES)
    assert result.ok, (result.error, result.failed_line)
    text = router.export()
    again = replay(router, text)
    assert body(again.export()) == body(text)
    assert again.api('/ip/address/print', ['?interface=vlan100'])[0]['comment'] == 'При $5 ok?'
    assert again.api('/ip/firewall/filter/print')[0]['comment'] == 'ssh'
    assert again.identity == 'site 1'
