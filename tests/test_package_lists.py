"""Plain package lists: pm output, one id per line, androidqf packages.json; matched to history."""

from __future__ import annotations

import json
from pathlib import Path

from checker.knowledge.base import Knowledge
from checker.models import Platform
from checker.scan import scan
from tests.builders.apk import build_apk, write
from tests.builders.cli import run

AMAZON = "com.amazon.device.ads.AdLayout"
PM_OUTPUT = (
    "package:/data/app/~~ab12==/org.speed.test-Xy==/base.apk=org.speed.test installer=com.android.vending uid:10123\n"
    "package:/system/app/Bluetooth/Bluetooth.apk=com.android.bluetooth  installer=null uid:1002\n"
    "package:com.plain.one\n"
    "garbage line\n"
)


def test_pm_list_output_with_paths_holding_equal_signs(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    report = scan([str(write(tmp_path / "packages.txt", PM_OUTPUT.encode()))], knowledge)
    ids = [r.app.id for r in report.apps]
    assert ids == ["com.android.bluetooth", "com.plain.one", "org.speed.test"]
    assert all(r.app.platform is Platform.ANDROID for r in report.apps)
    assert [w.code for w in report.warnings] == ["skipped_lines"]


def test_one_id_per_line_and_androidqf_json(tmp_path: Path, knowledge: Knowledge) -> None:
    plain = write(tmp_path / "ids.txt", b"# my apps\ncom.example.one\n\ncom.example.two\n")
    qf = write(tmp_path / "packages.json", json.dumps([
        {"name": "org.qf.app", "label": "QF App", "installer": "com.android.vending", "system": False},
        {"name": "bad name"}, "nonsense",
    ]).encode())  # fmt: skip
    report = scan([str(plain), str(qf)], knowledge)
    apps = {r.app.id: r.app for r in report.apps}
    assert set(apps) == {"com.example.one", "com.example.two", "org.qf.app"}
    assert (
        apps["org.qf.app"].name == "QF App" and apps["com.example.one"].platform is Platform.UNKNOWN
    )


def test_listed_apps_take_their_trackers_from_earlier_scans(tmp_path: Path) -> None:
    apk = write(
        tmp_path / "s.apk",
        build_apk("org.speed.test", classes=[AMAZON], label="Speed Test", version_name="5.3"),
    )
    run("scan", str(apk))
    listing = write(tmp_path / "packages.txt", PM_OUTPUT.encode())
    code, out, _ = run("scan", str(listing), "--format", "json")
    assert code == 0
    apps = {a["id"]: a for a in json.loads(out)["apps"]}
    speed = apps["org.speed.test"]
    assert speed["name"] == "Speed Test" and speed["version"] == "5.3"
    assert [t["id"] for t in speed["trackers"]] == ["amazon_mobile_ads"]
    assert speed["trackers"][0]["evidence"][0]["detail"] == "scan #1, version 5.3"
    assert apps["com.plain.one"]["trackers"] == []


def test_empty_or_oversized_lists_are_refused(tmp_path: Path, knowledge: Knowledge) -> None:
    empty = write(tmp_path / "empty.txt", b"package:\n")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(b"com.a.b\n")
        handle.truncate(17 * 1024 * 1024)
    report = scan([str(empty), str(huge)], knowledge)
    assert sorted(e.code for e in report.errors) == ["limit", "malformed"]


def test_a_listed_app_whose_package_is_also_given_is_shown_once(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    write(tmp_path / "in" / "speed.apk", build_apk("org.speed.test", classes=[AMAZON]))
    write(tmp_path / "in" / "packages.txt", b"package:org.speed.test\npackage:org.other\n")
    report = scan([str(tmp_path / "in")], knowledge)
    assert sorted(r.app.id for r in report.apps) == ["org.other", "org.speed.test"]
    speed = next(r for r in report.apps if r.app.id == "org.speed.test")
    assert speed.hits and len(speed.app.sources) == 2
