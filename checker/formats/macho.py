"""What tracker detection needs from Mach-O binaries (iOS/macOS executables and frameworks).

Thin and fat (universal) binaries and static archives (``.a``) are read; from
each slice we take whether it is FairPlay-encrypted (``LC_ENCRYPTION_INFO*``
with a non-zero ``cryptid``), the libraries it links (``LC_LOAD_DYLIB`` and
kin) and the Objective-C classes named in its symbol table
(``_OBJC_CLASS_$_Name``, defined or referenced). Every count and offset is
checked against the file: hostile binaries raise ``FormatError``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from checker.errors import FormatError, LimitExceeded, Truncated

MAX_LOAD_COMMANDS = 4096
MAX_SYMBOLS = 4_000_000
MAX_FAT_ARCHES = 32
MAX_ARCHIVE_MEMBERS = 100_000
MAX_STRING_BYTES = 256 * 1024 * 1024  # symbol-table text scanned per file, all slices together
_MH_MAGIC, _MH_MAGIC_64 = 0xFEEDFACE, 0xFEEDFACF
_FAT_MAGIC, _FAT_MAGIC_64 = 0xCAFEBABE, 0xCAFEBABF
_LC_SYMTAB = 0x2
_LC_ENCRYPTION_INFO, _LC_ENCRYPTION_INFO_64 = 0x21, 0x2C
_DYLIB_COMMANDS = {0xC, 0x80000018, 0x8000001F, 0x80000023}  # load, weak, reexport, upward
_OBJC_CLASS = b"_OBJC_CLASS_$_"
_AR_MAGIC = b"!<arch>\n"


@dataclass
class MachOInfo:
    encrypted: bool = False
    dylibs: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    slices: int = 0
    string_bytes: int = 0  # symbol-table text scanned so far (capped: crafted files repeat tables)


def is_macho(head: bytes | bytearray) -> bool:
    """True for a thin or universal Mach-O binary, or a static archive."""
    if bytes(head[:8]) == _AR_MAGIC:
        return True
    if len(head) < 4:
        return False
    little = struct.unpack_from("<I", head)[0]
    big = struct.unpack_from(">I", head)[0]
    return little in (_MH_MAGIC, _MH_MAGIC_64) or big in (_FAT_MAGIC, _FAT_MAGIC_64)


def read_macho(data: bytes | bytearray) -> MachOInfo:
    """Read a thin, fat or static-archive binary."""
    info = MachOInfo()
    view = memoryview(data)
    if bytes(view[:8]) == _AR_MAGIC:
        _read_archive(view, info)
    else:
        _read_any(view, info)
    return info


def _read_any(view: memoryview, info: MachOInfo) -> None:
    if len(view) < 8:
        raise Truncated("Mach-O shorter than its header")
    big = struct.unpack_from(">I", view)[0]
    if big in (_FAT_MAGIC, _FAT_MAGIC_64):
        _read_fat(view, info, wide=big == _FAT_MAGIC_64)
        return
    _read_thin(view, info)


def _read_fat(view: memoryview, info: MachOInfo, *, wide: bool) -> None:
    (count,) = struct.unpack_from(">I", view, 4)
    if count == 0 or count > MAX_FAT_ARCHES:
        raise LimitExceeded(f"universal binary claims {count} architectures")
    entry = struct.Struct(">iiQQII" if wide else ">iiIII")
    seen: set[tuple[int, int]] = set()
    for index in range(count):
        at = 8 + index * entry.size
        if at + entry.size > len(view):
            raise Truncated("universal binary header cut short")
        fields = entry.unpack_from(view, at)
        offset, size = fields[2], fields[3]
        if offset + size > len(view) or size < 28:
            raise FormatError("architecture slice lies outside the file")
        if (offset, size) in seen:
            continue  # the same bytes named twice: read them once
        seen.add((offset, size))
        _read_thin(view[offset : offset + size], info)


def _read_thin(view: memoryview, info: MachOInfo) -> None:
    if len(view) < 28:
        raise Truncated("Mach-O shorter than its header")
    (magic,) = struct.unpack_from("<I", view)
    if magic not in (_MH_MAGIC, _MH_MAGIC_64):
        raise FormatError("not a Mach-O binary (bad magic)")
    wide = magic == _MH_MAGIC_64
    ncmds, sizeofcmds = struct.unpack_from("<II", view, 16)
    header = 32 if wide else 28
    if ncmds > MAX_LOAD_COMMANDS:
        raise LimitExceeded(f"Mach-O claims {ncmds} load commands")
    if header + sizeofcmds > len(view):
        raise Truncated("load commands run past the end of the file")
    info.slices += 1
    at = header
    end = header + sizeofcmds
    symtab_read = False
    for _ in range(ncmds):
        if at + 8 > end:
            raise FormatError("load command runs past its table")
        cmd, size = struct.unpack_from("<II", view, at)
        if size < 8 or at + size > end:
            raise FormatError("load command with an impossible size")
        if cmd in (_LC_ENCRYPTION_INFO, _LC_ENCRYPTION_INFO_64) and size >= 20:
            (cryptid,) = struct.unpack_from("<I", view, at + 16)
            info.encrypted = info.encrypted or cryptid != 0
        elif cmd in _DYLIB_COMMANDS and size >= 24:
            (name_offset,) = struct.unpack_from("<I", view, at + 8)
            if 24 <= name_offset < size:
                raw = bytes(view[at + name_offset : at + size]).split(b"\0", 1)[0]
                info.dylibs.add(raw.decode("utf-8", "replace"))
        elif cmd == _LC_SYMTAB and size >= 24 and not symtab_read:  # one symbol table per binary
            symtab_read = True
            symoff, nsyms, stroff, strsize = struct.unpack_from("<IIII", view, at + 8)
            _read_symbols(view, info, symoff, nsyms, stroff, strsize, wide)
        at += size


def _read_symbols(
    view: memoryview,
    info: MachOInfo,
    symoff: int,
    nsyms: int,
    stroff: int,
    strsize: int,
    wide: bool,
) -> None:
    if nsyms > MAX_SYMBOLS:
        raise LimitExceeded(f"Mach-O claims {nsyms} symbols")
    entry = 16 if wide else 12
    if symoff + nsyms * entry > len(view) or stroff + strsize > len(view):
        raise Truncated("symbol table lies outside the file")
    info.string_bytes += strsize
    if info.string_bytes > MAX_STRING_BYTES:
        raise LimitExceeded("symbol tables larger than we are willing to read")
    strings = bytes(view[stroff : stroff + strsize])
    # Scanning the string table directly is faster than walking every nlist entry,
    # and finds the same names: each class symbol is one NUL-terminated string.
    start = strings.find(_OBJC_CLASS)
    while start >= 0:
        end = strings.find(b"\0", start)
        if end < 0:
            end = len(strings)
        name = strings[start + len(_OBJC_CLASS) : end]
        if name:
            info.classes.add(name.decode("utf-8", "replace"))
        start = strings.find(_OBJC_CLASS, end)


def _read_archive(view: memoryview, info: MachOInfo) -> None:
    """A static library: an ar archive of Mach-O objects (SDKs ship this way)."""
    at = len(_AR_MAGIC)
    members = 0
    while at + 60 <= len(view):
        members += 1
        if members > MAX_ARCHIVE_MEMBERS:
            raise LimitExceeded("static archive holds too many members")
        header = bytes(view[at : at + 60])
        if header[58:60] != b"`\n":
            raise FormatError("static archive member header is damaged")
        name = header[:16].rstrip()
        try:
            size = int(header[48:58].strip() or b"0")
        except ValueError:
            raise FormatError("static archive member has no size") from None
        body_start = at + 60
        if body_start + size > len(view):
            raise Truncated("static archive member runs past the end")
        body = view[body_start : body_start + size]
        if name.startswith(b"#1/"):  # BSD long name stored at the start of the body
            try:
                skip = int(name[3:])
            except ValueError:
                raise FormatError("static archive member has a bad long name") from None
            body = body[skip:]
        if len(body) >= 28 and struct.unpack_from("<I", body)[0] in (_MH_MAGIC, _MH_MAGIC_64):
            _read_thin(body, info)
        at = body_start + size + (size & 1)
