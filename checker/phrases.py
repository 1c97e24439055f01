"""Sentences shared by the text and HTML reports, built from codes, counts and the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from checker.actions import actions_for
from checker.explain import rollup_by_data_type, rollup_by_group
from checker.knowledge.base import Knowledge
from checker.letters import shown_channel
from checker.models import (
    Access,
    AppResult,
    Basis,
    ClaimBasis,
    EvidenceKind,
    Exposure,
    Platform,
    Report,
    Severity,
    TrackerHit,
)
from checker.report import owner_and_parent
from checker.text import clean
from checker.wording import count, say

_PERMISSION_PREFIXES = ("android.permission.", "com.google.android.gms.permission.")


def summary(report: Report, companies: int, lang: str) -> str:
    archives = count("archives_read", len(report.archives), lang) if report.archives else ""
    if not report.apps:
        return archives or say("nothing_checked", lang)
    with_trackers = sum(1 for r in report.apps if r.hits)
    line = say(
        "summary",
        lang,
        apps_checked=count("apps_checked", len(report.apps), lang),
        with_trackers=with_trackers,
        companies_receiving=count("companies_receiving", companies, lang),
    )
    return f"{line} · {archives}" if archives else line


def trackers_found(result: AppResult, knowledge: Knowledge, lang: str) -> str:
    """Word the headline by the evidence every hit has: code inside, contact seen, or a mix."""
    owners = {hit.tracker.company_id for hit in result.hits}
    kinds = [{e.kind for e in hit.evidence} for hit in result.hits]
    if all(EvidenceKind.CODE in k for k in kinds):
        key = "trackers_found"
    elif all(k == {EvidenceKind.OBSERVED} for k in kinds):
        key = "trackers_contacted"
    elif all(k == {EvidenceKind.REPORTED} for k in kinds):
        names = ", ".join(dict.fromkeys(group_name(o, knowledge) for o in sorted(owners)))
        return say("trackers_reported", lang, companies=names)
    else:
        key = "trackers_mixed"
    return say(
        key,
        lang,
        sdks=count("sdks", len(result.hits), lang),
        companies=count("companies", len(owners), lang),
    )


def footer(report: Report, lang: str) -> str:
    """The closing line: offline, or exactly what the opt-in look-up sent."""
    if report.looked_up_online:
        return count("footer_online", report.looked_up_online, lang)
    return say("footer", lang)


def owner_heading(hit: TrackerHit, knowledge: Knowledge, lang: str) -> str:
    """'Google LLC — part of Alphabet Inc.': who receives the data, and their group."""
    owner, parent = owner_and_parent(hit, knowledge)
    heading = owner.name if owner else hit.tracker.company_id
    if parent is not None:
        heading += f" — {say('part_of', lang, parent=parent.name)}"
    return heading


LINK_SLOT = "{link}"


def claim_source_parts(hit: TrackerHit, lang: str) -> tuple[str, str, str] | None:
    """Where a tracker's collection claim comes from: the sentence with ``LINK_SLOT`` where
    the link goes, the link's words and its URL; None when it claims nothing."""
    tracker = hit.tracker
    if not tracker.collects or not tracker.collects_source:
        return None
    basis = tracker.collects_basis
    sentence = say(f"claim_source.{basis}", lang, link=LINK_SLOT)
    return sentence, say(f"claim_link.{basis}", lang), tracker.collects_source


def claim_source(hit: TrackerHit, lang: str) -> str:
    """'What it collects, according to its vendor's documentation: https://…', or ''."""
    parts = claim_source_parts(hit, lang)
    if parts is None:
        return ""
    sentence, words, url = parts
    return say("claim_source_url", lang, claim=sentence.replace(LINK_SLOT, words), url=url)


def categories(hit: TrackerHit, knowledge: Knowledge, lang: str) -> list[str]:
    return [knowledge.label("category", c, lang) for c in hit.tracker.categories]


