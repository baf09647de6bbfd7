# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Router-side scripts of an automatic rollback: arm a revert before a change, confirm it after.

Arming saves the configuration with ``/system backup save`` and adds a ``/system scheduler`` entry that
loads that backup when the window ends. A backup, not ``/export file=``: loading a backup replaces the
whole configuration with the saved one (a rule the change added is gone, users and secrets come back as
they were) and reboots into it, while ``/import`` of an export only runs commands on top of what is
there, and an export hides secrets on RouterOS 7. Confirming removes the entries and the file.

The window is counted without dates: the revert entry runs every ``tick`` seconds from
``start-time=startup`` and restores once its ``run-count`` reaches the number of ticks. RouterOS 6 prints
dates as ``jan/02/1970`` and 7.10+ as ``1970-01-02``, and a router's clock may be wrong until NTP syncs;
a run count means neither. RouterOS resets ``run-count`` on reboot, so a reboot inside the window starts
it again: the router still reverts, later.

A backup brings back the scheduler as it was when it was saved. So the cleanup entry (``startup``, runs
once 3 s after every boot) is added before the backup is saved and the revert entry after: after a
revert the cleanup entry exists and the revert entry does not, and that is its signal to remove the file
and itself. After an ordinary reboot inside the window the revert entry still exists and cleanup waits.

RouterOS 6 (6.43 and later) and 7 take the same commands here (``/system backup save name= dont-encrypt=``
or ``password=``, ``/system backup load name= password=``, ``/system scheduler add start-time=startup
interval= on-event= policy=``, ``/file remove``). Devices whose files outside ``flash/`` live in RAM keep
the backup in ``flash/``; the script looks for that directory when it arms.
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid

PREFIX = 'altostrat-rollback-'
TICKS = 30  # the window is counted in about this many runs of the revert entry
POLICY = 'ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon'
_NAMESPACE = uuid.UUID('0f6c8f1e-5a43-5b3e-9f2c-7d9e3a1b2c4d')
MIN_WINDOW = 10
MAX_WINDOW = 7 * 86400


class RollbackNames:
    """What one rollback is called on the router, all derived from its key."""

    def __init__(self, key):
        self.key = str(key)
        self.id = hashlib.sha256(self.key.encode('utf-8')).hexdigest()[:12]
        self.revert = PREFIX + self.id
        self.cleanup = PREFIX + self.id + '-cleanup'
        self.file = PREFIX + self.id + '.backup'
        self.files = (self.file, 'flash/' + self.file)
        # the SDX jobs that arm (with the change) and confirm: one idempotency key each, exactly once
        self.arm_key = str(uuid.uuid5(_NAMESPACE, self.key + ':arm'))
        self.confirm_key = str(uuid.uuid5(_NAMESPACE, self.key + ':confirm'))


def _quote(text):
    """A RouterOS string literal."""
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"').replace('$', '\\$').replace('\n', '\\n') + '"'


def _files_where(names):
    return 'name=%s or name=%s' % (_quote(names.files[0]), _quote(names.files[1]))


def check_version(version):
    """RouterOS 6.43+ or 7: earlier versions encrypt a backup with the user's password and lack dont-encrypt."""
    match = re.match(r'(\d+)\.(\d+)', str(version or ''))
    if not match:
        raise ValueError('unknown RouterOS version %r' % (version,))
    major, minor = int(match.group(1)), int(match.group(2))
    if major < 6 or major == 6 and minor < 43 or major > 7:
        raise ValueError('automatic rollback needs RouterOS 6.43 or later 6.x, or 7.x (got %s)' % version)
    return major


