"""iOS and macOS app bundles: ``.ipa`` archives and ``.app`` folders.

From each bundle: Info.plist (identity, privacy usage keys, SDK keys,
SKAdNetworkItems), embedded frameworks and bundles, every file name (SDK
configuration files such as GoogleService-Info.plist), privacy manifests
(``PrivacyInfo.xcprivacy``: declared tracking domains and collected data), and
the Objective-C classes and linked libraries of the executables, unless the
main executable is FairPlay-encrypted (then we say so and use the rest).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker.errors import CheckerError, FormatError, LimitExceeded
from checker.formats import macho
from checker.formats.plist import MAX_PLIST_BYTES, read_plist
from checker.formats.safezip import SafeZip
from checker.models import AppEvidence, Platform
from checker.sources.base import Probe, ReadContext
from checker.text import clean, clean_optional

MAX_BUNDLE_FILES = 200_000
MAX_BINARY_BYTES = 512 * 1024 * 1024
_USAGE_KEY = re.compile(r"^(NS\w+UsageDescription(Dictionary)?|NFCReaderUsageDescription)$")
# Apple's privacy-manifest data categories, as our data-type codes.
_MANIFEST_TYPES = {
    "PreciseLocation": "precise_location", "CoarseLocation": "coarse_location",
    "DeviceID": "device_id", "UserID": "user_id", "EmailAddress": "email_address", "Name": "name",
    "PhoneNumber": "phone_number", "Contacts": "contacts", "PhotosorVideos": "photos_media",
    "AudioData": "microphone", "PurchaseHistory": "purchases", "ProductInteraction": "app_usage",
    "AdvertisingData": "app_usage", "OtherUsageData": "app_usage", "CrashData": "crash_data",
    "PerformanceData": "performance_data", "OtherDiagnosticData": "performance_data",
    "Health": "health_fitness", "Fitness": "health_fitness", "BrowsingHistory": "app_usage",
    "SearchHistory": "app_usage", "PaymentInfo": "purchases", "SensitiveInfo": "health_fitness",
}  # fmt: skip


class _Files:
    """Read access to the files of a bundle, whether zipped (.ipa) or a folder (.app)."""

    def __init__(self, names: list[str], read: Callable[[str, int], bytes]) -> None:
        self.names = names
        self._read = read

    def read(self, name: str, limit: int) -> bytes:
        return self._read(name, limit)


@dataclass
class _Found:
    frameworks: dict[str, None] = field(default_factory=dict)
    config_files: dict[str, None] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    declared_domains: dict[tuple[str, str], None] = field(default_factory=dict)
    declared_data: dict[tuple[str, str], None] = field(default_factory=dict)


class IpaSource:
    name = "ipa"

    def claims(self, probe: Probe) -> bool:
        return any(n.startswith("Payload/") and ".app/" in n for n in probe.zip_names)

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        with SafeZip(path, budget=context.budget) as archive:
            members = {m.name: m for m in archive.members()}
            if len(members) > MAX_BUNDLE_FILES:
                raise LimitExceeded("the archive holds too many files")

            def read(name: str, limit: int) -> bytes:
                return bytes(archive.read(members[name], limit=limit))

            files = _Files(list(members), read)
            roots = sorted(
                {
                    f"Payload/{p[1]}"
                    for p in (m.split("/") for m in members)
                    if len(p) > 2 and p[0] == "Payload" and p[1].endswith(".app")
                }
            )
            if not roots:
                raise FormatError("no Payload/<name>.app folder: not an iOS app archive")
            return [_read_bundle(files, roots[0], display, context)]


class AppFolderSource:
    name = "app-folder"

    def claims(self, probe: Probe) -> bool:
        if not probe.is_dir or probe.suffix != ".app":
            return False
        return (probe.path / "Info.plist").is_file() or (
            probe.path / "Contents" / "Info.plist"
        ).is_file()

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        names: list[str] = []
        for folder, dirs, files in os.walk(path):  # links are not followed
            dirs.sort()
            for file_name in files:
                full = Path(folder) / file_name
                if full.is_symlink() or not full.is_file():  # a FIFO or device would block
                    continue
                names.append(full.relative_to(path.parent).as_posix())
                if len(names) > MAX_BUNDLE_FILES:
                    raise LimitExceeded("the bundle holds too many files")

        def read(name: str, limit: int) -> bytes:
            target = path.parent / name
            with target.open("rb") as handle:
                data = handle.read(limit + 1)
            if len(data) > limit:
                raise LimitExceeded(f"{name} is larger than we are willing to read")
            return data

        return [_read_bundle(_Files(names, read), path.name, display, context)]


def _read_bundle(files: _Files, root: str, display: str, context: ReadContext) -> AppEvidence:
    mac = any(n.startswith(f"{root}/Contents/") for n in files.names)
    base = f"{root}/Contents" if mac else root
    info_name = f"{base}/Info.plist"
    if info_name not in files.names:
        raise FormatError(f"{PurePosixPath(root).name}: no Info.plist")
    info = read_plist(files.read(info_name, MAX_PLIST_BYTES), "Info.plist")
    found = _Found()
    for name in files.names:
        context.cancel.check()
        if not name.startswith(f"{root}/"):
            continue
        parts = PurePosixPath(name).parts
        for part in parts[:-1]:
            if part.endswith((".framework", ".bundle", ".appex")):
                found.frameworks[part.rsplit(".", 1)[0]] = None
        found.config_files[parts[-1]] = None
        if parts[-1] == "PrivacyInfo.xcprivacy":
            _privacy_manifest(files, name, parts, found)
    encrypted = _executables(files, base, info, mac, found)
    return AppEvidence(
        id=clean(_string(info, "CFBundleIdentifier") or PurePosixPath(root).stem),
        platform=Platform.MACOS if mac else Platform.IOS,
        sources=(display,),
        name=clean_optional(_string(info, "CFBundleDisplayName") or _string(info, "CFBundleName")),
        version=clean_optional(_string(info, "CFBundleShortVersionString"), 80),
        permissions=tuple(sorted(k for k in info if isinstance(k, str) and _USAGE_KEY.match(k))),
        plist_keys=tuple(sorted(k for k in info if isinstance(k, str)))[:2000],
        frameworks=tuple(found.frameworks),
        config_files=tuple(found.config_files)[:MAX_BUNDLE_FILES],
        class_text="\n".join(sorted(found.classes)),
        class_count=len(found.classes),
        declared_domains=tuple(found.declared_domains),
        declared_data=tuple(found.declared_data),
        skadnetwork_ids=_skadnetwork(info),
        encrypted=encrypted,
    )


def _string(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    return value if isinstance(value, str) else None


def _origin(parts: tuple[str, ...]) -> str:
    """The framework a file belongs to ('' for the app itself)."""
    for part in reversed(parts[:-1]):
        if part.endswith((".framework", ".bundle")):
            return part.rsplit(".", 1)[0]
    return ""


def _privacy_manifest(files: _Files, name: str, parts: tuple[str, ...], found: _Found) -> None:
    try:
        manifest = read_plist(files.read(name, MAX_PLIST_BYTES), "PrivacyInfo.xcprivacy")
    except CheckerError:
        return  # a broken manifest costs its declarations, not the scan
    origin = _origin(parts)
    domains = manifest.get("NSPrivacyTrackingDomains")
    for domain in domains if isinstance(domains, list) else []:
        if isinstance(domain, str) and domain.strip():
            found.declared_domains[(origin, clean(domain.lower(), 253))] = None
    collected = manifest.get("NSPrivacyCollectedDataTypes")
    for item in collected if isinstance(collected, list) else []:
        if isinstance(item, dict):
            kind = item.get("NSPrivacyCollectedDataType")
            code = _MANIFEST_TYPES.get(str(kind).removeprefix("NSPrivacyCollectedDataType"))
            if code:
                found.declared_data[(origin, code)] = None


def _executables(
    files: _Files, base: str, info: dict[str, Any], mac: bool, found: _Found
) -> bool | None:
    """Read the main executable and framework binaries; True when the app is encrypted."""
    executable = _string(info, "CFBundleExecutable")
    main = f"{base}/MacOS/{executable}" if mac else f"{base}/{executable}"
    candidates = [main] if executable else []
    for name in found.frameworks:
        candidates.append(f"{base}/Frameworks/{name}.framework/{name}")
        candidates.append(f"{base}/Frameworks/{name}.framework/Versions/A/{name}")
    known = set(files.names)
    encrypted: bool | None = None
    for candidate in candidates:
        if candidate not in known:
            continue
        data = files.read(candidate, MAX_BINARY_BYTES)
        if not macho.is_macho(data):
            continue  # a launcher script (some Mac apps) holds no classes to look at
        try:
            binary = macho.read_macho(data)
        except CheckerError:
            if candidate == main:
                raise
            continue
        if candidate == main:
            encrypted = binary.encrypted
        if not binary.encrypted:
            found.classes |= binary.classes
        for dylib in binary.dylibs:
            match = re.search(r"([^/]+)\.framework/", dylib)
            if match and not dylib.startswith("/System/"):
                found.frameworks[match.group(1)] = None
    return encrypted


def _skadnetwork(info: dict[str, Any]) -> tuple[str, ...]:
    items = info.get("SKAdNetworkItems")
    if not isinstance(items, list):
        return ()
    ids = {
        str(item["SKAdNetworkIdentifier"]).strip().lower()
        for item in items[:1000]
        if isinstance(item, dict) and isinstance(item.get("SKAdNetworkIdentifier"), str)
    }
    return tuple(sorted(ids))
