"""SDK artefacts: ``.jar`` (Java classes, or DEX for Android jars) and ``.aar`` libraries.

A developer (or a curious user) can check an SDK before shipping it: the result
is reported like an app whose id is the library's package (AAR) or file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import LimitExceeded
from checker.formats import dex
from checker.formats.safezip import SafeZip, looks_like_zip
from checker.models import AppEvidence, Platform
from checker.sources.android_package import DEX_MEMBER
from checker.sources.base import MAX_NESTING, Probe, ReadContext
from checker.text import clean

_AAR_PACKAGE = re.compile(rb"""<manifest\b[^>]*?\bpackage\s*=\s*["']([A-Za-z0-9_.]{1,200})["']""")
_VERSIONED = re.compile(r"META-INF/versions/\d+/")
MAX_TEXT_MANIFEST = 64 * 1024


def class_name_from_entry(entry: str) -> str | None:
    """'com/foo/Bar$Baz.class' -> 'com.foo.Bar' (cut at '$' like DEX names); None if no package."""
    if not entry.endswith(".class"):
        return None
    entry = _VERSIONED.sub("", entry, count=1)[: -len(".class")]
    entry = entry.split("$", 1)[0]
    if "/" not in entry or entry.endswith("module-info") or entry.endswith("package-info"):
        return None
    return entry.replace("/", ".")


class SdkArchiveSource:
    name = "sdk-archive"

    def claims(self, probe: Probe) -> bool:
        names = probe.zip_names
        if not names:
            return False
        if probe.suffix in {".jar", ".aar"}:
            return True
        return "classes.jar" in names or (
            "AndroidManifest.xml" not in names and any(n.endswith(".class") for n in names)
        )

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        classes: set[str] = set()
        sources: list[tuple[str, int]] = []
        package: str | None = None
        with SafeZip(path, budget=context.budget) as archive:
            _collect(archive, display, context, classes, sources, depth=0)
            manifest = archive.find("AndroidManifest.xml")
            if manifest is not None and manifest.size <= MAX_TEXT_MANIFEST:
                found = _AAR_PACKAGE.search(archive.read(manifest))
                package = found.group(1).decode("ascii") if found else None
        return [
            AppEvidence(
                id=clean(package or path.name),
                platform=Platform.ANDROID,
                sources=(display,),
                name=clean(path.name),
                class_names=frozenset(classes),
                class_sources=tuple(sources),
            )
        ]


def _collect(
    archive: SafeZip,
    display: str,
    context: ReadContext,
    classes: set[str],
    sources: list[tuple[str, int]],
    depth: int,
) -> None:
    own = 0
    for member in archive.members():
        context.cancel.check()
        name = member.name
        class_name = class_name_from_entry(name)
        if class_name is not None:
            if class_name not in classes:
                classes.add(class_name)
                own += 1
        elif DEX_MEMBER.search(name):
            data = archive.read(member, limit=dex.MAX_DEX_BYTES)
            if dex.is_dex(data[:8]):
                names = dex.class_names(data)
                classes |= names
                sources.append((f"{display}!{name}", len(names)))
        elif name.endswith(".jar"):
            if depth + 1 > MAX_NESTING:
                raise LimitExceeded(f"archives nested more than {MAX_NESTING} deep (at {name})")
            data = archive.read(member)
            if looks_like_zip(data[:4]):
                with SafeZip(data, budget=context.budget) as nested:
                    _collect(nested, f"{display}!{name}", context, classes, sources, depth + 1)
    if own:
        sources.append((display, own))
