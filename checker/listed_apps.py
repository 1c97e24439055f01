"""Apps a list or an export only names: what earlier scans, the bundled names and (opt-in) εxodus say.

A listed app has no code of ours to read. Its trackers may come from the most
recent scan that read it, or, only when the user allowed it, from εxodus's
public reports; its name from that scan or from the table of widely used apps.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from checker import paths
from checker.errors import CheckerError
from checker.history import KnownApp
from checker.knowledge.base import Knowledge
from checker.lookup import ExodusReport
from checker.models import AppResult, Evidence, EvidenceKind, Platform, ScanError, TrackerHit
from checker.text import clean

log = logging.getLogger(__name__)

OnlineLookup = Callable[[str], "ExodusReport | None"]


def from_history(
    result: AppResult, history: dict[str, KnownApp], knowledge: Knowledge
) -> AppResult:
    known = history.get(result.app.id)
    if known is None or not result.listed_only():
        return result
    detail = f"scan #{known.scan_id}" + (f", version {known.version}" if known.version else "")
    hits = tuple(
        TrackerHit(knowledge.trackers[t], (Evidence(EvidenceKind.CODE, detail),))
        for t in known.tracker_ids
        if t in knowledge.trackers
    )
    app = replace(
        result.app, name=result.app.name or known.name, version=result.app.version or known.version
    )
    return replace(result, app=app, hits=hits)


def from_online(
    apps: list[AppResult], online: OnlineLookup, knowledge: Knowledge, warnings: list[ScanError]
) -> tuple[list[AppResult], int]:
    """Ask εxodus about listed apps no scan has read; the first failure stops the asking.

    Returns the apps and how many package names were sent.
    """
    by_exodus = {t.exodus_id: t for t in knowledge.trackers.values() if t.exodus_id is not None}
    filled = []
    failed = False
    sent = 0
    for result in apps:
        if failed or not result.listed_only() or result.app.platform is Platform.IOS:
            filled.append(result)
            continue
        sent += 1
        try:
            found = online(result.app.id)
        except CheckerError as exc:
            warnings.append(ScanError(result.app.id, exc.code, clean(exc.detail, 300)))
            failed = True
            filled.append(result)
            continue
        except Exception as exc:  # a keyring or network surprise must not cost the whole report
            log.warning("online look-up failed: %s", type(exc).__name__)
            warnings.append(ScanError(result.app.id, "network", type(exc).__name__))
            failed = True
            filled.append(result)
            continue
        if found is None:
            filled.append(result)
            continue
        detail = f"εxodus report #{found.report_id}" + (
            f", version {found.version}" if found.version else ""
        )
        hits = tuple(
            TrackerHit(by_exodus[e], (Evidence(EvidenceKind.CODE, detail),))
            for e in found.tracker_ids
            if e in by_exodus
        )
        app = replace(
            result.app,
            name=result.app.name or found.name,
            version=result.app.version or found.version,
        )
        filled.append(replace(result, app=app, hits=hits))
    return filled, sent


@cache
def known_app_names() -> dict[str, dict[str, str]]:
    """Bundled display names of widely used apps: {"ios": {...}, "android": {...}}."""
    path = paths.resources_dir() / "apps" / "known_apps.toml"
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    return {
        platform: {str(k): str(v) for k, v in table.items()} for platform, table in document.items()
    }


def named(result: AppResult, history: dict[str, KnownApp] | None) -> AppResult:
    """Give an app known only by its id the name an earlier scan or the known-app table has."""
    app = result.app
    if app.name:
        return result
    known = history.get(app.id) if history else None
    names = known_app_names()
    name = (known.name if known else None) or names.get(app.platform.value, {}).get(app.id)
    if name is None and app.platform is Platform.UNKNOWN:
        name = names.get("android", {}).get(app.id) or names.get("ios", {}).get(app.id)
    return replace(result, app=replace(app, name=name)) if name else result
