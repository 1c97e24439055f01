"""An Android phone over adb, played by a fake adb that replays real-format output."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from checker import adb as adb_module
from checker import paths
from checker.adb import Adb, DeviceGone
from checker.device_scan import scan_device
from checker.knowledge.base import Knowledge
from checker.models import Access
from tests.builders.apk import build_apk, write
from tests.builders.cli import run

FAKE_ADB = Path(__file__).with_name("fake_adb.py")
AMAZON = "com.amazon.device.ads.AdLayout"
APPSFLYER = "com.appsflyer.AppsFlyerLib"
FINE = "android.permission.ACCESS_FINE_LOCATION"
DUMPSYS_SPEED = """Packages:
  Package [org.speed.test] (4c2a1b):
    userId=10123
    install permissions:
      android.permission.INTERNET: granted=true
      com.google.android.gms.permission.AD_ID: granted=true
    User 0: ceDataInode=123 installed=true hidden=false suspended=false
      runtime permissions:
        android.permission.ACCESS_FINE_LOCATION: granted=true, flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED ]
        android.permission.CAMERA: granted=false, flags=[ USER_SET ]
    User 10: ceDataInode=456 installed=true
      runtime permissions:
        android.permission.CAMERA: granted=true, flags=[ USER_SET ]
"""


@pytest.fixture
def phone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A phone with a split app, a plain app and a system app; returns the editable scenario."""
    apks = tmp_path / "phone"
    files = {
        "/data/app/~~Zx==/org.speed.test-Q==/base.apk": write(apks / "speed-base.apk", build_apk(
            "org.speed.test", classes=["org.speed.test.Main", AMAZON], label="Speed Test",
            permissions=[FINE, "android.permission.INTERNET", "android.permission.CAMERA"])),
        "/data/app/~~Zx==/org.speed.test-Q==/split_feature.apk": write(apks / "speed-split.apk", build_apk(
            "org.speed.test", split="feature", classes=[APPSFLYER])),
        "/data/app/~~Yy==/com.notes-A==/base.apk": write(apks / "notes.apk", build_apk("com.notes", classes=["com.notes.Main"], label="Notes")),
        "/system/app/Clock/Clock.apk": write(apks / "clock.apk", build_apk("com.android.clock", classes=["com.android.clock.Main"])),
    }  # fmt: skip
    scenario = {
        "devices": "List of devices attached\nFAKE123\tdevice usb:1-1 product:panther model:Pixel_7 device:panther transport_id:3\n\n",
        "pm_list_third_party": "package:org.speed.test\npackage:com.notes\n",
        "pm_list_all": (
            "package:/data/app/~~Zx==/org.speed.test-Q==/base.apk=org.speed.test  installer=com.android.vending uid:10123\n"
            "package:/data/app/~~Yy==/com.notes-A==/base.apk=com.notes  installer=org.fdroid.fdroid uid:10124\n"
            "package:/system/app/Clock/Clock.apk=com.android.clock  installer=null uid:10050\n"
        ),
        "paths": {
            "org.speed.test": ["/data/app/~~Zx==/org.speed.test-Q==/base.apk", "/data/app/~~Zx==/org.speed.test-Q==/split_feature.apk"],
            "com.notes": ["/data/app/~~Yy==/com.notes-A==/base.apk"],
            "com.android.clock": ["/system/app/Clock/Clock.apk"],
        },
        "files": {remote: str(local) for remote, local in files.items()},
        "dumpsys": {"org.speed.test": DUMPSYS_SPEED},
    }  # fmt: skip
    scenario_path = tmp_path / "scenario.json"
    scenario_path.write_text(json.dumps(scenario))
    wrapper = tmp_path / "bin" / "adb"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKE_ADB}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("FAKE_ADB_SCENARIO", str(scenario_path))
    monkeypatch.setenv(adb_module.ADB_ENV, str(wrapper))
    return {"path": scenario_path, "data": scenario}


def save(phone: dict[str, Any]) -> None:
    phone["path"].write_text(json.dumps(phone["data"]))


def pulls(phone: dict[str, Any]) -> int:
    counter = phone["path"].with_suffix(".pulls")
    return int(counter.read_text()) if counter.exists() else 0


def test_devices_and_their_states(phone: dict[str, Any]) -> None:
    code, out, _ = run("device")
    assert code == 0 and "FAKE123  Pixel 7  ready" in out
    phone["data"]["devices"] = (
        "List of devices attached\nFAKE123\tunauthorized usb:1-1 transport_id:3\n\n"
    )
    save(phone)
    code, _, err = run("device", "scan")
    assert code == 1 and "Allow USB debugging" in err
    phone["data"]["devices"] = "List of devices attached\n\n"
    save(phone)
    code, out, _ = run("device", "--lang", "fr")
    assert code == 1 and "Débogage USB" in out


