"""The report's machine-readable forms (JSON, CSV) and the roll-ups every form shares."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from checker.archive_phrases import archive_dict, install_dict, shared_dict
from checker.explain import POINTS, rollup_by_data_type, rollup_by_group, score
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Company, Exposure, HitExplanation, Report, TrackerHit
from checker.wording import error_message, say

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class CompanyRollup:
    """A company (the SDK owner) and the apps that carry its code."""

    company: Company
    parent: Company | None
    apps: tuple[AppResult, ...]
    trackers: tuple[str, ...]


def owner_and_parent(
    hit: TrackerHit, knowledge: Knowledge
) -> tuple[Company | None, Company | None]:
    chain = knowledge.company_chain(hit.tracker.company_id)
    if not chain:
        return None, None
    return chain[0], (chain[-1] if len(chain) > 1 else None)


def company_rollup(report: Report, knowledge: Knowledge) -> list[CompanyRollup]:
    """Companies ordered by how many of the user's apps feed them."""
    apps: dict[str, dict[str, AppResult]] = {}
    trackers: dict[str, dict[str, None]] = {}
    for result in report.apps:
        for hit in result.hits:
            company_id = hit.tracker.company_id
            apps.setdefault(company_id, {})[result.app.id] = result
            trackers.setdefault(company_id, {})[hit.tracker.name] = None
    rollup = []
    for company_id, by_app in apps.items():
        company = knowledge.companies.get(company_id)
        if company is None:
            continue
        rollup.append(
            CompanyRollup(
                company=company,
                parent=knowledge.ultimate_parent(company_id),
                apps=tuple(by_app.values()),
                trackers=tuple(trackers[company_id]),
            )
        )
    rollup.sort(key=lambda r: (-len(r.apps), r.company.name.casefold()))
    return rollup


def score_formula(lang: str) -> str:
    """The score's formula in words, with the points the engine really uses."""
    points = {severity.name.lower(): value for severity, value in POINTS.items()}
    return say("score_formula", lang, **points)


def app_score(result: AppResult) -> int:
    return score([e for h in result.explanations for e in h.exposures])


def all_exposures(report: Report) -> list[Exposure]:
    return [e for r in report.apps for h in r.explanations for e in h.exposures]


def explanations_by_app(report: Report) -> dict[str, tuple[HitExplanation, ...]]:
    return {r.app.id: r.explanations for r in report.apps}


def to_dict(report: Report, knowledge: Knowledge, lang: str = "en") -> dict[str, Any]:
    """The JSON contract of DESIGN.md (schema 1), with exposures, roll-ups and the score."""
    per_app = explanations_by_app(report)
    return {
        "schema": JSON_SCHEMA_VERSION,
        "generated_at": report.generated_at,
        "package_names_looked_up_online": report.looked_up_online,
        "knowledge_base": {
            "version": report.knowledge.version,
            "trackers": report.knowledge.trackers,
            "companies": report.knowledge.companies,
        },
        "apps": [_app_dict(result, knowledge) for result in report.apps],
        "companies": [
            {
                "id": r.company.id,
                "name": r.company.name,
                "parent_company": r.parent.name if r.parent else None,
                "country": r.company.country,
                "kind": r.company.kind,
                "privacy_policy": r.company.privacy_policy,
                "data_request": r.company.data_request,
                "apps": [a.app.id for a in r.apps],
                "trackers": list(r.trackers),
            }
            for r in company_rollup(report, knowledge)
        ],
        "groups": [
            {
                "id": g.group_id,
                "name": knowledge.companies[g.group_id].name
                if g.group_id in knowledge.companies
                else g.group_id,
                "apps": list(g.app_ids),
                "data_types": {t: list(a) for t, a in g.data_types.items()},
            }
            for g in rollup_by_group(per_app)
        ],
        "data_types": {t: list(groups) for t, groups in rollup_by_data_type(per_app).items()},
        "score": {"value": score(all_exposures(report)), "formula": score_formula(lang)},
        "errors": [
            {"path": e.path, "code": e.code, "message": error_message(e.code, e.detail, lang)}
            for e in report.errors
        ],
        "warnings": [
            {"path": w.path, "code": w.code, "message": error_message(w.code, w.detail, lang)}
            for w in report.warnings
        ],
        "archives": [archive_dict(f) for f in report.archives],
    }