def company_apps(apps: tuple[AppResult, ...], lang: str) -> str:
    names = ", ".join(a.app.name or a.app.id for a in apps)
    return say("company_apps", lang, your_apps=count("your_apps", len(apps), lang), apps=names)


def permission(name: str, knowledge: Knowledge, lang: str) -> str:
    """'ACCESS_FINE_LOCATION — Precise location, Approximate location' for mapped permissions."""
    short = short_permission(name)
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


def data_type_name(code: str, knowledge: Knowledge, lang: str) -> str:
    names = knowledge.data_type_names.get(code)
    return (names[1] if lang == "fr" else names[0]) if names else code


def group_name(group_id: str, knowledge: Knowledge) -> str:
    company = knowledge.companies.get(group_id)
    return company.name if company else group_id


@dataclass(frozen=True, slots=True)
class ExposureLine:
    """One kind of data an app's trackers could collect, worded."""

    data_type: str
    title: str
    severity: Severity
    severity_label: str
    who: list[str]  # one clause per basis
    reveals: str


def exposure_lines(result: AppResult, knowledge: Knowledge, lang: str) -> list[ExposureLine]:
    by_type: dict[str, list[Exposure]] = {}
    for explanation in result.explanations:
        for exposure in explanation.exposures:
            by_type.setdefault(exposure.data_type, []).append(exposure)
    lines = []
    for code, exposures in by_type.items():
        severity = max(e.severity for e in exposures)
        lines.append(
            ExposureLine(
                data_type=code,
                title=data_type_name(code, knowledge, lang),
                severity=severity,
                severity_label=knowledge.label("severity", severity.name.lower(), lang),
                who=_who(exposures, knowledge, lang),
                reveals=_reveals(exposures, knowledge, lang),
            )
        )
    lines.sort(key=lambda line: (-line.severity, line.title.casefold()))
    return lines


def _names(exposures: list[Exposure], knowledge: Knowledge) -> str:
    groups = dict.fromkeys(group_name(e.parent_id or e.company_id, knowledge) for e in exposures)
    return ", ".join(groups)


def _who(exposures: list[Exposure], knowledge: Knowledge, lang: str) -> list[str]:
    clauses = []
    reported = [e for e in exposures if e.basis is Basis.REPORTED]
    if reported:
        clauses.append(say("basis_reported", lang, names=_names(reported, knowledge)))
    for basis in (Basis.DOCUMENTED, Basis.FOUND, Basis.ALLEGED):
        claimed = [e for e in exposures if e.basis is basis]
        if claimed:
            clauses.append(say(f"basis_{basis}", lang, names=_names(claimed, knowledge)))
    permitted = [e for e in exposures if e.basis is Basis.PERMITTED]
    for permission in dict.fromkeys(e.permission for e in permitted):
        group = [e for e in permitted if e.permission == permission]
        short = short_permission(permission or "")
        if group[0].access is Access.DENIED:
            clauses.append(
                say("basis_denied", lang, names=_names(group, knowledge), permission=short)
            )
            continue
        access = say(f"access.{group[0].access}", lang)
        clauses.append(
            say(
                "basis_permitted",
                lang,
                names=_names(group, knowledge),
                permission=short,
                access=access,
            )
        )
    baseline = [e for e in exposures if e.basis is Basis.BASELINE]
    if baseline:
        clauses.append(say("basis_baseline", lang, names=_names(baseline, knowledge)))
    return clauses


def _reveals(exposures: list[Exposure], knowledge: Knowledge, lang: str) -> str:
    facts = dict.fromkeys(f for e in exposures for f in e.reveals if f != "location")
    if not facts:
        return ""
    labels = (knowledge.label("reveals", f, lang) for f in facts)
    return say(
        "reveals_line", lang, facts=", ".join(label[:1].lower() + label[1:] for label in labels)
    )


