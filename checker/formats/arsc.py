"""Look up string resources in an APK's compiled resource table (``resources.arsc``).

The scanner only needs a handful of strings (the app label, sometimes a version
name), so nothing is parsed up front: the table's top-level chunks are listed,
then only the package holding the wanted id has its chunk headers indexed, and
only the entries of that one resource are read, in each configuration. Only the
winning string is decoded. That keeps a 10 MB table well under a millisecond per
lookup once indexed, and bounds the work a hostile table can cause.

Layouts follow AOSP's ``ResourceTypes.h``; validation mirrors what the device's
loader refuses (chunks that do not fit, misaligned sizes and entries).
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

from checker.errors import FormatError, LimitExceeded, Truncated
from checker.formats.resstrings import (
    RES_STRING_POOL_TYPE,
    U16,
    U32,
    Chunk,
    StringPool,
    read_chunk,
)

log = logging.getLogger(__name__)

# resources.arsc of big apps (many locales) passes 16 MiB; 64 MiB is still a
# small fraction of memory and far above anything seen in the wild.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# Large multi-locale tables hold a few hundred thousand values; the offset table
# must fit in the pool anyway, so this only flags absurd declared counts.
MAX_STRINGS = 2_000_000
# Chunks visited per level (top-level, or inside one package). Real tables have
# types x configurations, i.e. thousands at most.
MAX_CHUNKS = 100_000
# Entry ids are 16 bits, so no real type chunk declares more entries than this.
MAX_ENTRIES = 0x10000
MAX_REFERENCE_DEPTH = 5

_RES_TABLE_TYPE = 0x0002
_PACKAGE_TYPE = 0x0200
_TYPE_TYPE = 0x0201

# ResTable_type after its chunk header: id, flags, reserved, entryCount, entriesStart.
_TYPE_HEADER = struct.Struct("<BBHII")
_CONFIG_OFFSET = 20  # ResTable_config follows those fields
_FLAG_SPARSE = 0x01
_FLAG_OFFSET16 = 0x02
_NO_ENTRY = 0xFFFFFFFF
_NO_ENTRY16 = 0xFFFF

_ENTRY_COMPLEX = 0x0001
_ENTRY_COMPACT = 0x0008
_ENTRY = struct.Struct("<HHI")  # size, flags, key (compact: key, flags, data)
_RES_VALUE = struct.Struct("<HBBI")  # size, res0, dataType, data

TYPE_REFERENCE = 0x01
TYPE_STRING = 0x03
TYPE_DYNAMIC_REFERENCE = 0x07

# Configuration preference: the default one, then the first English one, then any.
_RANK_DEFAULT, _RANK_ENGLISH, _RANK_OTHER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Value:
    rank: int
    data_type: int  # -1 for a complex (bag) entry
    data: int
    package_id: int


def resolve_string(data: bytes, res_id: int) -> str | None:
    """Return the text of string resource ``res_id``, or ``None``.

    The value comes from the default configuration, else the first English
    one, else the first configuration defining it. References to other
    resources are followed up to ``MAX_REFERENCE_DEPTH`` levels. ``None`` means
    not found, not a string, or a chain too long; malformed tables raise
    ``FormatError`` / ``Truncated`` / ``LimitExceeded``.
    """
    table = _Table(data)
    current = res_id
    for _ in range(1 + MAX_REFERENCE_DEPTH):
        value = table.lookup(current)
        if value is None:
            return None
        if value.data_type == TYPE_STRING:
            return table.strings.get(value.data)
        if value.data_type not in (TYPE_REFERENCE, TYPE_DYNAMIC_REFERENCE) or not value.data:
            return None
        current = value.data
        if current >> 24 == 0:
            # Package id 0 in a dynamic reference means "the package it lives in".
            current |= value.package_id << 24
    log.debug("reference chain from %#x is longer than %d", res_id, MAX_REFERENCE_DEPTH)
    return None


class _Table:
    """Top-level frame of a resource table, with per-package indexes built on demand."""

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_INPUT_BYTES:
            raise LimitExceeded(f"resource table is {len(data)} bytes")
        if len(data) < 8:
            raise Truncated("resource table shorter than a chunk header")
        ctype, _, size = struct.unpack_from("<HHI", data, 0)
        if ctype != _RES_TABLE_TYPE:
            raise FormatError(f"not a resource table (chunk type {ctype:#x})")
        if size > len(data):
            raise Truncated(f"resource table declares {size} bytes, has {len(data)}")
        root = read_chunk(data, 0, size, min_header=12, what="resource table")
        self.data = data
        strings: StringPool | None = None
        self._packages: list[Chunk] = []
        self._index: dict[int, dict[int, list[Chunk]]] = {}
        for chunk in _children(data, root, what="table chunk"):
            if chunk.type == RES_STRING_POOL_TYPE and strings is None:
                strings = StringPool(data, chunk, max_strings=MAX_STRINGS)
            elif chunk.type == _PACKAGE_TYPE:
                if chunk.header_size < 12:
                    raise FormatError(f"package header at {chunk.offset:#x} is too small")
                self._packages.append(chunk)
        if strings is None:
            raise FormatError("resource table has no value string pool")
        self.strings = strings

    def lookup(self, res_id: int) -> _Value | None:
        """Best value of ``res_id`` across configurations, or ``None`` if undefined."""
        if not 0 <= res_id <= 0xFFFFFFFF:
            return None
        package_id, type_id, entry = res_id >> 24, (res_id >> 16) & 0xFF, res_id & 0xFFFF
        if type_id == 0:
            return None
        best: _Value | None = None
        for chunk in self._types(package_id).get(type_id, ()):
            value = self._entry(chunk, entry, package_id)
            if value is None:
                continue
            if value.rank == _RANK_DEFAULT:
                return value
            if best is None or value.rank < best.rank:
                best = value
        return best

    def _types(self, package_id: int) -> dict[int, list[Chunk]]:
        """Type chunks of the packages with ``package_id``, grouped by type id."""
        if package_id in self._index:
            return self._index[package_id]
        by_type: dict[int, list[Chunk]] = {}
        for package in self._packages:
            (pid,) = U32.unpack_from(self.data, package.offset + 8)
            if pid != package_id:
                continue
            for chunk in _children(self.data, package, what="package chunk"):
                if chunk.type == _TYPE_TYPE:
                    if chunk.header_size < _CONFIG_OFFSET + 4:
                        raise FormatError(f"type header at {chunk.offset:#x} is too small")
                    by_type.setdefault(self.data[chunk.offset + 8], []).append(chunk)
        self._index[package_id] = by_type
        return by_type

    def _entry(self, chunk: Chunk, entry: int, package_id: int) -> _Value | None:
        """The value of ``entry`` in type chunk ``chunk``, or ``None`` if absent there."""
        data = self.data
        _, flags, _, count, entries_start = _TYPE_HEADER.unpack_from(data, chunk.offset + 8)
        if count > MAX_ENTRIES:
            raise LimitExceeded(f"type chunk at {chunk.offset:#x} declares {count} entries")
        sparse = bool(flags & _FLAG_SPARSE)
        width = 4 if sparse or not flags & _FLAG_OFFSET16 else 2
        if chunk.header_size + width * count > chunk.size or entries_start > chunk.size:
            raise FormatError(f"type chunk at {chunk.offset:#x} overruns itself")
        offsets = chunk.body
        if sparse:
            offset = _sparse_offset(data, offsets, count, entry)
        elif entry >= count:
            offset = None
        elif width == 2:
            (short,) = U16.unpack_from(data, offsets + 2 * entry)
            offset = None if short == _NO_ENTRY16 else short * 4
        else:
            (offset,) = U32.unpack_from(data, offsets + 4 * entry)
            offset = None if offset == _NO_ENTRY else offset
        if offset is None:
            return None
        pos = chunk.offset + entries_start + offset
        if offset & 3 or pos + _ENTRY.size > chunk.end:
            raise FormatError(f"entry {entry} of type chunk at {chunk.offset:#x} is misplaced")
        rank = self._rank(chunk)
        size, entry_flags, compact_data = _ENTRY.unpack_from(data, pos)
        if entry_flags & _ENTRY_COMPACT:
            # Compact entries (aapt2 --enable-compact-entries) carry the value
            # inline: type in the high byte of flags, data in place of the key.
            return _Value(rank, entry_flags >> 8, compact_data, package_id)
        if entry_flags & _ENTRY_COMPLEX:
            return _Value(rank, -1, 0, package_id)  # a bag (style, plural...): not a string
        if size < _ENTRY.size or pos + size + _RES_VALUE.size > chunk.end:
            raise FormatError(f"entry {entry} of type chunk at {chunk.offset:#x} overruns it")
        value_size, _, data_type, value = _RES_VALUE.unpack_from(data, pos + size)
        if value_size < _RES_VALUE.size:
            raise FormatError(f"value of entry {entry} at {pos:#x} is too small")
        return _Value(rank, data_type, value, package_id)

    def _rank(self, chunk: Chunk) -> int:
        """How much we prefer this chunk's configuration (lower is better)."""
        start = chunk.offset + _CONFIG_OFFSET
        (size,) = U32.unpack_from(self.data, start)
        # Older tools wrote shorter configs; only bytes both declared and present count.
        config = self.data[
            start + 4 : start + min(max(size, 4), chunk.header_size - _CONFIG_OFFSET)
        ]
        if not any(config):
            return _RANK_DEFAULT
        # language[2] sits 8 bytes into the config, i.e. 4 into what we sliced.
        return _RANK_ENGLISH if config[4:6] == b"en" else _RANK_OTHER


def _children(data: bytes, parent: Chunk, *, what: str) -> list[Chunk]:
    """The chunks directly inside ``parent``, headers validated, within ``MAX_CHUNKS``."""
    children: list[Chunk] = []
    pos = parent.body
    # A tail shorter than a chunk header is padding some tools leave; ignore it.
    while parent.end - pos >= 8:
        if len(children) >= MAX_CHUNKS:
            raise LimitExceeded(f"more than {MAX_CHUNKS} chunks in {what}s")
        chunk = read_chunk(data, pos, parent.end, what=what)
        children.append(chunk)
        pos = chunk.end
    return children


def _sparse_offset(data: bytes, start: int, count: int, entry: int) -> int | None:
    """Binary search of a sparse type's sorted ``(entry id: u16, offset / 4: u16)`` pairs.

    A hostile, unsorted table only makes the search miss, never loop.
    """
    low, high = 0, count
    while low < high:
        mid = (low + high) // 2
        key, quarter = struct.unpack_from("<HH", data, start + 4 * mid)
        if key == entry:
            return int(quarter) * 4
        if key < entry:
            low = mid + 1
        else:
            high = mid
    return None
