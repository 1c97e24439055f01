"""SDK artefacts: ``.jar`` (Java classes, or DEX for Android jars) and ``.aar`` libraries.

A developer (or a curious user) can check an SDK before shipping it: the result
is reported like an app whose id is the library's package (AAR) or file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
_CLASS_PATH = re.compile(r"(?:\w+/)+\w+")
MAX_TEXT_MANIFEST = 64 * 1024


def class_name_from_entry(entry: str) -> str | None:
    """'com/foo/Bar$Baz.class' -> 'com.foo.Bar', read with the same rule as DEX names
    (\\w+ segments, at least one package); None for other members."""
    if not entry.endswith(".class"):
        return None
    found = _CLASS_PATH.match(_VERSIONED.sub("", entry, count=1))
    return found.group(0).replace("/", ".") if found else None


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
        found = _Found()
        package: str | None = None
        with SafeZip(path, budget=context.budget) as archive:
            _collect(archive, display, context, found, depth=0)
            manifest = archive.find("AndroidManifest.xml")
            if manifest is not None and manifest.size <= MAX_TEXT_MANIFEST:
                match = _AAR_PACKAGE.search(bytes(archive.read(manifest)))
                package = match.group(1).decode("ascii") if match else None
        return [
            AppEvidence(
                id=clean(package or path.name),
                platform=Platform.ANDROID,
                sources=(display,),
                name=clean(path.name),
                class_text="\n".join(found.texts),
                class_count=found.count,
                class_sources=tuple(found.sources),
            )
        ]


@dataclass
class _Found:
    texts: list[str] = field(default_factory=list)
    count: int = 0
    sources: list[tuple[str, int]] = field(default_factory=list)


def _collect(
    archive: SafeZip, display: str, context: ReadContext, found: _Found, depth: int
) -> None:
    names: dict[str, None] = {}
    own = 0
    for member in archive.members():
        context.cancel.check()
        name = member.name
        if name.endswith(".class"):
            own += 1
            class_name = class_name_from_entry(name)
            if class_name is not None:
                names[class_name] = None
        elif DEX_MEMBER.search(name):
            data = archive.read(member, limit=dex.MAX_DEX_BYTES)
            if dex.is_dex(data[:8]):
                classes = dex.read_classes(data)
                found.texts.append(classes.text)
                found.count += classes.defined
                found.sources.append((f"{display}!{name}", classes.defined))
        elif name.endswith(".jar"):
            if depth + 1 > MAX_NESTING:
                raise LimitExceeded(f"archives nested more than {MAX_NESTING} deep (at {name})")
            data = archive.read(member)
            if looks_like_zip(data[:4]):
                with SafeZip(data, budget=context.budget) as nested:
                    _collect(nested, f"{display}!{name}", context, found, depth + 1)
    if own:
        found.texts.append("\n".join(names))
        found.count += own
        found.sources.append((display, own))
