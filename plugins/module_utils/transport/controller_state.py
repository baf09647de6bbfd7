# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Small JSON state shared by every thread and process of this controller that works with one API key.

A file in the temporary directory, named by a digest of the API URL and token (the token itself is
never written), readable by its owner only, read and written under a thread lock and an exclusive
flock. The request budget and the ledger of asynchronous jobs keep their state here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX controller: shared by threads only
    fcntl = None

_THREAD_LOCKS = {}
_THREAD_LOCKS_GUARD = threading.Lock()


def state_path(kind, api_url, token, state_dir=None):
    """The file holding `kind` state for one API key."""
    digest = hashlib.sha256(("%s\0%s" % (api_url, token)).encode("utf-8")).hexdigest()[:20]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(state_dir or tempfile.gettempdir(), "altostrat-sdx-%s-%s.%s" % (uid, digest, kind))


@contextlib.contextmanager
def shared_state(path):
    """The state as a dict, locked for the length of the block and written back when it ends."""
    with _thread_lock(path):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            state = _load(fd)
            yield state
            data = json.dumps(state).encode("ascii")
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
        finally:
            os.close(fd)  # closing releases the flock


def _thread_lock(path):
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(path, threading.Lock())


def _load(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    try:
        state = json.loads(b"".join(chunks).decode("ascii") or "{}")
    except ValueError:
        state = {}  # a torn or foreign file: start afresh rather than fail
    return state if isinstance(state, dict) else {}
