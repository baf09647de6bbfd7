# SPDX-License-Identifier: GPL-3.0-or-later
"""Scripting as real scripts use it: arrays, ->, concatenation, :do on-error, functions in globals, RouterOS's errors."""

import pytest

from tests.simulator.routeros import Router

# (script, what it prints) on a blank CHR running 7.16.2
SCRIPTS = [
    (':local a {"a";"b"}; :put [:len $a]', '2'),
    (':local a {}; :put [:len $a]', '0'),
    (':local a {k="v";n=2}; :put ($a->"k")', 'v'),
    (':local a {k="v";n=2}; :put ($a->"n" + 1)', '3'),
    (':local a {k="v"}; :set ($a->"k") "w"; :put ($a->"k")', 'w'),
    (':local a [:toarray ""]; :set ($a->"x") 5; :put ($a->"x")', '5'),
    (':local s "ab"; :put ($s . "cd")', 'abcd'),
    (':if(1=1) do={:put yes}', 'yes'),
    (':if (1=2) do={:put yes} else={:put no}', 'no'),
    (':put ((2+3)*4)', '20'),
    (':put (10 - (2 * 3))', '4'),
    (':local a {x=1;y=2}; :foreach k,v in=$a do={:put ($k . "=" . $v)}', 'x=1\ny=2'),
    (':foreach i in={1;2;3} do={:put $i}', '1\n2\n3'),
    (':do { :error "boom" } on-error={ :put "caught" }', 'caught'),
    (':do { :put "ok" } on-error={ :put "caught" }', 'ok'),
    (':global f do={ :return ($1 + 1) }; :put [$f 4]', '5'),
    (':global g do={ :return ("hi " . $name) }; :put [$g name=bob]', 'hi bob'),
    (':put [:len "hello"]', '5'),
    (':put [:pick "hello" 1 3]', 'el'),
    (':put [:pick {1;2;3} 1]', '2'),
    (':put [:tostr 5]', '5'),
    (':put [:typeof 5]', 'num'),
    (':put [:typeof "x"]', 'str'),
    (':put [:typeof {1;2}]', 'array'),
    (':put [:find "hello" "l"]', '2'),
    (':put [:find {"a";"b"} "b"]', '1'),
    (':local x 0; :for i from=1 to=3 do={:set x ($x+$i)}; :put $x', '6'),
    (':local a {"a";"b"}; :set a ($a, "c"); :put [:len $a]', '3'),
    (':local a {1;2}; :put $a', '1;2'),
    (':local a {b=1;a=2}; :put $a', 'a=2;b=1'),
    (':put [:typeof $nothing]', 'nothing'),
    (':local n "10"; :put ($n + 5)', '15'),
    (':local s "x"; :set s ($s."y"); :put $s', 'xy'),
    (':put ("a" . 1 . "b")', 'a1b'),
    (':local a {"x"}; :put ($a->0)', 'x'),
    (':local i 3; :while ($i > 0) do={:set i ($i - 1)}; :put $i', '0'),
    (':put [:tonum "42"]', '42'),
    (':local a {k={n=1}}; :put ($a->"k"->"n")', '1'),
    (':put [:len [:toarray "a,b,c"]]', '3'),
    ('{ :local z 1; :put $z }', '1'),
    (':if ([:len [/ip address find]] = 0) do={ :put none }', 'none'),
    (':put [:pick "abc" 1]', 'b'),
    (':local a "x,y"; :foreach p in=[:toarray $a] do={ :put $p }', 'x\ny'),
    (':put ([:len "ab"] + 1)', '3'),
    (':put "v=$[:len "ab"]"', 'v=2'),
    (':local a {k="v"}; :put "val $($a->"k")"', 'val v'),
    (':put (!true)', 'false'),
    (':put (true && false)', 'false'),
    (':put ("ab" = "ab")', 'true'),
    (':local m {}; :set ($m->"a") 1; :set ($m->"b") 2; :put [:len $m]', '2'),
]


@pytest.fixture(scope='module')
def router():
    return Router.blank(model='CHR', version='7.16.2', serial='SCRIPT1')


@pytest.mark.parametrize('script,expected', SCRIPTS)
def test_script_output(router, script, expected):
    result = router.run_script(script)
    assert result.ok, (result.error, result.failed_line)
    assert result.output == expected


def test_errors_name_the_failing_line():
    router = Router.blank(model='CHR', version='7.16.2', serial='SCRIPT2')
    result = router.run_script(':local a {1;2}\n:put ($a->0)\n/ip address add address=10.0.0.1/24 interface=nope\n:put after')
    assert not result.ok
    assert result.error == 'input does not match any value of interface'
    assert result.failed_line == 3
    assert result.output == '1'
    result = router.run_script(':if (1=1) do={\n  :put x\n  :put (1 + )\n}')
    assert result.error.startswith('syntax error (line 3 column')


def test_on_error_catches_a_failing_command():
    router = Router.blank(model='CHR', version='7.16.2', serial='SCRIPT3')
    script = (':do { /ip address add address=10.0.0.1/24 interface=nope } on-error={ :put "no such port" }\n'
              ':do { /interface bridge add name=br1 } on-error={ :put "never" }\n:put [:len [/interface bridge find]]')
    result = router.run_script(script)
    assert result.ok, result.error
    assert result.output == 'no such port\n1'


def test_functions_held_in_globals_outlive_the_script():
    router = Router.blank(model='CHR', version='7.16.2', serial='SCRIPT4')
    assert router.run_script(':global double do={ :return ($1 * 2) }').ok
    result = router.run_script(':global double; :put [$double 21]')
    assert result.output == '42'
    assert router.run_script(':global counters {a=1}; :set ($counters->"b") 2').ok
    assert router.run_script(':global counters; :put $counters').output == 'a=1;b=2'
