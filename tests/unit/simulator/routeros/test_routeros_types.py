# SPDX-License-Identifier: GPL-3.0-or-later
"""The script language's types and the 7.x commands: :typeof answers as RouterOS does, conversions give typed
values or nil, address and time arithmetic, :onerror, :retry, :parse, :execute, :resolve, :rndnum, :rndstr,
:serialize/:deserialize, :convert, :jobname, :environment."""

import json

import pytest

from tests.simulator.routeros import Router


@pytest.fixture(name='router')
def router_fixture():
    return Router.blank(model='CHR', version='7.16.2', serial='TYPES01')


TYPEOF = [
    ('"x"', 'str'), ('5', 'num'), ('0x1F', 'num'), ('true', 'bool'), ('1.2.3.4', 'ip'), ('10.0.0.0/8', 'ip-prefix'),
    ('2001:db8::1', 'ip6'), ('2001:db8::/32', 'ip6-prefix'), ('1h30m', 'time'), ('00:05:00', 'time'),
    ('*1A', 'id'), ('{1;2}', 'array'), ('$undefined', 'nothing'), ('[:nothing]', 'nothing'),
    ('[:tonum "abc"]', 'nil'), ('[:toip "300.1.1.1"]', 'nil'), ('[:parse ":put 1"]', 'code'),
    ('[:toip "10.1.1.1"]', 'ip'), ('[:toip6 "fe80::1"]', 'ip6'), ('[:totime "90"]', 'time'),
    ('[:tonum "42"]', 'num'), ('[:tobool "true"]', 'bool'), ('[:toarray "a,b"]', 'array'), ('[:toid "*5"]', 'id'),
    ('"1.2.3.4"', 'str'), ('([/interface find]->0)', 'id'), ('[/system resource get uptime]', 'time'),
    ('[/system clock get time]', 'time'), ('[/interface get [find] mtu]', 'num'),
]


@pytest.mark.parametrize('value,kind', TYPEOF, ids=[t[0] for t in TYPEOF])
def test_typeof(router, value, kind):
    result = router.run_script(':put [:typeof %s]' % value)
    assert result.ok, result.error
    assert result.output == kind


OUTPUT = [
    (':put (10.0.0.1 + 5)', '10.0.0.6'),
    (':put (10.0.0.1 - 2)', '9.255.255.255'),
    (':put (10.0.1.1 - 10.0.0.1)', '256'),
    (':put (192.168.88.77 & 255.255.255.0)', '192.168.88.0'),
    (':put (192.168.88.0 | ~255.255.255.0)', '192.168.88.255'),
    (':put (~0.0.0.255)', '255.255.255.0'),
    (':put (10.0.0.5 in 10.0.0.0/24)', 'true'),
    (':put (10.0.1.5 in 10.0.0.0/24)', 'false'),
    (':put (10.0.0.0/25 in 10.0.0.0/24)', 'true'),
    (':put (2001:db8::5 in 2001:db8::/64)', 'true'),
    (':put (2001:db8::1 + 1)', '2001:db8::2'),
    (':put (1h30m + 30m)', '02:00:00'),
    (':put (1d - 1h)', '23:00:00'),
    (':put (90s * 2)', '00:03:00'),
    (':put (1w2d3h)', '1w2d03:00:00'),
    (':put 500ms', '00:00:00.500'),
    (':put (1h > 59m)', 'true'),
    (':put (10.0.0.2 > 10.0.0.10)', 'false'),
    (':put (12/4)', '3'), (':put (7 % 3)', '1'), (':put (-7 / 2)', '-3'),
    (':put (1 << 4)', '16'), (':put (0xF0 >> 4)', '15'), (':put (6 & 3)', '2'), (':put (6 | 3)', '7'), (':put (6 ^ 3)', '5'),
    (':local i 9; :if ($i < 10) do={:put small} else={:put big}', 'small'),
    (':put [:tonum 1h]', '3600'), (':put [:totime 90]', '00:01:30'), (':put [:tonum "0x1F"]', '31'),
    (':put [:tobool 0]', 'false'), (':put [:tostr 1.2.3.4]', '1.2.3.4'),
    (':put [:len "\\C3\\A9"]', '2'),
    (':put [:find "abcabc" "a" 0]', '3'), (':put [:find "abcabc" "a" -1]', '0'),
    (':onerror e in={ :error "boom" } do={ :put ("caught " . $e) }', 'caught boom'),
    (':put [:onerror e in={ :put fine } do={ :put no }]', 'fine\nfalse'),
    (':put [:onerror e in={ /interface set nosuch mtu=1400 } do={ :put $e }]', 'no such item\ntrue'),
    (':local n 0; :retry command={ :set n ($n+1); :if ($n < 3) do={:error "x"}; :put "ok $n" } delay=1 max=5', 'ok 3'),
    (':retry command={ :error "x" } delay=1 max=2 on-error={ :put "gave up" }', 'gave up'),
    (':global f [:parse ":put hello"]; $f', 'hello'),
    (':local f [:parse ":return (\\$1 * 2)"]; :put [$f 21]', '42'),
    (':put [:execute ":put hi" as-string]', 'hi'),
    (':put [:typeof [:execute {:put hi}]]', 'id'),
    (':put [:time { :delay 1s }]', '00:00:00'),
    (':put [:serialize to=json {"a"=1;"b"={1;2;"x"};"c"=true}]', '{"a":1,"b":[1,2,"x"],"c":true}'),
    (':local j [:deserialize from=json "{\\"a\\":[1,2],\\"b\\":\\"10\\"}"]; :put ($j->"a"->1); :put [:typeof ($j->"b")]',
     '2\nnum'),
    (':local j [:deserialize from=json options=json.no-string-conversion "[\\"10\\"]"]; :put [:typeof ($j->0)]', 'str'),
    (':put [:convert "MikroTik" to=base64]', 'TWlrcm9UaWs='),
    (':put [:convert "4d696b726f54696b" from=hex to=raw]', 'MikroTik'),
    (':put [:convert 001 to=hex]', '31'),
    (':put [:convert "a b" to=url]', 'a%20b'),
    (':put [:convert "abc" to=byte-array]', '97;98;99'),
    ('/system script add name=s1 source={ :put [:jobname] }\n/system script run s1', 's1'),
    ('/ip dns static add name=nas.lan address=10.9.9.9\n:put [:resolve nas.lan]', '10.9.9.9'),
    (':put [:resolve 10.1.1.1]', '10.1.1.1'),
    (':put [:typeof [:resolve "www.mikrotik.com"]]', 'ip'),
    (':put ([:resolve "www.mikrotik.com"] in 198.18.0.0/15)', 'true'),
    (':put [:len [:rndstr length=12]]', '12'),
    (':put [:rndstr length=5 from="a"]', 'aaaaa'),
    (':local n [:rndnum from=5 to=7]; :put ($n >= 5 && $n <= 7)', 'true'),
    (':put [:typeof [:timestamp]]', 'time'),
    ('[[:parse ":put hi"]]', 'hi'),
    (':local c [:parse ":put once"]; [$c]', 'once'),
    (':local a 1; :set $a 2; :put $a', '2'),
    (':put [/ip firewall filter print count-only]', '0'),
    ('/ip firewall filter print count-only', '0'),
    ('/interface monitor-traffic ether1 once do={ :put ("rx " . $"rx-bits-per-second") }', 'rx 0'),
    ('/interface ethernet monitor ether1 once do={ :put $status }', 'link-ok'),
    (':local arr [:toarray ""]; :set ($arr->[:len $arr]) "x"; :set ($arr->[:len $arr]) "y"; :put $arr', 'x;y'),
]


