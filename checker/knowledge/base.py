"""The knowledge base as the engine uses it: read once, queried in memory."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from checker import paths
from checker.knowledge.compile import compiled_path
from checker.models import Company, KnowledgeInfo, Tracker
from checker.signatures import SignatureSet


@dataclass(frozen=True, slots=True)
class KnowledgeStats:
    trackers: int
    companies: int
    exodus_linked: int
    with_android_signatures: int
    with_domains: int
    with_documented_collection: int
    by_category: dict[str, int]
    by_company_kind: dict[str, int]
    by_parent: dict[str, int]
    data_types: int
    permissions: int


class Knowledge:
    """Companies, trackers, signatures and mappings, loaded from the compiled database."""

    def __init__(self, database: Path) -> None:
        self.database = database
        uri = f"{database.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
        connection.row_factory = sqlite3.Row
        try:
            self._load(connection)
        finally:
            connection.close()

    @classmethod
    def load(cls, root: Path | None = None, cache: Path | None = None) -> Knowledge:
        """Compile the bundled sources if needed (cached by content hash) and load them."""
        root = root if root is not None else paths.resources_dir() / "knowledge"
        cache = cache if cache is not None else paths.cache_dir()
        return cls(compiled_path(root, cache))

    def _load(self, db: sqlite3.Connection) -> None:
        meta = {row["key"]: row["value"] for row in db.execute("select key, value from meta")}
        self.content_hash: str = meta.get("content_hash", "")
        self.release_date: str = meta.get("release_date", "")
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
            )
            for row in db.execute("select * from companies")
        }
        signatures: dict[str, list[str]] = {}
        for row in db.execute("select * from android_signatures order by sdk_id, position"):
            signatures.setdefault(row["sdk_id"], []).append(row["signature"])
        domains: dict[str, list[str]] = {}
        for row in db.execute("select * from domains"):
            domains.setdefault(row["sdk_id"], []).append(row["domain"])
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
                summary_en=row["summary_en"],
                summary_fr=row["summary_fr"],
            )
            for row in db.execute("select * from sdks order by id")
        }
        self.vocabulary: dict[tuple[str, str], tuple[str, str]] = {
            (row["kind"], row["code"]): (row["en"], row["fr"])
            for row in db.execute("select * from vocabulary")
        }
        self.data_type_names: dict[str, tuple[str, str]] = {
            row["code"]: (row["name_en"], row["name_fr"])
            for row in db.execute("select code, name_en, name_fr from data_types")
        }
        self.permission_unlocks: dict[str, tuple[str, ...]] = {
            row["permission"]: tuple(json.loads(row["unlocks"]))
            for row in db.execute("select permission, unlocks from android_permissions")
        }

    @cached_property
    def android_signatures(self) -> SignatureSet:
        """Every Android code signature, compiled once."""
        return SignatureSet(
            (tracker.id, signature)
            for tracker in self.trackers.values()
            for signature in tracker.android_signatures
        )

    @property
    def info(self) -> KnowledgeInfo:
        version = f"{self.release_date}+{self.content_hash[:12]}"
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
            with_documented_collection=sum(bool(t.collects) for t in trackers),
            by_category=dict(by_category.most_common()),
            by_company_kind=dict(by_kind.most_common()),
            by_parent=dict(by_parent.most_common()),
            data_types=len(self.data_type_names),
            permissions=len(self.permission_unlocks),
        )
