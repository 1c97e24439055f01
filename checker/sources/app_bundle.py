"""App bundles: ``.apks`` (bundletool), ``.xapk`` (APKPure) and ``.apkm`` (APKMirror).

All three are zips of APKs: a base and its splits. ``.apks`` may also hold
alternative standalone APKs for other devices; we read the splits when there are
any, else the universal APK, else the first standalone, so that one app is
never counted twice.
"""

from __future__ import annotations

from pathlib import Path

from checker.errors import FormatError
from checker.formats.safezip import Member, SafeZip, looks_like_zip
from checker.models import AppEvidence
from checker.sources.android_package import PackageParts, assemble_app, read_package
from checker.sources.base import Probe, ReadContext

BUNDLE_SUFFIXES = {".apks", ".xapk", ".apkm"}
_BUNDLE_MARKERS = {"toc.pb", "manifest.json", "info.json"}


class AppBundleSource:
    name = "bundle"

    def claims(self, probe: Probe) -> bool:
        names = probe.zip_names
        if not names or "AndroidManifest.xml" in names:
            return False
        has_apks = any(n.lower().endswith(".apk") for n in names)
        return has_apks and (probe.suffix in BUNDLE_SUFFIXES or bool(names & _BUNDLE_MARKERS))

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        with SafeZip(path, budget=context.budget) as archive:
            members = _chosen_apks(archive.members())
            if not members:
                raise FormatError("the bundle holds no APK")
            parts: list[PackageParts] = []
            for member in members:
                context.cancel.check()
                data = archive.read(member)
                if not looks_like_zip(data[:4]):
                    raise FormatError(f"{member.name} is not an APK")
                with SafeZip(data, budget=context.budget) as apk:
                    parts.append(read_package(apk, f"{display}!{member.name}", context, depth=1))
                del data
        app = assemble_app(parts, (display,), path.name)
        if app.split is not None:
            raise FormatError("the bundle has split APKs but no base APK")
        return [app]


def _chosen_apks(members: list[Member]) -> list[Member]:
    apks = [m for m in members if m.name.lower().endswith(".apk")]
    splits = [m for m in apks if m.name.startswith("splits/")]
    if splits:
        return splits
    universal = [m for m in apks if m.name.rsplit("/", 1)[-1] == "universal.apk"]
    if universal:
        return universal[:1]
    standalones = [m for m in apks if m.name.startswith("standalones/")]
    if standalones:
        return standalones[:1]
    return apks