@pytest.mark.parametrize('script,expected', OUTPUT, ids=[str(i) for i in range(len(OUTPUT))])
def test_output(router, script, expected):
    result = router.run_script(script)
    assert result.ok, (result.error, script)
    assert result.output == expected


def test_random_is_deterministic_per_router_and_moves_on():
    script = ':put [:rndnum from=1 to=1000000]; :put [:rndstr]'
    first = Router.blank(model='CHR', version='7.16.2', serial='RND1').run_script(script).output
    again = Router.blank(model='CHR', version='7.16.2', serial='RND1').run_script(script).output
    other = Router.blank(model='CHR', version='7.16.2', serial='RND2').run_script(script).output
    assert first == again and first != other
    router = Router.blank(model='CHR', version='7.16.2', serial='RND1')
    assert router.run_script(script).output != router.run_script(script).output


def test_serialize_round_trips_through_deserialize(router):
    result = router.run_script(':local a {"name"="x";"list"={1;2;3};"ok"=false}\n'
                               ':local t [:serialize to=json $a]\n:local b [:deserialize from=json $t]\n'
                               ':put $t\n:put ($b->"list"->2)\n:put [:typeof ($b->"ok")]')
    assert result.ok, result.error
    text, last, kind = result.output.split('\n')
    assert json.loads(text) == {'list': [1, 2, 3], 'name': 'x', 'ok': False}
    assert (last, kind) == ('3', 'bool')


def test_environment_lists_globals(router):
    result = router.run_script(':global g1 5; :global g2 "x"; :environment print')
    assert result.ok, result.error
    assert 'g1=5' in result.output and 'g2=x' in result.output


def test_execute_keeps_a_failure_in_the_job(router):
    result = router.run_script(':execute ":error inside"; :put after')
    assert (result.ok, result.output) == (True, 'after')


ERRORS = [
    (':resolve "nosuch.invalid"', 'failure: dns name does not exist'),
    (':parse ":put (1"', 'syntax error (line 1 column 8)'),  # placed in the parsed text: its end
    (':local f [:parse "/nosuch menu"]', 'bad command name nosuch (line 1 column 1)'),
    (':retry command={ :error "still broken" } max=2', 'still broken'),
    (':put [:convert "x" to=nosuch]', 'input does not match any value of to'),
    (':put [:deserialize from=json "{bad"]', 'failure: invalid json'),
    (':delay nonsense', 'invalid value for argument delay-time'),
]


@pytest.mark.parametrize('script,error', ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(router, script, error):
    result = router.run_script(script)
    assert not result.ok
    assert result.error == error
