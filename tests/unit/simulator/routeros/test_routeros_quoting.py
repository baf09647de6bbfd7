# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden vectors for RouterOS string escapes, both ways: reading script text and writing export text."""

import pytest

from tests.simulator.routeros import Router
from tests.simulator.routeros.quoting import escape, quote


@pytest.fixture(scope='module')
def router():
    return Router.blank(model='RB5009UG+S+', version='7.16.2', identity='x', serial='Q1')


# script literal -> the string it denotes
READ = [
    (r'"plain"', 'plain'),
    (r'"a\"b"', 'a"b'),
    (r'"a\\b"', 'a\\b'),
    (r'"\$HOME"', '$HOME'),
    (r'"why\?"', 'why?'),
    (r'"one\ntwo"', 'one\ntwo'),
    (r'"cr\r"', 'cr\r'),
    (r'"tab\there"', 'tab\there'),
    (r'"a\_b"', 'a b'),
    (r'"\a"', '\a'),
    (r'"\b"', '\b'),
    (r'"\f"', '\f'),
    (r'"\v"', '\v'),
    (r'"\41\42"', 'AB'),
    (r'"\7E"', '~'),
    (r'"\00x"', '\x00x'),
    (r'"\D0\9F\D1\80\D0\B8"', 'При'),
    (r'"\E2\82\AC5"', '€5'),
    ('"Grüße, 東京"', 'Grüße, 東京'),
    (r'"mixed \D0\9F and П"', 'mixed П and П'),
    (r'"\ab"', '\ab'),  # lower-case letters are escapes, not hex
    (r'"\AB\CD"', '\udcab\udccd'),  # bytes that are not UTF-8 survive as escapes
    (r'bare\_word', 'bare word'),
    (r'bare\22q', 'bare"q'),
    ('"semi;colon"', 'semi;colon'),
    ('"[brackets]"', '[brackets]'),
    ('"{braces}"', '{braces}'),
    ('"#hash"', '#hash'),
    ('""', ''),
    ('"split \\\n    here"', 'split here'),
    ('"no\\\n      space"', 'nospace'),
]


@pytest.mark.parametrize('literal,expected', READ)
def test_read_escapes(router, literal, expected):
    result = router.run_script(':local v %s; :put [:len $v]; :put $v' % literal)
    assert result.ok, result.error
    length, text = result.output.split('\n', 1)
    assert text == expected
    assert int(length) == len(expected.encode('utf-8', 'surrogateescape'))  # :len counts bytes


@pytest.mark.parametrize('literal', [r'"\q"', r'"\4"', r'"\4a"', r'"\x41"', '"open', r'"trailing\"'])
def test_bad_escapes_are_syntax_errors(router, literal):
    result = router.run_script(':put %s' % literal)
    assert not result.ok
    assert result.error.startswith('syntax error (line 1 column ')


# stored value -> how export writes it
WRITE = [
    ('defconf', 'defconf'),
    ('192.168.88.1/24', '192.168.88.1/24'),
    ('established,related', 'established,related'),
    ('!LAN', '!LAN'),
    ('48:A9:8A:00:00:01', '48:A9:8A:00:00:01'),
    ('', '""'),
    ('a b', '"a b"'),
    ('say "hi"', r'"say \"hi\""'),
    ('c:\\dir', r'"c:\\dir"'),
    ('$HOME', r'"\$HOME"'),
    ('what?', r'"what\?"'),
    ('one\ntwo', r'"one\ntwo"'),
    ('cr\rlf\n', r'"cr\rlf\n"'),
    ('tab\t', r'"tab\t"'),
    ('bell\a', r'"bell\07"'),
    ('Привет', r'"\D0\9F\D1\80\D0\B8\D0\B2\D0\B5\D1\82"'),
    ('€', r'"\E2\82\AC"'),
    ('a;b', '"a;b"'),
    ('x=y', '"x=y"'),
    ('[x]', '"[x]"'),
    ('{x}', '"{x}"'),
    ('#x', '"#x"'),
    ('(x)', '"(x)"'),
]


@pytest.mark.parametrize('value,written', WRITE)
def test_export_quoting(value, written):
    assert quote(value) == written


@pytest.mark.parametrize('value', [pair[0] for pair in WRITE] + ['mixed П "q" $v \\ ? \n end', 'x' * 200, 'word ' * 40])
def test_comment_survives_export_and_import(value):
    source = Router.blank(model='CHR', version='7.16.2', identity='x', serial='Q2')
    source.api('/ip/address/add', ['=address=10.0.0.1/24', '=interface=ether1', '=comment=' + value])
    text = source.export()
    target = Router.blank(model='CHR', version='7.16.2', identity='x', serial='Q2')
    result = target.run_script(text)
    assert result.ok, (result.error, text)
    assert target.api('/ip/address/print')[0].get('comment', '') == value
    assert all(len(line) <= 80 for line in text.splitlines() if not line.startswith('#')) or len(value) > 70


def test_escape_never_emits_raw_non_ascii():
    assert escape('é\x7f') == r'\C3\A9\7F'


def test_long_script_source_breaks_before_newlines():
    router = Router.blank(model='CHR', version='7.16.2', identity='x', serial='Q3')
    source = ':log info "one"\n:log info "two"\n:delay 1s'
    router.api('/system/script/add', ['=name=s1', '=source=' + source])
    text = router.export('/system script')
    body = text.split('/system script\n', 1)[1]
    assert '\\\n    \\n:log info \\"two\\"' in body
    again = Router.blank(model='CHR', version='7.16.2', identity='x', serial='Q3')
    assert again.run_script(text).ok
    assert again.api('/system/script/print')[0]['source'] == source
