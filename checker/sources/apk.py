"""A single ``.apk`` file (a whole app, or one split of it)."""

from __future__ import annotations

from pathlib import Path

from checker.formats.safezip import SafeZip
from checker.models import AppEvidence
from checker.sources.android_package import DEX_MEMBER, MANIFEST, assemble_app, read_package
from checker.sources.base import Probe, ReadContext


class ApkSource:
    name = "apk"

    def claims(self, probe: Probe) -> bool:
        # Content first: a zip with a manifest or DEX code and no SDK-archive layout;
        # a zip merely named .apk is claimed too, so its problem gets a precise message.
        names = probe.zip_names
        if "classes.jar" in names:
            return False
        return (
            probe.suffix == ".apk" or MANIFEST in names or any(DEX_MEMBER.search(n) for n in names)
        )

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        with SafeZip(path, budget=context.budget) as archive:
            parts = read_package(archive, display, context)
        return [assemble_app([parts], (display,), path.name)]
