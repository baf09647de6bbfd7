# SPDX-License-Identifier: GPL-3.0-or-later
"""A pure-Python RouterOS: configuration menus, console scripts, the API command layer and /export."""

from .defaults import MODELS, VERSIONS
from .errors import RouterOSError, ScriptResult
from .router import Router

__all__ = ['MODELS', 'VERSIONS', 'Router', 'RouterOSError', 'ScriptResult']
