"""Read and validate the human-edited knowledge-base sources (see SCHEMA.md).

Every problem is collected with the file it is in, so one run of the tests or
of the app lists everything a contributor has to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import KnowledgeError
from checker.models import ClaimBasis, Company, Tracker
from checker.signatures import MIN_SIGNATURE_LENGTH

_ID = re.compile(r"[a-z0-9_]+")
_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s\"<>]*)?")
_MAILTO = re.compile(r"mailto:[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")
_SEVERITIES = ("low", "medium", "high", "critical")
_PROTECTIONS = ("dangerous", "normal", "signature", "special")
_COMPANY_KEYS = frozenset(
    {"id", "name", "parent", "country", "kind", "website", "privacy_policy", "data_request", "laws",
     "skadnetwork_ids", "opt_out", "sdk"}
)  # fmt: skip
_SDK_KEYS = frozenset(
    {"id", "name", "categories", "exodus_id", "android", "domains", "collects", "collects_source",
     "collects_basis", "summary", "refines", "ios_frameworks", "ios_classes", "ios_plist_keys", "ios_config_files"}
)  # fmt: skip
_SKADNETWORK = re.compile(r"[a-z0-9]{6,16}\.skadnetwork")
_IOS_FIELDS = ("ios_frameworks", "ios_classes", "ios_plist_keys", "ios_config_files")
_VOCABULARY_KINDS = ("category", "company_kind", "reveals", "law", "severity", "evidence")


@dataclass(frozen=True, slots=True)
class DataType:
    code: str
    name_en: str
    name_fr: str
    explain_en: str
    explain_fr: str
    severity: str
    without_permission: bool
    reveals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything the TOML files say, validated."""

    release_date: str
    companies: dict[str, Company]
    trackers: dict[str, Tracker]
    refines: dict[str, tuple[str, ...]]
    data_types: dict[str, DataType]
    permissions: dict[str, tuple[str, tuple[str, ...]]]  # name -> (protection, unlocks)
    ios_permissions: dict[str, tuple[str, ...]]  # Info.plist usage key -> unlocks
    privacy_report_categories: dict[str, tuple[str, ...]]  # App Privacy Report category -> unlocks
    vocabulary: dict[str, dict[str, tuple[str, str]]]  # kind -> code -> (en, fr)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: Path | str, message: str) -> None:
        name = where.name if isinstance(where, Path) else where
        self.items.append(f"{name}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise KnowledgeError("\n".join(self.items))


def _load_toml(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:  # message carries line and column
        problems.add(path, f"invalid TOML: {exc}")
    except OSError as exc:
        problems.add(path, f"cannot read: {exc}")
    return {}


def _text(
    doc: dict[str, Any], key: str, path: Path, problems: _Problems, *, required: bool = True
) -> str:
    value = doc.get(key)
    if value is None:
        if required:
            problems.add(path, f"missing '{key}'")
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.add(path, f"'{key}' must be a non-empty string")
        return ""
    return value


def _str_list(doc: dict[str, Any], key: str, path: Path, problems: _Problems) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.add(path, f"'{key}' must be a list of non-empty strings")
        return ()
    return tuple(value)


def _bilingual(doc: dict[str, Any], key: str, path: Path, problems: _Problems) -> tuple[str, str]:
    table = doc.get(key)
    if not isinstance(table, dict):
        table = {}
    texts = []
    for lang in ("en", "fr"):
        value = table.get(lang)
        if not isinstance(value, str) or not value.strip():
            problems.add(path, f"missing or empty '{key}.{lang}'")
            value = ""
        texts.append(value)
    return texts[0], texts[1]


def load_sources(root: Path) -> Sources:
    """Read and validate every source file under ``root`` (resources/knowledge)."""
    problems = _Problems()
    vocabulary = _load_vocabulary(root / "vocabulary.toml", problems)
    data_types = _load_data_types(root / "data_types.toml", vocabulary, problems)
    permissions = _load_permissions(root / "android_permissions.toml", data_types, problems)
    ios_permissions = _load_unlocks(root / "ios_permissions.toml", data_types, problems)
    privacy_report = _load_unlocks(root / "app_privacy_report.toml", data_types, problems)
    release = _load_toml(root / "release.toml", problems)
    companies: dict[str, Company] = {}
    trackers: dict[str, Tracker] = {}
    refines: dict[str, tuple[str, ...]] = {}
    for path in sorted((root / "companies").glob("*.toml")):
        _load_company(path, vocabulary, data_types, companies, trackers, refines, problems)
    _check_companies(companies, problems)
    _check_signatures(trackers, refines, problems)
    _check_skadnetwork(companies, problems)
    problems.raise_if_any()
    return Sources(
        release_date=str(release.get("date", "")),
        companies=companies,
        trackers=trackers,
        refines=refines,
        data_types=data_types,
        permissions=permissions,
        ios_permissions=ios_permissions,
        privacy_report_categories=privacy_report,
        vocabulary=vocabulary,
    )


def _load_vocabulary(path: Path, problems: _Problems) -> dict[str, dict[str, tuple[str, str]]]:
    doc = _load_toml(path, problems)
    vocabulary: dict[str, dict[str, tuple[str, str]]] = {}
    for kind in _VOCABULARY_KINDS:
        entries = doc.get(kind)
        if not isinstance(entries, dict) or not entries:
            problems.add(path, f"missing table [{kind}.*]")
            continue
        vocabulary[kind] = {
            code: (_text(entry, "en", path, problems), _text(entry, "fr", path, problems))
            for code, entry in entries.items()
            if isinstance(entry, dict)
        }
    return vocabulary


def _load_data_types(
    path: Path, vocabulary: dict[str, dict[str, tuple[str, str]]], problems: _Problems
) -> dict[str, DataType]:
    doc = _load_toml(path, problems)
    reveals_known = vocabulary.get("reveals", {})
    result: dict[str, DataType] = {}
    for code, entry in doc.items():
        where = f"{path.name} [{code}]"
        if not isinstance(entry, dict) or not _ID.fullmatch(code):
            problems.add(where, "each data type is a table named by a [a-z0-9_] code")
            continue
        name_en, name_fr = _bilingual(entry, "name", path, problems)
        explain_en, explain_fr = _bilingual(entry, "explain", path, problems)
        severity = entry.get("severity")
        if severity not in _SEVERITIES:
            problems.add(where, f"severity must be one of {', '.join(_SEVERITIES)}")
        if not isinstance(entry.get("without_permission"), bool):
            problems.add(where, "'without_permission' must be true or false")
        reveals = _str_list(entry, "reveals", path, problems)
        for fact in reveals:
            if fact not in reveals_known:
                problems.add(where, f"unknown sensitive fact '{fact}' in reveals")
        result[code] = DataType(
            code, name_en, name_fr, explain_en, explain_fr, str(severity),
            bool(entry.get("without_permission")), reveals,
        )  # fmt: skip
    return result


def _load_permissions(
    path: Path, data_types: dict[str, DataType], problems: _Problems
) -> dict[str, tuple[str, tuple[str, ...]]]:
    doc = _load_toml(path, problems)
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, entry in doc.items():
        where = f"{path.name} [{name}]"
        if not isinstance(entry, dict):
            problems.add(where, "each permission is a table")
            continue
        protection = entry.get("protection")
        if protection not in _PROTECTIONS:
            problems.add(where, f"protection must be one of {', '.join(_PROTECTIONS)}")
        unlocks = _str_list(entry, "unlocks", path, problems)
        for code in unlocks:
            if code not in data_types:
                problems.add(where, f"unknown data type '{code}'")
        result[name] = (str(protection), unlocks)
    return result


def _load_unlocks(
    path: Path, data_types: dict[str, DataType], problems: _Problems
) -> dict[str, tuple[str, ...]]:
    """A table of keys, each with ``unlocks = [data-type codes]`` (a missing file is empty)."""
    doc = _load_toml(path, problems) if path.exists() else {}
    result: dict[str, tuple[str, ...]] = {}
    for name, entry in doc.items():
        if not isinstance(entry, dict):
            problems.add(f"{path.name} [{name}]", "each entry is a table with 'unlocks'")
            continue
        unlocks = _str_list(entry, "unlocks", path, problems)
        for code in unlocks:
            if code not in data_types:
                problems.add(f"{path.name} [{name}]", f"unknown data type '{code}'")
        result[name] = unlocks
    return result


def _check_url(value: str, where: str, problems: _Problems, *, mail_ok: bool = False) -> None:
    if _URL.fullmatch(value) or (mail_ok and _MAILTO.fullmatch(value)):
        return
    problems.add(where, f"not a well-formed https URL{' or mailto:' if mail_ok else ''}: {value!r}")


def _load_company(
    path: Path,
    vocabulary: dict[str, dict[str, tuple[str, str]]],
    data_types: dict[str, DataType],
    companies: dict[str, Company],
    trackers: dict[str, Tracker],
    refines: dict[str, tuple[str, ...]],
    problems: _Problems,
) -> None:
    doc = _load_toml(path, problems)
    if not doc:
        return
    for key in sorted(set(doc) - _COMPANY_KEYS):
        problems.add(path, f"unknown key '{key}' (a typo, or a field in the wrong place?)")
    company_id = _text(doc, "id", path, problems)
    if company_id != path.stem:
        problems.add(path, f"id '{company_id}' must equal the file name")
    country = _text(doc, "country", path, problems)
    if country and not _COUNTRY.fullmatch(country):
        problems.add(path, f"country must be an ISO 3166 alpha-2 code, not {country!r}")
    kind = _text(doc, "kind", path, problems)
    if kind and kind not in vocabulary.get("company_kind", {}):
        problems.add(path, f"unknown company kind '{kind}'")
    urls = {
        key: _text(doc, key, path, problems)
        for key in ("website", "privacy_policy", "data_request")
    }
    opt_out = _text(doc, "opt_out", path, problems, required=False)
    if opt_out:
        _check_url(opt_out, f"{path.name} opt_out", problems)
    for key, value in urls.items():
        if value:
            _check_url(value, f"{path.name} {key}", problems, mail_ok=key == "data_request")
    laws = _str_list(doc, "laws", path, problems)
    for law in laws:
        if law not in vocabulary.get("law", {}):
            problems.add(path, f"unknown law '{law}'")
    skadnetwork = _str_list(doc, "skadnetwork_ids", path, problems)
    for sk_id in skadnetwork:
        if not _SKADNETWORK.fullmatch(sk_id):
            problems.add(path, f"not a SKAdNetwork id: {sk_id!r}")
    parent = doc.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.add(path, "'parent' must be a company id")
        parent = None
    companies[path.stem] = Company(
        id=path.stem, name=_text(doc, "name", path, problems), parent_id=parent or None,
        country=country, kind=kind, website=urls["website"], privacy_policy=urls["privacy_policy"],
        data_request=urls["data_request"], laws=laws, skadnetwork_ids=skadnetwork, opt_out=opt_out,
    )  # fmt: skip
    sdks = doc.get("sdk", [])
    if not isinstance(sdks, list):
        problems.add(path, "[[sdk]] must be an array of tables")
        return
    for entry in sdks:
        tracker = _load_sdk(entry, path, path.stem, vocabulary, data_types, problems)
        if tracker is None:
            continue
        if tracker.id in trackers:
            problems.add(path, f"SDK id '{tracker.id}' is used twice")
        trackers[tracker.id] = tracker
        refines[tracker.id] = _str_list(entry, "refines", path, problems)


def _load_sdk(
    entry: Any,
    path: Path,
    company_id: str,
    vocabulary: dict[str, dict[str, tuple[str, str]]],
    data_types: dict[str, DataType],
    problems: _Problems,
) -> Tracker | None:
    if not isinstance(entry, dict):
        problems.add(path, "each [[sdk]] must be a table")
        return None
    sdk_id = _text(entry, "id", path, problems)
    where = f"{path.name} sdk '{sdk_id}'"
    for key in sorted(set(entry) - _SDK_KEYS):
        problems.add(where, f"unknown key '{key}' (a typo, or a field in the wrong place?)")
    summary = entry.get("summary")
    if isinstance(summary, dict):
        for key in sorted(set(summary) - {"en", "fr"}):
            problems.add(where, f"unknown key 'summary.{key}'")
    if sdk_id and not _ID.fullmatch(sdk_id):
        problems.add(where, "id must match [a-z0-9_]+")
    categories = _str_list(entry, "categories", path, problems)
    for category in categories:
        if category not in vocabulary.get("category", {}):
            problems.add(where, f"unknown category '{category}'")
    exodus_id = entry.get("exodus_id")
    if exodus_id is not None and (not isinstance(exodus_id, int) or exodus_id <= 0):
        problems.add(where, "exodus_id must be a positive integer")
        exodus_id = None
    android = _str_list(entry, "android", path, problems)
    for signature in android:
        if len(signature) < MIN_SIGNATURE_LENGTH:
            problems.add(where, f"signature {signature!r} is too short to be meaningful")
        try:
            re.compile(signature)
        except re.error as exc:
            problems.add(where, f"signature {signature!r} is not a valid pattern: {exc}")
    domains = tuple(d.lower() for d in _str_list(entry, "domains", path, problems))
    for domain in domains:
        if not _DOMAIN.fullmatch(domain):
            problems.add(where, f"not a domain name: {domain!r}")
    collects = _str_list(entry, "collects", path, problems)
    for code in collects:
        if code not in data_types:
            problems.add(where, f"unknown data type '{code}'")
    source = entry.get("collects_source")
    if collects and not isinstance(source, str):
        problems.add(where, "collects needs a collects_source URL")
    if isinstance(source, str):
        _check_url(source, where, problems)
    basis = entry.get("collects_basis", ClaimBasis.VENDOR.value)
    if basis not in {b.value for b in ClaimBasis}:
        problems.add(where, f"collects_basis {basis!r} is not one of vendor, regulator, lawsuit")
        basis = ClaimBasis.VENDOR.value
    elif basis != ClaimBasis.VENDOR and not collects:
        problems.add(where, "collects_basis is set but collects is empty")
    summary_en, summary_fr = _bilingual(entry, "summary", path, problems)
    ios = {key: _str_list(entry, key, path, problems) for key in _IOS_FIELDS}
    for value in ios["ios_classes"]:
        if len(value) < 4:
            problems.add(where, f"iOS class prefix {value!r} is too short to be specific")
    return Tracker(
        id=sdk_id, name=_text(entry, "name", path, problems), company_id=company_id,
        categories=categories, exodus_id=exodus_id, android_signatures=android, domains=domains,
        collects=collects, collects_source=source if isinstance(source, str) else None,
        summary_en=summary_en, summary_fr=summary_fr, collects_basis=ClaimBasis(basis), **ios,
    )  # fmt: skip


def _check_companies(companies: dict[str, Company], problems: _Problems) -> None:
    for company in companies.values():
        seen = {company.id}
        parent = company.parent_id
        while parent is not None:
            if parent not in companies:
                problems.add(f"{company.id}.toml", f"parent '{parent}' has no company file")
                break
            if parent in seen:
                problems.add(f"{company.id}.toml", "parent chain loops back on itself")
                break
            seen.add(parent)
            parent = companies[parent].parent_id


def _check_skadnetwork(companies: dict[str, Company], problems: _Problems) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for company in companies.values():
        for sk_id in company.skadnetwork_ids:
            owners[sk_id].append(company.id)
    for sk_id, names in owners.items():
        if len(names) > 1:
            problems.add("companies", f"SKAdNetwork id {sk_id} claimed by {', '.join(names)}")


def _check_signatures(
    trackers: dict[str, Tracker], refines: dict[str, tuple[str, ...]], problems: _Problems
) -> None:
    claims: dict[str, list[str]] = defaultdict(list)
    exodus_ids: dict[int, list[str]] = defaultdict(list)
    for tracker in trackers.values():
        for signature in tracker.android_signatures:
            claims[signature].append(tracker.id)
        for key in _IOS_FIELDS:
            for value in getattr(tracker, key):
                claims[f"{key}:{value}"].append(tracker.id)
        if tracker.exodus_id is not None:
            exodus_ids[tracker.exodus_id].append(tracker.id)
    for signature, owners in claims.items():
        if len(owners) < 2:
            continue
        explained = any(
            other in refines.get(owner, ())
            for owner in owners
            for other in owners
            if other != owner
        )
        if not explained:
            problems.add("companies", f"signature {signature!r} claimed by {', '.join(owners)}")
    for exodus_id, owners in exodus_ids.items():
        if len(owners) > 1:
            problems.add("companies", f"exodus_id {exodus_id} used by {', '.join(owners)}")
    for tracker_id, others in refines.items():
        for other in others:
            if other not in trackers:
                problems.add("companies", f"'{tracker_id}' refines unknown SDK '{other}'")
