"""Errors: the reasons a command cannot go on, and the exit codes they end in.

A FrancisError is raised only when a command cannot continue at all; the one handler in
``cli.context`` prints its message on one line and exits with its code. Findings about the
tracker are not errors: they are ``problems.Problem`` data.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem


def reason(err: BaseException) -> str:
    """Why an operating-system or decoding error happened, in words a user reads: ``No such file or
    directory``, never Python's ``[Errno 2] No such file or directory: 'x'``."""
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset {err.start})"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return " ".join(str(err).split()) or type(err).__name__


class ExitCode(IntEnum):
    """The documented exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


class FrancisError(Exception):
    """Base of every error francis raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UserError(FrancisError):
    """The user asked for something that cannot be done: bad option, no tracker, unreadable file."""

    exit_code = ExitCode.USAGE


class InternalError(FrancisError):
    """A bug in francis itself."""

    exit_code = ExitCode.INTERNAL


class PaperRefused(FrancisError):
    """The board paper would be made from settings with errors (francis.yaml): nothing was written."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join([message, *(p.format() for p in problems)]))
        self.problems = list(problems)


class EditRefused(FrancisError):
    """The edit would add errors to the tracker, or could not be made safely: nothing was written."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        lines = [message, *(p.format() for p in problems)]
        super().__init__("\n".join(lines))
        self.problems = list(problems)
