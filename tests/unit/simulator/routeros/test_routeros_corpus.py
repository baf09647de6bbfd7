# SPDX-License-Identifier: GPL-3.0-or-later
"""The corpus: exports in the shape real routers write them (RouterOS 6 and 7, many kinds of site) and a
maintenance script. Each export loads whole on a blank router of its model and version, and /export gives
back the same sections, commands and values in the same order; loading that export again changes nothing."""

import pathlib

import pytest

from tests.simulator.routeros import Router
from tests.unit.simulator.routeros.measure import commands

CORPUS = pathlib.Path(__file__).parent / 'corpus'
EXPORTS = sorted(p.name for p in CORPUS.glob('v*.rsc'))
SCRIPTS = sorted(p.name for p in CORPUS.glob('script-*.rsc'))


def test_corpus_is_broad():
    assert len(EXPORTS) >= 10
    text = '\n'.join((CORPUS / name).read_text(encoding='utf-8') for name in EXPORTS)
    for section in ('/interface wireguard', '/interface wifi', '/caps-man configuration', '/interface lte',
                    '/interface bonding', '/interface vxlan', '/tool netwatch', '/ipv6 firewall filter',
                    '/routing ospf interface-template', '/routing bgp connection', '/ip hotspot', '/queue simple',
                    '/interface wireless', '/interface bridge vlan', '/system scheduler'):
        assert '\n%s\n' % section in text, section
    assert any(n.startswith('v6-') for n in EXPORTS) and any(n.startswith('v7-') for n in EXPORTS)


@pytest.mark.parametrize('name', EXPORTS)
def test_export_loads_and_comes_back(name):
    text = (CORPUS / name).read_text(encoding='utf-8')
    router, result = Router.from_export(text)
    assert result.ok, (result.error, result.failed_line)
    again = router.export(hide_sensitive=False)
    assert commands(again) == commands(text)
    assert again.splitlines()[0].endswith('by RouterOS ' + router.version)
    # the export of the export is the same text (the clock line aside)
    twice = Router.from_export(again)[0].export(hide_sensitive=False)
    assert twice.splitlines()[1:] == again.splitlines()[1:]


def test_script_runs_with_its_arrays_functions_and_handlers():
    router = Router.blank(model='CHR', version='7.16.2', serial='CORPUS1')
    result = router.run_script((CORPUS / 'script-backup-report.rsc').read_text(encoding='utf-8'))
    assert result.ok, (result.error, result.failed_line)
    text = router.export()
    assert 'add address=10.1.0.1/24 interface=bridge-lan network=10.1.0.0' in text
    assert 'set name=site-7' in text
    assert any('[site-7]' not in e['message'] and 'bridges: 2, addresses: 2' in e['message'] for e in router.state['log'])
    # run again: the bridges exist, the addresses fail inside :do and are caught
    again = router.run_script((CORPUS / 'script-backup-report.rsc').read_text(encoding='utf-8').split('/system script')[0])
    assert again.ok, again.error
    assert any('already there' in e['message'] for e in router.state['log'])


@pytest.mark.parametrize('name', SCRIPTS)
def test_script_runs_whole(name):
    """Scripts in the shapes public repositories share (failover, backups by mail, DDNS, ACME, JSON, address
    math, log watching, retries) run whole on a factory-default router."""
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch', serial='CORPUS2')
    result = router.run_script((CORPUS / name).read_text(encoding='utf-8'))
    assert result.ok, (result.error, result.failed_line)


def test_scripts_leave_what_they_made():
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch', serial='CORPUS3')
    router.state['unreachable'] = ['1.1.1.1']
    assert router.run_script((CORPUS / 'script-dual-wan-failover.rsc').read_text(encoding='utf-8')).error == \
        'failover flipped a healthy line'
    router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch', serial='CORPUS3')
    out = router.run_script((CORPUS / 'script-subnet-math.rsc').read_text(encoding='utf-8')).output
    assert out == 'site 12: 10.0.12.0/24 gw 10.0.12.1 hosts 100'
    assert 'add address=10.0.12.1/24 interface=br-site12 network=10.0.12.0' in router.export()
    assert 'add name=site12 ranges=10.0.12.100-10.0.12.199' in router.export()
    router.run_script((CORPUS / 'script-backup-email.rsc').read_text(encoding='utf-8'))
    assert router.state['outbox'][0]['to'] == 'noc@example.com'
    assert not [f for f in router.store.items(router.store.menus['/file']) if f['name'].startswith('branch-')]
    router.run_script((CORPUS / 'script-login-watch.rsc').read_text(encoding='utf-8'))
    # entries with a timeout are dynamic: listed, never exported
    assert router.run_script(':put [/ip firewall address-list get [find list=blocked] address]').output == '203.0.113.9'
    assert ' list=blocked' not in router.export() and 'src-address-list=blocked' in router.export()


def test_routeros_6_before_6_41_has_its_own_menus():
    """6.38 switched through master ports and listed MAC-access interfaces; 6.49 refuses both forms."""
    old = Router.default(model='RB760iGS', version='6.38.5', identity='old', serial='CORPUS4')
    assert 'add interface=bridge' in old.export('/tool mac-server')
    assert old.run_script('/interface ethernet set [ find default-name=ether3 ] master-port=ether2').ok
    new = Router.default(model='RB760iGS', version='6.49.15', identity='new', serial='CORPUS5')
    assert new.run_script('/tool mac-server add interface=bridge').error == 'bad command name add (line 1 column 18)'
    assert 'set allowed-interface-list=LAN' in new.export('/tool mac-server')
