"""What every input-format module shares: the probe it is judged on and its context."""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from checker.errors import Cancelled, CheckerError, Unreadable
from checker.formats.safezip import Budget, SafeZip, looks_like_zip
from checker.formats.zip_salvage import salvage_path
from checker.models import AppEvidence, ArchiveFindings, ScanError

LISTING_DEPTH = 1  # folders below the one given: an export root shows itself at this depth
LISTING_LIMIT = 5000
MAX_NESTING = 8  # archives inside archives; εxodus stops at 10, real bundles need 2


class CancelToken:
    """A flag the caller sets and the engine checks between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


@dataclass
class ReadContext:
    """Shared by all the reads one input triggers."""

    cancel: CancelToken = field(default_factory=CancelToken)
    budget: Budget = field(default_factory=Budget)
    warnings: list[ScanError] = field(default_factory=list)
    findings: list[ArchiveFindings] = field(default_factory=list)  # what data exports show

    def warn(self, path: str, code: str, detail: str) -> None:
        """The input was read, but part of it was not (e.g. malformed lines skipped)."""
        self.warnings.append(ScanError(path, code, detail))


class Probe:
    """Cheap facts about a path, computed at most once, for sources to claim it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def is_dir(self) -> bool:
        return self.path.is_dir()

    @cached_property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @cached_property
    def _first_block(self) -> bytes:
        """The file's first 4 KiB, read once for every source that sniffs it."""
        if self.is_dir:
            return b""
        try:
            with self.path.open("rb") as handle:
                return handle.read(4096)
        except OSError as exc:
            raise Unreadable(exc.strerror or str(exc)) from None

    @property
    def head(self) -> bytes:
        """Magic bytes; an unreadable file raises ``Unreadable``."""
        return self._first_block[:16]

    @cached_property
    def zip_names(self) -> frozenset[str]:
        """Member names when the path is a zip archive, else empty."""
        if self.is_dir or not looks_like_zip(self.head):
            return frozenset()
        try:
            with SafeZip(self.path) as archive:
                return frozenset(archive.names())
        except (CheckerError, OSError):
            return frozenset()

    @property
    def start(self) -> bytes:
        """The first 4 KiB, for sources that recognise text formats by their start (b"" if unreadable)."""
        try:
            return self._first_block
        except Unreadable:
            return b""

    @cached_property
    def listing(self) -> tuple[str, ...]:
        """For a folder: its files and those one folder down (capped), as '/'-separated paths.

        Enough to recognise a data export by its root (``Takeout/archive_browser.html``,
        ``apps_and_websites_off_of_facebook/…``), and shallow on purpose: a folder that merely
        *contains* an export somewhere deeper is walked file by file, so its other files are
        not hidden behind the export.
        """
        if not self.is_dir:
            return ()
        found: list[str] = []
        stack = [(self.path, 0)]
        while stack and len(found) < LISTING_LIMIT:
            folder, level = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir() and level < LISTING_DEPTH:
                    stack.append((Path(entry.path), level + 1))
                elif entry.is_file():
                    found.append(Path(entry.path).relative_to(self.path).as_posix())
        return tuple(found)

    @cached_property
    def salvaged_names(self) -> frozenset[str]:
        """Member names of a zip cut short (no table of contents), from its local headers."""
        if self.is_dir or self.zip_names or not looks_like_zip(self.head):
            return frozenset()
        try:
            return frozenset(info.filename for info in salvage_path(self.path))
        except (OSError, ValueError, struct.error):
            return frozenset()


class Source(Protocol):
    """One input format. ``claims`` must be cheap; ``read`` does the work."""

    name: str

    def claims(self, probe: Probe) -> bool: ...

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]: ...
