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

import struct
import sys
from array import array

from checker.errors import FormatError, LimitExceeded, Truncated

HEADER_SIZE = 0x70
MAX_DEX_BYTES = 512 * 1024 * 1024
MAX_TYPES = 4_000_000  # the format allows 65,536 per file; anything near this is crafted
_MAGIC_PREFIX = b"dex\n"
_KNOWN_VERSIONS = {b"035", b"036", b"037", b"038", b"039", b"040", b"041"}
_ENDIAN_CONSTANT = 0x12345678
_HEADER = struct.Struct("<8s I 20s I I I I I I I I I")  # up to type_ids_off
_NATIVE_IS_LITTLE = sys.byteorder == "little"


def is_dex(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) starts like a DEX file."""
    return head[:4] == _MAGIC_PREFIX and head[4:7] in _KNOWN_VERSIONS


def _u32_table(data: bytes, offset: int, count: int, what: str) -> array[int]:
    end = offset + 4 * count
    if count and (offset < HEADER_SIZE or end > len(data)):
        raise FormatError(f"{what} table lies outside the file")
    table = array("I")
    table.frombytes(data[offset:end])
    if not _NATIVE_IS_LITTLE:  # pragma: no cover - every platform we ship on is little-endian
        table.byteswap()
    return table


def class_names(data: bytes) -> set[str]:
    """Return the dotted names of the classes this DEX defines or uses.

    Raises ``FormatError`` (or a subclass) when the bytes are not a DEX file or
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
    if endian_tag != _ENDIAN_CONSTANT:
        raise FormatError("unsupported DEX byte order")
    if header_size < HEADER_SIZE:
        raise FormatError("DEX header size too small")
    if type_ids_size > MAX_TYPES or string_ids_size > MAX_TYPES * 16:
        raise LimitExceeded("DEX declares an absurd number of types or strings")
    if type_ids_size == 0:
        return set()
    string_offsets = _u32_table(data, string_ids_off, string_ids_size, "string-id")
    type_strings = _u32_table(data, type_ids_off, type_ids_size, "type-id")
    return _names_from_types(data, string_offsets, type_strings)


def _names_from_types(
    data: bytes, string_offsets: array[int], type_strings: array[int]
) -> set[str]:
    size = len(data)
    string_count = len(string_offsets)
    find = data.find
    names: set[str] = set()
    add = names.add
    for string_index in type_strings:
        if string_index >= string_count:
            raise FormatError("type refers to a string index outside the table")
        start = string_offsets[string_index]
        if start >= size:
            raise Truncated("type name lies outside the file")
        # Skip the ULEB128 length prefix: at most five bytes, high bit = more.
        while data[start] & 0x80:
            start += 1
            if start >= size:
                raise Truncated("type name runs past the end of the file")
        start += 1
        # Only class types ('L...;') and arrays of them ('[...L...;') name classes.
        while start < size and data[start] == 0x5B:  # '['
            start += 1
        if start >= size or data[start] != 0x4C:  # 'L'
            continue
        end = find(b"\0", start)
        if end < 0:
            raise Truncated("type name is not terminated")
        raw = data[start + 1 : end - 1 if data[end - 1] == 0x3B else end]  # drop 'L' and ';'
        # εxodus reads names with a \w regex, which stops at '$' (inner classes)
        # and '-' (package-info, synthetic names): cut there too, so we agree.
        cut = raw.find(b"$")
        if cut >= 0:
            raw = raw[:cut]
        cut = raw.find(b"-")
        if cut >= 0:
            raw = raw[:cut]
        raw = raw.rstrip(b"/")
        if b"/" not in raw:
            continue  # no package: εxodus ignores these too, and no signature targets them
        add(_decode_name(raw).replace("/", "."))
    return names


def _decode_name(raw: bytes) -> str:
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
