"""Compare two saved scans: apps added or removed, trackers that appeared or went, new companies.

Works on the stored JSON reports (the stable contract), so scans saved by an
older version of the app still compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ScanDiff:
    added_apps: tuple[str, ...]
    removed_apps: tuple[str, ...]
    trackers_appeared: dict[str, tuple[str, ...]]  # app id -> tracker names
    trackers_gone: dict[str, tuple[str, ...]]
    new_companies: tuple[str, ...]
    gone_companies: tuple[str, ...]
    score_before: int
    score_after: int

    @property
    def unchanged(self) -> bool:
        return not (self.added_apps or self.removed_apps or self.trackers_appeared or self.trackers_gone
                    or self.new_companies or self.gone_companies)  # fmt: skip


def _apps(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    """app id -> {tracker id: tracker name}"""
    return {
        str(app.get("id")): {str(t.get("id")): str(t.get("name")) for t in app.get("trackers", [])}
        for app in report.get("apps", [])
    }


def _companies(report: dict[str, Any]) -> set[str]:
    return {str(c.get("name")) for c in report.get("companies", [])}


def diff(before: dict[str, Any], after: dict[str, Any]) -> ScanDiff:
    old, new = _apps(before), _apps(after)
    appeared: dict[str, tuple[str, ...]] = {}
    gone: dict[str, tuple[str, ...]] = {}
    for app_id in sorted(old.keys() & new.keys()):
        came = sorted(new[app_id][t] for t in new[app_id].keys() - old[app_id].keys())
        went = sorted(old[app_id][t] for t in old[app_id].keys() - new[app_id].keys())
        if came:
            appeared[app_id] = tuple(came)
        if went:
            gone[app_id] = tuple(went)
    return ScanDiff(
        added_apps=tuple(sorted(new.keys() - old.keys())),
        removed_apps=tuple(sorted(old.keys() - new.keys())),
        trackers_appeared=appeared,
        trackers_gone=gone,
        new_companies=tuple(sorted(_companies(after) - _companies(before))),
        gone_companies=tuple(sorted(_companies(before) - _companies(after))),
        score_before=int(before.get("score", {}).get("value", 0)),
        score_after=int(after.get("score", {}).get("value", 0)),
    )


@dataclass(frozen=True, slots=True)
class KnownApp:
    """What the most recent saved scan that read an app's code found in it."""

    scan_id: int
    name: str | None
    version: str | None
    tracker_ids: tuple[str, ...]


def known_apps(reports: list[tuple[int, dict[str, Any]]]) -> dict[str, KnownApp]:
    """App id -> its latest code-based result, from saved reports given newest first."""
    known: dict[str, KnownApp] = {}
    for scan_id, report in reports:
        for app in report.get("apps", []):
            app_id = str(app.get("id"))
            if app_id in known or not app.get("class_count"):
                continue  # only scans that actually read the app's code count
            known[app_id] = KnownApp(
                scan_id=scan_id,
                name=app.get("name") if isinstance(app.get("name"), str) else None,
                version=app.get("version") if isinstance(app.get("version"), str) else None,
                tracker_ids=tuple(str(t.get("id")) for t in app.get("trackers", [])),
            )
    return known