def timing(window):
    """(tick, ticks, earliest, latest) in seconds: the revert runs between earliest and latest after arming."""
    window = int(window)
    if window < MIN_WINDOW or window > MAX_WINDOW:
        raise ValueError('the rollback window must be %d s to %d s (got %d s)' % (MIN_WINDOW, MAX_WINDOW, window))
    tick = max(1, window // TICKS)
    ticks = int(math.ceil(window / float(tick)))
    # the first run comes within one tick of arming; run-count may be counted before or after the run
    return tick, ticks, (ticks - 1) * tick, (ticks + 1) * tick


def _password_words(password):
    return (' password=' + _quote(password)) if password else ''


def revert_source(names, ticks, password=None):
    """The revert entry's on-event: once the window is over, load the backup (the router reboots)."""
    return (':if ([:tonum [/system scheduler get [find where name=%s] run-count]] >= %d) do={ '
            ':log warning %s; /system backup load name=[/file get [:pick [/file find where %s] 0] name]%s }'
            % (_quote(names.revert), ticks,
               _quote('%s: the change was not confirmed; restoring the configuration saved before it' % names.revert),
               _files_where(names), _password_words(password)))


def cleanup_source(names):
    """The cleanup entry's on-event: after a revert (no revert entry), remove the backup file and itself."""
    return (':if ([:len [/system scheduler find where name=%s]] = 0) do={ /file remove [find where %s]; '
            ':log info %s; /system scheduler remove [find where name=%s] }'
            % (_quote(names.revert), _files_where(names),
               _quote('%s: configuration restored from before the change; rollback files removed' % names.revert),
               _quote(names.cleanup)))


def arm_script(key, window, version, password=None):
    """The script that arms the rollback; the change follows it in the same job (an error stops the job
    before the change). It refuses to arm while any rollback is armed, and undoes a half-done arming."""
    check_version(version)
    names = RollbackNames(key)
    tick, ticks, _earliest, _latest = timing(window)
    save = 'password=%s' % _quote(password) if password else 'dont-encrypt=yes'
    comment = 'altostrat.sdx rollback %s: restores the configuration from before a change unless confirmed' % names.id
    return '\n'.join([
        '# arm rollback %s (window %d s)' % (names.id, int(window)),
        ':if ([:len [/system scheduler find where name~"^%s"]] > 0) do={ :error ("a rollback is already armed: " . '
        '[/system scheduler get [:pick [/system scheduler find where name~"^%s"] 0] name]) }' % (PREFIX, PREFIX),
        ':local dir ""',
        ':if ([:len [/file find where name="flash" and type="directory"]] > 0) do={ :set dir "flash/" }',
        ':do {',
        '    /system scheduler add name=%s start-time=startup interval=0s policy=%s comment=%s on-event=%s'
        % (_quote(names.cleanup), POLICY, _quote(comment), _quote(cleanup_source(names))),
        '    /system backup save name=($dir . %s) %s' % (_quote(names.revert), save),
        '    /system scheduler add name=%s start-time=startup interval=%ds policy=%s comment=%s on-event=%s'
        % (_quote(names.revert), tick, POLICY, _quote(comment), _quote(revert_source(names, ticks, password))),
        '} on-error={',
        '    /system scheduler remove [find where name=%s or name=%s]' % (_quote(names.revert), _quote(names.cleanup)),
        '    /file remove [find where %s]' % _files_where(names),
        '    :error %s' % _quote('arming rollback %s failed; nothing was changed' % names.id),
        '}',
        ':log info %s' % _quote('%s: armed for %d s' % (names.revert, int(window))),
    ])


def confirm_script(key):
    """The script that disarms the rollback: entries and file go. It fails when the revert entry was not
    there (the router already rolled back, or it was never armed), after removing whatever was left."""
    names = RollbackNames(key)
    return '\n'.join([
        '# confirm rollback %s' % names.id,
        ':local armed [:len [/system scheduler find where name=%s]]' % _quote(names.revert),
        '/system scheduler remove [find where name=%s or name=%s]' % (_quote(names.revert), _quote(names.cleanup)),
        '/file remove [find where %s]' % _files_where(names),
        ':if ($armed = 0) do={ :error %s }' % _quote(
            'rollback %s was not armed: the router rolled back already, or arming never ran' % names.id),
        ':log info %s' % _quote('%s: confirmed' % names.revert),
    ])


def leftovers_query(key):
    """What a synchronous read checks to prove nothing is left: (API path, query words) pairs that must
    answer no items."""
    names = RollbackNames(key)
    return [('/system/scheduler/print', ['?name=' + names.revert]),
            ('/system/scheduler/print', ['?name=' + names.cleanup]),
            ('/file/print', ['?name=' + names.files[0]]),
            ('/file/print', ['?name=' + names.files[1]])]
