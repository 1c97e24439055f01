"""Whose word a tracker's collection claim rests on: its vendor, a regulator or a lawsuit.

Each is worded differently wherever the claim reaches the reader, and the source is
always there to follow.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from checker import phrases
from checker.explain import explain_app
from checker.knowledge.base import Knowledge
from checker.models import (
    AppEvidence,
    AppResult,
    Basis,
    ClaimBasis,
    Evidence,
    EvidenceKind,
    Platform,
    TrackerHit,
)
from checker.report import to_json
from checker.report_html import app_section_html
from checker.report_text import kb_stats_text, to_text
from checker.scan import finish_report

FINE = "android.permission.ACCESS_FINE_LOCATION"
SOURCE = "https://example.org/complaint?case=1&page=2"


def location_sdk(knowledge: Knowledge, basis: ClaimBasis) -> TrackerHit:
    tracker = replace(
        knowledge.trackers["google_admob"],
        id=f"test_{basis}", name="Test Location SDK", collects=("precise_location", "contacts"),
        collects_source=SOURCE, collects_basis=basis,
    )  # fmt: skip
    return TrackerHit(tracker, (Evidence(EvidenceKind.CODE, "com.test.Sdk"),))


def app_with(hit: TrackerHit, *, declared: tuple[tuple[str, str], ...] = ()) -> AppResult:
    app = AppEvidence(id="com.speed", platform=Platform.ANDROID, sources=("x.apk",),
                      permissions=(FINE,), target_sdk=30, declared_data=declared)  # fmt: skip
    return AppResult(app, (hit,), 10)


@pytest.mark.parametrize(
    ("claim", "basis"),
    [
        (ClaimBasis.VENDOR, Basis.DOCUMENTED),
        (ClaimBasis.REGULATOR, Basis.FOUND),
        (ClaimBasis.LAWSUIT, Basis.ALLEGED),
    ],
)
def test_the_claims_source_becomes_the_exposures_basis(
    knowledge: Knowledge, claim: ClaimBasis, basis: Basis
) -> None:
    (explanation,) = explain_app(app_with(location_sdk(knowledge, claim)), knowledge)
    location = next(e for e in explanation.exposures if e.data_type == "precise_location")
    assert location.basis is basis
    assert explanation.blocked == ("contacts",)  # no contacts permission: not an exposure
    assert explanation.documented


def test_the_apps_own_privacy_manifest_stays_documented(knowledge: Knowledge) -> None:
    hit = location_sdk(knowledge, ClaimBasis.LAWSUIT)
    hit = replace(hit, tracker=replace(hit.tracker, ios_frameworks=("TestSDK",)))
    result = app_with(hit, declared=(("TestSDK", "precise_location"),))
    (explanation,) = explain_app(result, knowledge)
    location = next(e for e in explanation.exposures if e.data_type == "precise_location")
    assert location.basis is Basis.DOCUMENTED  # the vendor's manifest outranks an allegation


@pytest.mark.parametrize(
    ("claim", "en", "fr"),
    [
        (ClaimBasis.VENDOR, "documented by Alphabet Inc.", "documenté par Alphabet Inc."),
        (ClaimBasis.REGULATOR, "a regulator found Alphabet Inc. collected it",
         "une autorité a constaté que Alphabet Inc. le collectait"),
        (ClaimBasis.LAWSUIT, "a lawsuit alleges Alphabet Inc. collects it (not proven)",
         "une action en justice affirme que Alphabet Inc. le collecte (non prouvé)"),
    ],
)  # fmt: skip
def test_each_basis_is_worded_for_what_it_is(
    knowledge: Knowledge, claim: ClaimBasis, en: str, fr: str
) -> None:
    result = app_with(location_sdk(knowledge, claim))
    result = replace(result, explanations=explain_app(result, knowledge))
    for lang, expected in (("en", en), ("fr", fr)):
        lines = phrases.exposure_lines(result, knowledge, lang)
        location = next(line for line in lines if line.data_type == "precise_location")
        assert any(expected in clause for clause in location.who), location.who


def test_blocked_claims_keep_their_basis_in_the_notes(knowledge: Knowledge) -> None:
    result = app_with(location_sdk(knowledge, ClaimBasis.REGULATOR))
    result = replace(result, explanations=explain_app(result, knowledge))
    (en,) = [n for n in phrases.notes(result, knowledge, "en") if "contacts" in n.lower()]
    (fr,) = [n for n in phrases.notes(result, knowledge, "fr") if "contacts" in n.lower()]
    assert en.startswith("A regulator found that Test Location SDK collected contacts")
    assert fr.startswith("Une autorité a constaté que Test Location SDK collectait contacts")


def test_every_report_shows_where_the_claim_comes_from(knowledge: Knowledge) -> None:
    report = finish_report(
        [app_with(location_sdk(knowledge, ClaimBasis.LAWSUIT))], [], [], knowledge
    )
    (result,) = report.apps
    html = app_section_html(result, knowledge, "en")
    assert '<a href="https://example.org/complaint?case=1&amp;page=2">a lawsuit</a>' in html
    assert "(not proven in court)" in html
    assert "après <a href=" in app_section_html(result, knowledge, "fr")
    text = to_text(report, knowledge, "en")
    assert f"What it collects, as alleged in a lawsuit (not proven in court): {SOURCE}" in text
    assert f"(allégations non prouvées) : {SOURCE}" in to_text(report, knowledge, "fr")
    (tracker,) = json.loads(to_json(report, knowledge))["apps"][0]["trackers"]
    assert tracker["collects_basis"] == "lawsuit" and tracker["collects_source"] == SOURCE


def test_an_undocumented_tracker_links_nothing(knowledge: Knowledge) -> None:
    hit = location_sdk(knowledge, ClaimBasis.VENDOR)
    hit = replace(hit, tracker=replace(hit.tracker, collects=(), collects_source=None))
    report = finish_report([app_with(hit)], [], [], knowledge)
    assert "<a href" not in app_section_html(report.apps[0], knowledge, "en")
    assert phrases.claim_source(hit, "en") == ""


def test_kb_stats_counts_claims_by_basis(knowledge: Knowledge) -> None:
    stats = knowledge.stats()
    claimed = sum(bool(t.collects) for t in knowledge.trackers.values())
    assert stats.with_documented_collection == claimed == sum(stats.collection_by_basis.values())
    line = next(line for line in kb_stats_text(knowledge).splitlines() if "documented data" in line)
    assert f"vendor {stats.collection_by_basis.get('vendor', 0)}," in line
