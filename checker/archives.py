"""Join what data-export archives show to the apps of a report.

Store exports (Google Play, App Store) list app *titles*: matched to IDs, they join the
app list as listed apps, so earlier scans can say what is inside them. Meta's export
says which apps *did* send your activity: matched to an app, that becomes ``reported``
evidence against Meta on it, the strongest kind there is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from checker.history import KnownApp
from checker.knowledge.base import Knowledge
from checker.models import (
    AppEvidence,
    AppResult,
    ArchiveFindings,
    Evidence,
    EvidenceKind,
    InstallRecord,
    Platform,
    SharedActivity,
    TrackerHit,
)
from checker.title_match import TitleIndex, TitleMatch

# Companies whose data exports we read: each has a knowledge-base entry for its letters.
EXPORT_HOLDERS = ("google", "meta", "amazon", "apple")
# The SDK a platform's "activity sent to us" list stands for, per receiving company.
REPORTING_TRACKER = {"meta": "facebook_app_events"}
TRUSTED_MATCHES = ("given", "exact", "normalised")  # a fuzzy or ambiguous title is only shown


def title_index(
    results: Iterable[AppResult],
    archives: Iterable[ArchiveFindings],
    history: dict[str, KnownApp] | None,
    known_names: dict[str, dict[str, str]],
) -> TitleIndex:
    """Every (id, name, platform) we know: this check, the exports' own IDs, history, the table."""
    entries: list[tuple[str, str, Platform]] = []
    for result in results:
        if result.app.name:
            entries.append((result.app.id, result.app.name, result.app.platform))
    for findings in archives:
        entries.extend(
            (r.given_id, r.title, r.platform) for r in findings.installs if r.given_id is not None
        )
    for app_id, known in (history or {}).items():
        if known.name:
            entries.append((app_id, known.name, Platform.UNKNOWN))
    for platform, names in known_names.items():
        entries.extend((app_id, name, Platform(platform)) for app_id, name in names.items())
    return TitleIndex(entries)


def resolve_installs(findings: ArchiveFindings, index: TitleIndex) -> ArchiveFindings:
    """The same findings with every store title matched (or not) to an app ID, and how."""
    return replace(findings, installs=tuple(_resolve_install(r, index) for r in findings.installs))


def _resolve_install(record: InstallRecord, index: TitleIndex) -> InstallRecord:
    if record.given_id is not None:
        return replace(record, app_id=record.given_id, match="given", confidence=1.0)
    found = index.match(record.title, record.platform)
    return replace(
        record,
        app_id=found.app_id,
        match=found.how,
        confidence=found.confidence,
        candidates=found.candidates,
    )


def resolve_shared(
    findings: ArchiveFindings, present: dict[str, str], index: TitleIndex
) -> ArchiveFindings:
    """Match each sender to an app of this report first (``present``: id -> name), then to any.

    Meta names a business, not a platform: "Spotify" fits the Android and the iPhone app
    alike. When only one of those is in the report, that is the one meant.
    """
    mine = TitleIndex((app_id, name, Platform.UNKNOWN) for app_id, name in present.items())
    shared = []
    for activity in findings.shared:
        found = mine.match(activity.name)
        if found.how in ("none", "prefix", "fuzzy"):
            found = index.match(activity.name)
        if found.how == "ambiguous":
            here = [c for c in found.candidates if c in present]
            found = TitleMatch(here[0], "normalised", 0.9) if len(here) == 1 else found
        shared.append(replace(activity, app_id=found.app_id, match=found.how))
    return replace(findings, shared=tuple(shared))


def listed_apps(archives: Iterable[ArchiveFindings]) -> list[AppResult]:
    """Apps a store export lists, by the ID their title surely matched, as listed apps."""
    apps: list[AppResult] = []
    for findings in archives:
        for record in findings.installs:
            if record.app_id is None or record.match not in TRUSTED_MATCHES:
                continue
            app = AppEvidence(
                id=record.app_id,
                platform=record.platform,
                sources=(findings.path,),
                name=record.title,
                installed=(record,),
            )
            apps.append(AppResult(app=app, hits=(), class_count=0))
    return apps


def attach_reported(
    apps: list[AppResult], archives: Iterable[ArchiveFindings], knowledge: Knowledge
) -> list[AppResult]:
    """Give each app a platform reported sharing from a ``reported`` hit on that platform's SDK."""
    by_app: dict[str, list[tuple[ArchiveFindings, SharedActivity]]] = {}
    for findings in archives:
        for activity in findings.shared:
            if activity.app_id is not None and activity.match in TRUSTED_MATCHES:
                by_app.setdefault(activity.app_id, []).append((findings, activity))
    if not by_app:
        return apps
    result_ids = {r.app.id for r in apps}
    out = [_with_reported(r, by_app.get(r.app.id, []), knowledge) for r in apps]
    for app_id, reports in sorted(by_app.items()):
        if app_id in result_ids:
            continue
        findings, activity = reports[0]
        evidence = AppEvidence(
            id=app_id, platform=Platform.UNKNOWN, sources=(findings.path,), name=activity.name
        )
        out.append(_with_reported(AppResult(evidence, (), 0), reports, knowledge))
    return out


def _with_reported(
    result: AppResult,
    reports: list[tuple[ArchiveFindings, SharedActivity]],
    knowledge: Knowledge,
) -> AppResult:
    if not reports:
        return result
    hits = {h.tracker.id: h for h in result.hits}
    for findings, activity in reports:
        tracker = knowledge.trackers.get(REPORTING_TRACKER.get(activity.company_id, ""))
        if tracker is None:
            continue
        events = ", ".join(f"{event} ×{n}" for event, n in activity.events[:4])
        detail = f"{activity.name} (matched by name): {events}"
        evidence = Evidence(EvidenceKind.REPORTED, detail, findings.path)
        known = hits.get(tracker.id)
        hits[tracker.id] = TrackerHit(tracker, (evidence, *(known.evidence if known else ())))
    app = replace(
        result.app,
        reported_sharing=(*result.app.reported_sharing, *(a for _, a in reports)),
        sources=tuple(dict.fromkeys((*result.app.sources, *(f.path for f, _ in reports)))),
    )
    return replace(result, app=app, hits=tuple(sorted(hits.values(), key=lambda h: h.tracker.id)))
