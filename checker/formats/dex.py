"""Class names from Dalvik executables (``classes*.dex``).

We read only the header, the string-id table and the type-id table: every class
the code defines or refers to has an entry there, which is what tracker
detection needs. Names are returned the way εxodus sees them (dotted, cut at
the first ``$`` or ``-`` so inner classes fold into their outer class, and only
names that have a package), so that εxodus-style signatures give εxodus's
answers. Unlike εxodus (which parses ``dexdump`` output), we also see classes
that are only used from code, and not types that appear only in debug-info
generic signatures; on 333 real files both give the same trackers.
"""

from __future__ import annotations

import re
import struct
import sys
from array import array
from dataclasses import dataclass

from checker.errors import FormatError, LimitExceeded, Truncated

HEADER_SIZE = 0x70
MAX_DEX_BYTES = 512 * 1024 * 1024
MAX_TYPES = 4_000_000  # the format allows 65,536 per file; anything near this is crafted
_MAGIC_PREFIX = b"dex\n"
_KNOWN_VERSIONS = {b"035", b"036", b"037", b"038", b"039", b"040", b"041"}
_ENDIAN_CONSTANT = 0x12345678
_HEADER = struct.Struct("<8s I 20s I I I I I I I I I")  # up to type_ids_off
_NATIVE_IS_LITTLE = sys.byteorder == "little"
# One type descriptor per NUL-separated item: optional array brackets, 'L', then the
# class path read exactly as εxodus reads dexdump output, with \w+ segments (so the
# name stops at '$', '-', ';'...) and at least one package separator.
_CLASS_NAME = re.compile(r"\x00\[*L((?:\w+/)+\w+)")
_BATCH = 8192  # types handled per bulk step
_CLASS_NAME_ASCII = re.compile(_CLASS_NAME.pattern, re.ASCII)  # same result on ASCII, faster


def is_dex(head: bytes | bytearray) -> bool:
    """True when ``head`` (the first bytes of a file) starts like a DEX file."""
    return bytes(head[:4]) == _MAGIC_PREFIX and bytes(head[4:7]) in _KNOWN_VERSIONS


def _u32_table(data: bytes | bytearray, offset: int, count: int, what: str) -> array[int]:
    end = offset + 4 * count
    if count and (offset < HEADER_SIZE or end > len(data)):
        raise FormatError(f"{what} table lies outside the file")
    table = array("I")
    table.frombytes(data[offset:end])
    if not _NATIVE_IS_LITTLE:  # pragma: no cover - every platform we ship on is little-endian
        table.byteswap()
    return table


@dataclass(frozen=True, slots=True)
class DexClasses:
    """What detection needs from one DEX file."""

    text: str  # dotted names of the classes it defines or uses, one per line
    defined: int  # how many classes it defines (its class_defs count)


def class_names(data: bytes | bytearray) -> set[str]:
    """The distinct dotted class names of a DEX file (see ``read_classes``)."""
    return set(filter(None, read_classes(data).text.split("\n")))


def read_classes(data: bytes | bytearray) -> DexClasses:
    """Read the names of the classes this DEX defines or uses, and how many it defines.

    Names come back as one newline-separated text: it is what the matcher
    searches, and it costs a third of the memory of a set of strings. Raises ``FormatError`` (or a subclass) when the bytes are not a DEX file or
    its tables point outside it. Cost is linear in the number of types.
    """
    if len(data) < HEADER_SIZE:
        raise Truncated(f"DEX shorter than its {HEADER_SIZE}-byte header")
    if len(data) > MAX_DEX_BYTES:
        raise LimitExceeded(f"DEX larger than {MAX_DEX_BYTES // (1024 * 1024)} MiB")
    if not is_dex(data[:8]):
        raise FormatError("not a DEX file (bad magic)")
    (
        _magic,
        _checksum,
        _signature,
        _file_size,
        header_size,
        endian_tag,
        _link_size,
        _link_off,
        _map_off,
        string_ids_size,
        string_ids_off,
        type_ids_size,
    ) = _HEADER.unpack_from(data, 0)
    (type_ids_off,) = struct.unpack_from("<I", data, 0x44)
    (class_defs_size,) = struct.unpack_from("<I", data, 0x60)
    if endian_tag != _ENDIAN_CONSTANT:
        raise FormatError("unsupported DEX byte order")
    if header_size < HEADER_SIZE:
        raise FormatError("DEX header size too small")
    if type_ids_size > MAX_TYPES or string_ids_size > MAX_TYPES * 16 or class_defs_size > MAX_TYPES:
        raise LimitExceeded("DEX declares an absurd number of types or strings")
    if type_ids_size == 0:
        return DexClasses("", 0)
    string_offsets = _u32_table(data, string_ids_off, string_ids_size, "string-id")
    type_strings = _u32_table(data, type_ids_off, type_ids_size, "type-id")
    text = _names_from_types(data, string_offsets, type_strings)
    return DexClasses(text, min(class_defs_size, type_ids_size))


def _names_from_types(
    data: bytes | bytearray, string_offsets: array[int], type_strings: array[int]
) -> str:
    """Add the class names of every type, with a few bulk C-level steps per batch
    instead of a Python loop doing a dozen operations per name. Batches bound the
    transient lists to a few megabytes whatever the DEX size."""
    if max(type_strings) >= len(string_offsets):
        raise FormatError("type refers to a string index outside the table")
    size = len(data)
    find = data.find
    texts: list[str] = []
    for first in range(0, len(type_strings), _BATCH):
        offsets = [string_offsets[i] for i in type_strings[first : first + _BATCH]]
        if max(offsets) >= size:
            raise Truncated("type name lies outside the file")
        # Each string starts with its ULEB128 length: one byte below 0x80 for names
        # under 128 characters, which is nearly all of them.
        starts = [o + 1 if data[o] < 0x80 else _skip_uleb128(data, o) for o in offsets]
        ends = [find(b"\0", start) for start in starts]
        if -1 in ends:
            raise Truncated("type name is not terminated")
        raw = [data[start:end] for start, end in zip(starts, ends, strict=True)]
        try:
            found = _CLASS_NAME_ASCII.findall("\0" + b"\0".join(raw).decode("ascii"))
        except UnicodeDecodeError:
            found = _CLASS_NAME.findall("\0" + "\0".join(_decode_name(item) for item in raw))
        if found:
            texts.append("\n".join(found).replace("/", "."))
    return "\n".join(texts)


def _skip_uleb128(data: bytes | bytearray, offset: int) -> int:
    end = min(offset + 5, len(data))
    for position in range(offset, end):
        if data[position] < 0x80:
            return position + 1
    raise FormatError("malformed string length")


def _decode_name(raw: bytes | bytearray) -> str:
    """Decode a Modified UTF-8 name; almost all are plain ASCII."""
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        pass
    # Modified UTF-8 writes U+0000 as C0 80 and supplementary characters as
    # surrogate pairs; recombine them instead of failing on hostile bytes.
    try:
        text = raw.replace(b"\xc0\x80", b"\x00").decode("utf-8", "surrogatepass")
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    except UnicodeError:
        return raw.decode("utf-8", "replace")
