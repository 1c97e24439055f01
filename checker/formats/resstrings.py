"""Chunks and string pools shared by Android's binary XML and resource table formats.

Both ``AndroidManifest.xml`` (compiled) and ``resources.arsc`` are trees of
*chunks*: an 8-byte header ``(type: u16, header_size: u16, size: u32)``, a
type-specific header and a body. Text lives in string pools (``ResStringPool``)
that other chunks refer to by index. Layouts follow AOSP's ``ResourceTypes.h``.

Everything read here is hostile: every offset is checked against the enclosing
chunk before use, and strings are decoded one at a time, on demand, within a
budget, so a crafted pool can neither point us outside the data nor make us
decode the same bytes millions of times.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

from checker.errors import FormatError, LimitExceeded

log = logging.getLogger(__name__)

RES_STRING_POOL_TYPE = 0x0001

#: "No string" in every index field of these formats.
NO_INDEX = 0xFFFFFFFF

CHUNK_HEADER = struct.Struct("<HHI")
U16 = struct.Struct("<H")
U32 = struct.Struct("<I")

# After the chunk header: stringCount, styleCount, flags, stringsStart, stylesStart.
_POOL_HEADER = struct.Struct("<IIIII")
_POOL_HEADER_SIZE = 28
_UTF8_FLAG = 0x100

# Legit files decode each string once, so they never decode more than the pool's
# own size; the slack covers tiny pools. Anything beyond that is a crafted pool
# whose entries overlap to make us decode the same bytes again and again.
_BUDGET_FACTOR = 2
_BUDGET_SLACK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Chunk:
    """A validated chunk header: where the chunk starts, its kind and extent."""

    offset: int
    type: int
    header_size: int
    size: int

    @property
    def body(self) -> int:
        """Offset of the first byte after the chunk's header."""
        return self.offset + self.header_size

    @property
    def end(self) -> int:
        """Offset of the first byte after the chunk."""
        return self.offset + self.size


def read_chunk(data: bytes, offset: int, end: int, *, min_header: int = 8, what: str) -> Chunk:
    """Read and validate the chunk header at ``offset`` inside a parent ending at ``end``.

    The checks are the ones Android's own loader applies (header at least
    ``min_header`` bytes, no larger than the chunk, both 4-byte aligned, chunk
    inside its parent), so we refuse exactly what the device would refuse.
    The parent's ``end`` was validated against the data already, so a chunk
    running past it is a lie, not a truncation: ``FormatError``.
    """
    if offset + CHUNK_HEADER.size > end:
        raise FormatError(f"{what} header at {offset:#x} runs past its parent")
    ctype, header_size, size = CHUNK_HEADER.unpack_from(data, offset)
    if header_size < min_header:
        raise FormatError(f"{what} at {offset:#x}: header size {header_size} is too small")
    if header_size > size:
        raise FormatError(f"{what} at {offset:#x}: header size {header_size} exceeds size {size}")
    if (header_size | size) & 3:
        raise FormatError(f"{what} at {offset:#x}: sizes are not 4-byte aligned")
    if size > end - offset:
        raise FormatError(f"{what} at {offset:#x}: size {size} runs past its parent")
    return Chunk(offset, ctype, header_size, size)


