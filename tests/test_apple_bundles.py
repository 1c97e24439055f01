"""iOS/macOS bundles (.ipa, .app): frameworks, classes, plist keys, privacy manifests, encryption."""

from __future__ import annotations

import contextlib
import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError, LimitExceeded
from checker.formats.macho import read_macho
from checker.formats.plist import read_plist
from checker.knowledge.base import Knowledge
from checker.models import EvidenceKind, Platform
from checker.scan import scan
from tests.builders.apk import write, zip_bytes
from tests.builders.apple import (
    build_archive,
    build_fat,
    build_ipa,
    build_macho,
    bundle_files,
    info_plist,
    privacy_manifest,
    write_app_folder,
)

REMOTE_CONFIG = "FirebaseRemoteConfig"


def hits_of(report, knowledge: Knowledge):  # type: ignore[no-untyped-def]
    (result,) = report.apps
    return result, {h.tracker.id: h for h in result.hits}


def test_ipa_gives_identity_usage_keys_and_framework_trackers(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    ipa = write(tmp_path / "game.ipa", build_ipa(
        frameworks={REMOTE_CONFIG: build_macho(["FIRRemoteConfig"])},
        plist_extra={"NSLocationWhenInUseUsageDescription": "To find games near you",
                     "NSUserTrackingUsageDescription": "Ads", "SKAdNetworkItems": [{"SKAdNetworkIdentifier": "CSTR6SUWN9.skadnetwork"}]},
    ))  # fmt: skip
    report = scan([str(ipa)], knowledge)
    assert report.errors == ()
    result, hits = hits_of(report, knowledge)
    app = result.app
    assert (app.id, app.name, app.version, app.platform) == (
        "com.example.game",
        "Space Game",
        "2.4.1",
        Platform.IOS,
    )
    assert app.permissions == (
        "NSLocationWhenInUseUsageDescription",
        "NSUserTrackingUsageDescription",
    )
    assert app.skadnetwork_ids == ("cstr6suwn9.skadnetwork",)
    assert app.encrypted is False
    assert "google_firebase_remote_config" in hits
    assert {e.kind for e in hits["google_firebase_remote_config"].evidence} == {EvidenceKind.CODE}
    exposures = {e.data_type: e for h in result.explanations for e in h.exposures}
    assert "precise_location" in exposures and "advertising_id" in exposures


def test_classes_are_read_only_when_not_encrypted(tmp_path: Path, knowledge: Knowledge) -> None:
    clear = write(tmp_path / "a.ipa", build_ipa(classes=["FIRRemoteConfig"]))
    locked = write(tmp_path / "b.ipa", build_ipa(classes=["FIRRemoteConfig"], encrypted=True))
    clear_result, clear_hits = hits_of(scan([str(clear)], knowledge), knowledge)
    locked_result, locked_hits = hits_of(scan([str(locked)], knowledge), knowledge)
    assert "google_firebase_remote_config" in clear_hits and clear_result.class_count == 1
    assert locked_result.app.encrypted is True and locked_result.class_count == 0
    assert "google_firebase_remote_config" not in locked_hits


def test_privacy_manifest_and_config_files_are_declared_evidence(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    manifest = privacy_manifest(
        domains=["graph.facebook.com"], data_types=["PreciseLocation", "DeviceID"]
    )
    ipa = write(tmp_path / "g.ipa", build_ipa(extra={
        "Frameworks/FBSDKCoreKit.framework/PrivacyInfo.xcprivacy": manifest,
        "GoogleService-Info.plist": info_plist("x", "y"),
    }))  # fmt: skip
    result, _hits = hits_of(scan([str(ipa)], knowledge), knowledge)
    declared = [e for h in result.hits for e in h.evidence if e.kind is EvidenceKind.DECLARED]
    assert any("PrivacyInfo: graph.facebook.com" in e.detail for e in declared)
    assert ("FBSDKCoreKit", "precise_location") in result.app.declared_data
    assert "GoogleService-Info.plist" in result.app.config_files


def test_app_folder_ios_and_macos_layouts(tmp_path: Path, knowledge: Knowledge) -> None:
    ios = write_app_folder(
        tmp_path / "ios", frameworks={REMOTE_CONFIG: build_macho(["FIRRemoteConfig"])}
    )
    mac = tmp_path / "mac" / "Tool.app"
    for name, data in {"Contents/Info.plist": info_plist("com.example.tool", "Tool", "Tool"),
                       "Contents/MacOS/Tool": build_fat(build_macho(["FIRRemoteConfig"]), build_macho([]))}.items():  # fmt: skip
        write(mac / name, data)
    report = scan([str(ios), str(mac)], knowledge)
    assert report.errors == ()
    platforms = {r.app.id: r.app.platform for r in report.apps}
    assert platforms == {"com.example.game": Platform.IOS, "com.example.tool": Platform.MACOS}
    assert all(
        any(h.tracker.id == "google_firebase_remote_config" for h in r.hits) for r in report.apps
    )


def test_static_archives_and_fat_binaries_are_read() -> None:
    info = read_macho(
        build_archive(
            ("a.o", build_macho(["FIRRemoteConfig"], filetype=1)), ("readme.txt", b"hello")
        )
    )
    assert info.classes == {"FIRRemoteConfig"}
    fat = read_macho(build_fat(build_macho(["A1234"]), build_macho(["B5678"], encrypted=True)))
    assert fat.slices == 2 and fat.encrypted and fat.classes == {"A1234", "B5678"}


def test_absurd_load_command_counts_and_lying_offsets_are_refused() -> None:
    binary = bytearray(build_macho(["GADBannerView"]))
    struct.pack_into("<I", binary, 16, 1_000_000)
    with pytest.raises(LimitExceeded):
        read_macho(bytes(binary))
    binary = bytearray(build_macho(["GADBannerView"]))
    struct.pack_into("<I", binary, 20, 10_000_000)  # sizeofcmds past the end
    with pytest.raises(CheckerError):
        read_macho(bytes(binary))
    with pytest.raises(LimitExceeded):
        read_macho(struct.pack(">II", 0xCAFEBABE, 5000))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), min_size=1, max_size=10))
