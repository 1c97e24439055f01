"""The report's machine-readable forms (JSON, CSV) and the roll-ups every form shares."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from checker.knowledge.base import Knowledge
from checker.models import AppResult, Company, Report, TrackerHit
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


def to_dict(report: Report, knowledge: Knowledge, lang: str = "en") -> dict[str, Any]:
    """The JSON contract of DESIGN.md (schema 1)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "generated_at": report.generated_at,
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
        "errors": [
            {"path": e.path, "code": e.code, "message": error_message(e.code, e.detail, lang)}
            for e in report.errors
        ],
    }


def _app_dict(result: AppResult, knowledge: Knowledge) -> dict[str, Any]:
    app = result.app
    trackers = []
    for hit in result.hits:
        owner, parent = owner_and_parent(hit, knowledge)
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
            }
        )
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
        # Filled by the explanation engine (issue "Explanations"); the key is part of the contract.
        "exposures": [],
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
