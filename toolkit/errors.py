"""Exceptions: for files we cannot read and for bad use, never for problems in a user's data
(those are findings). The CLI turns each into one clear Dutch line and a non-zero exit."""

from __future__ import annotations


class SleutelnetError(Exception):
    """Base class; the message is shown to the user as is, in Dutch."""

    exit_code = 1


class UsageError(SleutelnetError):
    """The command was called wrongly (unknown kind, conflicting options)."""

    exit_code = 2


class UnreadableFileError(SleutelnetError):
    """A file could not be read at all (not a spreadsheet, corrupt, encrypted, too large)."""

    exit_code = 3


class OutputError(SleutelnetError):
    """An output could not be written (folder not writable, file exists without --force)."""

    exit_code = 1
