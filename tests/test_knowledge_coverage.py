"""What the bundled knowledge base covers: every εxodus tracker, and more."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from checker.archives import EXPORT_HOLDERS
from checker.knowledge.base import Knowledge
from checker.models import ClaimBasis
from tests.conftest import EXODUS_LIST, SHARED

APP_PRIVACY_REPORT_SAMPLE = SHARED / "samples" / "ios_app_privacy_report" / "plaso_ios15.ndjson"

DANGEROUS_PERMISSIONS = [
    "ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION", "CAMERA",
    "RECORD_AUDIO", "READ_CONTACTS", "WRITE_CONTACTS", "GET_ACCOUNTS", "READ_CALENDAR",
    "WRITE_CALENDAR", "READ_CALL_LOG", "WRITE_CALL_LOG", "PROCESS_OUTGOING_CALLS",
    "READ_PHONE_STATE", "READ_PHONE_NUMBERS", "CALL_PHONE", "ANSWER_PHONE_CALLS",
    "USE_SIP", "SEND_SMS", "RECEIVE_SMS", "READ_SMS", "RECEIVE_WAP_PUSH", "RECEIVE_MMS",
    "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE", "READ_MEDIA_IMAGES", "READ_MEDIA_VIDEO",
    "READ_MEDIA_AUDIO", "READ_MEDIA_VISUAL_USER_SELECTED", "BODY_SENSORS",
    "BODY_SENSORS_BACKGROUND", "ACTIVITY_RECOGNITION", "BLUETOOTH_SCAN", "BLUETOOTH_CONNECT",
    "BLUETOOTH_ADVERTISE", "NEARBY_WIFI_DEVICES", "UWB_RANGING", "POST_NOTIFICATIONS",
    "ACCESS_MEDIA_LOCATION",
]  # fmt: skip
PRIVACY_RELEVANT_NORMAL = [
    "android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.ACCESS_WIFI_STATE", "com.google.android.gms.permission.AD_ID",
    "android.permission.QUERY_ALL_PACKAGES", "android.permission.BLUETOOTH",
    "android.permission.BLUETOOTH_ADMIN", "com.android.voicemail.permission.ADD_VOICEMAIL",
]  # fmt: skip


PINNED = re.compile(r"https://github\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/")


def test_sizes_meet_the_targets(knowledge: Knowledge) -> None:
    stats = knowledge.stats()
    assert stats.trackers >= 550
    assert stats.with_ios_signatures >= 150
    with_domains = {t.id for t in knowledge.trackers.values() if t.domains}
    assert len(with_domains) >= 300
    documented = [t for t in knowledge.trackers.values() if t.collects]
    assert len(documented) >= 239
    assert all(t.collects_source.startswith("https://") for t in documented)
    # a file in a repository is cited as it was read: pinned to a commit (a wiki page has no blob)
    on_github = [t.collects_source for t in documented if "//github.com/" in t.collects_source]
    assert all(PINNED.match(url) or "/wiki/" in url for url in on_github)
    # a regulator's or a lawsuit's word only stands in where the vendor publishes nothing
    assert sum(t.collects_basis is ClaimBasis.VENDOR for t in documented) >= 230


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_every_exodus_code_signature_is_recognised_under_its_exodus_id(
    knowledge: Knowledge,
) -> None:
    exodus = json.loads(EXODUS_LIST.read_text())["trackers"]
    linked = {t.exodus_id for t in knowledge.trackers.values()}
    missing = []
    for tracker_id, tracker in exodus.items():
        signature = tracker["code_signature"]
        if len(signature) <= 3:
            continue  # εxodus ignores these too
        if int(tracker_id) not in linked:
            missing.append((tracker_id, tracker["name"]))
            continue
        for alternative in signature.split("|"):
            found = knowledge.android_signatures.match(f"x.{alternative}X.Example")
            reported = {knowledge.trackers[t].exodus_id for t in found}
            assert int(tracker_id) in reported, (tracker_id, alternative)
    assert missing == []


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_we_know_more_than_exodus(knowledge: Knowledge) -> None:
    exodus_count = sum(
        1 for t in json.loads(EXODUS_LIST.read_text())["trackers"].values() if t["code_signature"]
    )
    ours = sum(1 for t in knowledge.trackers.values() if t.android_signatures)
    assert ours >= exodus_count + 100


def test_every_company_is_reachable_from_an_sdk_or_holds_an_export_we_read(
    knowledge: Knowledge,
) -> None:
    reachable = {
        c.id for t in knowledge.trackers.values() for c in knowledge.company_chain(t.company_id)
    }
    assert set(knowledge.companies) - reachable == {"apple"}
    assert set(EXPORT_HOLDERS) <= set(knowledge.companies)


def test_big_families_roll_up_to_their_parents(knowledge: Knowledge) -> None:
    tops = Counter(
        knowledge.company_chain(t.company_id)[-1].id for t in knowledge.trackers.values()
    )
    for parent, at_least in (
        ("alphabet", 10),
        ("meta", 5),
        ("amazon", 3),
        ("bytedance", 1),
        ("tencent", 5),
    ):
        assert tops[parent] >= at_least, parent


def test_all_dangerous_and_privacy_relevant_permissions_are_mapped(knowledge: Knowledge) -> None:
    mapped = set(knowledge.permission_unlocks)
    for name in DANGEROUS_PERMISSIONS:
        assert f"android.permission.{name}" in mapped, name
    for name in PRIVACY_RELEVANT_NORMAL:
        assert name in mapped, name


def test_ios_usage_keys_and_tracking_transparency_are_mapped(knowledge: Knowledge) -> None:
    unlocks = knowledge.ios_permission_unlocks
    assert "advertising_id" in unlocks["NSUserTrackingUsageDescription"]
    assert "precise_location" in unlocks["NSLocationWhenInUseUsageDescription"]
    for key in ("NSCameraUsageDescription", "NSMicrophoneUsageDescription", "NSContactsUsageDescription",
                "NSPhotoLibraryUsageDescription", "NSCalendarsUsageDescription", "NSHealthShareUsageDescription"):  # fmt: skip
        assert unlocks[key], key


@pytest.mark.skipif(
    not APP_PRIVACY_REPORT_SAMPLE.exists(), reason="../shared/samples is not present"
)
def test_every_category_a_real_privacy_report_uses_is_mapped(knowledge: Knowledge) -> None:
    categories = {
        json.loads(line)["category"]
        for line in APP_PRIVACY_REPORT_SAMPLE.read_text().splitlines()
        if '"access"' in line
    }
    assert categories <= set(knowledge.privacy_report_unlocks)


def test_location_reveals_where_you_live_and_work(knowledge: Knowledge) -> None:
    from checker.knowledge.sources import load_sources
    from checker.paths import resources_dir

    data_types = load_sources(resources_dir() / "knowledge").data_types
    assert {"home", "workplace", "religion", "health"} <= set(
        data_types["precise_location"].reveals
    )
