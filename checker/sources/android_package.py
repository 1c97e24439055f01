"""Read what detection needs from Android packages: manifest, label, class names.

Shared by single APKs, split sets and bundles (.apks/.xapk/.apkm). DEX members
are chosen by εxodus's own rule (a name containing ``classes…​.dex``) and APKs
nested inside APKs are read too, as εxodus does, so that both see the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.errors import CheckerError, FormatError, LimitExceeded
from checker.formats import arsc, axml, dex
from checker.formats.safezip import Member, SafeZip, looks_like_zip
from checker.models import AppEvidence, Platform
from checker.sources.base import MAX_NESTING, ReadContext
from checker.text import clean, clean_optional

DEX_MEMBER = re.compile(r"classes.*\.dex")
MANIFEST = "AndroidManifest.xml"
RESOURCES = "resources.arsc"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_RESOURCES_BYTES = 256 * 1024 * 1024


@dataclass
class PackageParts:
    """One APK file's contribution to an app."""

    display: str
    manifest: axml.ManifestInfo | None = None
    label: str | None = None
    texts: list[str] = field(default_factory=list)  # class names, one text per DEX
    class_count: int = 0
    class_sources: list[tuple[str, int]] = field(default_factory=list)


def read_package(
    archive: SafeZip,
    display: str,
    context: ReadContext,
    *,
    depth: int = 0,
    want_manifest: bool = True,
) -> PackageParts:
    """Read one APK (already opened) and, recursively, the APKs nested in it."""
    parts = PackageParts(display)
    if want_manifest and archive.find(MANIFEST) is not None:
        parts.manifest, parts.label = _manifest_and_label(archive)
    # Largest DEX first: at the moment the biggest buffer is alive, the fewest
    # names have piled up beside it, which lowers the peak (the result is a set).
    members = sorted(archive.members(), key=lambda m: -m.size if DEX_MEMBER.search(m.name) else 0)
    for member in members:
        context.cancel.check()
        name = member.name
        if DEX_MEMBER.search(name):
            data = _read_member(archive, member, dex.MAX_DEX_BYTES)
            if not dex.is_dex(data[:8]):
                continue  # a resource that merely has a dex-like name
            try:
                classes = dex.read_classes(data)
            except FormatError as exc:
                raise type(exc)(f"{name}: {exc.detail}") from None
            del data
            parts.texts.append(classes.text)
            parts.class_count += classes.defined
            parts.class_sources.append((f"{display}!{name}", classes.defined))
        elif name.lower().endswith(".apk"):
            _read_nested(archive, member, display, context, depth, parts)
    return parts


def _read_member(archive: SafeZip, member: Member, limit: int) -> bytearray:
    try:
        return archive.read(member, limit=limit)
    except FormatError as exc:
        name = member.name
        raise type(exc)(exc.detail if name in exc.detail else f"{name}: {exc.detail}") from None


def _read_nested(
    archive: SafeZip,
    member: Member,
    display: str,
    context: ReadContext,
    depth: int,
    parts: PackageParts,
) -> None:
    name = member.name
    if depth + 1 > MAX_NESTING:
        raise LimitExceeded(f"APKs nested more than {MAX_NESTING} deep (at {name})")
    data = _read_member(archive, member, dex.MAX_DEX_BYTES)
    if not looks_like_zip(data[:4]):
        return
    with SafeZip(data, budget=context.budget) as nested:
        inner = read_package(
            nested, f"{display}!{name}", context, depth=depth + 1, want_manifest=False
        )
    parts.texts.extend(inner.texts)
    parts.class_count += inner.class_count
    parts.class_sources.extend(inner.class_sources)


def _manifest_and_label(archive: SafeZip) -> tuple[axml.ManifestInfo, str | None]:
    member = archive.find(MANIFEST)
    assert member is not None
    try:
        manifest = axml.parse_manifest(bytes(_read_member(archive, member, MAX_MANIFEST_BYTES)))
    except FormatError as exc:
        raise type(exc)(f"{MANIFEST}: {exc.detail}") from None
    label = manifest.label
    table = archive.find(RESOURCES)
    if label is None and manifest.label_ref is not None and table is not None:
        try:
            label = arsc.resolve_string(
                bytes(_read_member(archive, table, MAX_RESOURCES_BYTES)), manifest.label_ref
            )
        except CheckerError:
            label = None  # a broken resource table costs us the label, not the scan
    return manifest, label


def assemble_app(
    parts: list[PackageParts], sources: tuple[str, ...], fallback_id: str
) -> AppEvidence:
    """Fold one base APK and its splits into one app.

    Without a base (a split given on its own) the result is marked with
    ``split`` so that the caller can join it to its base from another input.
    Code without any manifest (a stripped package) is reported under ``fallback_id``.
    """
    with_manifest = [(p, p.manifest) for p in parts if p.manifest is not None]
    if not with_manifest:
        return _without_manifest(parts, sources, fallback_id)
    bases = [pm for pm in with_manifest if pm[1].split is None]
    base, manifest = (bases or with_manifest)[0]
    permissions: dict[str, None] = {}
    for _part, part_manifest in with_manifest:
        if part_manifest.package == manifest.package:
            permissions.update(dict.fromkeys(part_manifest.permissions))
    class_sources = [source for part in parts for source in part.class_sources]
    return AppEvidence(
        id=clean(manifest.package),
        platform=Platform.ANDROID,
        sources=sources,
        name=clean_optional(base.label),
        version=clean_optional(manifest.version_name, 80),
        version_code=manifest.version_code,
        min_sdk=manifest.min_sdk,
        target_sdk=manifest.target_sdk,
        permissions=tuple(clean(p) for p in permissions),
        class_text=_joined(parts),
        class_count=sum(p.class_count for p in parts),
        class_sources=tuple(class_sources),
        split=None if bases else clean(manifest.split or "split"),
    )


def _without_manifest(
    parts: list[PackageParts], sources: tuple[str, ...], fallback_id: str
) -> AppEvidence:
    if not any(p.class_sources for p in parts):
        raise FormatError("no AndroidManifest.xml and no code: not an Android package")
    return AppEvidence(
        id=clean(fallback_id),
        platform=Platform.ANDROID,
        sources=sources,
        name=clean(fallback_id),
        class_text=_joined(parts),
        class_count=sum(p.class_count for p in parts),
        class_sources=tuple(cs for p in parts for cs in p.class_sources),
    )


def _joined(parts: list[PackageParts]) -> str:
    return "\n".join(text for part in parts for text in part.texts if text)
