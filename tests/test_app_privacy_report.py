"""The iPhone's App Privacy Report: observed contacts attributed to trackers, data uses as facts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker import cli
from checker.knowledge.base import Knowledge
from checker.models import Access, EvidenceKind, Platform
from checker.scan import scan
from checker.sources.app_privacy_report import MAX_LINE_BYTES
from tests.builders.apk import write
from tests.builders.privacy_report import access, beta_access, beta_network, ndjson, network
from tests.conftest import SHARED

SAMPLE = SHARED / "samples" / "ios_app_privacy_report" / "plaso_ios15.ndjson"
GAME = "com.example.game"


def report_of(tmp_path: Path, knowledge: Knowledge, *records: object, name: str = "report.ndjson"):  # type: ignore[no-untyped-def]
    path = write(tmp_path / name, ndjson(records))  # type: ignore[arg-type]
    return scan([str(path)], knowledge)


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples is not present")
def test_the_real_ios15_sample(knowledge: Knowledge) -> None:
    report = scan([str(SAMPLE)], knowledge)
    assert report.errors == () and report.warnings == ()
    apps = {r.app.id: r for r in report.apps}
    assert len(apps) == 9 and all(r.app.platform is Platform.IOS for r in report.apps)
    calendar = apps["com.apple.mobilecal"].app
    assert {a.category for a in calendar.data_accesses} == {"location", "contacts"}
    assert sum(c.hits for c in calendar.contacted_domains) >= 10
    observed = [h for r in report.apps for h in r.hits]
    assert observed and all(e.kind is EvidenceKind.OBSERVED for h in observed for e in h.evidence)


def test_contacted_tracker_domains_become_observed_hits(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    report = report_of(
        tmp_path, knowledge,
        network(GAME, "graph.facebook.com", hits=12), network(GAME, "graph.facebook.com", hits=3),
        network(GAME, "api.example-game.com", hits=40), network(GAME, "googleads.g.doubleclick.net", hits=2),
    )  # fmt: skip
    (result,) = report.apps
    assert {c.domain: c.hits for c in result.app.contacted_domains}["graph.facebook.com"] == 15
    companies = {knowledge.company_chain(h.tracker.company_id)[-1].id for h in result.hits}
    assert companies == {"meta", "alphabet"}
    evidence = [e for h in result.hits for e in h.evidence]
    assert all(e.kind is EvidenceKind.OBSERVED for e in evidence)
    assert any(e.detail == "graph.facebook.com ×15" for e in evidence)


def test_data_uses_count_intervals_and_feed_the_explanations(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    report = report_of(
        tmp_path, knowledge,
        access(GAME, "location", "2024-03-01T10:00:00+01:00"), access(GAME, "location", "2024-03-01T10:05:00+01:00", "intervalEnd"),
        access(GAME, "location", "2024-03-02T08:00:00+01:00"), access(GAME, "contacts", "2024-03-03T09:00:00+01:00"),
        network(GAME, "graph.facebook.com"),
    )  # fmt: skip
    (result,) = report.apps
    uses = {a.category: a for a in result.app.data_accesses}
    assert uses["location"].count == 2 and uses["location"].last_seen.startswith("2024-03-02")
    exposures = {e.data_type: e for h in result.explanations for e in h.exposures}
    assert exposures["precise_location"].access is Access.USED  # the app really used it


def test_ios15_beta_field_names_are_understood(tmp_path: Path, knowledge: Knowledge) -> None:
    report = report_of(
        tmp_path, knowledge,
        beta_access(GAME, "kTCCServiceCamera", "2021-07-01T10:00:00Z"),
        beta_access(GAME, "kTCCServiceAddressBook", "2021-07-01T11:00:00Z"),
        beta_network(GAME, "graph.facebook.com", "2021-07-01T11:00:00Z"),
    )  # fmt: skip
    (result,) = report.apps
    assert {a.category for a in result.app.data_accesses} == {"camera", "contacts"}
    assert result.hits


def test_malformed_lines_are_skipped_and_counted(tmp_path: Path, knowledge: Knowledge) -> None:
    report = report_of(
        tmp_path, knowledge,
        network(GAME, "graph.facebook.com"), "{not json", "[1,2]", '{"type":"networkActivity"}',
        "x" * (MAX_LINE_BYTES + 10), "\xff\xfe", network(GAME, "app-measurement.com"),
    )  # fmt: skip
    assert report.errors == ()
    (warning,) = report.warnings
    assert (
        warning.code == "skipped_lines"
        and "not JSON" in warning.detail
        and "line too long" in warning.detail
    )
    assert len(report.apps[0].app.contacted_domains) == 2


def test_a_report_with_no_app_activity_is_an_error(tmp_path: Path, knowledge: Knowledge) -> None:
    report = report_of(tmp_path, knowledge, '{"type": "other", "x": 1}', '{"type": "access"}')
    assert [e.code for e in report.errors] == ["malformed"]


def test_cli_reads_it_and_words_it_in_both_languages(tmp_path: Path) -> None:
    path = write(tmp_path / "r.ndjson", ndjson([access(GAME, "location", "2024-03-01T10:00:00+01:00"),
                                                 network(GAME, "graph.facebook.com", hits=4)]))  # fmt: skip
    out = io.StringIO()
    assert cli.main(["scan", str(path), "--no-history"], stdout=out, stderr=io.StringIO()) == 0
    text = out.getvalue()
    assert (
        "What your iPhone saw this app do" in text and "used your precise location 1 time" in text
    )
    assert "Trackers this app contacted" in text and "Tracker code inside" not in text
    out_fr = io.StringIO()
    cli.main(
        ["scan", str(path), "--no-history", "--lang", "fr", "--format", "json"],
        stdout=out_fr,
        stderr=io.StringIO(),
    )
    doc = json.loads(out_fr.getvalue())
    assert doc["apps"][0]["contacted_domains"][0] == {"domain": "graph.facebook.com", "hits": 4,
        "first_seen": "2024-03-01T10:00:00.000+01:00", "last_seen": "2024-03-01T10:00:00.000+01:00", "app_initiated": True}  # fmt: skip


def test_distinct_contacts_are_capped_so_memory_stays_bounded(
    tmp_path: Path, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.sources.app_privacy_report.MAX_CONTACTS", 50)
    report = report_of(
        tmp_path, knowledge, *(network(GAME, f"h{i}.example.com") for i in range(80))
    )
    assert len(report.apps[0].app.contacted_domains) == 50
    assert "30 too many domains" in report.warnings[0].detail


def test_apps_named_only_by_bundle_id_get_known_names(tmp_path: Path, knowledge: Knowledge) -> None:
    report = report_of(tmp_path, knowledge, network("com.burbn.instagram", "graph.facebook.com"),
                       network("com.unknown.thing", "example.org"))  # fmt: skip
    names = {r.app.id: r.app.name for r in report.apps}
    assert names == {"com.burbn.instagram": "Instagram", "com.unknown.thing": None}
