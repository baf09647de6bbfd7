# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's public interface: factories, state round-trip, scripts, API and export."""

import json

import pytest

from tests.simulator.routeros import MODELS, VERSIONS, Router, RouterOSError, ScriptResult


def combos():
    for model, info in MODELS.items():
        for version in VERSIONS:
            if int(version.split('.')[0]) in info['majors']:
                yield model, version


@pytest.fixture
def router():
    return Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch-1', serial='HD0000001')


def body(export):
    """An export without its date line, which moves with the clock."""
    return export.split('\n', 1)[1]


@pytest.mark.parametrize('model,version', list(combos()))
def test_default_has_an_address_and_small_state(model, version):
    router = Router.default(model=model, version=version, identity='site', serial='SER1')
    assert router.api('/ip/address/print')
    assert router.identity == 'site'
    assert router.version == version
    assert len(json.dumps(router.to_state())) < 10000


@pytest.mark.parametrize('model,version', list(combos()))
def test_state_round_trip(model, version):
    router = Router.default(model=model, version=version, identity='site', serial='SER1', seed=7)
    state = router.to_state()
    again = Router.from_state(json.loads(json.dumps(state)))
    assert again.to_state() == state
    assert body(again.export()) == body(router.export())


def test_blank_router():
    router = Router.blank(model='RB760iGS', version='6.49.15', identity='ignored', serial='S')
    assert router.identity == 'MikroTik'
    assert router.api('/ip/address/print') == []
    names = [i['name'] for i in router.api('/interface/print')]
    assert names == ['ether1', 'ether2', 'ether3', 'ether4', 'ether5', 'sfp1']
    assert router.api('/system/resource/print')[0]['board_name'] == 'hEX S'


def test_unknown_model_or_version():
    with pytest.raises(ValueError):
        Router.default(model='RB9999', version='7.16.2', identity='x', serial='s')
    with pytest.raises(ValueError):
        Router.default(model='RB5009UG+S+', version='6.49.15', identity='x', serial='s')


def test_seed_changes_macs_only():
    one = Router.default(model='RB5009UG+S+', version='7.16.2', identity='a', serial='S1', seed=1)
    two = Router.default(model='RB5009UG+S+', version='7.16.2', identity='a', serial='S1', seed=2)
    macs = [i['mac_address'] for i in one.api('/interface/ethernet/print')]
    assert macs != [i['mac_address'] for i in two.api('/interface/ethernet/print')]
    assert len(set(macs)) == len(macs)


def test_script_result_shape(router):
    result = router.run_script(':put "hello"')
    assert isinstance(result, ScriptResult)
    assert (result.ok, result.error, result.output, result.failed_line) == (True, None, 'hello', None)


def test_add_address_then_duplicate_fails_and_keeps_earlier_changes(router):
    result = router.run_script('/ip address add address=10.0.0.1/30 interface=ether2\n'
                               '/system identity set name=changed\n'
                               '/ip address add address=10.0.0.1/30 interface=ether2\n'
                               '/system identity set name=never\n')
    assert not result.ok
    assert result.error == 'failure: already have such address'
    assert result.failed_line == 3
    assert router.identity == 'changed'
    assert [a['address'] for a in router.api('/ip/address/print', ['?interface=ether2'])] == ['10.0.0.1/30']


def test_api_print_shape(router):
    rows = router.api('/ip/address/print', ['?interface=bridge'])
    assert rows == [{'id': '*1', 'address': '192.168.88.1/24', 'network': '192.168.88.0', 'interface': 'bridge',
                     'actual_interface': 'bridge', 'invalid': 'false', 'dynamic': 'false', 'comment': 'defconf',
                     'disabled': 'false'}]


def test_api_add_set_remove(router):
    ret = router.api('/ip/address/add', ['=address=10.9.9.1/24', '=interface=ether3', '=comment=lab'])
    assert len(ret) == 1 and ret[0]['ret'].startswith('*')
    ident = ret[0]['ret']
    router.api('/ip/address/set', ['=.id=' + ident, '=comment=lab two'])
    assert router.api('/ip/address/print', ['?comment=lab two'])[0]['id'] == ident
    router.api('/ip/address/remove', ['=.id=' + ident])
    assert router.api('/ip/address/print', ['?comment=lab two']) == []
    with pytest.raises(RouterOSError) as err:
        router.api('/ip/address/remove', ['=.id=' + ident])
    assert err.value.message == 'no such item'


def test_api_execute(router):
    router.api('/execute', '=script=/ip address add address=10.0.0.1/30 interface=ether1 disabled=no')
    assert router.api('/ip/address/print', '?address=10.0.0.1/30')[0]['interface'] == 'ether1'
    with pytest.raises(RouterOSError) as err:
        router.api('/execute', '=script=/ip address add address=10.0.0.1/30 interface=ether1')
    assert err.value.message == 'failure: already have such address'


def test_export_round_trip_on_blank(router):
    router.run_script('/ip address add address=172.16.0.1/24 interface=ether5 comment="office \\"LAN\\""')
    text = router.export()
    blank = Router.blank(model=router.model, version=router.version, identity='x', serial=router.serial)
    result = blank.run_script(text)
    assert result.ok, result.error
    assert body(blank.export()) == body(text)


def test_export_single_menu(router):
    text = router.export('/ip address')
    assert text.splitlines()[-3:] == ['/ip address', 'add address=192.168.88.1/24 comment=defconf interface=bridge network=\\',
                                      '    192.168.88.0']


def test_log_and_put(router):
    result = router.run_script(':log info "provisioned"; :log warning ("x" . "y"); :put [/system identity get name]')
    assert result.output == 'branch-1'
    messages = [(e['topics'], e['message']) for e in router.api('/log/print')]
    assert messages[-2:] == [('script,info', 'provisioned'), ('script,warning', 'xy')]


def test_unknown_parameter_is_expected_end_of_command(router):
    result = router.run_script('/ip address add address=10.1.1.1/24 interface=ether2 colour=blue')
    assert result.error == 'expected end of command (line 1 column 54)'
    assert router.api('/ip/address/print', ['?address=10.1.1.1/24']) == []


def test_dns_single_value_menu(router):
    router.run_script('/ip dns set servers=1.1.1.1,9.9.9.9')
    row = router.api('/ip/dns/print')[0]
    assert row['servers'] == '1.1.1.1,9.9.9.9'
    assert row['allow_remote_requests'] == 'true'
    assert '/ip dns\nset allow-remote-requests=yes servers=1.1.1.1,9.9.9.9\n' in router.export()


def test_find_where(router):
    result = router.run_script('/ip address set [find where interface=bridge] comment="lan side"\n'
                               ':put [/ip address get [find comment~"^lan"] address]')
    assert result.ok, result.error
    assert result.output == '192.168.88.1/24'


def test_blank_with_seed_keeps_the_default_macs():
    default = Router.default(model='RB760iGS', version='7.16.2', identity='a', serial='S5', seed=3)
    blank = Router.blank(model='RB760iGS', version='7.16.2', identity='a', serial='S5', seed=3)
    assert [i['mac_address'] for i in default.api('/interface/ethernet/print')] == \
        [i['mac_address'] for i in blank.api('/interface/ethernet/print')]
