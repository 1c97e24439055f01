"""Every Android input form, end to end through ``scan``, built from real formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.knowledge.base import Knowledge
from checker.models import Report
from checker.scan import scan
from checker.sources.base import MAX_NESTING
from tests.builders.apk import (
    build_aar,
    build_apk,
    build_bundle,
    build_jar,
    build_split_set,
    nest_apks,
    write,
    zip_bytes,
)

AMAZON = "com.amazon.device.ads.AdLayout"
FIREBASE = "com.google.firebase.analytics.FirebaseAnalytics"
APPSFLYER = "com.appsflyer.AppsFlyerLib"


def trackers_of(report: Report, app_id: str) -> set[str]:
    (result,) = [r for r in report.apps if r.app.id == app_id]
    return {hit.tracker.id for hit in result.hits}


def test_single_apk_gives_name_version_permissions_and_trackers(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    apk = write(
        tmp_path / "speedtest.apk",
        build_apk(
            "org.speed.test",
            classes=["org.speed.test.Main", AMAZON],
            version_name="5.3.1",
            version_code=53,
            label_text={"": "Speed Test", "fr": "Test de vitesse"},
            permissions=["android.permission.ACCESS_FINE_LOCATION", "android.permission.INTERNET"],
        ),
    )
    report = scan([str(apk)], knowledge)
    assert report.errors == ()
    (result,) = report.apps
    assert (result.app.id, result.app.name, result.app.version, result.app.version_code) == (
        "org.speed.test",
        "Speed Test",
        "5.3.1",
        53,
    )
    assert result.app.permissions == (
        "android.permission.ACCESS_FINE_LOCATION",
        "android.permission.INTERNET",
    )
    (hit,) = result.hits
    assert hit.tracker.exodus_id is not None
    assert knowledge.company_chain(hit.tracker.company_id)[-1].id == "amazon"
    assert hit.evidence[0].detail == AMAZON
    assert result.app.sources == (str(apk),)


def test_trackers_in_every_dex_file_are_found(tmp_path: Path, knowledge: Knowledge) -> None:
    apk = write(
        tmp_path / "multi.apk",
        build_apk("com.multi", dex_files=[["com.multi.A"], [FIREBASE], [APPSFLYER]]),
    )
    report = scan([str(apk)], knowledge)
    assert {"google_firebase_analytics", "appsflyer"} <= trackers_of(report, "com.multi")
    assert len(report.apps[0].app.class_sources) == 3


def test_split_set_folder_is_one_app_with_evidence_from_every_split(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    folder = build_split_set(
        tmp_path / "pulled", "com.split.app", ["com.split.app.Main", FIREBASE], [APPSFLYER]
    )
    report = scan([str(folder)], knowledge)
    assert report.errors == ()
    (result,) = report.apps
    assert result.app.name == "Split App"
    assert {"google_firebase_analytics", "appsflyer"} <= trackers_of(report, "com.split.app")
    assert "android.permission.CAMERA" in result.app.permissions  # declared by the feature split
    assert len(result.app.sources) == 4


def test_split_files_given_one_by_one_are_joined(tmp_path: Path, knowledge: Knowledge) -> None:
    folder = build_split_set(tmp_path / "s", "com.split.app", ["com.split.app.Main"], [APPSFLYER])
    report = scan([str(folder / "split_feature.apk"), str(folder / "base.apk")], knowledge)
    assert [r.app.id for r in report.apps] == ["com.split.app"]
    assert "appsflyer" in trackers_of(report, "com.split.app")


def test_split_without_its_base_is_a_clear_error(tmp_path: Path, knowledge: Knowledge) -> None:
    folder = build_split_set(tmp_path / "s", "com.split.app", ["com.split.app.Main"], [APPSFLYER])
    report = scan([str(folder / "split_feature.apk")], knowledge)
    assert report.apps == ()
    assert [e.code for e in report.errors] == ["split_without_base"]


@pytest.mark.parametrize("kind", ["apks", "xapk", "apkm"])
def test_bundles_become_one_app(kind: str, tmp_path: Path, knowledge: Knowledge) -> None:
    bundle = write(
        tmp_path / f"app.{kind}",
        build_bundle(kind, "com.bundled", ["com.bundled.Main", AMAZON], [APPSFLYER]),
    )
    report = scan([str(bundle)], knowledge)
    assert report.errors == ()
    (result,) = report.apps
    assert result.app.name == "Bundled App"
    assert {"amazon_mobile_ads", "appsflyer"} <= trackers_of(report, "com.bundled") or len(
        result.hits
    ) >= 2


def test_bundle_is_recognised_by_content_not_name(tmp_path: Path, knowledge: Knowledge) -> None:
    bundle = write(
        tmp_path / "download.zip", build_bundle("xapk", "com.bundled", ["com.bundled.Main", AMAZON])
    )
    report = scan([str(bundle)], knowledge)
    assert [r.app.id for r in report.apps] == ["com.bundled"]


def test_jar_and_aar_sdk_archives(tmp_path: Path, knowledge: Knowledge) -> None:
    jar = write(tmp_path / "sdk.jar", build_jar([APPSFLYER, "com.appsflyer.internal.X$1"]))
    aar = write(tmp_path / "lib.aar", build_aar("com.vendor.lib", ["com.vendor.lib.Api"], [AMAZON]))
    report = scan([str(jar), str(aar)], knowledge)
    assert report.errors == ()
    assert "appsflyer" in trackers_of(report, "sdk.jar")
    assert trackers_of(report, "com.vendor.lib")


def test_raw_dex_file(tmp_path: Path, knowledge: Knowledge) -> None:
    from tests.builders.dex import build_dex

    dex = write(tmp_path / "classes.dex", build_dex([FIREBASE]))
    report = scan([str(dex)], knowledge)
    assert "google_firebase_analytics" in trackers_of(report, "classes.dex")


def test_nested_apks_are_read_like_exodus(tmp_path: Path, knowledge: Knowledge) -> None:
    apk = write(tmp_path / "outer.apk", nest_apks(2, [APPSFLYER]))
    report = scan([str(apk)], knowledge)
    assert "appsflyer" in trackers_of(report, "com.nested.level1")


def test_a_folder_of_apks_reports_each_app(tmp_path: Path, knowledge: Knowledge) -> None:
    for i in range(3):
        write(
            tmp_path / "apps" / f"app{i}.apk",
            build_apk(f"com.app{i}", classes=[f"com.app{i}.Main"]),
        )
    write(tmp_path / "apps" / "notes.txt", b"not an app")
    report = scan([str(tmp_path / "apps")], knowledge)
    assert sorted(r.app.id for r in report.apps) == ["com.app0", "com.app1", "com.app2"]
    assert report.errors == ()  # files we cannot read inside a folder are skipped quietly


# ---------------------------------------------------------------- bad input


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    good = build_apk("com.good", classes=["com.good.Main", AMAZON])
    return {
        "truncated": write(tmp_path / "truncated.apk", good[: len(good) // 2]),
        "not_zip": write(tmp_path / "notazip.apk", b"<html>this is a download error page</html>"),
        "bomb": write(
            tmp_path / "bomb.apk",
            build_apk("com.bomb", extra={"classes.dex": b"\0" * (64 * 1024 * 1024)}),
        ),
        "manifest_bomb": write(
            tmp_path / "mbomb.apk", zip_bytes({"AndroidManifest.xml": b"\0" * (64 * 1024 * 1024)})
        ),
        "deep": write(tmp_path / "deep.apk", nest_apks(MAX_NESTING + 12, ["com.x.Y"])),
        "bad_dex": write(
            tmp_path / "baddex.apk",
            build_apk("com.bad", extra={"classes2.dex": b"dex\n035\0" + b"\xff" * 200}),
        ),
        "bad_manifest": write(
            tmp_path / "badmanifest.apk", build_apk("com.bad", manifest=b"\x03\x00\x08\x00garbage")
        ),
        "empty": write(tmp_path / "empty.apk", b""),
        "odd name": write(tmp_path / "wéird  ‮name\n.apk", good),
    }


def test_each_bad_input_is_reported_and_the_good_ones_still_are(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    bad = bad_inputs(tmp_path)
    good = write(tmp_path / "good.apk", build_apk("com.good", classes=["com.good.Main", AMAZON]))
    many = write(
        tmp_path / "many.apk",
        build_apk("com.many", extra={f"assets/{i}.txt": b"" for i in range(10_000)}),
    )
    inputs = [str(p) for p in bad.values()] + [str(good), str(many), str(tmp_path / "missing.apk")]
    report = scan(inputs, knowledge)
    codes = {e.path: e.code for e in report.errors}
    assert codes[str(bad["truncated"])] in {"not_zip", "truncated"}
    assert codes[str(bad["not_zip"])] == "not_zip"
    assert codes[str(bad["bomb"])] == "limit"
    assert codes[str(bad["manifest_bomb"])] == "limit"
    assert codes[str(bad["deep"])] == "limit"
    assert codes[str(bad["bad_dex"])] in {"malformed", "truncated"}
    assert codes[str(bad["bad_manifest"])] in {"malformed", "truncated"}
    assert codes[str(bad["empty"])] == "not_zip"
    assert codes[str(tmp_path / "missing.apk")] == "not_found"
    assert str(bad["odd name"]) not in codes  # an odd name is not an error
    ids = {r.app.id for r in report.apps}
    assert {"com.good", "com.many"} <= ids
    assert all(e.detail or e.code for e in report.errors)
    assert "classes2.dex" in next(e.detail for e in report.errors if e.path == str(bad["bad_dex"]))


def test_unreadable_file_is_reported(
    tmp_path: Path, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    apk = write(tmp_path / "locked.apk", build_apk("com.locked"))
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.apk":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded_open)
    report = scan([str(apk)], knowledge)
    assert [e.code for e in report.errors] == ["unreadable"]
    assert "Permission denied" in report.errors[0].detail


def test_hostile_names_are_cleaned(tmp_path: Path, knowledge: Knowledge) -> None:
    apk = write(
        tmp_path / "x.apk",
        build_apk("com.evil", label="Evil\u202e\x1b[31mApp\u200b", version_name="1.0\x00\n"),
    )
    (result,) = scan([str(apk)], knowledge).apps
    assert result.app.name == "Evil[31mApp"
    assert result.app.version == "1.0"


def test_nothing_is_written_outside_the_data_directory(
    tmp_path: Path, knowledge: Knowledge, fresh_home: Path
) -> None:
    inputs = tmp_path / "inputs"
    bad_inputs(inputs)
    write(inputs / "good.apk", build_apk("com.good", classes=[AMAZON]))
    before = sorted(p for p in tmp_path.rglob("*"))
    scan([str(inputs)], knowledge)
    assert sorted(p for p in tmp_path.rglob("*")) == before