def notes(result: AppResult, knowledge: Knowledge, lang: str) -> list[str]:
    """What a careful reader should also know: blocked and undocumented trackers."""
    trackers = {hit.tracker.id: hit.tracker for hit in result.hits}
    out = []
    if result.app.encrypted:
        out.append(say("encrypted_note", lang))
    networks = dict.fromkeys(
        group_name(knowledge.company_chain(owner)[-1].id, knowledge)
        for owner in (knowledge.skadnetwork_owners.get(sk) for sk in result.app.skadnetwork_ids)
        if owner is not None
    )
    if networks:
        out.append(
            say(
                "skadnetwork_note",
                lang,
                count=len(result.app.skadnetwork_ids),
                networks=", ".join(networks),
            )
        )
    for explanation in result.explanations:
        known = trackers.get(explanation.tracker_id)
        tracker = known.name if known else explanation.tracker_id
        if explanation.blocked:
            types = ", ".join(
                data_type_name(c, knowledge, lang).lower() for c in explanation.blocked
            )
            basis = known.collects_basis if known else ClaimBasis.VENDOR
            out.append(say(f"blocked_line.{basis}", lang, tracker=tracker, types=types))
        if not explanation.documented:
            out.append(say("undocumented_line", lang, tracker=tracker))
    return out


def short_permission(name: str) -> str:
    for prefix in _PERMISSION_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class ReachRow(NamedTuple):
    """One kind of data in the Data view: how many groups can get it, and through which apps."""

    name: str
    groups: int
    line: str  # the whole row in words, for text reports and screen readers
    apps: str  # "through …": the apps it can leave from


def data_reach_rows(report: Report, knowledge: Knowledge, lang: str) -> list[ReachRow]:
    """Per kind of data, widest reach first: its name, how many groups, through which apps."""
    per_app = {r.app.id: r.explanations for r in report.apps}
    names = {r.app.id: r.app.name or r.app.id for r in report.apps}
    through: dict[str, list[str]] = {}
    for result in report.apps:
        for code in dict.fromkeys(e.data_type for h in result.explanations for e in h.exposures):
            through.setdefault(code, []).append(names[result.app.id])
    rows = []
    for code, groups in rollup_by_data_type(per_app).items():
        name = data_type_name(code, knowledge, lang)
        apps = through.get(code, [])
        shown = ", ".join(apps[:REACH_APPS_SHOWN])
        if len(apps) > REACH_APPS_SHOWN:
            shown += " " + say("and_more", lang, count=len(apps) - REACH_APPS_SHOWN)
        apps_text = say("through_apps", lang, apps=shown)
        line = say("data_reach", lang, data=name, groups=count("groups", len(groups), lang))
        rows.append(ReachRow(name, len(groups), f"{line}, {apps_text}", apps_text))
    return rows


REACH_APPS_SHOWN = 4


def data_reach(report: Report, knowledge: Knowledge, lang: str) -> list[str]:
    return [row.line for row in data_reach_rows(report, knowledge, lang)]


def action_lines(result: AppResult, knowledge: Knowledge, lang: str) -> list[str]:
    lines = []
    for action in actions_for(result, knowledge):
        company = knowledge.companies.get(action.company_id)
        lines.append(
            say(
                f"action.{action.kind}",
                lang,
                app=action.app,
                permission=short_permission(action.permission),
                company=company.name if company else action.company_id,
                company_id=action.company_id,
                url=shown_channel(action.url),
            )
        )
    return lines


