# SPDX-License-Identifier: GPL-3.0-or-later
"""Variable scopes of a running script, and the :return that unwinds one."""


class Stop(Exception):
    """:return unwinds to the calling function, or ends the script."""

    def __init__(self, value=None):
        super().__init__('return')
        self.value = value


class Scope:
    def __init__(self, parent=None):
        self.vars = {}
        self.parent = parent

    def lookup(self, name):
        scope = self
        while scope is not None:
            if name in scope.vars:
                return scope
            scope = scope.parent
        return None
