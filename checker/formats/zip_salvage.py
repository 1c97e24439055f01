"""Find the members of a zip whose end is missing: a cut-short download.

A zip's table of contents is at its end, so a truncated file has none and
``zipfile`` gives up. Each member also starts with a local header, though, so
walking those from the beginning recovers every member that arrived whole. When
a header leaves its sizes to a data descriptor written after the data (streamed
zips do), the data's end is found by looking for the next header and checking
that the descriptor just before it states exactly that length.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

LOCAL_HEADER = struct.Struct("<4s5H3I2H")
LOCAL_MAGIC = b"PK\x03\x04"
_DESCRIPTOR_MAGIC = b"PK\x07\x08"
_NEXT_RECORDS = {LOCAL_MAGIC, b"PK\x01\x02", b"PK\x05\x06", b"PK\x06\x06"}
_CHUNK = 1024 * 1024
MAX_MEMBERS = 250_000  # in any zip we read, salvaged or whole


def salvage(handle: BinaryIO, size: int) -> list[zipfile.ZipInfo]:
    """ZipInfo records (header offset, sizes, CRC, method) of the members present in full."""
    found: list[zipfile.ZipInfo] = []
    offset = 0
    while offset + LOCAL_HEADER.size <= size and len(found) < MAX_MEMBERS:
        handle.seek(offset)
        header = handle.read(LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size or header[:4] != LOCAL_MAGIC:
            break
        _, _, flags, method, _, _, crc, csize, usize, name_len, extra_len = LOCAL_HEADER.unpack(
            header
        )
        name = handle.read(name_len)
        extra = handle.read(extra_len)
        data_start = offset + LOCAL_HEADER.size + name_len + extra_len
        if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF:
            usize, csize = _zip64_sizes(extra, usize, csize)
        after = data_start + csize
        if flags & 0x8 and csize == 0:  # sizes follow the data
            found_end = _find_descriptor(handle, data_start, size)
            if found_end is None:
                break
            crc, csize, usize, after = found_end
        elif flags & 0x8:
            after += _descriptor_length(handle, after)
        if data_start + csize > size:
            break  # this member was cut short
        info = zipfile.ZipInfo(name.decode("utf-8" if flags & 0x800 else "cp437", "replace"))
        info.header_offset, info.flag_bits, info.compress_type = offset, flags, method
        info.CRC, info.compress_size, info.file_size = crc, csize, usize
        if info.filename and not info.filename.endswith("/"):
            found.append(info)
        offset = after
    return found


def salvage_path(path: Path) -> list[zipfile.ZipInfo]:
    with path.open("rb") as handle:
        return salvage(handle, path.stat().st_size)


def _zip64_sizes(extra: bytes, usize: int, csize: int) -> tuple[int, int]:
    position = 0
    while position + 4 <= len(extra):
        tag, length = struct.unpack_from("<2H", extra, position)
        if tag == 1:
            values = list(struct.unpack_from(f"<{length // 8}Q", extra, position + 4))
            if usize == 0xFFFFFFFF and values:
                usize = values.pop(0)
            if csize == 0xFFFFFFFF and values:
                csize = values.pop(0)
            break
        position += 4 + length
    return usize, csize


def _descriptor_length(handle: BinaryIO, at: int) -> int:
    handle.seek(at)
    return 16 if handle.read(4) == _DESCRIPTOR_MAGIC else 12


def _find_descriptor(
    handle: BinaryIO, data_start: int, size: int
) -> tuple[int, int, int, int] | None:
    """(crc, compressed size, size, next offset) for a member whose sizes follow its data.

    The data ends where the next record starts: another member, the table of contents (a
    download cut inside it), or the end of the file; the descriptor just before must agree.
    """
    position = data_start
    while position < size:
        handle.seek(position)
        chunk = handle.read(_CHUNK + 3)
        if not chunk:
            break
        hit = chunk.find(b"PK")
        while hit != -1:
            if chunk[hit : hit + 4] in _NEXT_RECORDS:
                candidate = position + hit
                described = _descriptor_before(handle, data_start, candidate)
                if described is not None:
                    return (*described, candidate)
            hit = chunk.find(b"PK", hit + 1)
        position += _CHUNK
    described = _descriptor_before(handle, data_start, size)
    return (*described, size) if described is not None else None


def _descriptor_before(handle: BinaryIO, data_start: int, end: int) -> tuple[int, int, int] | None:
    """A data descriptor ending at ``end`` that says the data is exactly ``end - data_start - it``."""
    for length, fmt in ((16, "<4s3I"), (12, "<3I"), (24, "<4sI2Q"), (20, "<I2Q")):
        if end - length < data_start:
            continue
        handle.seek(end - length)
        fields = struct.unpack(fmt, handle.read(length))
        if isinstance(fields[0], bytes):
            if fields[0] != _DESCRIPTOR_MAGIC:
                continue
            fields = fields[1:]
        crc, csize, usize = fields
        if csize == end - length - data_start:
            return crc, csize, usize
    return None
