"""Every scan is saved; history lists, compares and really deletes; the database heals."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from checker.store import DATABASE_NAME, Store
from tests.builders.apk import build_apk, write
from tests.builders.cli import run

AMAZON = "com.amazon.device.ads.AdLayout"
FIREBASE = "com.google.firebase.analytics.FirebaseAnalytics"


def test_scans_are_saved_and_listed(tmp_path: Path) -> None:
    apk = write(tmp_path / "speed.apk", build_apk("org.speed", classes=[AMAZON], label="Speed"))
    assert "scan #1" in run("scan", str(apk))[2]
    run("scan", str(apk), "--no-history")
    assert "scan #2" in run("scan", str(apk), "--format", "json")[2]
    code, out, _ = run("history")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert (
        lines[0].startswith("#2") and "1 apps · 1 trackers" in lines[0] and "speed.apk" in lines[0]
    )
    code, out, _ = run("history", "show", "1")
    assert code == 0 and '"org.speed"' in out
    assert run("history", "show", "99")[0] == 1


def test_diff_shows_what_changed(tmp_path: Path) -> None:
    write(tmp_path / "v1" / "speed.apk", build_apk("org.speed", classes=[AMAZON], version_code=1))
    write(tmp_path / "v1" / "old.apk", build_apk("org.old", classes=["org.old.Main"]))
    write(
        tmp_path / "v2" / "speed.apk",
        build_apk("org.speed", classes=[AMAZON, FIREBASE], version_code=2),
    )
    write(tmp_path / "v2" / "new.apk", build_apk("org.new", classes=["org.new.Main"]))
    run("scan", str(tmp_path / "v1"))
    run("scan", str(tmp_path / "v2"))
    code, out, _ = run("history", "diff", "1", "2")
    assert code == 0
    assert "new app: org.new" in out and "app gone: org.old" in out
    assert "org.speed: new trackers Google Analytics for Firebase" in out
    assert "new company receiving data: Google LLC" in out
    _, same, _ = run("history", "diff", "2", "2", "--lang", "fr")
    assert "Rien n'a changé" in same


def test_delete_really_deletes(tmp_path: Path, fresh_home: Path) -> None:
    apk = write(tmp_path / "secret-app.apk", build_apk("org.very.private.app", classes=[AMAZON]))
    run("scan", str(apk))
    run("scan", str(apk))
    assert run("history", "delete", "1")[0] == 0
    assert len(run("history")[1].splitlines()) == 1
    assert "2" not in run("history", "delete", "7")[1]
    code, out, _ = run("history", "delete", "--all")
    assert code == 0 and "1 scan(s) deleted" in out
    assert "No scan saved yet" in run("history")[1]
    data = (fresh_home / DATABASE_NAME).read_bytes()
    assert b"org.very.private.app" not in data  # vacuumed: nothing left in free pages


def test_database_is_private_to_the_user(fresh_home: Path) -> None:
    with Store():
        pass
    mode = stat.S_IMODE((fresh_home / DATABASE_NAME).stat().st_mode)
    assert mode & 0o077 == 0


def test_old_schema_is_migrated_with_a_backup(fresh_home: Path) -> None:
    path = fresh_home / DATABASE_NAME
    with sqlite3.connect(path) as old:  # what version 1 of the app left behind
        old.execute("create table settings (key text primary key, value text)")
        old.execute("insert into settings values ('consent.kb_update', 'yes')")
        old.execute("pragma user_version = 1")
    with Store() as store:
        assert store.get("consent.kb_update") == "yes"
        assert store.scans() == []
        store.save_scan(
            "2026-01-01T00:00:00+00:00", ["a.apk"], "kb", {"apps": [], "score": {"value": 0}}
        )
    assert list(fresh_home.glob("*.before-v*.sqlite"))  # a copy of the old file, taken first


def test_a_corrupted_database_is_moved_aside_and_replaced(tmp_path: Path, fresh_home: Path) -> None:
    (fresh_home / DATABASE_NAME).write_bytes(b"this is not a database" * 100)
    apk = write(tmp_path / "a.apk", build_apk("org.a", classes=[AMAZON]))
    code, _, err = run("scan", str(apk))
    assert code == 0
    assert "was damaged" in err and "scan #1" in err
    assert len(list(fresh_home.glob("*.broken-*"))) == 1  # kept, never deleted


def test_a_database_from_a_newer_version_is_not_touched(fresh_home: Path) -> None:
    path = fresh_home / DATABASE_NAME
    with sqlite3.connect(path) as newer:
        newer.execute("pragma user_version = 99")
    with Store() as store:
        assert store.recovered_from is not None
    assert store.recovered_from.exists()
