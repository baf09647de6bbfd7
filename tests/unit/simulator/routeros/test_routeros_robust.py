# SPDX-License-Identifier: GPL-3.0-or-later
"""Whatever text or API words arrive, the engine answers as RouterOS would: a result or a RouterOSError."""

import random

from tests.simulator.routeros import Router, RouterOSError

PIECES = list('abcxyz0129 =[]{}()"$\\;:/.,~!<>?#*-_\n\t') + [
    '/ip address ', 'add ', 'set ', 'find ', 'where ', ':put ', ':local ', '[find]', 'address=', 'interface=', 'ether1',
    ' do={', '}', ':if (', ':foreach i in=', '/interface ', 'remove ', 'print ', 'get ', ':log info ', '"\\', '\\\n', 'П',
    '/ip firewall filter ', 'move ', 'place-before=', '0', '*1', ':global g ', '$g', ':for i from=1 to=3 do={', 'export ']
MENUS = ['/ip/address', '/interface', '/ip/firewall/filter', '/ip/dns', '/system/identity', '/system/resource', '/log',
         '/ip/route', '/nope', '/interface/ethernet', '/system/package']
VERBS = ['print', 'add', 'set', 'remove', 'enable', 'disable', 'move', 'get', 'unset', 'comment', 'bad']
WORDS = ['=.id=*1', '=.id=ether1', '=.id=', '=numbers=*2', '=address=10.0.0.1/24', '=interface=ether2', '=comment=x',
         '=name=y', '?name=ether1', '?#|', '?#!', '?#0', '?#&', '?-comment', '?comment', '?>mtu=1000', '?', '=.proplist=name,.id',
         '=count-only=', '=value-name=name', '=destination=*3', '=disabled=yes', '=chain=input', '=place-before=*1', '=', 'junk']


def test_random_scripts_never_break_the_engine():
    state = Router.default(model='RB5009UG+S+', version='7.16.2', identity='f', serial='F').to_state()
    rng = random.Random(11)
    for _round in range(700):
        text = ''.join(rng.choice(PIECES) for _piece in range(rng.randint(1, 30)))
        result = Router.from_state(state).run_script(text)
        assert result.ok or not result.error.startswith('simulator internal error'), (text, result.error)


def test_random_api_calls_never_break_the_engine():
    state = Router.default(model='RB5009UG+S+', version='7.16.2', identity='f', serial='F').to_state()
    rng = random.Random(5)
    for _round in range(700):
        router = Router.from_state(state)
        try:
            router.api(rng.choice(MENUS) + '/' + rng.choice(VERBS), rng.sample(WORDS, rng.randint(0, 5)))
        except RouterOSError:
            pass
        router.to_state()


def test_functions_in_variables():
    router = Router.blank(model='CHR', version='7.16.2', identity='x', serial='F')
    result = router.run_script(':local add do={:return ($a + $b)}\n:local greet do={:put ("hi " . $name)}\n$greet name=bob\n:put [$add a=2 b=3]')
    assert result.output == 'hi bob\n5'


def test_runaway_loops_and_recursion_stop():
    router = Router.blank(model='CHR', version='7.16.2', identity='x', serial='F')
    assert router.run_script(':while (true) do={}').error == 'simulator stopped a loop after 10000 rounds'
    router.run_script('/system script add name=loop source="/system script run loop"')
    assert router.run_script('/system script run loop').error == 'simulator: script nesting too deep'
