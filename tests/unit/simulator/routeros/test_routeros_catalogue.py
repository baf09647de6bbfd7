# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalogue: every menu answers print; list menus take add, single menus take set; defaults show in
print as RouterOS shows them; a misspelt menu or property is refused with RouterOS's words."""

import pytest

from tests.simulator.routeros import Router
from tests.simulator.routeros.export import section_order
from tests.simulator.routeros.schema import all_menus

SAMPLE = {'int': '7', 'bool': 'yes', 'time': '5s', 'ip': '10.0.0.9', 'mac': '02:00:00:00:00:09', 'kib': '64'}


@pytest.fixture(scope='module', params=['6.49.15', '7.16.2'])
def router(request):
    return Router.blank(model='RB5009UG+S+' if request.param[0] == '7' else 'CCR2004-16G-2S+', version=request.param,
                        serial='CAT1')


def test_catalogue_size():
    menus = all_menus((7, 16))
    assert len(menus) >= 330
    defaults = sum(1 for m in menus.values() for p in m.props.values() if p.default is not None)
    assert defaults >= 1500


def test_every_menu_answers_print(router):
    for path in all_menus(router.store.version):
        result = router.run_script('%s print' % path)
        assert result.ok, (path, result.error)
        router.api('/%s/print' % path.strip('/').replace(' ', '/'))


def sample(menu, prop):
    if prop.choices:
        return prop.choices[0]
    if prop.kind == 'ref':
        return {'interface': 'ether2', 'interface-list': 'all'}.get(prop.ref, 'x')
    if prop.range:
        return str(prop.range[0])
    return SAMPLE.get(prop.kind, 'v%d' % len(menu.path))


def test_add_and_set_with_required_properties(router):
    failures = []
    for path, menu in sorted(all_menus(router.store.version).items()):
        if menu.readonly or path in ('/interface', '/interface ethernet', '/system package'):
            continue
        required = {n: sample(menu, p) for n, p in menu.props.items() if p.required and not p.readonly}
        if 'bridge' in required:
            router.run_script('/interface bridge add name=brcat') if 'brcat' not in router.store.ref_names('bridge') else None
            required['bridge'] = 'brcat'
        words = ' '.join('%s="%s"' % kv for kv in required.items())
        verb = 'set' if menu.kind == 'single' else 'add'
        if verb == 'add' and 'add' not in menu.commands:
            continue
        result = router.run_script('%s %s %s' % (path, verb, words))
        if not result.ok:
            failures.append((path, result.error))
    assert len(failures) <= 5, failures


def test_defaults_print_as_routeros_shows_them():
    router = Router.blank(model='RB5009UG+S+', version='7.16.2', serial='CAT2')
    dns = router.run_script('/ip dns print').output
    assert '  cache-size: 2048KiB' in dns
    port = router.run_script('/interface bridge add name=b1\n/interface bridge port add bridge=b1 interface=ether2\n'
                             ':put [/interface bridge port get [find] path-cost]\n:put [/interface bridge get b1 ageing-time]')
    # get hands a script a time value, which prints in clock form
    assert port.output.split() == ['10', '00:05:00']
    assert router.api('/ip/settings/print')[0]['rp_filter'] == 'no'
    assert router.api('/interface/wireguard/print') == []


def test_routeros_words_for_misspellings():
    router = Router.blank(model='RB5009UG+S+', version='7.16.2', serial='CAT3')
    assert router.run_script('/ip dns set cache-sise=1').error == 'expected end of command (line 1 column 13)'
    assert router.run_script('/interface wireguardd print').error == 'bad command name wireguardd (line 1 column 12)'
    assert router.run_script('/routing ospf instance frobnicate').error == 'bad command name frobnicate (line 1 column 24)'
    with pytest.raises(Exception) as caught:
        router.api('/interface/wireguard/add', ['=name=wg9', '=listen-prot=1'])
    assert caught.value.message == 'unknown parameter listen-prot'


def test_every_exported_menu_has_a_place_in_the_order():
    for version in ((6, 49), (7, 16)):
        menus = all_menus(version)
        order = section_order(menus)
        assert len(order) == len(set(order))
        assert all(p in order for p, m in menus.items() if m.export and not m.readonly)
