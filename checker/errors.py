"""Typed errors with stable codes.

The engine raises these; front ends turn ``code`` (and ``detail``) into words in
the user's language. ``detail`` holds technical specifics (an offset, a member
name) and never app or personal data beyond the file the user gave us. Which
input failed is recorded beside the error (``ScanError.path``), not inside it.
"""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error the engine reports on purpose."""

    code = "error"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.detail = detail


class InputError(CheckerError):
    """The input as a whole cannot be used (missing, unreadable, unknown kind)."""

    code = "input"


class NotFound(InputError):
    code = "not_found"


class Unreadable(InputError):
    code = "unreadable"


class UnsupportedInput(InputError):
    code = "unsupported"


class FormatError(CheckerError):
    """Bytes do not follow the format they claim to be."""

    code = "malformed"


class Truncated(FormatError):
    code = "truncated"


class NotAZip(FormatError):
    code = "not_zip"


class EncryptedArchive(FormatError):
    code = "encrypted"


class LimitExceeded(FormatError):
    """A safety cap was hit (size, count, ratio, depth): probably hostile input."""

    code = "limit"


class Cancelled(CheckerError):
    code = "cancelled"


class KnowledgeError(CheckerError):
    """The knowledge base sources are invalid (a build-time problem)."""

    code = "knowledge"
