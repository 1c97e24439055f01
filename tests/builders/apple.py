"""Synthesise Mach-O binaries (thin, fat, static archives) and iOS/macOS app bundles."""

from __future__ import annotations

import plistlib
import struct
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.builders.apk import zip_bytes

_ARM64 = 0x0100000C
_X86_64 = 0x01000007


def build_macho(
    classes: Sequence[str] = (),
    dylibs: Sequence[str] = (),
    *,
    encrypted: bool | None = None,
    cputype: int = _ARM64,
    filetype: int = 2,
) -> bytes:
    """A 64-bit Mach-O with the given ObjC class symbols, linked libraries and encryption flag."""
    commands: list[bytes] = []
    if encrypted is not None:
        commands.append(struct.pack("<IIIIII", 0x2C, 24, 0x4000, 0x1000, 1 if encrypted else 0, 0))
    for dylib in dylibs:
        name = dylib.encode() + b"\0"
        size = (24 + len(name) + 7) // 8 * 8
        commands.append(
            struct.pack("<IIIIII", 0xC, size, 24, 2, 0x10000, 0x10000)
            + name.ljust(size - 24, b"\0")
        )
    strings = b"\0" + b"".join(f"_OBJC_CLASS_$_{c}".encode() + b"\0" for c in classes) + b"_main\0"
    symtab_size = 24
    header_size = 32
    sizeofcmds = sum(len(c) for c in commands) + symtab_size
    symoff = header_size + sizeofcmds
    nsyms = len(classes) + 1
    stroff = symoff + nsyms * 16
    nlists = b""
    offset = 1
    for name in [*(f"_OBJC_CLASS_$_{c}" for c in classes), "_main"]:
        nlists += struct.pack("<IBBHQ", offset, 0x0F, 1, 0, 0x1000)
        offset += len(name) + 1
    commands.append(struct.pack("<IIIIII", 0x2, symtab_size, symoff, nsyms, stroff, len(strings)))
    header = struct.pack(
        "<IiiIIIII", 0xFEEDFACF, cputype, 0, filetype, len(commands), sizeofcmds, 0, 0
    )
    return header + b"".join(commands) + nlists + strings


def build_fat(*slices: bytes) -> bytes:
    """A universal binary holding ``slices``."""
    header = struct.pack(">II", 0xCAFEBABE, len(slices))
    offset = 4096
    entries, body = b"", b""
    for index, blob in enumerate(slices):
        entries += struct.pack(
            ">iiIII", _ARM64 if index == 0 else _X86_64, 0, offset + len(body), len(blob), 12
        )
        body += blob + b"\0" * ((-len(blob)) % 4096)
    return (header + entries).ljust(offset, b"\0") + body


def build_archive(*objects: tuple[str, bytes]) -> bytes:
    """A static library (ar archive) of Mach-O objects."""
    out = b"!<arch>\n"
    for name, blob in objects:
        out += f"{name[:15] + '/':<16}{0:<12}{0:<6}{0:<6}{644:<8}{len(blob):<10}`\n".encode() + blob
        if len(blob) % 2:
            out += b"\n"
    return out


def info_plist(
    bundle_id: str, name: str, executable: str = "App", *, binary: bool = True, **extra: Any
) -> bytes:
    info = {"CFBundleIdentifier": bundle_id, "CFBundleDisplayName": name, "CFBundleExecutable": executable,
            "CFBundleShortVersionString": "2.4.1", **extra}  # fmt: skip
    return plistlib.dumps(info, fmt=plistlib.FMT_BINARY if binary else plistlib.FMT_XML)


def privacy_manifest(
    domains: Sequence[str] = (), data_types: Sequence[str] = (), tracking: bool = True
) -> bytes:
    return plistlib.dumps(
        {
            "NSPrivacyTracking": tracking,
            "NSPrivacyTrackingDomains": list(domains),
            "NSPrivacyCollectedDataTypes": [
                {
                    "NSPrivacyCollectedDataType": f"NSPrivacyCollectedDataType{t}",
                    "NSPrivacyCollectedDataTypeTracking": True,
                    "NSPrivacyCollectedDataTypeLinked": False,
                    "NSPrivacyCollectedDataTypePurposes": [],
                }
                for t in data_types
            ],
        }
    )


def bundle_files(
    root: str,
    *,
    bundle_id: str = "com.example.game",
    name: str = "Space Game",
    classes: Sequence[str] = (),
    frameworks: Mapping[str, bytes] | None = None,
    encrypted: bool = False,
    extra: Mapping[str, bytes] | None = None,
    plist_extra: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """The files of an iOS app bundle rooted at ``root`` (e.g. 'Payload/Game.app')."""
    dylibs = [f"@rpath/{f}.framework/{f}" for f in frameworks or {}] + [
        "/System/Library/Frameworks/UIKit.framework/UIKit"
    ]
    files = {
        f"{root}/Info.plist": info_plist(bundle_id, name, **(plist_extra or {})),
        f"{root}/App": build_macho(classes, dylibs, encrypted=encrypted),
    }
    for framework, binary in (frameworks or {}).items():
        files[f"{root}/Frameworks/{framework}.framework/{framework}"] = binary
        files[f"{root}/Frameworks/{framework}.framework/Info.plist"] = info_plist(
            f"com.vendor.{framework}", framework, framework
        )
    files.update({f"{root}/{k}": v for k, v in (extra or {}).items()})
    return files


def build_ipa(**kwargs: Any) -> bytes:
    return zip_bytes(bundle_files("Payload/Game.app", **kwargs))


def write_app_folder(parent: Path, **kwargs: Any) -> Path:
    for name, data in bundle_files("Game.app", **kwargs).items():
        target = parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return parent / "Game.app"