def group_lines(report: Report, knowledge: Knowledge, lang: str) -> list[tuple[str, str]]:
    """Per receiving group: its summary, and its most sensitive kind of data with how many apps give it."""
    per_app = {r.app.id: r.explanations for r in report.apps}
    names = {r.app.id: r.app.name or r.app.id for r in report.apps}
    lines = []
    for group in rollup_by_group(per_app):
        apps = ", ".join(names[a] for a in group.app_ids)
        summary = say(
            "group_summary", lang, group=group_name(group.group_id, knowledge),
            your_apps=count("your_apps", len(group.app_ids), lang), apps=apps,
        )  # fmt: skip
        worst = max(
            group.data_types, key=lambda t: (*_weight(t, knowledge), len(group.data_types[t]))
        )
        detail = say(
            "group_worst",
            lang,
            data=data_type_name(worst, knowledge, lang),
            count=len(group.data_types[worst]),
        )
        lines.append((summary, detail))
    return lines


def _weight(code: str, knowledge: Knowledge) -> tuple[int, int]:
    """Severity first, then how much it can reveal: precise location outranks Bluetooth."""
    data_type = knowledge.data_types.get(code)
    return (int(data_type.severity), len(data_type.reveals)) if data_type else (0, 0)


def evidence_by_kind(hit: TrackerHit) -> list[tuple[str, str]]:
    """(evidence kind, its details joined), kinds in the order they were found."""
    grouped: dict[str, list[str]] = {}
    for evidence in hit.evidence:
        grouped.setdefault(evidence.kind.value, []).append(evidence.detail)
    return [(kind, ", ".join(details)) for kind, details in grouped.items()]


def observed_lines(result: AppResult, knowledge: Knowledge, lang: str) -> list[str]:
    """What the platform saw the app do (App Privacy Report): uses of protected data, domains."""
    app = result.app
    lines = []
    for access in app.data_accesses:
        codes = knowledge.privacy_report_unlocks.get(access.category, ())
        what = data_type_name(codes[0], knowledge, lang) if codes else access.category
        times = count("times", access.count, lang)
        first, last = access.first_seen[:10], access.last_seen[:10]
        lines.append(
            say(
                "observed_access",
                lang,
                what=what[:1].lower() + what[1:],
                times=times,
                first=first,
                last=last,
            )
        )
    if app.contacted_domains:
        trackers = sum(
            1 for c in app.contacted_domains if knowledge.tracker_for_host(c.domain) is not None
        )
        domains = count("domains", len(app.contacted_domains), lang)
        lines.append(say("observed_domains", lang, domains=domains, trackers=trackers))
    return lines


def export_lines(result: AppResult, knowledge: Knowledge, lang: str) -> list[str]:
    """What data exports say of the app: a store's record of it, a platform's reported events."""
    app = result.app
    lines = []
    for record in app.installed:
        devices = (
            say("installed_on", lang, devices=", ".join(record.devices)) if record.devices else ""
        )
        first, last = _day(record.first_seen), _day(record.last_seen)
        once = record.last_seen is None or last == first
        lines.append(
            say(
                "installed_once" if once else "installed_line",
                lang,
                store=say(f"store.{record.platform.value}", lang),
                first=first,
                last=last,
                devices=devices,
            )
        )
    for activity in app.reported_sharing:
        kinds = ", ".join(f"{event} ×{n}" for event, n in activity.events[:5])
        lines.append(
            say(
                "reported_line",
                lang,
                events=count("events", activity.total, lang),
                company=group_name(activity.company_id, knowledge),
                first=_day(activity.first_seen),
                last=_day(activity.last_seen),
                kinds=kinds,
            )
        )
    return lines


def _day(moment: str | None) -> str:
    return moment[:10] if moment else "?"


def id_and_version(result: AppResult, lang: str) -> str:
    """'com.example · 1.2'; a report-only iOS app (no version known) shows its id alone."""
    app = result.app
    if app.version:
        return f"{app.id} · {app.version}"
    return (
        app.id
        if app.platform is not Platform.ANDROID
        else f"{app.id} · {say('version_unknown', lang)}"
    )


def shows_permissions(result: AppResult) -> bool:
    """Say 'no permission requested' only where we read the app's manifest."""
    return bool(result.app.permissions) or (
        result.app.platform is Platform.ANDROID and not result.listed_only()
    )
