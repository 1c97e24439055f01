"""Data-access and deletion request letters, pre-filled for one company.

Templates (our own words) live in resources/letters/<law>_<request>.<lang>.txt:
GDPR Art. 15/17 for people in the EU, CCPA/CPRA for Californians. The apps,
SDKs and kinds of data come from a saved scan when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from string import Template
from typing import Any

from checker import paths
from checker.errors import CheckerError
from checker.knowledge.base import Knowledge
from checker.models import Company

LAWS = ("gdpr", "ccpa")
REQUESTS = ("access", "erasure")


class UnknownCompany(CheckerError):
    code = "unknown_company"


@dataclass(frozen=True, slots=True)
class Letter:
    company: Company
    channel: str
    text: str


def find_company(query: str, knowledge: Knowledge) -> Company:
    """By id (any case), else by exact name, else by a unique part of the name."""
    wanted = query.casefold()
    if wanted in knowledge.companies:
        return knowledge.companies[wanted]
    matches = [c for c in knowledge.companies.values() if wanted in c.name.casefold()]
    exact = [c for c in matches if c.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    detail = ", ".join(f"{c.id} ({c.name})" for c in matches[:8]) if matches else query
    raise UnknownCompany(detail)


def compose(
    company: Company,
    knowledge: Knowledge,
    *,
    law: str,
    request: str,
    lang: str,
    report: dict[str, Any] | None = None,
    today: date | None = None,
) -> Letter:
    template = (paths.resources_dir() / "letters" / f"{law}_{request}.{lang}.txt").read_text(
        encoding="utf-8"
    )
    apps, sdks, data_types = _involvement(company, knowledge, report, lang)
    placeholder = "[…]"
    text = Template(template).safe_substitute(
        company=company.name,
        channel=shown_channel(company.data_request or company.privacy_policy) or placeholder,
        date=(today or date.today()).isoformat(),
        apps=", ".join(apps) or placeholder,
        sdks=", ".join(sdks) or placeholder,
        data_types=", ".join(data_types) or placeholder,
    )
    return Letter(company, shown_channel(company.data_request or company.privacy_policy), text)


def shown_channel(url: str) -> str:
    """A request channel as a person writes it: an e-mail address without 'mailto:'."""
    return url.removeprefix("mailto:")


def _involvement(
    company: Company, knowledge: Knowledge, report: dict[str, Any] | None, lang: str
) -> tuple[list[str], list[str], list[str]]:
    """Apps, SDK names and kinds of data that tie this company (or its subsidiaries) to the user."""
    family = {
        c for c in knowledge.companies if company.id in {x.id for x in knowledge.company_chain(c)}
    }
    if report is None:
        known = [t.name for t in knowledge.trackers.values() if t.company_id in family]
        return [], known[:5], []
    apps: dict[str, None] = {}
    sdks: dict[str, None] = {}
    kinds: dict[str, None] = {}
    for app in report.get("apps", []):
        mine = [t for t in app.get("trackers", []) if t.get("company_id") in family]
        if not mine:
            continue
        apps[str(app.get("name") or app.get("id"))] = None
        sdks.update(dict.fromkeys(str(t.get("name")) for t in mine))
        ids = {t.get("id") for t in mine}
        for exposure in app.get("exposures", []):
            if exposure.get("tracker") in ids:
                names = knowledge.data_type_names.get(str(exposure.get("data_type")))
                if names:
                    name = names[1] if lang == "fr" else names[0]
                    kinds[name[:1].lower() + name[1:]] = None
    return list(apps), list(sdks), list(kinds)
