"""Hostile inputs a code review found escaping as crashes: each now stays a calm, typed result."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest

from checker.knowledge.base import Knowledge
from checker.scan import scan
from checker.store import DATABASE_NAME, Store
from tests.builders.apk import build_apk, write, zip_bytes
from tests.builders.apple import build_ipa, privacy_manifest
from tests.builders.privacy_report import ndjson, network

AMAZON = "com.amazon.device.ads.AdLayout"


def test_a_zip_claiming_an_unknown_version_does_not_stop_the_folder(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    data = bytearray(zip_bytes({"AndroidManifest.xml": b"x", "classes.dex": b"y"}))
    central = data.rfind(b"PK\x01\x02")
    while central >= 0:
        struct.pack_into("<H", data, central + 6, 210)  # 'version needed to extract' = 21.0
        central = data.rfind(b"PK\x01\x02", 0, central)
    write(tmp_path / "apps" / "odd.apk", bytes(data))
    write(tmp_path / "apps" / "good.apk", build_apk("org.good", classes=[AMAZON]))
    report = scan([str(tmp_path / "apps")], knowledge)
    assert [r.app.id for r in report.apps] == ["org.good"]
    assert [e.code for e in report.errors] in ([], ["malformed"])


def test_an_overlong_path_is_an_error_not_a_crash(tmp_path: Path, knowledge: Knowledge) -> None:
    good = write(tmp_path / "good.apk", build_apk("org.good", classes=[AMAZON]))
    report = scan(["a" * 300, str(good)], knowledge)
    assert [r.app.id for r in report.apps] == ["org.good"]
    assert len(report.errors) == 1


def test_privacy_manifest_values_of_the_wrong_type_are_ignored(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    import plistlib

    weird = plistlib.dumps(
        {"NSPrivacyTrackingDomains": 5, "NSPrivacyCollectedDataTypes": "doubleclick.net"}
    )
    ipa = write(
        tmp_path / "w.ipa",
        build_ipa(
            extra={
                "PrivacyInfo.xcprivacy": weird,
                "Frameworks/X.framework/PrivacyInfo.xcprivacy": privacy_manifest(
                    domains=["graph.facebook.com"]
                ),
            }
        ),
    )
    report = scan([str(ipa)], knowledge)
    assert report.errors == () and report.apps[0].app.declared_domains == (
        ("X", "graph.facebook.com"),
    )


def test_a_recursion_bomb_line_is_one_skipped_line(tmp_path: Path, knowledge: Knowledge) -> None:
    path = write(
        tmp_path / "r.ndjson",
        ndjson([network("com.a.b", "graph.facebook.com"), "[" * 100_000, "1" * 5000]),
    )
    report = scan([str(path)], knowledge)
    assert report.errors == () and [r.app.id for r in report.apps] == ["com.a.b"]
    assert "2 not JSON" in report.warnings[0].detail


def test_a_locked_history_is_not_mistaken_for_a_damaged_one(fresh_home: Path) -> None:
    with Store():
        pass
    holder = sqlite3.connect(fresh_home / DATABASE_NAME, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        with pytest.raises(sqlite3.OperationalError):
            Store(fresh_home / DATABASE_NAME)._connection.execute("pragma quick_check")
    except sqlite3.OperationalError:
        pass
    finally:
        holder.execute("rollback")
        holder.close()
    assert not list(fresh_home.glob("*.broken-*"))


def test_an_ipa_without_a_top_level_app_folder_is_an_error(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    nested = write(tmp_path / "odd.ipa", zip_bytes({"Payload/Sub/Game.app/Info.plist": b"x"}))
    report = scan([str(nested)], knowledge)
    assert report.apps == () or not report.apps
    assert [e.code for e in report.errors] == ["malformed"]
    assert "Payload" in report.errors[0].detail


def test_idfa_on_ios_needs_app_tracking_transparency(knowledge: Knowledge) -> None:
    from checker.explain import explain_app
    from checker.models import AppEvidence, AppResult, Evidence, EvidenceKind, Platform, TrackerHit

    def exposures(keys: tuple[str, ...]) -> set[str]:
        app = AppEvidence(id="com.example.game", platform=Platform.IOS, sources=("g.ipa",),
                          permissions=keys)  # fmt: skip
        hit = TrackerHit(
            knowledge.trackers["amazon_mobile_ads"], (Evidence(EvidenceKind.CODE, "x"),)
        )
        (explanation,) = explain_app(AppResult(app, (hit,), 1), knowledge)
        return {e.data_type for e in explanation.exposures}

    assert "advertising_id" not in exposures(())
    assert "advertising_id" in exposures(("NSUserTrackingUsageDescription",))


def test_an_app_only_named_in_a_list_is_not_called_clean(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    from checker.report_text import to_text

    listing = write(tmp_path / "ids.txt", b"com.example.one\n")
    report = scan([str(listing)], knowledge)
    text = to_text(report, knowledge, "en")
    assert "Listed only" in text and "No known tracker" not in text


def test_ctrl_d_at_the_consent_question_is_a_no(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import builtins
    import sys

    from checker.cli_output import consent_granted
    from checker.store import Consent

    def no_answer(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", no_answer)
    with Store() as store:
        assert consent_granted(store, "app_lookup", None, "Allow?") is False
        assert store.consent("app_lookup") is Consent.NOT_ASKED
