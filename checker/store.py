"""The user's own database: settings, consents and the history of scans.

One module owns it. The schema version lives in ``PRAGMA user_version``;
migrations run in order inside a transaction after a backup copy is taken.
The file is private to the user (mode 600). A database that cannot be opened
is moved aside (never deleted) and replaced by a fresh one, and the caller is
told so.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils

from checker import paths

log = logging.getLogger(__name__)

DATABASE_NAME = "exposure-checker.sqlite"


class Consent(StrEnum):
    """Tri-state consent for an online action: never assumed."""

    NOT_ASKED = "not_asked"
    YES = "yes"
    NO = "no"


def _v1(db: sqlite_utils.Database) -> None:
    db.table("settings").create({"key": str, "value": str}, pk="key")


def _v2(db: sqlite_utils.Database) -> None:
    db.table("scans").create(
        {"id": int, "created_at": str, "inputs": str, "knowledge_version": str, "apps": int,
         "trackers": int, "score": int, "report": str},
        pk="id",
    )  # fmt: skip


def _v3(db: sqlite_utils.Database) -> None:
    db.table("lookups").create({"key": str, "fetched_at": float, "body": str}, pk="key")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3]


@dataclass(frozen=True, slots=True)
class ScanRecord:
    id: int
    created_at: str
    inputs: tuple[str, ...]
    knowledge_version: str
    apps: int
    trackers: int
    score: int


class Store:
    """Settings, consents and scan history in one SQLite file in the data directory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.data_dir() / DATABASE_NAME
        self.recovered_from: Path | None = None
        self._connection = self._open()
        self.db = sqlite_utils.Database(self._connection)
        self._migrate()

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _open(self, *, retry: bool = True) -> sqlite3.Connection:
        fresh = not self.path.exists()
        if fresh:
            # Create it private before SQLite writes a single byte into it.
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            verdict = connection.execute("pragma quick_check").fetchone()
            version = connection.execute("pragma user_version").fetchone()[0]
            if verdict is None or verdict[0] != "ok" or version > len(MIGRATIONS):
                raise sqlite3.DatabaseError(f"integrity: {verdict}, schema {version}")
            return connection
        except sqlite3.OperationalError:
            connection.close()
            raise  # locked or unreadable is not damaged: never move a healthy file aside
        except sqlite3.DatabaseError as exc:
            connection.close()
            if not retry:
                raise
            log.warning("user database unusable (%s); moving it aside", type(exc).__name__)
            self.recovered_from = self._move_aside()
            return self._open(retry=False)

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.broken-{stamp}{self.path.suffix}")
        self.path.replace(target)
        return target

    def _migrate(self) -> None:
        version = self._connection.execute("pragma user_version").fetchone()[0]
        if version == len(MIGRATIONS):
            return
        if version > 0:
            backup = self.path.with_name(
                f"{self.path.stem}.before-v{len(MIGRATIONS)}{self.path.suffix}"
            )
            shutil.copy2(self.path, backup)
        # One explicit transaction (SQLite's DDL is transactional): all migrations or none.
        self._connection.execute("begin immediate")
        try:
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                migration(self.db)
                self._connection.execute(f"pragma user_version = {number}")
        except BaseException:
            self._connection.execute("rollback")
            raise
        self._connection.execute("commit")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("begin immediate")
        try:
            yield
        except BaseException:
            self._connection.execute("rollback")
            raise
        self._connection.execute("commit")

    # ------------------------------------------------------------------ settings

    def get(self, key: str) -> str | None:
        row = self._connection.execute(
            "select value from settings where key = ?", (key,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        with self._transaction():
            self._connection.execute(
                "insert into settings(key, value) values(?, ?) "
                "on conflict(key) do update set value = excluded.value",
                (key, value),
            )

    def delete(self, key: str) -> None:
        with self._transaction():
            self._connection.execute("delete from settings where key = ?", (key,))

    # ------------------------------------------------------------------ history

    def save_scan(
        self, created_at: str, inputs: list[str], knowledge_version: str, report: dict[str, Any]
    ) -> int:
        """Store one finished scan in a single transaction; returns its id."""
        apps = report.get("apps", [])
        row = {
            "created_at": created_at,
            "inputs": json.dumps(inputs, ensure_ascii=False),
            "knowledge_version": knowledge_version,
            "apps": len(apps),
            "trackers": sum(len(a.get("trackers", [])) for a in apps),
            "score": int(report.get("score", {}).get("value", 0)),
            "report": json.dumps(report, ensure_ascii=False),
        }
        with self._transaction():
            cursor = self._connection.execute(
                "insert into scans (created_at, inputs, knowledge_version, apps, trackers, score, report) "
                "values (:created_at, :inputs, :knowledge_version, :apps, :trackers, :score, :report)",
                row,
            )
        return int(cursor.lastrowid or 0)

    def scans(self) -> list[ScanRecord]:
        rows = self._connection.execute(
            "select id, created_at, inputs, knowledge_version, apps, trackers, score from scans order by id desc"
        )
        return [
            ScanRecord(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4], r[5], r[6]) for r in rows
        ]

    def scan_report(self, scan_id: int) -> dict[str, Any] | None:
        row = self._connection.execute(
            "select report from scans where id = ?", (scan_id,)
        ).fetchone()
        if row is None:
            return None
        report: dict[str, Any] = json.loads(row[0])
        return report

    def reports(self) -> list[tuple[int, dict[str, Any]]]:
        """Every saved report, newest first."""
        rows = self._connection.execute("select id, report from scans order by id desc")
        return [(int(r[0]), json.loads(r[1])) for r in rows]

    def delete_scans(self, scan_id: int | None = None) -> int:
        """Delete one scan, or all; the file is vacuumed so nothing lingers in free pages."""
        with self._transaction():
            if scan_id is None:
                cursor = self._connection.execute("delete from scans")
            else:
                cursor = self._connection.execute("delete from scans where id = ?", (scan_id,))
        self._connection.execute("vacuum")
        return cursor.rowcount

    # ------------------------------------------------------------------ cached look-ups

    def cached(self, key: str, max_age: float) -> str | None:
        row = self._connection.execute(
            "select fetched_at, body from lookups where key = ?", (key,)
        ).fetchone()
        if row is None or time.time() - float(row[0]) > max_age:
            return None
        return str(row[1])

    def cache(self, key: str, body: str) -> None:
        with self._transaction():
            self._connection.execute(
                "insert into lookups(key, fetched_at, body) values(?, ?, ?) "
                "on conflict(key) do update set fetched_at = excluded.fetched_at, body = excluded.body",
                (key, time.time(), body),
            )

    # ------------------------------------------------------------------ consent

    def consent(self, feature: str) -> Consent:
        value = self.get(f"consent.{feature}")
        return Consent(value) if value in {c.value for c in Consent} else Consent.NOT_ASKED

    def set_consent(self, feature: str, granted: bool) -> None:
        self.set(f"consent.{feature}", Consent.YES if granted else Consent.NO)
