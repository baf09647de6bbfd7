# SPDX-License-Identifier: GPL-3.0-or-later
"""Saving and restoring configuration as RouterOS does, and the files that carry it.

`/system backup save|load`, `/export file=`, `/import`, `/system reset-configuration run-after-reset=`,
`/system reboot`. A backup is a snapshot of the configuration tables kept with its `/file` entry; loading
it makes it the configuration and reboots the router. What is documented and what is inferred is listed
in the simulator README ("Configuration, files and reboots").
"""

import copy
import json
import time

from . import scheduler
from .errors import RouterOSError

# Tables a backup does not carry: files live on the disk, certificates are documented as not restored
# from a backup, User Manager keeps its own database.
NOT_IN_BACKUP = ('/file', '/certificate')
NOT_IN_BACKUP_PREFIX = ('/user-manager',)
YES = ('yes', 'true')


class Command:
    """A console command the interpreter hands over: its argument names and bare flags, and what it does."""

    def __init__(self, run, args=(), flags=(), positional=0):
        self.run = run
        self.args = args
        self.flags = flags
        self.positional = positional


def files(router):
    return router.store.table('/file')


def find_file(router, name, suffixes=('',)):
    for suffix in suffixes:
        for item in files(router):
            if item.get('name') == name + suffix:
                return item
    return None


def write_file(router, name, kind, contents=None, hidden=None):
    """Create or replace a file (RouterOS overwrites a file of the same name)."""
    state = router.state
    item = find_file(router, name)
    if item is None:
        item = {'.id': router.store.new_id('/file'), 'name': name}
        files(router).append(item)
    for key in [k for k in item if k not in ('.id', 'name')]:
        del item[key]
    size = len(contents.encode()) if contents is not None else len(json.dumps(hidden or {}))
    item.update({'type': kind, 'size': str(size), 'creation-time': scheduler.format_stamp(state, scheduler.now(state))})
    if contents is not None:
        item['contents'] = contents
    item.update(hidden or {})
    return item


def _config_tables(state):
    return {name: rows for name, rows in state['t'].items()
            if name not in NOT_IN_BACKUP and not name.startswith(NOT_IN_BACKUP_PREFIX)}


def backup_save(router, args, flags, positional):
    """`/system backup save`: documented options name, password, dont-encrypt, encryption."""
    del flags, positional
    state = router.state
    name = args.get('name') or '%s-%s' % (router.identity, time.strftime('%Y%m%d-%H%M', time.gmtime(scheduler.now(state))))
    if not name.endswith('.backup'):
        name += '.backup'
    password = args.get('password') or ''
    encrypted = bool(password) and args.get('dont-encrypt', 'no') not in YES  # documented: no password, no encryption
    snapshot = {'t': copy.deepcopy(_config_tables(state)), 'n': copy.deepcopy(state['n']),
                'version': state['version'], 'serial': state['serial']}
    write_file(router, name, 'backup', hidden={'.backup': snapshot, '.password': password if encrypted else None})
    return ['Configuration backup saved']


def backup_load(router, args, flags, positional):
    """`/system backup load name= [password=]`: the saved configuration comes back and the router reboots."""
    del flags, positional
    name = args.get('name') or ''
    item = find_file(router, name, ('', '.backup'))
    if item is None or item.get('type') != 'backup' or '.backup' not in item:
        raise RouterOSError('failure: no such backup file')
    if item.get('.password') and item['.password'] != (args.get('password') or ''):
        raise RouterOSError('failure: wrong password')
    snapshot = item['.backup']
    if snapshot.get('serial') != router.state['serial']:
        router.log('system,warning', 'loading a backup made on another router')
    restore(router, snapshot)
    router.log('system,info', 'configuration restored from %s' % item['name'])
    scheduler.reboot(router)
    return None


def restore(router, snapshot):
    """The configuration becomes the snapshot's; what a backup does not carry stays as it is."""
    state = router.state
    kept = {name: rows for name, rows in state['t'].items() if name not in _config_tables(state)}
    file_counter = state['n'].get('/file')
    state['t'] = copy.deepcopy(snapshot['t'])
    state['t'].update(kept)
    state['n'] = copy.deepcopy(snapshot['n'])
    if file_counter is not None:
        state['n']['/file'] = file_counter


def export_to_file(router, name, text):
    """`/export file=X` writes X.rsc (a script file) instead of printing."""
    if not name.endswith('.rsc'):
        name += '.rsc'
    write_file(router, name, 'script', contents=text + '\n')


def import_file(router, args, flags, positional):
    """`/import file-name=X` (or `/import X`) runs the script file; its first error stops it."""
    name = args.get('file-name') or (positional[0] if positional else '')
    item = find_file(router, str(name), ('', '.rsc'))
    if item is None or 'contents' not in item:
        raise RouterOSError('failure: no such file')
    output = router.run_nested(item['contents'])
    if 'dry-run' not in flags and args.get('dry-run') not in YES:
        output = list(output) + ['Script file loaded and executed successfully']
    return output


def reset_configuration(router, args):
    """`/system reset-configuration`: back to defaults (or nothing), files kept; the router reboots, then runs
    the `run-after-reset` script file."""
    keep = scheduler.snapshot(router.state)
    disk = copy.deepcopy(router.store.table('/file'))
    file_counter = router.state['n'].get('/file')
    after = args.get('run-after-reset')
    script = None
    if after:
        item = find_file(router, after, ('', '.rsc'))
        if item is None or 'contents' not in item:
            raise RouterOSError('failure: no such file')
        script = item['contents']
    router.reset(no_defaults=args.get('no-defaults', 'no') in YES, keep_users=args.get('keep-users', 'no') in YES)
    router.state.update(keep)
    router.state['t']['/file'] = disk
    if file_counter is not None:
        router.state['n']['/file'] = file_counter
    if script is not None:
        router.state['after-boot'] = script
    scheduler.reboot(router)


def system_reboot(router, args, flags, positional):
    del args, flags, positional
    scheduler.reboot(router)


# (menu path, command) -> Command; `stops` commands end the script that ran them (the router goes down)
COMMANDS = {
    ('/system backup', 'save'): Command(backup_save, ('name', 'password', 'dont-encrypt', 'encryption')),
    ('/system backup', 'load'): Command(backup_load, ('name', 'password')),
    ('/', 'import'): Command(import_file, ('file-name', 'verbose', 'dry-run'), flags=('dry-run',), positional=1),
    ('/system', 'reboot'): Command(system_reboot),
}
STOPS = (('/system backup', 'load'), ('/system', 'reboot'))
