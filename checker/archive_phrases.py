"""What each data-export archive shows, in words (for text, HTML and the app) and as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.knowledge.base import Knowledge
from checker.models import ArchiveFindings, Holding, InstallRecord, SharedActivity
from checker.wording import count, say

MAX_LISTED = 200  # apps or senders listed per archive; the rest are counted


@dataclass(frozen=True, slots=True)
class ArchiveSection:
    title: str
    source: str
    shows: str
    reveals: str
    holdings: tuple[str, ...]
    installs_heading: str
    installs: tuple[tuple[str, str], ...]  # (title and dates, how it matched an app)
    shared_heading: str
    shared: tuple[str, ...]
    actions: tuple[str, ...]
    notes: tuple[str, ...]  # files read, and what was not recognised


def sections(
    archives: tuple[ArchiveFindings, ...], knowledge: Knowledge, lang: str, *, in_app: bool = False
) -> list[ArchiveSection]:
    return [section(f, knowledge, lang, in_app=in_app) for f in archives]


def section(
    findings: ArchiveFindings, knowledge: Knowledge, lang: str, *, in_app: bool = False
) -> ArchiveSection:
    """``in_app``: the letter is offered by the app's own dialog, not the command line."""
    kind = findings.kind.value
    company = knowledge.companies.get(findings.company_id)
    actions = [say(f"action.{kind}", lang)]
    if company is not None:
        key = "action_letter_app" if in_app else "action_letter"
        actions.append(say(key, lang, company=company.name, company_id=company.id))
    notes = [say("archive_members", lang, files=", ".join(findings.members_read[:8]))]
    installs = tuple(
        (_install_title(r), match_phrase(r.app_id, r.match, r.confidence, r.candidates, lang))
        for r in findings.installs[:MAX_LISTED]
    )
    if len(findings.installs) > MAX_LISTED:
        installs += ((say("more_items", lang, count=len(findings.installs) - MAX_LISTED), ""),)
    shared = tuple(shared_line(a, lang) for a in findings.shared[:MAX_LISTED])
    if len(findings.shared) > MAX_LISTED:
        shared += (say("more_items", lang, count=len(findings.shared) - MAX_LISTED),)
    return ArchiveSection(
        title=say(f"archive.{kind}", lang),
        source=say("archive_from", lang, path=findings.path),
        shows=say(f"shows.{kind}", lang),
        reveals=say(f"reveals.{kind}", lang),
        holdings=tuple(holding_line(h, lang) for h in findings.holdings),
        installs_heading=say("installs_heading", lang, count=len(findings.installs)),
        installs=installs,
        shared_heading=say("shared_heading", lang, count=len(findings.shared)),
        shared=shared,
        actions=tuple(actions),
        notes=tuple(notes),
    )


def holding_line(holding: Holding, lang: str) -> str:
    span = (
        say("holding_span", lang, first=_day(holding.first_seen), last=_day(holding.last_seen))
        if holding.first_seen
        else ""
    )
    line = say(
        "holding_line", lang, label=say(f"holding.{holding.code}", lang), count=holding.count,
        span=span,
    )  # fmt: skip
    if holding.samples:
        line += " · " + say("holding_examples", lang, samples=", ".join(holding.samples))
    return line


def match_phrase(
    app_id: str | None, how: str, confidence: float, candidates: tuple[str, ...], lang: str
) -> str:
    return say(
        f"match.{how}",
        lang,
        id=app_id or "",
        confidence=round(confidence * 100),
        ids=", ".join(candidates),
    )


def shared_line(activity: SharedActivity, lang: str) -> str:
    kinds = ", ".join(f"{event} ×{n}" for event, n in activity.events[:5])
    line = say(
        "shared_line", lang, name=activity.name, events=count("events", activity.total, lang),
        first=_day(activity.first_seen), last=_day(activity.last_seen), kinds=kinds,
    )  # fmt: skip
    if activity.app_id:
        line += f" → {activity.app_id}"
    return line


def _install_title(record: InstallRecord) -> str:
    dates = _day(record.first_seen)
    if record.last_seen and record.last_seen[:10] != dates:
        dates += f" → {_day(record.last_seen)}"
    devices = f" · {', '.join(record.devices[:3])}" if record.devices else ""
    return f"{record.title} ({dates}){devices}"


def _day(moment: str | None) -> str:
    return moment[:10] if moment else "?"


def archive_dict(findings: ArchiveFindings) -> dict[str, Any]:
    """One archive in the JSON report."""
    return {
        "path": findings.path,
        "kind": findings.kind.value,
        "company_id": findings.company_id,
        "files_read": list(findings.members_read),
        "holdings": [
            {
                "code": h.code,
                "count": h.count,
                "first_seen": h.first_seen,
                "last_seen": h.last_seen,
                "examples": list(h.samples),
                "file": h.member,
            }
            for h in findings.holdings
        ],
        "apps": [install_dict(r) for r in findings.installs],
        "shared_activity": [shared_dict(a) for a in findings.shared],
    }


def install_dict(record: InstallRecord) -> dict[str, Any]:
    return {
        "title": record.title,
        "platform": record.platform.value,
        "first_seen": record.first_seen,
        "last_seen": record.last_seen,
        "devices": list(record.devices),
        "store_id": record.store_id,
        "app_id": record.app_id,
        "match": record.match,
        "confidence": record.confidence,
        "candidates": list(record.candidates),
    }


def shared_dict(activity: SharedActivity) -> dict[str, Any]:
    return {
        "name": activity.name,
        "company_id": activity.company_id,
        "events": {event: n for event, n in activity.events},
        "total": activity.total,
        "first_seen": activity.first_seen,
        "last_seen": activity.last_seen,
        "app_id": activity.app_id,
        "match": activity.match,
    }
