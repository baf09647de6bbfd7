# SPDX-License-Identifier: GPL-3.0-or-later
"""Saving and restoring configuration: /system backup, /export file=, /import, reset-configuration, /file."""

import re

import pytest

from tests.simulator.routeros import Router
from tests.simulator.routeros import scheduler


def fresh(version='7.16.2', model='RB5009UG+S+'):
    return Router.default(model=model, version=version, identity='r1', serial='C0FFEE', seed=1)


def body(text):
    """An export without its header line (which carries the time)."""
    return '\n'.join(line for line in text.splitlines() if not re.match(r'# \S+ \S+ by RouterOS', line))


def ok(router, script):
    result = router.run_script(script)
    assert result.ok, (result.error, result.failed_line)
    return result.output


def file_names(router):
    return [f['name'] for f in router.api('/file/print')]


@pytest.mark.parametrize('version,model', [('7.16.2', 'RB5009UG+S+'), ('6.49.15', 'RB760iGS')])
def test_backup_load_brings_the_saved_configuration_back_after_a_reboot(version, model):
    router = fresh(version, model)
    before = router.export()
    assert ok(router, '/system backup save name=pre dont-encrypt=yes') == 'Configuration backup saved'
    ok(router, '/ip firewall filter add chain=input action=drop comment=change\n/system identity set name=changed')
    assert 'pre.backup' in file_names(router)
    result = router.run_script('/system backup load name=pre.backup\n:log info after-load')
    assert result.ok
    assert router.down
    assert body(router.export()) == body(before)
    assert router.identity == 'r1'
    router.advance(scheduler.REBOOT_SECONDS + 1)
    assert not router.down
    assert 'after-load' not in [e['message'] for e in router.api('/log/print')]
    assert 'pre.backup' in file_names(router)  # files are not configuration: the backup stays


def test_backup_file_is_listed_with_its_type_and_a_version_dated_creation_time():
    router = fresh('6.49.15', 'RB760iGS')
    ok(router, '/system backup save')
    (item,) = router.api('/file/print')
    assert re.fullmatch(r'r1-\d{8}-\d{4}\.backup', item['name'])
    assert item['type'] == 'backup' and int(item['size']) > 1000
    assert re.fullmatch(r'[a-z]{3}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}', item['creation_time'])
    router7 = fresh()
    ok(router7, '/system backup save name=x')
    assert re.fullmatch(r'\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}', router7.api('/file/print')[0]['creation_time'])


def test_an_encrypted_backup_needs_its_password():
    router = fresh()
    ok(router, '/system backup save name=secret password=s3cret')
    assert router.run_script('/system backup load name=secret').error == 'failure: wrong password'
    assert not router.down
    ok(router, '/system backup load name=secret password=s3cret')
    assert router.down


def test_dont_encrypt_needs_no_password_and_a_missing_file_is_refused():
    router = fresh()
    ok(router, '/system backup save name=plain password=x dont-encrypt=yes')
    ok(router, '/system backup load name=plain')
    assert fresh().run_script('/system backup load name=nothing').error == 'failure: no such backup file'


def test_a_backup_taken_before_a_scheduler_entry_does_not_bring_it_back():
    router = fresh()
    ok(router, '/system scheduler add name=kept start-time=startup on-event=":log info kept"')
    ok(router, '/system backup save name=b')
    ok(router, '/system scheduler add name=later interval=1m on-event=":log info later"')
    ok(router, '/system backup load name=b')
    names = [e['name'] for e in router.api('/system/scheduler/print')]
    assert names == ['kept']
    router.advance(scheduler.REBOOT_SECONDS + scheduler.STARTUP_DELAY + 1)
    assert 'kept' in [e['message'] for e in router.api('/log/print')]


def test_export_to_file_and_import_it_back_on_an_empty_router():
    router = fresh()
    ok(router, '/ip address add address=10.7.0.1/24 interface=ether3 comment=lab')
    before = router.export()
    assert ok(router, '/export file=saved') == ''
    item = [f for f in router.api('/file/print') if f['name'] == 'saved.rsc'][0]
    assert item['type'] == 'script' and body(item['contents']).strip() == body(before).strip()
    ok(router, '/system reset-configuration no-defaults=yes skip-backup=yes')
    router.advance(scheduler.REBOOT_SECONDS + 1)
    assert 'saved.rsc' in file_names(router)
    assert '10.7.0.1' not in router.export()
    assert ok(router, '/import file-name=saved.rsc').endswith('Script file loaded and executed successfully')
    assert body(router.export()) == body(before)


def test_menu_export_to_file():
    router = fresh()
    ok(router, '/ip firewall filter export file=fw')
    contents = [f for f in router.api('/file/print') if f['name'] == 'fw.rsc'][0]['contents']
    assert '/ip firewall filter' in contents and '/ip address' not in contents


def test_import_stops_at_the_first_error():
    router = fresh()
    ok(router, '/file add name=bad.rsc contents="/ip address add address=10.8.0.1/24 interface=ether4\\n/ip address add address=bogus"')
    result = router.run_script('/import bad.rsc')
    assert not result.ok and 'invalid value' in result.error
    assert '10.8.0.1' in router.export()
    assert router.run_script('/import file-name=none.rsc').error == 'failure: no such file'


def test_reset_configuration_runs_the_run_after_reset_script_after_the_reboot():
    router = fresh()
    ok(router, '/file add name=setup.rsc contents="/system identity set name=from-file"')
    ok(router, '/system reset-configuration no-defaults=yes run-after-reset=setup.rsc\n:log info never')
    assert router.down and router.identity == 'MikroTik'
    router.advance(scheduler.REBOOT_SECONDS + 1)
    assert router.identity == 'from-file'
    assert router.api('/ip/address/print') == []


def test_files_can_be_removed():
    router = fresh()
    ok(router, '/system backup save name=a\n/export file=a')
    assert sorted(file_names(router)) == ['a.backup', 'a.rsc']
    ok(router, '/file remove [find where name~"^a\\\\."]')
    assert file_names(router) == []


def test_clock_survives_reset_and_load():
    router = fresh()
    router.advance(86400 * 3)
    ahead = scheduler.now(router.state)
    ok(router, '/system backup save name=b\n/system backup load name=b')
    router.advance(40)
    ok(router, '/system reset-configuration no-defaults=yes')
    assert scheduler.now(router.state) >= ahead + 40
