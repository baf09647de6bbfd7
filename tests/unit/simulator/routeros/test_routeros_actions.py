# SPDX-License-Identifier: GPL-3.0-or-later
"""Commands that act rather than configure, as maintenance scripts use them: ping, fetch, e-mail, backup,
export to a file and import it back, reboot, certificates, monitors, counters."""

import pytest

from tests.simulator.routeros import Router


@pytest.fixture(name='router')
def router_fixture():
    return Router.default(model='RB5009UG+S+', version='7.16.2', identity='act', serial='ACT0001')


def run(router, script):
    result = router.run_script(script)
    assert result.ok, (result.error, result.failed_line)
    return result.output


def test_ping_answers_replies(router):
    assert run(router, ':put [/ping 1.1.1.1 count=3]').splitlines()[-1] == '3'
    assert run(router, ':put [/ping 192.0.2.1 count=2]').splitlines()[-1] == '0'
    assert run(router, ':put [/tool ping address=host.invalid count=1]').splitlines()[-1] == '0'
    router.state['unreachable'] = ['8.8.8.8']
    assert run(router, ':if ([/ping 8.8.8.8 count=1] = 0) do={:put down}').splitlines()[-1] == 'down'


def test_fetch_records_and_answers(router):
    router.state['urls'] = {'https://api.example.com/ip': '203.0.113.7'}
    out = run(router, ':local r [/tool fetch url="https://api.example.com/ip" output=user as-value]\n'
                      ':put ($r->"status"); :put ($r->"data")')
    assert out.splitlines() == ['finished', '203.0.113.7']
    run(router, '/tool fetch url="https://example.com/list.rsc" dst-path=list.rsc')
    assert 'list.rsc' in run(router, ':put [/file get [find name=list.rsc] name]')
    assert [f['url'] for f in router.state['fetched']][-1] == 'https://example.com/list.rsc'
    failed = router.run_script('/tool fetch url="https://no.invalid/x"')
    assert (failed.ok, failed.error) == (False, 'failure: connection failed')


def test_backup_export_mail_import(router):
    run(router, '/system backup save name=nightly dont-encrypt=yes\n/export file=nightly\n'
                '/tool e-mail send to="ops@example.com" subject="backup" file=nightly.backup,nightly.rsc')
    names = run(router, ':foreach f in=[/file find] do={:put [/file get $f name]}').splitlines()
    assert {'nightly.backup', 'nightly.rsc'} <= set(names)
    assert router.state['outbox'] == [{'to': 'ops@example.com', 'subject': 'backup', 'file': 'nightly.backup,nightly.rsc'}]
    # the exported file, imported on a blank router, gives the same configuration
    text = run(router, ':put [/file get [find name=nightly.rsc] contents]')
    blank = Router.blank(model='RB5009UG+S+', version='7.16.2', serial='ACT0002')
    blank.store.add(blank.store.menus['/file'], {'name': 'nightly.rsc'})
    blank.store.items(blank.store.menus['/file'])[0]['contents'] = text
    run(blank, '/import file-name=nightly.rsc')
    body = [line for line in router.export().splitlines() if not line.startswith('#')]
    assert [line for line in blank.export().splitlines() if not line.startswith('#')] == body


def test_reboot_ends_the_script(router):
    out = run(router, ':put before\n/system reboot\n:put after')
    assert out == 'before'


def test_certificates_and_letsencrypt(router):
    run(router, '/certificate enable-ssl-certificate dns-name=r1.example.net\n'
                '/ip service set www-ssl certificate=letsencrypt_r1_example_net disabled=no')
    assert run(router, ':put [/certificate get [find] common-name]') == 'r1.example.net'


ACCEPTED = [
    '/ip dns cache flush', '/ip dhcp-client renew [find]', '/ip firewall connection remove [find]',
    '/interface reset-counters [find]', '/queue simple reset-counters-all', '/system package update check-for-updates',
    ':put ([/interface monitor-traffic ether1 once as-value]->"rx-bits-per-second")',
    ':put ([/interface ethernet monitor ether1 once as-value]->"status")', '/ip cloud force-update',
    '/system routerboard upgrade', '/tool traceroute 1.1.1.1 count=1', '/interface monitor-traffic print',
]


@pytest.mark.parametrize('script', ACCEPTED)
def test_accepted(router, script):
    run(router, script)


REFUSED = [
    ('/ping 1.1.1.1 cuont=3', 'expected end of command (line 1 column 15)'),
    ('/tool fetch url=x nosuch=1', 'expected end of command (line 1 column 19)'),
    ('/system backup sav', 'bad command name sav (line 1 column 16)'),
    ('/import file-name=missing.rsc', 'failure: no such file'),
]


@pytest.mark.parametrize('script,error', REFUSED)
def test_refused(router, script, error):
    result = router.run_script(script)
    assert (result.ok, result.error) == (False, error)