def test_mutated_macho_never_crashes(mutations: list[tuple[int, int]]) -> None:
    data = bytearray(
        build_fat(build_macho(["GADBannerView"], ["@rpath/X.framework/X"], encrypted=False))
    )
    for position, value in mutations:
        data[position % len(data)] = value
    with contextlib.suppress(CheckerError):
        read_macho(bytes(data))


def test_plist_bombs_and_garbage_are_refused() -> None:
    with pytest.raises(LimitExceeded):
        read_plist(b"x" * (9 * 1024 * 1024))
    with pytest.raises(CheckerError):
        read_plist(
            b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><plist><string>&b;</string></plist>'
        )
    with pytest.raises(CheckerError):
        read_plist(b"bplist00" + b"\xff" * 64)


def test_hostile_ipa_names_and_missing_info_plist(tmp_path: Path, knowledge: Knowledge) -> None:
    files = bundle_files("Payload/Game.app")
    files["Payload/Game.app/../../../../etc/passwd"] = b"x"
    evil = write(tmp_path / "evil.ipa", zip_bytes(files))
    broken = write(tmp_path / "broken.ipa", zip_bytes({"Payload/Game.app/App": build_macho([])}))
    report = scan([str(evil), str(broken)], knowledge)
    assert [r.app.id for r in report.apps] == ["com.example.game"]
    assert [e.code for e in report.errors] == ["malformed"] and "Info.plist" in report.errors[
        0
    ].detail
    assert not (tmp_path / "etc").exists()
    assert zipfile.is_zipfile(evil)


def test_a_bundle_inside_a_scanned_folder_is_one_app(tmp_path: Path, knowledge: Knowledge) -> None:
    write_app_folder(tmp_path / "stuff", classes=["FIRRemoteConfig"])
    write(tmp_path / "stuff" / "notes.txt", b"hello")
    report = scan([str(tmp_path / "stuff")], knowledge)
    assert [r.app.id for r in report.apps] == ["com.example.game"]
    assert report.apps[0].app.sources == (str(tmp_path / "stuff" / "Game.app"),)


def test_a_frameworks_privacy_manifest_documents_what_its_sdk_collects(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    manifest = privacy_manifest(data_types=["PreciseLocation"])
    ipa = write(tmp_path / "g.ipa", build_ipa(
        frameworks={REMOTE_CONFIG: build_macho(["FIRRemoteConfig"])},
        extra={f"Frameworks/{REMOTE_CONFIG}.framework/PrivacyInfo.xcprivacy": manifest},
        plist_extra={"NSLocationWhenInUseUsageDescription": "near you"},
    ))  # fmt: skip
    (result,) = scan([str(ipa)], knowledge).apps
    (explanation,) = [
        h for h in result.explanations if h.tracker_id == "google_firebase_remote_config"
    ]
    location = {e.data_type: e for e in explanation.exposures}["precise_location"]
    assert location.basis.value == "documented" and explanation.documented


def test_report_says_when_code_is_encrypted_and_which_ad_networks_are_listed(
    tmp_path: Path,
) -> None:
    import io

    from checker import cli

    ipa = write(tmp_path / "g.ipa", build_ipa(
        classes=["FIRRemoteConfig"], encrypted=True,
        plist_extra={"SKAdNetworkItems": [{"SKAdNetworkIdentifier": "cstr6suwn9.skadnetwork"}]},
    ))  # fmt: skip
    out = io.StringIO()
    cli.main(["scan", str(ipa), "--no-history"], stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "encrypted by the App Store" in text
    assert "SKAdNetwork" in text and "Alphabet" in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_inside_an_app_folder_is_skipped(tmp_path: Path, knowledge: Knowledge) -> None:
    app = tmp_path / "Game.app"
    for name, data in bundle_files("Game.app").items():
        write(tmp_path / name, data)
    os.mkfifo(app / "Trap")  # reading it would wait forever
    report = scan([str(app)], knowledge)
    assert [r.app.id for r in report.apps] == ["com.example.game"] and not report.errors


def test_a_mac_app_launched_by_a_script_still_reads_its_frameworks(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    mac = tmp_path / "Tool.app"
    files = {
        "Contents/Info.plist": info_plist("com.example.tool", "Tool", "Tool"),
        "Contents/MacOS/Tool": b"#!/bin/sh\nexec java -jar tool.jar\n",
        "Contents/Frameworks/FirebaseRemoteConfig.framework/FirebaseRemoteConfig": build_macho(
            ["FIRRemoteConfig"]
        ),
    }
    for name, data in files.items():
        write(mac / name, data)
    report = scan([str(mac)], knowledge)
    assert report.errors == ()
    (result,) = report.apps
    assert result.app.platform is Platform.MACOS
