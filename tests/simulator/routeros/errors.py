# SPDX-License-Identifier: GPL-3.0-or-later
"""The one exception the engine raises for anything RouterOS itself would refuse."""


class RouterOSError(Exception):
    """.message is the text RouterOS prints (a position suffix is part of it when RouterOS adds one)."""

    def __init__(self, message, line=None, column=None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def at(self, line, column):
        """The same error, placed in a script as the console places syntax errors."""
        return RouterOSError('%s (line %d column %d)' % (self.message, line, column), line, column)


class ScriptResult:
    """What running a script gave: ok, the RouterOS error text, the printed output, the failing line."""

    def __init__(self, ok=True, error=None, output='', failed_line=None):
        self.ok = ok
        self.error = error
        self.output = output
        self.failed_line = failed_line

    def __repr__(self):
        return 'ScriptResult(ok=%r, error=%r, failed_line=%r, output=%r)' % (self.ok, self.error, self.failed_line, self.output)
