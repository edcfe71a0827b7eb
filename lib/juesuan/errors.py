"""The errors juesuan raises on purpose; each message is one line saying what is wrong and what to do.

The command line turns every `JuesuanError` into that line on stderr and exit code 2.
"""
from __future__ import annotations


class JuesuanError(Exception):
    """Base of the errors below."""


class ReadError(JuesuanError):
    """Input that cannot be read at all: a missing path, an empty or broken file, no disclosure tables."""


class UsageError(JuesuanError):
    """A bad option or a bad combination of arguments on the command line."""


class ParameterError(JuesuanError, ValueError):
    """A notebook parameter that cannot be used; the message says which and why."""