class StringPool:
    """Lazy reader of one ``ResStringPool`` chunk (UTF-8 or UTF-16).

    ``get`` returns ``None`` for "no string" and for entries Android itself
    would read as null (index out of range, offset or length outside the pool):
    the device tolerates those and so do we; the caller decides whether a
    missing string makes the whole document unusable.
    """

    __slots__ = (
        "_area_end",
        "_area_start",
        "_budget",
        "_cache",
        "_count",
        "_data",
        "_entries",
        "_utf8",
    )

    def __init__(self, data: bytes, chunk: Chunk, *, max_strings: int) -> None:
        """Validate the pool header of ``chunk`` (already bounded by its parent)."""
        if chunk.header_size < _POOL_HEADER_SIZE:
            raise FormatError(f"string pool at {chunk.offset:#x}: header too small")
        count, styles, flags, strings_start, styles_start = _POOL_HEADER.unpack_from(
            data, chunk.offset + 8
        )
        if count > max_strings or styles > max_strings:
            raise LimitExceeded(f"string pool declares {count} strings and {styles} styles")
        # The offset arrays (strings then styles) sit right after the header.
        if chunk.header_size + 4 * (count + styles) > chunk.size:
            raise FormatError(f"string pool at {chunk.offset:#x}: offset table overruns the pool")
        if count and strings_start >= chunk.size:
            raise FormatError(f"string pool at {chunk.offset:#x}: strings start outside the pool")
        # Strings end where styles begin; if that offset is nonsense, fall back to
        # the chunk end (still inside the pool, so still safe).
        area_end = chunk.size
        if styles and strings_start < styles_start <= chunk.size:
            area_end = styles_start
        self._data = data
        self._count: int = count
        self._entries = chunk.body
        self._area_start = chunk.offset + strings_start
        self._area_end = chunk.offset + area_end
        self._utf8 = bool(flags & _UTF8_FLAG)
        self._cache: dict[int, str | None] = {}
        self._budget = _BUDGET_FACTOR * max(0, area_end - strings_start) + _BUDGET_SLACK

    def __len__(self) -> int:
        return self._count

    def get(self, index: int) -> str | None:
        """Return string ``index``, or ``None`` when absent or unreadable."""
        if index < 0 or index >= self._count:
            return None
        rel: int = U32.unpack_from(self._data, self._entries + 4 * index)[0]
        pos = self._area_start + rel
        if pos >= self._area_end:
            log.debug("string %d points outside its pool", index)
            return None
        # Keyed by position, not index: pools that share one string between
        # several indices cost one decode, as they do on the device.
        if pos in self._cache:
            return self._cache[pos]
        text = self._decode8(pos) if self._utf8 else self._decode16(pos)
        self._cache[pos] = text
        return text

    def _spend(self, nbytes: int) -> None:
        self._budget -= nbytes
        if self._budget < 0:
            raise LimitExceeded("string pool decodes far more text than it holds")

    def _decode8(self, pos: int) -> str | None:
        # Two lengths, each 1 or 2 bytes: UTF-16 units (only a hint) then UTF-8 bytes.
        pos = self._skip_len8(pos)
        if pos < 0:
            return None
        nbytes, pos = self._len8(pos)
        if nbytes < 0 or pos + nbytes > self._area_end:
            return None
        self._spend(nbytes)
        return decode_utf8(self._data[pos : pos + nbytes])

    def _len8(self, pos: int) -> tuple[int, int]:
        if pos >= self._area_end:
            return -1, pos
        first = self._data[pos]
        if not first & 0x80:
            return first, pos + 1
        if pos + 1 >= self._area_end:
            return -1, pos
        return ((first & 0x7F) << 8) | self._data[pos + 1], pos + 2

    def _skip_len8(self, pos: int) -> int:
        length, pos = self._len8(pos)
        return pos if length >= 0 else -1

    def _decode16(self, pos: int) -> str | None:
        # Length in UTF-16 units, one u16 or two when the high bit is set.
        if pos + 2 > self._area_end:
            return None
        units: int = U16.unpack_from(self._data, pos)[0]
        pos += 2
        if units & 0x8000:
            if pos + 2 > self._area_end:
                return None
            low: int = U16.unpack_from(self._data, pos)[0]
            units = ((units & 0x7FFF) << 16) | low
            pos += 2
        nbytes = 2 * units
        if pos + nbytes > self._area_end:
            return None
        self._spend(nbytes)
        # "replace" turns lone surrogates into U+FFFD so the text can always be
        # encoded again (logs, database, reports).
        return self._data[pos : pos + nbytes].decode("utf-16-le", "replace")


def decode_utf8(raw: bytes) -> str:
    """Decode pool UTF-8 the way Android's tools write it.

    Old aapt wrote characters outside the BMP as two 3-byte surrogates (CESU-8);
    those are re-paired here. Anything else invalid becomes U+FFFD.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        paired = raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
    return paired.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
