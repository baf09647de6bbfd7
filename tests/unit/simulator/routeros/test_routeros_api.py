# SPDX-License-Identifier: GPL-3.0-or-later
"""The API command layer: words, query stack, .proplist, SDX item shape and error texts."""

import pytest

from tests.simulator.routeros import Router, RouterOSError
from tests.simulator.routeros.api import split_words


@pytest.fixture
def router():
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='api', serial='A1', seed=2)
    for number in range(1, 6):
        router.api('/ip/firewall/address-list/add', ['=list=%s' % ('even' if number % 2 == 0 else 'odd'),
                                                     '=address=10.0.0.%d' % number, '=comment=n%d' % number])
    return router


def addresses(rows):
    return [r['address'] for r in rows]


QUERIES = [
    (['?list=odd'], ['10.0.0.1', '10.0.0.3', '10.0.0.5']),
    (['?list=even'], ['10.0.0.2', '10.0.0.4']),
    (['?list=odd', '?comment=n3'], ['10.0.0.3']),
    (['?list=odd', '?comment=n2'], []),
    (['?comment=n1', '?comment=n2', '?#|'], ['10.0.0.1', '10.0.0.2']),
    (['?comment=n1', '?comment=n2', '?comment=n4', '?#||'], ['10.0.0.1', '10.0.0.2', '10.0.0.4']),
    (['?list=odd', '?#!'], ['10.0.0.2', '10.0.0.4']),
    (['?list=odd', '?comment=n1', '?#!&'], ['10.0.0.3', '10.0.0.5']),
    (['?list=even', '?comment=n1', '?#|!'], ['10.0.0.3', '10.0.0.5']),
    (['?list=odd', '?comment=n5', '?#0&'], ['10.0.0.5']),
    (['?list=odd', '?comment=n3', '?#1|'], ['10.0.0.1', '10.0.0.3', '10.0.0.5']),
    (['?list=odd', '?#.&'], ['10.0.0.1', '10.0.0.3', '10.0.0.5']),
    (['?>address=10.0.0.3'], ['10.0.0.4', '10.0.0.5']),
    (['?<address=10.0.0.3'], ['10.0.0.1', '10.0.0.2']),
    (['?<address=10.0.0.3', '?>address=10.0.0.1'], ['10.0.0.2']),
    (['?timeout'], []),
    (['?-timeout'], ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']),
    (['?comment'], ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']),
    (['?-comment'], []),
    (['?disabled=false'], ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']),
    (['?disabled=no'], ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']),
    (['?disabled=true'], []),
    (['?.id=*2'], ['10.0.0.2']),
    ([], ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']),
    ('?list=odd ?comment=n3 ?#|', ['10.0.0.1', '10.0.0.3', '10.0.0.5']),
]


@pytest.mark.parametrize('words,expected', QUERIES, ids=[str(i) for i in range(len(QUERIES))])
def test_query_words(router, words, expected):
    assert addresses(router.api('/ip/firewall/address-list/print', words)) == expected


@pytest.mark.parametrize('word', ['?#|', '?#&', '?#x', '?#5'])
def test_bad_query_stack(router, word):
    with pytest.raises(RouterOSError) as err:
        router.api('/ip/firewall/address-list/print', ['?list=odd', word] if word != '?#|' else [word])
    assert err.value.message == 'invalid query word'


def test_numeric_comparison_is_numeric(router):
    router.api('/ip/route/add', ['=gateway=10.0.0.1', '=distance=10'])
    router.api('/ip/route/add', ['=gateway=10.0.0.2', '=distance=9'])
    rows = router.api('/ip/route/print', ['?>distance=8'])
    assert sorted(r['distance'] for r in rows) == ['10', '9']


def test_proplist(router):
    rows = router.api('/ip/address/print', ['=.proplist=.id,address,interface', '?interface=bridge'])
    assert rows == [{'id': '*1', 'address': '192.168.88.1/24', 'interface': 'bridge'}]
    rows = router.api('/interface/ethernet/print', ['=.proplist=name,mac-address'])
    assert set(rows[0]) == {'name', 'mac_address'}


def test_sdx_shape_keys_and_values(router):
    row = router.api('/interface/ethernet/print', ['?name=ether1'])[0]
    assert row['id'] == '*1'
    assert row['default_name'] == 'ether1'
    assert row['auto_negotiation'] == 'true'
    assert all(isinstance(v, str) for v in row.values())
    arp = router.api('/ip/arp/print')[0]
    for key in ('id', 'address', 'mac_address', 'interface', 'published', 'invalid', 'DHCP', 'dynamic', 'complete', 'disabled'):
        assert key in arp
    assert arp['dynamic'] == 'true'


def test_single_value_menus(router):
    assert router.api('/system/identity/print') == [{'name': 'api'}]
    router.api('/system/identity/set', ['=name=renamed'])
    assert router.identity == 'renamed'
    resource = router.api('/system/resource/print')[0]
    assert resource['board_name'] == 'RB5009UG+S+'
    assert resource['version'] == '7.16.2 (stable)'
    assert 'id' not in resource
    assert router.api('/system/routerboard/print')[0]['serial_number'] == 'A1'


def test_add_reply_and_place_before(router):
    reply = router.api('/ip/firewall/filter/add', ['=chain=input', '=action=drop', '=comment=top', '=place-before=*1'])
    assert list(reply[0]) == ['ret']
    first = router.api('/ip/firewall/filter/print')[0]
    assert (first['id'], first['comment'], first['action']) == (reply[0]['ret'], 'top', 'drop')


def test_move(router):
    ids = [r['id'] for r in router.api('/ip/firewall/filter/print')]
    router.api('/ip/firewall/filter/move', ['=numbers=' + ids[-1], '=destination=' + ids[0]])
    assert [r['id'] for r in router.api('/ip/firewall/filter/print')] == [ids[-1]] + ids[:-1]
    router.api('/ip/firewall/filter/move', ['=numbers=' + ids[-1]])
    assert [r['id'] for r in router.api('/ip/firewall/filter/print')] == ids


def test_set_by_name_and_by_id(router):
    router.api('/interface/set', ['=.id=ether3', '=comment=by name'])
    router.api('/interface/set', ['=.id=*4', '=disabled=yes'])
    row = router.api('/interface/print', ['?name=ether3'])[0]
    assert (row['comment'], router.api('/interface/print', ['?.id=*4'])[0]['disabled']) == ('by name', 'true')


def test_enable_disable_get(router):
    ident = router.api('/ip/address/add', ['=address=10.10.10.1/24', '=interface=ether4'])[0]['ret']
    router.api('/ip/address/disable', ['=.id=' + ident])
    assert router.api('/ip/address/get', ['=.id=' + ident, '=value-name=disabled']) == [{'ret': 'true'}]
    router.api('/ip/address/enable', ['=.id=' + ident])
    assert router.api('/ip/address/get', ['=.id=' + ident, '=value-name=disabled']) == [{'ret': 'false'}]


def test_count_only(router):
    assert router.api('/ip/firewall/address-list/print', ['=count-only=', '?list=odd']) == [{'ret': '3'}]


def test_execute_returns_output(router):
    assert router.api('/execute', ['=script=:put [/system identity get name]']) == [{'ret': 'api'}]


def test_execute_one_string_with_spaces(router):
    router.api('/execute', '=script=/ip address add address=10.20.0.1/24 interface=ether2 comment="two words"')
    assert router.api('/ip/address/print', '?comment=two words')[0]['address'] == '10.20.0.1/24'


ERRORS = [
    ('/ip/adress/print', None, 'no such command prefix'),
    ('/nothing/print', None, 'no such command prefix'),
    ('/ip/address/frobnicate', None, 'no such command'),
    ('/system/resource/set', ['=cpu=1'], 'no such command'),
    ('/ip/address/add', ['=address=10.0.0.1/24', '=interface=ether2', '=colour=red'], 'unknown parameter colour'),
    ('/ip/address/add', ['=address=192.168.88.1/24', '=interface=bridge'], 'failure: already have such address'),
    ('/ip/address/add', ['=address=10.0.0.1/24', '=interface=nope'], 'input does not match any value of interface'),
    ('/ip/address/add', ['=interface=ether2'], 'missing value(s) of argument(s) address'),
    ('/ip/address/set', ['=.id=*99', '=comment=x'], 'no such item'),
    ('/ip/address/remove', ['=.id=*99'], 'no such item'),
    ('/ip/address/remove', [], 'missing value(s) of argument(s) numbers'),
    ('/interface/remove', ['=.id=ether1'], 'failure: can not remove this interface'),
    ('/ip/firewall/filter/add', ['=chain=input', '=action=boom'], 'input does not match any value of action'),
    ('/ip/address/print', ['=bogus=1'], 'unknown parameter bogus'),
    ('/ip/address/get', ['=.id=*1', '=value-name=colour'], 'input does not match any value of value-name'),
    ('/execute', ['=script=/ip address add address=192.168.88.1/24 interface=bridge'], 'failure: already have such address'),
    ('/execute', [], 'missing value(s) of argument(s) script'),
    ('ip/address/print', None, 'no such command prefix'),
]


@pytest.mark.parametrize('command,words,message', ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_errors(router, command, words, message):
    with pytest.raises(RouterOSError) as err:
        router.api(command, words)
    assert err.value.message == message


def test_six_x_unknown_parameter_has_no_name():
    router = Router.default(model='CHR', version='6.49.15', identity='old', serial='A6')
    with pytest.raises(RouterOSError) as err:
        router.api('/ip/address/add', ['=address=10.0.0.1/24', '=interface=ether1', '=colour=red'])
    assert err.value.message == 'unknown parameter'


SPLIT = [
    (None, []),
    ('', []),
    ('=script=/ip address add address=10.0.0.1/30 interface=ether1 disabled=no',
     ['=script=/ip address add address=10.0.0.1/30 interface=ether1 disabled=no']),
    ('=address=10.0.0.1/24 =interface=ether1', ['=address=10.0.0.1/24', '=interface=ether1']),
    ('?type=ether\n?type=vlan\n?#|', ['?type=ether', '?type=vlan', '?#|']),
    ('=.proplist=name,type ?-comment', ['=.proplist=name,type', '?-comment']),
    ('=comment=two words =disabled=yes', ['=comment=two words', '=disabled=yes']),
    (['=a=b c', '?x'], ['=a=b c', '?x']),
]


@pytest.mark.parametrize('text,words', SPLIT, ids=[str(i) for i in range(len(SPLIT))])
def test_split_words(text, words):
    assert split_words(text) == words


def test_interface_types_query(router):
    router.api('/interface/vlan/add', ['=name=vlan5', '=vlan-id=5', '=interface=bridge'])
    rows = router.api('/interface/print', ['?type=ether', '?type=vlan', '?#|!', '=.proplist=name'])
    assert rows == [{'name': 'bridge'}]


def test_underscore_names_are_accepted(router):
    rows = router.api('/ip/address/print', ['?actual_interface=bridge'])
    assert addresses(rows) == ['192.168.88.1/24']
