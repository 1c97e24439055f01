"""One view over a data-export archive, whether a zip, the folder it was extracted to, or one file.

Platforms deliver exports as zips (sometimes with a zip inside); people often
extract them first, or hand us the single file that matters. Sources see the
same thing in every case: relative, '/'-separated member names, their sizes,
and bounded reads. Nothing is extracted to disk; folders are walked without
following links, so a read never leaves the folder the user chose.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from checker.errors import (
    CheckerError,
    EncryptedArchive,
    FormatError,
    LimitExceeded,
    NotAZip,
    Unreadable,
)
from checker.formats.safezip import Member, SafeZip, looks_like_zip
from checker.models import AppEvidence, ArchiveFindings
from checker.sources.base import Probe, ReadContext

MAX_FOLDER_FILES = 250_000
MAX_JSON_BYTES = 128 * 1024 * 1024  # parsed whole: Python objects take ~10x this
MAX_CSV_BYTES = 2 * 1024 * 1024 * 1024  # streamed row by row
MAX_CSV_ROWS = 5_000_000
MAX_CSV_LINE = 4 * 1024 * 1024
MAX_NESTED_ZIP_BYTES = 1024 * 1024 * 1024
csv.field_size_limit(1024 * 1024)  # one cell; the default (128 KiB) is too small for addresses


class ExportSource:
    """A data-export format: read through an ``ExportTree``; what it shows joins the findings.

    Exports describe the person, not one app: sources return no apps of their own (the
    report derives them from the findings once every input is read).
    """

    name = "export"

    def claims(self, probe: Probe) -> bool:
        raise NotImplementedError

    def read_tree(self, tree: ExportTree, display: str) -> ArchiveFindings:
        raise NotImplementedError

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        with ExportTree(path, context) as tree:
            context.findings.append(self.read_tree(tree, display))
        return []


class ExportTree:
    """The files of one export. Use as a context manager; ``names`` maps name -> size."""

    def __init__(self, path: Path, context: ReadContext, archive: SafeZip | None = None) -> None:
        """``archive``: a zip already open (one nested in another); else ``path`` is read."""
        self.path = path
        self.context = context
        self.duplicates: list[str] = []
        self.failures: list[str] = []  # error codes of members that could not be read
        self._zip: SafeZip | None = None
        self._members: dict[str, Member] = {}
        self._files: dict[str, Path] = {}
        self.names: dict[str, int] = {}
        if archive is not None:
            self._open_zip(archive)
        elif path.is_dir():
            self._walk(path)
        elif _is_zip(path):
            self._open_zip(_open_or_salvage(path, context))
        else:
            self._files[path.name] = path
            self.names[path.name] = _size(path)

    @classmethod
    def nested(cls, outer: ExportTree, name: str) -> ExportTree:
        """A zip inside this export (Apple wraps its CSVs in one), read in memory, within caps."""
        data = outer.read(name, MAX_NESTED_ZIP_BYTES)
        return cls(outer.path, outer.context, SafeZip(data, budget=outer.context.budget))

    def __enter__(self) -> ExportTree:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def _open_zip(self, archive: SafeZip) -> None:
        self._zip = archive
        for member in archive.members():
            if member.name in self._members:
                self.duplicates.append(member.name)  # the first copy is the one read
                continue
            self._members[member.name] = member
            self.names[member.name] = member.size

    def _walk(self, root: Path) -> None:
        count = 0
        for folder, dirs, files in os.walk(root):  # os.walk does not follow links by default
            dirs.sort()
            for file_name in sorted(files):
                path = Path(folder) / file_name
                if path.is_symlink() or not path.is_file():
                    continue
                count += 1
                if count > MAX_FOLDER_FILES:
                    raise LimitExceeded(f"the folder holds more than {MAX_FOLDER_FILES} files")
                name = path.relative_to(root).as_posix()
                self._files[name] = path
                self.names[name] = _size(path)

    # ------------------------------------------------------------------ reads

    def read(self, name: str, limit: int) -> bytes | bytearray:
        """The whole member (not copied once more), refused beyond ``limit`` bytes."""
        self.context.cancel.check()
        if self._zip is not None and name in self._members:
            return self._zip.read(self._members[name], limit=limit)
        path = self._files[name]
        if _size(path) > limit:
            raise LimitExceeded(f"{name} is larger than {limit // (1024 * 1024)} MB")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise Unreadable(f"{name}: {exc.strerror or exc}") from None

    @contextmanager
    def open(self, name: str, limit: int) -> Iterator[BinaryIO]:
        """A binary stream over one member, for large text read piece by piece."""
        self.context.cancel.check()
        if self._zip is not None and name in self._members:
            stream = self._zip.stream(self._members[name], limit=limit)
        else:
            path = self._files[name]
            if _size(path) > limit:
                raise LimitExceeded(f"{name} is larger than {limit // (1024 * 1024)} MB")
            try:
                stream = path.open("rb")
            except OSError as exc:
                raise Unreadable(f"{name}: {exc.strerror or exc}") from None
        try:
            yield stream
        finally:
            stream.close()

    def json(self, name: str) -> Any:
        """A JSON member, parsed; invalid UTF-8 is replaced (and said), not fatal."""
        data = self.read(name, MAX_JSON_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("utf-8-sig", "replace")
            self.context.warn(self.display_name(name), "bad_encoding", "invalid UTF-8 replaced")
        try:
            return json.loads(text)
        except RecursionError:
            raise FormatError(f"{name}: JSON nested too deeply") from None
        except ValueError as exc:
            raise FormatError(f"{name}: not valid JSON ({exc})") from None

    def csv_rows(self, name: str) -> Iterator[list[str]]:
        """The rows of a CSV member, streamed; the first is the header, trimmed (BOM removed).

        Lines are read with a length limit, so one endless line cannot fill the memory; a
        damaged compressed stream becomes a ``FormatError`` naming the member.
        """
        with self.open(name, MAX_CSV_BYTES) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
            reader = csv.reader(_bounded_lines(text, name))
            try:
                yield [cell.strip().strip("\ufeff") for cell in next(reader, [])]
                for number, row in enumerate(reader):
                    if number >= MAX_CSV_ROWS:
                        self.context.warn(
                            self.display_name(name), "limit", f"only the first {MAX_CSV_ROWS} rows"
                        )
                        return
                    if number % 10_000 == 0:
                        self.context.cancel.check()
                    yield row
            except csv.Error as exc:
                raise FormatError(f"{name}: malformed CSV ({exc})") from None
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise FormatError(f"{name}: damaged inside the archive ({exc})") from None

    def display_name(self, name: str) -> str:
        """How a member is named in messages: the input, then the member inside it."""
        if self.path.is_file() and name == self.path.name and self._zip is None:
            return str(self.path)
        return f"{self.path}!{name}"


def basename(name: str) -> str:
    return PurePosixPath(name).name.casefold()


def parent_folder(name: str) -> str:
    parts = PurePosixPath(name).parts
    return parts[-2].casefold() if len(parts) >= 2 else ""


def probe_names(probe: Probe) -> list[str]:
    """Member names an export source may claim a path by: zip members, folder files, or the file."""
    if probe.is_dir:
        return list(probe.listing)
    if probe.zip_names:
        return sorted(probe.zip_names)
    if probe.salvaged_names:
        return sorted(probe.salvaged_names)
    return [probe.path.name]


def is_lone_file(probe: Probe) -> bool:
    """The user gave one file of an export (not a zip, not a folder)."""
    return not probe.is_dir and not probe.zip_names and not probe.salvaged_names


def _open_or_salvage(path: Path, context: ReadContext) -> SafeZip:
    """The zip, or, when its table of contents is missing (a cut-short download), what arrived."""
    try:
        return SafeZip(path, budget=context.budget)
    except (NotAZip, FormatError) as exc:
        if isinstance(exc, LimitExceeded | EncryptedArchive):
            raise
        archive = SafeZip.salvaged(path, budget=context.budget)
        context.warn(
            str(path),
            "truncated",
            f"the archive is cut short or damaged ({exc.detail}); the {len(archive.members())}"
            " files that arrived whole were read",
        )
        return archive


def _bounded_lines(text: io.TextIOWrapper, name: str) -> Iterator[str]:
    while True:
        line = text.readline(MAX_CSV_LINE)
        if not line:
            return
        if len(line) >= MAX_CSV_LINE and not line.endswith(("\n", "\r")):
            raise LimitExceeded(f"{name}: a line longer than {MAX_CSV_LINE // (1024 * 1024)} MB")
        yield line


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return looks_like_zip(handle.read(4))
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from None


UNFORESEEN = (ValueError, TypeError, KeyError, IndexError, AttributeError)
"""What an unexpected shape inside one member may raise: it costs that member, not the export."""


def read_members(
    tree: ExportTree, names: list[str], read_one: Callable[[str], object]
) -> list[str]:
    """Read each member with ``read_one``; a bad one is named in a warning and the rest go on.

    Returns the names that were read.
    """
    done: list[str] = []
    for name in names:
        try:
            read_one(name)
        except CheckerError as exc:
            member_error(tree, name, exc)
            continue
        except UNFORESEEN as exc:
            member_error(
                tree, name, FormatError(f"{name}: unexpected content ({type(exc).__name__})")
            )
            continue
        done.append(name)
    return done


def member_error(tree: ExportTree, name: str, exc: CheckerError) -> None:
    """A member we could not read: say so, keep what the rest of the export shows."""
    tree.failures.append(exc.code)
    tree.context.warn(tree.display_name(name), exc.code, exc.detail)


def finish(tree: ExportTree, read: list[str], message: str) -> None:
    """Say which files were ignored as duplicates; refuse an export none of whose files we read.

    When members failed because they are encrypted, the whole archive is named as
    password-protected, which is what the person needs to know.
    """
    for name in tree.duplicates:
        tree.context.warn(tree.display_name(name), "duplicate", "a second copy was ignored")
    if read:
        return
    if "encrypted" in tree.failures:
        raise EncryptedArchive(
            "the archive is password-protected: extract it with its password, then give the folder"
        )
    raise FormatError(message)