def _app_dict(result: AppResult, knowledge: Knowledge) -> dict[str, Any]:
    app = result.app
    trackers = []
    explained = {h.tracker_id: h for h in result.explanations}
    for hit in result.hits:
        owner, parent = owner_and_parent(hit, knowledge)
        explanation = explained.get(hit.tracker.id)
        trackers.append(
            {
                "id": hit.tracker.id,
                "name": hit.tracker.name,
                "company": owner.name if owner else None,
                "company_id": hit.tracker.company_id,
                "parent_company": parent.name if parent else None,
                "exodus_id": hit.tracker.exodus_id,
                "categories": list(hit.tracker.categories),
                "collects": list(hit.tracker.collects),
                "evidence": [{"kind": e.kind.value, "detail": e.detail} for e in hit.evidence],
                "collection_documented": bool(hit.tracker.collects),
                "collects_source": hit.tracker.collects_source,
                "collects_basis": hit.tracker.collects_basis.value,
                "blocked": list(explanation.blocked) if explanation else [],
            }
        )
    exposures = [e for h in result.explanations for e in h.exposures]
    return {
        "id": app.id,
        "name": app.name,
        "platform": app.platform.value,
        "version": app.version,
        "version_code": app.version_code,
        "min_sdk": app.min_sdk,
        "target_sdk": app.target_sdk,
        "source": list(app.sources),
        "class_count": result.class_count,
        "permissions": list(app.permissions),
        "trackers": trackers,
        "exposures": [_exposure_dict(e, knowledge) for e in exposures],
        "contacted_domains": [
            {
                "domain": c.domain,
                "hits": c.hits,
                "first_seen": c.first_seen,
                "last_seen": c.last_seen,
                "app_initiated": c.app_initiated,
            }
            for c in app.contacted_domains
        ],
        "skadnetwork_ids": list(app.skadnetwork_ids),
        "encrypted": app.encrypted,
        "data_accesses": [
            {
                "category": a.category,
                "count": a.count,
                "first_seen": a.first_seen,
                "last_seen": a.last_seen,
            }
            for a in app.data_accesses
        ],
        "installed": [install_dict(r) for r in app.installed],
        "reported_sharing": [shared_dict(a) for a in app.reported_sharing],
        "score": score(exposures),
    }


def _exposure_dict(exposure: Exposure, knowledge: Knowledge) -> dict[str, Any]:
    company = knowledge.companies.get(exposure.company_id)
    parent = knowledge.companies.get(exposure.parent_id) if exposure.parent_id else None
    return {
        "data_type": exposure.data_type,
        "tracker": exposure.tracker_id,
        "company": company.name if company else exposure.company_id,
        "parent_company": parent.name if parent else None,
        "evidence": exposure.evidence.value,
        "basis": exposure.basis.value,
        "access": exposure.access.value,
        "permission": exposure.permission,
        "severity": exposure.severity.name.lower(),
        "reveals": list(exposure.reveals),
    }


def to_json(report: Report, knowledge: Knowledge, lang: str = "en") -> str:
    return json.dumps(to_dict(report, knowledge, lang), ensure_ascii=False, indent=2) + "\n"


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas hidden in untrusted names."""
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value


def to_csv(report: Report, knowledge: Knowledge, lang: str = "en") -> str:
    """One row per app × tracker; apps without trackers get one row with empty tracker cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            say("col_app", lang), "app_id", say("version", lang), say("platform", lang),
            say("col_tracker", lang), "tracker_id", "exodus_id", say("col_company", lang),
            say("col_parent", lang), say("col_categories", lang), say("col_evidence", lang),
        ]
    )  # fmt: skip
    for result in report.apps:
        app = result.app
        head = [app.name or app.id, app.id, app.version or "", app.platform.value]
        if not result.hits:
            writer.writerow([_cell(v) for v in head] + [""] * 7)
        for hit in result.hits:
            owner, parent = owner_and_parent(hit, knowledge)
            categories = ", ".join(
                knowledge.label("category", c, lang) for c in hit.tracker.categories
            )
            row = [
                *head,
                hit.tracker.name, hit.tracker.id,
                str(hit.tracker.exodus_id) if hit.tracker.exodus_id is not None else "",
                owner.name if owner else "", parent.name if parent else "", categories,
                "; ".join(e.detail for e in hit.evidence),
            ]  # fmt: skip
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
