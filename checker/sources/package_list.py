"""Plain lists of installed apps: ``pm list packages`` output, one id per line, androidqf ``packages.json``.

A list names apps but carries no code: what we know about each comes from
earlier scans in the history (and, only with consent, an online look-up).
``pm list packages -f -i -U`` lines look like
``package:/data/app/~~x==/com.a-1/base.apk=com.a  installer=com.android.vending uid:10123``;
the path may itself contain '=', so the package is what follows the *last*
'=' before the first space.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.errors import FormatError, LimitExceeded, Unreadable
from checker.models import AppEvidence, Platform
from checker.sources.base import Probe, ReadContext
from checker.text import PACKAGE_ID, clean, pm_list_fields

MAX_LIST_BYTES = 16 * 1024 * 1024
MAX_PACKAGES = 50_000
_SUFFIXES = {".txt", ".list", ".lst", ".json"}


class PackageListSource:
    name = "package-list"

    def claims(self, probe: Probe) -> bool:
        if probe.is_dir or probe.suffix not in _SUFFIXES:
            return False
        start = probe.start.decode("utf-8", "ignore")
        if probe.suffix == ".json":
            return start.lstrip()[:1] == "["
        first = next(
            (
                line.strip()
                for line in start.splitlines()
                if line.strip() and not line.startswith("#")
            ),
            "",
        )
        return first.startswith("package:") or bool(PACKAGE_ID.fullmatch(first))

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        try:
            if path.stat().st_size > MAX_LIST_BYTES:
                raise LimitExceeded("the list is larger than 16 MB")
            data = path.read_bytes()
        except OSError as exc:
            raise Unreadable(exc.strerror or str(exc)) from None
        if data.lstrip()[:1] == b"[":
            entries = _androidqf(data)
        else:
            entries = _text_list(data.decode("utf-8", "replace"), display, context)
        if not entries:
            raise FormatError("no package name found in this list")
        if len(entries) > MAX_PACKAGES:
            raise LimitExceeded(f"the list names more than {MAX_PACKAGES} apps")
        return [
            AppEvidence(
                id=clean(package),
                platform=platform,
                sources=(display,),
                name=clean(name) if name else None,
            )
            for package, (platform, name) in sorted(entries.items())
        ]


def _text_list(
    text: str, display: str, context: ReadContext
) -> dict[str, tuple[Platform, str | None]]:
    entries: dict[str, tuple[Platform, str | None]] = {}
    skipped = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        platform = Platform.UNKNOWN
        if line.startswith("package:"):
            platform = Platform.ANDROID
            parsed = pm_list_fields(line)
            line = parsed[0] if parsed else ""
        if PACKAGE_ID.fullmatch(line):
            entries[line] = (platform, None)
        else:
            skipped += 1
    if skipped:
        context.warn(display, "skipped_lines", f"{skipped} lines without a package name")
    return entries


def _androidqf(data: bytes) -> dict[str, tuple[Platform, str | None]]:
    """androidqf's packages.json: a list of objects with at least a package 'name'."""
    try:
        document: Any = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"not valid JSON ({exc})") from None
    if not isinstance(document, list):
        raise FormatError("expected a list of packages")
    entries: dict[str, tuple[Platform, str | None]] = {}
    for item in document:
        if not isinstance(item, dict):
            continue
        name = item.get("name") or item.get("package_name")
        if isinstance(name, str) and PACKAGE_ID.fullmatch(name):
            label = item.get("label")
            entries[name] = (Platform.ANDROID, label if isinstance(label, str) else None)
    return entries
