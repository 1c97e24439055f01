"""Compile the TOML sources into a read-only SQLite database.

The database is named after a hash of the sources and of ``SCHEMA_VERSION``,
so an edited source or a new schema produces a new file, and an unchanged one
is reused without parsing any TOML. It is written to a temporary name and
renamed into place, so a crash never leaves a half-built database behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from checker.knowledge.sources import Sources, load_sources

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4

# Created up front so that an empty table still exists for readers.
_TABLES: dict[str, tuple[dict[str, type], str | tuple[str, ...]]] = {
    "meta": ({"key": str, "value": str}, "key"),
    "companies": (
        {"id": str, "name": str, "parent_id": str, "country": str, "kind": str, "website": str,
         "privacy_policy": str, "data_request": str, "laws": str, "opt_out": str},
        "id",
    ),
    "sdks": (
        {"id": str, "name": str, "company_id": str, "categories": str, "exodus_id": int,
         "collects": str, "collects_source": str, "collects_basis": str, "summary_en": str, "summary_fr": str,
         "refines": str},
        "id",
    ),
    "android_signatures": ({"sdk_id": str, "position": int, "signature": str}, ("sdk_id", "position")),
    "domains": ({"sdk_id": str, "domain": str}, ("sdk_id", "domain")),
    "data_types": (
        {"code": str, "name_en": str, "name_fr": str, "explain_en": str, "explain_fr": str,
         "severity": str, "without_permission": int, "reveals": str},
        "code",
    ),
    "android_permissions": ({"permission": str, "protection": str, "unlocks": str}, "permission"),
    "vocabulary": ({"kind": str, "code": str, "en": str, "fr": str}, ("kind", "code")),
    "ios_signatures": ({"sdk_id": str, "kind": str, "value": str}, ("sdk_id", "kind", "value")),
    "skadnetwork_ids": ({"company_id": str, "skadnetwork_id": str}, "skadnetwork_id"),
    "ios_permissions": ({"key": str, "unlocks": str}, "key"),
    "privacy_report_categories": ({"category": str, "unlocks": str}, "category"),
}  # fmt: skip


def content_hash(root: Path) -> str:
    """Hash of every source file (names and bytes) plus the schema version."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for path in sorted(root.rglob("*.toml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def compiled_path(root: Path, cache: Path) -> Path:
    """The database for the current sources, compiled now if it does not exist yet."""
    target = cache / f"knowledge-{content_hash(root)[:16]}.sqlite"
    if target.exists():
        return target
    sources = load_sources(root)
    fd, temp_name = tempfile.mkstemp(prefix=".knowledge-", suffix=".tmp", dir=cache)
    os.close(fd)
    temp = Path(temp_name)
    try:
        write_database(sources, temp, content_hash(root))
        temp.replace(target)
    finally:
        temp.unlink(missing_ok=True)
    for stale in cache.glob("knowledge-*.sqlite"):
        if stale != target:
            stale.unlink(missing_ok=True)
    log.info("compiled knowledge base: %d trackers", len(sources.trackers))
    return target


def write_database(sources: Sources, path: Path, source_hash: str) -> None:
    """Write every table; ``path`` must be a fresh file."""
    connection = sqlite3.connect(path)
    try:
        db = sqlite_utils.Database(connection)
        for name, (columns, pk) in _TABLES.items():
            db.table(name).create(columns, pk=pk)
        db.table("meta").insert_all(
            [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "content_hash", "value": source_hash},
                {"key": "release_date", "value": sources.release_date},
            ],
        )
        db.table("companies").insert_all(
            (
                {
                    "id": c.id,
                    "name": c.name,
                    "parent_id": c.parent_id,
                    "country": c.country,
                    "kind": c.kind,
                    "website": c.website,
                    "privacy_policy": c.privacy_policy,
                    "data_request": c.data_request,
                    "laws": json.dumps(c.laws),
                    "opt_out": c.opt_out,
                }
                for c in sources.companies.values()
            ),
        )
        db.table("sdks").insert_all(
            (
                {
                    "id": t.id,
                    "name": t.name,
                    "company_id": t.company_id,
                    "categories": json.dumps(t.categories),
                    "exodus_id": t.exodus_id,
                    "collects": json.dumps(t.collects),
                    "collects_source": t.collects_source,
                    "collects_basis": t.collects_basis.value,
                    "summary_en": t.summary_en,
                    "summary_fr": t.summary_fr,
                    "refines": json.dumps(sources.refines.get(t.id, ())),
                }
                for t in sources.trackers.values()
            ),
        )
        db.table("android_signatures").insert_all(
            (
                {"sdk_id": t.id, "position": i, "signature": s}
                for t in sources.trackers.values()
                for i, s in enumerate(t.android_signatures)
            ),
        )
        db.table("domains").insert_all(
            ({"sdk_id": t.id, "domain": d} for t in sources.trackers.values() for d in t.domains),
        )
        db.table("data_types").insert_all(
            (
                {
                    "code": d.code,
                    "name_en": d.name_en,
                    "name_fr": d.name_fr,
                    "explain_en": d.explain_en,
                    "explain_fr": d.explain_fr,
                    "severity": d.severity,
                    "without_permission": d.without_permission,
                    "reveals": json.dumps(d.reveals),
                }
                for d in sources.data_types.values()
            ),
        )
        db.table("android_permissions").insert_all(
            (
                {"permission": name, "protection": protection, "unlocks": json.dumps(unlocks)}
                for name, (protection, unlocks) in sources.permissions.items()
            ),
        )
        db.table("vocabulary").insert_all(
            (
                {"kind": kind, "code": code, "en": en, "fr": fr}
                for kind, entries in sources.vocabulary.items()
                for code, (en, fr) in entries.items()
            ),
        )
        db.table("ios_signatures").insert_all(
            {"sdk_id": t.id, "kind": kind, "value": value}
            for t in sources.trackers.values()
            for kind in ("ios_frameworks", "ios_classes", "ios_plist_keys", "ios_config_files")
            for value in getattr(t, kind)
        )
        db.table("skadnetwork_ids").insert_all(
            {"company_id": c.id, "skadnetwork_id": sk}
            for c in sources.companies.values()
            for sk in c.skadnetwork_ids
        )
        db.table("ios_permissions").insert_all(
            {"key": key, "unlocks": json.dumps(unlocks)}
            for key, unlocks in sources.ios_permissions.items()
        )
        db.table("privacy_report_categories").insert_all(
            {"category": key, "unlocks": json.dumps(unlocks)}
            for key, unlocks in sources.privacy_report_categories.items()
        )
        connection.commit()
    finally:
        connection.close()
