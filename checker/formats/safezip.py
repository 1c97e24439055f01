"""Read members of untrusted zip files in place, within caps.

``zipfile`` parses the central directory; we then read each member's bytes
ourselves from its local header and inflate them in one bounded zlib call.
That is both faster than ``ZipFile.open`` (one C call instead of a Python loop
of small reads) and safer: the output can never exceed the size the directory
declares, declared sizes and ratios are capped, and the CRC is checked.
Nothing is ever written to disk.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from checker.errors import EncryptedArchive, FormatError, LimitExceeded, NotAZip, Truncated
from checker.formats.zip_salvage import LOCAL_HEADER, LOCAL_MAGIC, MAX_MEMBERS, salvage

MAX_MEMBER_BYTES = 1024 * 1024 * 1024  # one inflated member
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024  # everything inflated for one input, nested included
MAX_RATIO = 1000  # real DEX is ~3:1, text rarely beyond 100:1; bombs are far above
RATIO_FLOOR = 1024 * 1024  # small members may compress arbitrarily well
_CHUNK = 1024 * 1024
MAX_SALVAGED_STREAM = (
    512 * 1024 * 1024
)  # compressed bytes read, and inflated bytes produced, per step


@dataclass
class Budget:
    """Inflation allowance shared by every archive read for one input."""

    remaining: int = MAX_TOTAL_BYTES

    def spend(self, size: int) -> None:
        if size > self.remaining:
            raise LimitExceeded("archive expands to more data than we are willing to read")
        self.remaining -= size


class _MemoryFile(io.RawIOBase):
    """A seekable read-only file over a buffer without copying it (io.BytesIO copies a bytearray,
    which doubled the memory of every nested archive)."""

    def __init__(self, buffer: bytes | bytearray) -> None:
        super().__init__()
        self._view = memoryview(buffer).cast("B")
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        start = self._position
        count = max(0, min(len(target), len(self._view) - start))
        target[:count] = self._view[start : start + count]
        self._position = start + count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._view)}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._view.release()
        super().close()


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    size: int
    compressed_size: int
    _info: zipfile.ZipInfo = field(repr=False, compare=False)


class SafeZip:
    """A read-only view of a zip archive given as a path or as bytes."""

    def __init__(self, source: Path | bytes | bytearray, *, budget: Budget | None = None) -> None:
        self.budget = budget if budget is not None else Budget()
        self._zip: zipfile.ZipFile | None = None
        self._file: BinaryIO = (
            cast(BinaryIO, _MemoryFile(source))
            if isinstance(source, bytes | bytearray)
            else source.open("rb")
        )
        try:
            self._zip = zipfile.ZipFile(self._file)
            infos = self._zip.infolist()
            if len(infos) > MAX_MEMBERS:
                raise LimitExceeded(f"zip holds {len(infos)} members (limit {MAX_MEMBERS})")
            self._members = [
                Member(info.filename, info.file_size, info.compress_size, info)
                for info in infos
                if info.filename and not info.is_dir()
            ]
        except LimitExceeded:
            self.close()
            raise
        except zipfile.BadZipFile as exc:
            self.close()
            raise NotAZip(str(exc)) from None
        except (
            OSError,
            EOFError,
            ValueError,
            struct.error,
            IndexError,
            NotImplementedError,
        ) as exc:
            # zipfile raises all of these on crafted directories (bad versions, empty names...)
            self.close()
            raise FormatError(f"damaged zip directory ({type(exc).__name__}: {exc})") from None

    @classmethod
    def salvaged(cls, path: Path, *, budget: Budget | None = None) -> SafeZip:
        """The members of a zip cut short (no table of contents) that arrived whole.

        Raises ``Truncated`` when not even one member can be recovered.
        """
        archive = cls.__new__(cls)
        archive.budget = budget if budget is not None else Budget()
        archive._file = path.open("rb")
        archive._zip = None
        try:
            infos = salvage(archive._file, path.stat().st_size)
        except (OSError, ValueError, struct.error) as exc:
            archive.close()
            raise Truncated(f"the zip archive is damaged: {exc}") from None
        if not infos:
            archive.close()
            raise Truncated("the zip archive is cut short before its first file ended")
        archive._members = [Member(i.filename, i.file_size, i.compress_size, i) for i in infos]
        return archive

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def members(self) -> list[Member]:
        return list(self._members)

    def names(self) -> set[str]:
        return {m.name for m in self._members}

    def find(self, name: str) -> Member | None:
        for member in self._members:
            if member.name == name:
                return member
        return None

    def read(self, member: Member, *, limit: int = MAX_MEMBER_BYTES) -> bytearray:
        """Return the inflated bytes of ``member``, refusing anything beyond the caps.

        The result is one buffer of exactly the declared size, filled in place:
        peak memory is the member's size plus one chunk, never twice the size.
        """
        info = self._check(member, limit)
        size = info.file_size
        try:
            self._seek_to_data(info)
            if info.compress_type == zipfile.ZIP_STORED:
                data = bytearray(self._file.read(min(size, info.compress_size)))
            else:
                data = self._inflate(info, size)
        except (OSError, ValueError) as exc:  # ValueError: a negative seek from a lying header
            raise Truncated(f"cannot read member {info.filename!r}: {exc}") from None
        if len(data) != size:
            raise Truncated(f"member {member.name!r} is shorter than its directory entry says")
        if zlib.crc32(data) != info.CRC:
            raise FormatError(f"member {member.name!r} is corrupt (checksum mismatch)")
        return data

    def stream(self, member: Member, *, limit: int = MAX_MEMBER_BYTES) -> BinaryIO:
        """A stream over the inflated bytes of ``member``, for text read line by line.

        The same caps as ``read`` apply; zipfile checks the CRC when the stream ends.
        """
        if self._zip is None:  # salvaged: no directory for zipfile, so read it whole
            data = self.read(member, limit=min(limit, MAX_SALVAGED_STREAM))
            return cast(BinaryIO, io.BufferedReader(_MemoryFile(data)))  # no copy of the data
        info = self._check(member, limit)
        try:
            return cast(BinaryIO, self._zip.open(info))
        except (OSError, ValueError, zipfile.BadZipFile, RuntimeError) as exc:
            raise FormatError(f"cannot open member {member.name!r}: {exc}") from None

    def _check(self, member: Member, limit: int) -> zipfile.ZipInfo:
        """Refuse a member beyond the caps, encrypted, or compressed in a way we do not read."""
        info = member._info
        size = info.file_size
        if info.flag_bits & 0x1:
            raise EncryptedArchive(f"member {member.name!r} is password-protected")
        if size > limit:
            raise LimitExceeded(f"member {member.name!r} declares {size} bytes (limit {limit})")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(f"member {member.name!r} has a zip-bomb compression ratio")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FormatError(
                f"member {member.name!r} uses compression method {info.compress_type}"
            )
        self.budget.spend(size)
        return info

    def _seek_to_data(self, info: zipfile.ZipInfo) -> None:
        self._file.seek(info.header_offset)
        header = self._file.read(LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size or header[:4] != LOCAL_MAGIC:
            raise FormatError(f"member {info.filename!r} has no valid local header")
        fields = LOCAL_HEADER.unpack(header)
        name_len, extra_len = fields[-2], fields[-1]
        self._file.seek(info.header_offset + LOCAL_HEADER.size + name_len + extra_len)

    def _inflate(self, info: zipfile.ZipInfo, size: int) -> bytearray:
        """Inflate into a buffer of the declared size; never more output than declared."""
        out = bytearray(size)
        view = memoryview(out)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        position, remaining_input = 0, info.compress_size
        pending = b""
        try:
            while position < size:
                if not pending and remaining_input > 0:
                    pending = self._file.read(min(_CHUNK, remaining_input))
                    if not pending:
                        break  # the file ends early: reported as truncated below
                    remaining_input -= len(pending)
                chunk = inflater.decompress(pending, min(_CHUNK, size - position))
                pending = inflater.unconsumed_tail
                if not chunk:
                    if inflater.eof or (not pending and remaining_input <= 0):
                        break
                    continue
                view[position : position + len(chunk)] = chunk
                position += len(chunk)
        except zlib.error as exc:
            raise FormatError(f"member {info.filename!r} cannot be inflated: {exc}") from None
        finally:
            view.release()
        if position < size:
            raise Truncated(f"member {info.filename!r} is cut short (file truncated?)")
        return out


def looks_like_zip(head: bytes | bytearray) -> bool:
    """True for the local-header or empty-archive magic of a zip file."""
    return bytes(head[:4]) in (LOCAL_MAGIC, b"PK\x05\x06")