def test_scan_reads_every_split_and_granted_permissions(
    phone: dict[str, Any], knowledge: Knowledge
) -> None:
    report, stats = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert stats.packages == 2 and stats.seconds_waiting_on_adb > 0
    apps = {r.app.id: r for r in report.apps}
    assert set(apps) == {"org.speed.test", "com.notes"}  # no system app by default
    speed = apps["org.speed.test"]
    assert {h.tracker.id for h in speed.hits} >= {"amazon_mobile_ads", "appsflyer"}  # base + split
    assert speed.app.granted_permissions == (
        "android.permission.INTERNET", "com.google.android.gms.permission.AD_ID", FINE,
    )  # user 0 only: CAMERA is granted to user 10, not here  # fmt: skip
    exposures = {e.data_type: e for h in speed.explanations for e in h.exposures}
    assert exposures["precise_location"].access is Access.GRANTED
    assert exposures["camera"].access is Access.DENIED
    assert list((paths.cache_dir() / "device-pulls").iterdir()) == []  # removed after a full scan


def test_system_apps_on_request(phone: dict[str, Any], knowledge: Knowledge) -> None:
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find(), include_system=True)
    assert "com.android.clock" in {r.app.id for r in report.apps}


def test_unplugged_mid_scan_keeps_what_was_read_and_resumes(
    phone: dict[str, Any], knowledge: Knowledge
) -> None:
    phone["data"]["fail_after_pulls"] = 2
    save(phone)
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert [r.app.id for r in report.apps] == ["org.speed.test"]
    assert [e.code for e in report.errors] == ["device_gone"]
    kept = list((paths.cache_dir() / "device-pulls").iterdir())
    assert len(kept) == 2  # kept for the next try
    del phone["data"]["fail_after_pulls"]
    save(phone)
    before = pulls(phone)
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert {r.app.id for r in report.apps} == {"org.speed.test", "com.notes"}
    assert pulls(phone) - before == 1  # the speed-test splits were reused by hash


def test_permission_denied_costs_one_app_only(phone: dict[str, Any], knowledge: Knowledge) -> None:
    phone["data"]["fail_after_pulls"] = 2
    phone["data"]["fail_mode"] = "denied"
    save(phone)
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert [r.app.id for r in report.apps] == ["org.speed.test"]
    assert [(e.path, e.code) for e in report.errors] == [("adb:FAKE123/com.notes", "adb")]
    assert "Permission denied" in report.errors[0].detail


def test_a_hanging_adb_times_out(
    phone: dict[str, Any], knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone["data"]["fail_after_pulls"] = 0
    phone["data"]["fail_mode"] = "hang"
    save(phone)
    monkeypatch.setattr(adb_module, "PULL_TIMEOUT", 1.0)
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert {e.code for e in report.errors} == {"adb_timeout"}


def test_phones_without_sha256sum_and_truncated_answers(
    phone: dict[str, Any], knowledge: Knowledge
) -> None:
    phone["data"]["no_sha256"] = True
    phone["data"]["paths"]["com.notes"] = []  # pm path printed nothing
    save(phone)
    report, _ = scan_device("FAKE123", knowledge, adb=Adb.find())
    assert [r.app.id for r in report.apps] == ["org.speed.test"]
    assert [e.code for e in report.errors] == ["adb"]


def test_cli_device_scan_reports_and_saves(phone: dict[str, Any]) -> None:
    code, out, err = run("device", "scan", "--format", "json")
    assert code == 0, err
    assert {a["id"] for a in json.loads(out)["apps"]} == {"org.speed.test", "com.notes"}
    assert "2 apps checked on the phone" in err and "scan #1" in err


def test_missing_adb_says_where_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(adb_module.ADB_ENV, "")
    monkeypatch.setenv("PATH", "/nonexistent")
    code, _, err = run("device")
    assert code == 1 and "apt install adb" in err


def test_device_gone_is_typed(phone: dict[str, Any]) -> None:
    phone["data"]["fail_after_pulls"] = 0
    save(phone)
    with pytest.raises(DeviceGone):
        Adb.find().pull("FAKE123", "/data/app/~~Yy==/com.notes-A==/base.apk", paths.cache_dir())


def test_a_pull_left_half_done_by_a_killed_run_is_removed(
    phone: dict[str, Any], knowledge: Knowledge
) -> None:
    cache = paths.cache_dir() / "device-pulls"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / ".999-deadbeef.partial").write_bytes(b"half an apk")
    scan_device("FAKE123", knowledge, adb=Adb.find())
    assert list(cache.iterdir()) == []
