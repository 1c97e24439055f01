"""What could be collected, by whom, how sure: the intersection rules and the roll-ups."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.explain import Access, Basis, explain_app, rollup_by_data_type, rollup_by_group, score
from checker.knowledge.base import Knowledge
from checker.models import (
    AppEvidence,
    AppResult,
    ClaimBasis,
    Evidence,
    EvidenceKind,
    Platform,
    Severity,
    TrackerHit,
)

FINE = "android.permission.ACCESS_FINE_LOCATION"


@pytest.fixture
def location_ads(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> str:
    """An ad SDK whose vendor documents collecting precise location (like the speed-test story)."""
    base = knowledge.trackers["amazon_mobile_ads"]
    tracker = replace(base, id="test_location_ads", collects=("precise_location", "advertising_id", "ip_address"),
                      collects_source="https://example.org/docs", collects_basis=ClaimBasis.VENDOR)  # fmt: skip
    monkeypatch.setitem(knowledge.trackers, tracker.id, tracker)
    return tracker.id


def app_with(knowledge: Knowledge, trackers: list[str], permissions: tuple[str, ...] = (), *,
             granted: tuple[str, ...] | None = None, target_sdk: int | None = 30, app_id: str = "com.speed") -> AppResult:  # fmt: skip
    app = AppEvidence(id=app_id, platform=Platform.ANDROID, sources=("x.apk",), permissions=permissions,
                      granted_permissions=granted, target_sdk=target_sdk)  # fmt: skip
    hits = tuple(
        TrackerHit(knowledge.trackers[t], (Evidence(EvidenceKind.CODE, "x.Y"),)) for t in trackers
    )
    return AppResult(app, hits, 10)


def exposures_of(result: AppResult, knowledge: Knowledge) -> dict[str, object]:
    (explanation,) = explain_app(result, knowledge)
    return {e.data_type: e for e in explanation.exposures}


def test_no_location_permission_no_location_exposure(
    knowledge: Knowledge, location_ads: str
) -> None:
    result = app_with(knowledge, [location_ads], ("android.permission.INTERNET",))
    (explanation,) = explain_app(result, knowledge)
    assert "precise_location" not in {e.data_type for e in explanation.exposures}
    assert explanation.blocked == ("precise_location",)  # documented, but this app cannot give it


def test_fine_location_permission_opens_precise_location(
    knowledge: Knowledge, location_ads: str
) -> None:
    exposures = exposures_of(app_with(knowledge, [location_ads], (FINE,)), knowledge)
    location = exposures["precise_location"]
    assert location.basis is Basis.DOCUMENTED and location.access is Access.REQUESTED  # type: ignore[attr-defined]
    assert location.permission == FINE  # type: ignore[attr-defined]
    assert {"home", "workplace", "religion", "health"} <= set(location.reveals)  # type: ignore[attr-defined]
    assert location.evidence is EvidenceKind.CODE  # type: ignore[attr-defined]


def test_granted_and_denied_permissions_are_told_apart(
    knowledge: Knowledge, location_ads: str
) -> None:
    granted = exposures_of(app_with(knowledge, [location_ads], (FINE,), granted=(FINE,)), knowledge)
    denied = exposures_of(app_with(knowledge, [location_ads], (FINE,), granted=()), knowledge)
    assert granted["precise_location"].access is Access.GRANTED  # type: ignore[attr-defined]
    assert denied["precise_location"].access is Access.DENIED  # type: ignore[attr-defined]
    assert denied["precise_location"].severity < granted["precise_location"].severity  # type: ignore[attr-defined]


def test_undocumented_sdk_still_gets_what_needs_no_permission(knowledge: Knowledge) -> None:
    undocumented = next(
        t.id for t in knowledge.trackers.values() if not t.collects and t.android_signatures
    )
    result = app_with(knowledge, [undocumented], (FINE,))
    (explanation,) = explain_app(result, knowledge)
    bases = {e.data_type: e.basis for e in explanation.exposures}
    assert bases["ip_address"] is Basis.BASELINE and bases["advertising_id"] is Basis.BASELINE
    assert bases["precise_location"] is Basis.PERMITTED  # its code runs with the app's permission
    assert not explanation.documented


def test_advertising_id_needs_ad_id_permission_from_android_13(
    knowledge: Knowledge, location_ads: str
) -> None:
    modern = exposures_of(app_with(knowledge, [location_ads], (), target_sdk=34), knowledge)
    assert "advertising_id" not in modern
    with_permission = exposures_of(
        app_with(
            knowledge, [location_ads], ("com.google.android.gms.permission.AD_ID",), target_sdk=34
        ),
        knowledge,
    )
    assert "advertising_id" in with_permission


def test_permitted_exposures_are_one_severity_lower(knowledge: Knowledge) -> None:
    undocumented = next(
        t.id for t in knowledge.trackers.values() if not t.collects and t.android_signatures
    )
    exposures = exposures_of(app_with(knowledge, [undocumented], (FINE,)), knowledge)
    assert exposures["precise_location"].severity == Severity.MEDIUM  # type: ignore[attr-defined]


def test_rollups_group_by_parent_company_across_apps(
    knowledge: Knowledge, location_ads: str
) -> None:
    per_app = {
        "com.a": explain_app(app_with(knowledge, ["google_admob"], app_id="com.a"), knowledge),
        "com.b": explain_app(app_with(knowledge, ["google_firebase_analytics", location_ads], (FINE,), app_id="com.b"), knowledge),
    }  # fmt: skip
    groups = {g.group_id: g for g in rollup_by_group(per_app)}
    assert groups["alphabet"].app_ids == ("com.a", "com.b")  # AdMob and Firebase are both Alphabet
    assert groups["amazon"].data_types["precise_location"] == ("com.b",)
    reach = rollup_by_data_type(per_app)
    assert set(reach["ip_address"]) == {"alphabet", "amazon"}
    # Both groups' code runs in com.b with the location permission; only Amazon documents using it.
    assert reach["precise_location"] == ("alphabet", "amazon")
    bases = {
        (e.company_id, e.basis)
        for h in per_app["com.b"]
        for e in h.exposures
        if e.data_type == "precise_location"
    }
    assert bases == {("google", Basis.PERMITTED), ("amazon", Basis.DOCUMENTED)}


def test_score_counts_each_group_and_data_type_once(
    knowledge: Knowledge, location_ads: str
) -> None:
    one = explain_app(app_with(knowledge, [location_ads], (FINE,)), knowledge)
    twice = one + explain_app(
        app_with(knowledge, [location_ads], (FINE,), app_id="com.other"), knowledge
    )
    flat_one = [e for h in one for e in h.exposures]
    flat_twice = [e for h in twice for e in h.exposures]
    assert score(flat_one) == score(flat_twice) > 0
    assert score([]) == 0
    assert score(flat_one * 50) <= 100
