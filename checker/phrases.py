"""Sentences shared by the text and HTML reports, built from codes, counts and the knowledge base."""

from __future__ import annotations

from checker.knowledge.base import Knowledge
from checker.models import AppResult, Report, TrackerHit
from checker.report import owner_and_parent
from checker.text import clean
from checker.wording import count, say

_PERMISSION_PREFIXES = ("android.permission.", "com.google.android.gms.permission.")


def summary(report: Report, companies: int, lang: str) -> str:
    if not report.apps:
        return say("nothing_checked", lang)
    with_trackers = sum(1 for r in report.apps if r.hits)
    return say(
        "summary",
        lang,
        apps_checked=count("apps_checked", len(report.apps), lang),
        with_trackers=with_trackers,
        companies_receiving=count("companies_receiving", companies, lang),
    )


def trackers_found(result: AppResult, lang: str) -> str:
    owners = {hit.tracker.company_id for hit in result.hits}
    return say(
        "trackers_found",
        lang,
        sdks=count("sdks", len(result.hits), lang),
        companies=count("companies", len(owners), lang),
    )


def owner_heading(hit: TrackerHit, knowledge: Knowledge, lang: str) -> str:
    """'Google LLC — part of Alphabet Inc.': who receives the data, and their group."""
    owner, parent = owner_and_parent(hit, knowledge)
    heading = owner.name if owner else hit.tracker.company_id
    if parent is not None:
        heading += f" — {say('part_of', lang, parent=parent.name)}"
    return heading


def categories(hit: TrackerHit, knowledge: Knowledge, lang: str) -> list[str]:
    return [knowledge.label("category", c, lang) for c in hit.tracker.categories]


def company_apps(apps: tuple[AppResult, ...], lang: str) -> str:
    names = ", ".join(a.app.name or a.app.id for a in apps)
    return say("company_apps", lang, your_apps=count("your_apps", len(apps), lang), apps=names)


def permission(name: str, knowledge: Knowledge, lang: str) -> str:
    """'ACCESS_FINE_LOCATION — Precise location, Approximate location' for mapped permissions."""
    short = name
    for prefix in _PERMISSION_PREFIXES:
        if name.startswith(prefix):
            short = name[len(prefix) :]
    unlocks = knowledge.permission_unlocks.get(name, ())
    labels = [
        knowledge.data_type_names[c][1 if lang == "fr" else 0]
        for c in unlocks
        if c in knowledge.data_type_names
    ]
    return f"{short} — {', '.join(labels)}" if labels else short


def shown_path(path: str) -> str:
    """A user-given path, safe to print (control and bidi characters removed)."""
    return clean(path, 400)
