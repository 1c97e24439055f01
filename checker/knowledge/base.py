"""The knowledge base as the engine uses it: read once, queried in memory."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from checker import paths
from checker.ios_signatures import IosIndex
from checker.knowledge import overlay as overlay_module
from checker.knowledge.compile import compiled_path
from checker.knowledge.overlay import Overlay
from checker.models import ClaimBasis, Company, DataType, KnowledgeInfo, Severity, Tracker
from checker.signatures import SignatureSet


@dataclass(frozen=True, slots=True)
class KnowledgeStats:
    trackers: int
    companies: int
    exodus_linked: int
    with_android_signatures: int
    with_domains: int
    collection_by_basis: dict[str, int]  # SDKs with a cited claim, by whose word it is
    by_category: dict[str, int]
    by_company_kind: dict[str, int]
    by_parent: dict[str, int]
    data_types: int
    permissions: int
    with_ios_signatures: int
    overlay: OverlayInfo | None

    @property
    def with_documented_collection(self) -> int:
        return sum(self.collection_by_basis.values())


@dataclass(frozen=True, slots=True)
class OverlayInfo:
    """What an imported εxodus list added to the bundled base."""

    source: str
    imported_at: str
    trackers: int
    added: int  # trackers we did not know
    extended: int  # known trackers that gained code signatures


class Knowledge:
    """Companies, trackers, signatures and mappings, loaded from the compiled database."""

    def __init__(self, database: Path, overlay: Overlay | None = None) -> None:
        self.database = database
        self.overlay: OverlayInfo | None = None
        uri = f"{database.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
        connection.row_factory = sqlite3.Row
        try:
            self._load(connection)
        finally:
            connection.close()
        if overlay is not None:
            self._apply(overlay)

    @classmethod
    def load(
        cls, root: Path | None = None, cache: Path | None = None, *, with_overlay: bool = True
    ) -> Knowledge:
        """Compile the bundled sources if needed (cached by content hash) and load them,
        with the user's imported εxodus list merged in when there is one."""
        root = root if root is not None else paths.resources_dir() / "knowledge"
        cache = cache if cache is not None else paths.cache_dir()
        return cls(compiled_path(root, cache), overlay_module.load() if with_overlay else None)

    def _apply(self, overlay: Overlay) -> None:
        """Merge an imported list by exodus_id; the compiled base is not touched."""
        by_exodus = {t.exodus_id: t for t in self.trackers.values() if t.exodus_id is not None}
        claimed = {s for t in self.trackers.values() for s in t.android_signatures}
        added = extended = 0
        for item in overlay.trackers:
            signatures = _overlay_signatures(item.code_signature)
            known = by_exodus.get(item.exodus_id)
            if known is not None:
                extra = tuple(s for s in signatures if s not in claimed)
                if extra:
                    self.trackers[known.id] = replace(
                        known, android_signatures=known.android_signatures + extra
                    )
                    extended += 1
                continue
            company = self._web_company(item.host)
            tracker_id = f"exodus_{item.exodus_id}"
            self.trackers[tracker_id] = Tracker(
                id=tracker_id, name=item.name, company_id=company.id, categories=item.categories,
                exodus_id=item.exodus_id, android_signatures=signatures, domains=(), collects=(),
                collects_source=None, summary_en="", summary_fr="",
            )  # fmt: skip
            added += 1
        self.overlay = OverlayInfo(
            overlay.source, overlay.imported_at, len(overlay.trackers), added, extended
        )

    def _web_company(self, host: str) -> Company:
        """Trackers we do not describe yet are attributed to their website's domain."""
        company_id = "web_" + "".join(c if c.isalnum() else "_" for c in host or "unknown")
        company = self.companies.get(company_id)
        if company is None:
            company = Company(
                id=company_id, name=host or "?", parent_id=None, country="", kind="unknown",
                website=f"https://{host}/" if host else "", privacy_policy="", data_request="", laws=(),
            )  # fmt: skip
            self.companies[company_id] = company
        return company

    def _load(self, db: sqlite3.Connection) -> None:
        meta = {row["key"]: row["value"] for row in db.execute("select key, value from meta")}
        self.content_hash: str = meta.get("content_hash", "")
        self.release_date: str = meta.get("release_date", "")
        skadnetwork: dict[str, list[str]] = {}
        for row in db.execute("select * from skadnetwork_ids order by skadnetwork_id"):
            skadnetwork.setdefault(row["company_id"], []).append(row["skadnetwork_id"])
        self.companies: dict[str, Company] = {
            row["id"]: Company(
                id=row["id"],
                name=row["name"],
                parent_id=row["parent_id"],
                country=row["country"],
                kind=row["kind"],
                website=row["website"],
                privacy_policy=row["privacy_policy"],
                data_request=row["data_request"],
                laws=tuple(json.loads(row["laws"])),
                skadnetwork_ids=tuple(skadnetwork.get(row["id"], ())),
                opt_out=row["opt_out"] or "",
            )
            for row in db.execute("select * from companies")
        }
        signatures: dict[str, list[str]] = {}
        for row in db.execute("select * from android_signatures order by sdk_id, position"):
            signatures.setdefault(row["sdk_id"], []).append(row["signature"])
        domains: dict[str, list[str]] = {}
        for row in db.execute("select * from domains"):
            domains.setdefault(row["sdk_id"], []).append(row["domain"])
        ios: dict[tuple[str, str], list[str]] = {}
        for row in db.execute("select * from ios_signatures order by sdk_id, kind, rowid"):
            ios.setdefault((row["sdk_id"], row["kind"]), []).append(row["value"])
        self.trackers: dict[str, Tracker] = {
            row["id"]: Tracker(
                id=row["id"],
                name=row["name"],
                company_id=row["company_id"],
                categories=tuple(json.loads(row["categories"])),
                exodus_id=row["exodus_id"],
                android_signatures=tuple(signatures.get(row["id"], ())),
                domains=tuple(sorted(domains.get(row["id"], ()))),
                collects=tuple(json.loads(row["collects"])),
                collects_source=row["collects_source"],
                collects_basis=ClaimBasis(row["collects_basis"]),
                summary_en=row["summary_en"],
                summary_fr=row["summary_fr"],
                **{kind: tuple(ios.get((row["id"], kind), ())) for kind in _IOS_KINDS},
            )
            for row in db.execute("select * from sdks order by id")
        }
        self.vocabulary: dict[tuple[str, str], tuple[str, str]] = {
            (row["kind"], row["code"]): (row["en"], row["fr"])
            for row in db.execute("select * from vocabulary")
        }
        rows = list(db.execute("select * from data_types"))
        self.data_type_names: dict[str, tuple[str, str]] = {
            row["code"]: (row["name_en"], row["name_fr"]) for row in rows
        }
        self.data_type_explanations: dict[str, tuple[str, str]] = {
            row["code"]: (row["explain_en"], row["explain_fr"]) for row in rows
        }
        self.data_types: dict[str, DataType] = {
            row["code"]: DataType(
                code=row["code"],
                severity=Severity[row["severity"].upper()],
                without_permission=bool(row["without_permission"]),
                reveals=tuple(json.loads(row["reveals"])),
            )
            for row in rows
        }
        self.permission_unlocks: dict[str, tuple[str, ...]] = {
            row["permission"]: tuple(json.loads(row["unlocks"]))
            for row in db.execute("select permission, unlocks from android_permissions")
        }
        self.ios_permission_unlocks: dict[str, tuple[str, ...]] = {
            row["key"]: tuple(json.loads(row["unlocks"]))
            for row in db.execute("select * from ios_permissions")
        }
        self.privacy_report_unlocks: dict[str, tuple[str, ...]] = {
            row["category"]: tuple(json.loads(row["unlocks"]))
            for row in db.execute("select * from privacy_report_categories")
        }

    @cached_property
    def android_signatures(self) -> SignatureSet:
        """Every Android code signature, compiled once."""
        return SignatureSet(
            (tracker.id, signature)
            for tracker in self.trackers.values()
            for signature in tracker.android_signatures
        )

    @cached_property
    def ios_index(self) -> IosIndex:
        """Every iOS signature, indexed once."""
        return IosIndex(self.trackers.values())

    @cached_property
    def _domain_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for tracker in self.trackers.values():
            for domain in tracker.domains:
                index.setdefault(domain, []).append(tracker.id)
        return index

    @cached_property
    def skadnetwork_owners(self) -> dict[str, str]:
        """SKAdNetwork id -> company id."""
        return {sk: c.id for c in self.companies.values() for sk in c.skadnetwork_ids}

    def tracker_for_host(self, host: str) -> Tracker | None:
        """The SDK a contacted host belongs to: exact host first, then its parent domains.

        When several SDKs of a company share a domain (facebook.com), one is chosen
        deterministically: ad and analytics SDKs first, then by id.
        """
        labels = host.lower().rstrip(".").split(".")
        for start in range(len(labels) - 1):
            owners = self._domain_index.get(".".join(labels[start:]))
            if owners:
                return min((self.trackers[t] for t in owners), key=_observed_preference)
        return None

    @property
    def info(self) -> KnowledgeInfo:
        version = f"{self.release_date}+{self.content_hash[:12]}"
        if self.overlay is not None:
            version += f"+exodus-{self.overlay.imported_at[:10]}"
        return KnowledgeInfo(
            version=version, trackers=len(self.trackers), companies=len(self.companies)
        )

    def company_chain(self, company_id: str) -> list[Company]:
        """The company and its parents, nearest first (bounded, cycles are rejected at build)."""
        chain: list[Company] = []
        current: str | None = company_id
        while current is not None and current in self.companies and len(chain) < 16:
            company = self.companies[current]
            chain.append(company)
            current = company.parent_id
        return chain

    def ultimate_parent(self, company_id: str) -> Company | None:
        chain = self.company_chain(company_id)
        return chain[-1] if len(chain) > 1 else None

    def label(self, kind: str, code: str, lang: str) -> str:
        """The EN or FR label of a vocabulary code; the code itself when unknown."""
        en_fr = self.vocabulary.get((kind, code))
        if en_fr is None:
            return code
        return en_fr[1] if lang == "fr" else en_fr[0]

    def stats(self) -> KnowledgeStats:
        trackers = list(self.trackers.values())
        by_category = Counter(c for t in trackers for c in t.categories)
        by_kind = Counter(c.kind for c in self.companies.values())
        by_parent = Counter(
            self.company_chain(t.company_id)[-1].id
            for t in trackers
            if t.company_id in self.companies
        )
        return KnowledgeStats(
            trackers=len(trackers),
            companies=len(self.companies),
            exodus_linked=sum(t.exodus_id is not None for t in trackers),
            with_android_signatures=sum(bool(t.android_signatures) for t in trackers),
            with_domains=sum(bool(t.domains) for t in trackers),
            collection_by_basis=dict(
                Counter(t.collects_basis.value for t in trackers if t.collects).most_common()
            ),
            by_category=dict(by_category.most_common()),
            by_company_kind=dict(by_kind.most_common()),
            by_parent=dict(by_parent.most_common()),
            data_types=len(self.data_type_names),
            permissions=len(self.permission_unlocks),
            with_ios_signatures=sum(bool(t.ios_signatures) for t in trackers),
            overlay=self.overlay,
        )


def _overlay_signatures(signature: str) -> tuple[str, ...]:
    """Split a plain εxodus signature into its alternatives; keep any other regex whole.

    The stored overlay was checked at import, but it is a file on disk: check
    it again before compiling anything from it.
    """
    if not signature or not overlay_module.is_plain_signature(signature):
        return ()  # the stored file is on disk: refuse anything import would have refused
    return tuple(signature.split("|"))


def _observed_preference(tracker: Tracker) -> tuple[int, str]:
    ranked = ("advertising", "analytics", "attribution", "profiling", "location")
    best = min((ranked.index(c) for c in tracker.categories if c in ranked), default=len(ranked))
    return best, tracker.id


_IOS_KINDS = ("ios_frameworks", "ios_classes", "ios_plist_keys", "ios_config_files")
