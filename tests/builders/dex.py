"""Synthesise structurally valid DEX files for tests and benchmarks.

The output has a correct header (checksum, SHA-1 signature, sizes), sorted
string and type tables, one class definition per defined class and a map list,
so that real tools (dexdump) accept it as well as our reader.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable

_NO_INDEX = 0xFFFFFFFF
_ACC_PUBLIC = 0x1


def descriptor(dotted: str) -> str:
    """'com.example.Foo' -> 'Lcom/example/Foo;' (already-descriptor strings pass through)."""
    if dotted.startswith(("L", "[")) and dotted.endswith(";"):
        return dotted
    return "L" + dotted.replace(".", "/") + ";"


def _uleb128(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _mutf8(text: str) -> tuple[bytes, int]:
    """Modified UTF-8: NUL as C0 80, supplementary characters as surrogate pairs."""
    utf16 = text.encode("utf-16-le", "surrogatepass")
    units = struct.unpack(f"<{len(utf16) // 2}H", utf16)
    out = bytearray()
    for unit in units:
        if 0 < unit < 0x80:
            out.append(unit)
        elif unit < 0x800:
            out += bytes((0xC0 | (unit >> 6), 0x80 | (unit & 0x3F)))
        else:
            out += bytes((0xE0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3F), 0x80 | (unit & 0x3F)))
    return bytes(out), len(units)


def build_dex(
    defined: Iterable[str],
    referenced: Iterable[str] = (),
    *,
    extra_strings: Iterable[str] = (),
    filler: bytes = b"",
) -> bytes:
    """Build a DEX defining ``defined`` classes and referring to ``referenced`` ones.

    Names are dotted ('com.example.Foo', inner classes with '$') or descriptors.
    ``filler`` is appended to the data section to give the file a realistic size
    (it stands in for method code, which our reader never looks at).
    """
    defined_desc = sorted({descriptor(n) for n in defined})
    object_desc = "Ljava/lang/Object;"
    type_desc = sorted({*defined_desc, *(descriptor(n) for n in referenced), object_desc})
    strings = sorted({*type_desc, *extra_strings}, key=lambda s: s.encode("utf-16-be"))
    string_index = {s: i for i, s in enumerate(strings)}
    type_index = {d: i for i, d in enumerate(type_desc)}
    if len(type_desc) > 0xFFFF:
        raise ValueError("a DEX file holds at most 65,536 types; split into several files")

    header_size = 0x70
    string_ids_off = header_size
    type_ids_off = string_ids_off + 4 * len(strings)
    class_defs_off = type_ids_off + 4 * len(type_desc)
    data_off = class_defs_off + 32 * len(defined_desc)

    string_data = bytearray()
    string_offsets = []
    for s in strings:
        encoded, units = _mutf8(s)
        string_offsets.append(data_off + len(string_data))
        string_data += _uleb128(units) + encoded + b"\0"
    data = bytearray(string_data)
    data += filler
    while len(data) % 4:
        data.append(0)
    map_off = data_off + len(data)
    map_items = [
        (0x0000, 1, 0),
        (0x0001, len(strings), string_ids_off),
        (0x0002, len(type_desc), type_ids_off),
        (0x0006, len(defined_desc), class_defs_off),
        (0x2002, len(strings), data_off),
        (0x1000, 1, map_off),
    ]
    map_items = [item for item in map_items if item[1]]
    map_list = struct.pack("<I", len(map_items)) + b"".join(
        struct.pack("<HHII", kind, 0, size, off) for kind, size, off in map_items
    )
    data += map_list
    file_size = data_off + len(data)

    body = bytearray()
    body += b"".join(struct.pack("<I", off) for off in string_offsets)
    body += b"".join(struct.pack("<I", string_index[d]) for d in type_desc)
    object_type = type_index[object_desc]
    for d in defined_desc:
        superclass = object_type if d != object_desc else _NO_INDEX
        body += struct.pack("<8I", type_index[d], _ACC_PUBLIC, superclass, 0, _NO_INDEX, 0, 0, 0)
    body += data

    header = bytearray(header_size)
    header[0:8] = b"dex\n035\0"
    struct.pack_into(
        "<IIIIIIIIIIIIIIIIIIII",
        header,
        0x20,
        file_size,
        header_size,
        0x12345678,
        0,
        0,
        map_off,
        len(strings),
        string_ids_off,
        len(type_desc),
        type_ids_off,
        0,
        0,
        0,
        0,
        0,
        0,
        len(defined_desc),
        class_defs_off,
        len(data),
        data_off,
    )
    blob = bytearray(header + body)
    blob[12:32] = hashlib.sha1(bytes(blob[32:])).digest()
    struct.pack_into("<I", blob, 8, zlib.adler32(bytes(blob[12:])))
    return bytes(blob)
