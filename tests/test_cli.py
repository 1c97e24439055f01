"""The command line: formats, languages, exit codes, and what lands on stderr."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders.apk import build_apk, write
from tests.builders.cli import run

ROOT = Path(__file__).resolve().parents[1]
AMAZON = "com.amazon.device.ads.AdLayout"
FIREBASE = "com.google.firebase.analytics.FirebaseAnalytics"


@pytest.fixture
def speedtest(tmp_path: Path) -> Path:
    return write(
        tmp_path / "speedtest.apk",
        build_apk(
            "org.speed.test",
            classes=["org.speed.test.Main", AMAZON, FIREBASE],
            version_name="5.3.1",
            label="Speed <b>Test</b>",
            permissions=["android.permission.ACCESS_FINE_LOCATION", "android.permission.INTERNET"],
        ),
    )


def test_text_report_groups_trackers_by_company_and_parent(speedtest: Path) -> None:
    code, out, err = run("scan", str(speedtest))
    assert code == 0, err
    assert "Speed <b>Test</b>" in out and "org.speed.test · 5.3.1" in out
    assert "Amazon" in out
    assert "part of Alphabet" in out  # Firebase rolls up to its parent
    assert "ACCESS_FINE_LOCATION — Precise location" in out  # what the permission unlocks
    assert "2 apps checked" not in out and "1 app checked" in out
    assert "What its trackers could collect in this app" in out
    assert "could read it through ACCESS_FINE_LOCATION (if you allowed it)" in out
    assert "can reveal: where you live, where you work, your religion" in out
    assert "Overall exposure score:" in out
    assert err == "Saved to history as scan #1.\n"


def test_french_text_report(speedtest: Path) -> None:
    code, out, _ = run("scan", str(speedtest), "--lang", "fr")
    assert code == 0
    assert "Code de pistage présent : 2 SDK de 2 entreprises" in out
    assert "groupe Alphabet" in out and "1 appli vérifiée" in out
    assert "Autorisations demandées (2)" in out


def test_json_follows_the_contract(speedtest: Path, tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.apk", b"not a zip")
    code, out, err = run("scan", str(speedtest), str(broken), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["schema"] == 1
    assert set(doc["knowledge_base"]) == {"version", "trackers", "companies"}
    (app,) = doc["apps"]
    assert {
        "id",
        "name",
        "platform",
        "version",
        "source",
        "permissions",
        "trackers",
        "exposures",
    } <= set(app)
    assert app["source"] == [str(speedtest)]
    assert app["platform"] == "android"
    for tracker in app["trackers"]:
        assert {
            "id",
            "name",
            "company",
            "parent_company",
            "exodus_id",
            "categories",
            "evidence",
        } <= set(tracker)
        assert tracker["exodus_id"] is not None  # both SDKs are in the εxodus list
        assert tracker["evidence"][0]["kind"] == "code"
    firebase = next(t for t in app["trackers"] if t["id"] == "google_firebase_analytics")
    assert firebase["parent_company"] == "Alphabet Inc."
    assert firebase["collection_documented"] and firebase["collects_source"].startswith("https://")
    exposures = {(e["tracker"], e["data_type"]): e for e in app["exposures"]}
    location = exposures[("google_firebase_analytics", "precise_location")]
    assert (
        location["basis"] == "permitted"
        and location["permission"] == "android.permission.ACCESS_FINE_LOCATION"
    )
    assert "home" in location["reveals"]
    assert exposures[("amazon_mobile_ads", "ip_address")]["basis"] == "baseline"
    assert 0 < app["score"] <= 100 and doc["score"]["value"] >= app["score"]
    assert "Capped at 100" in doc["score"]["formula"]
    assert set(doc["data_types"]["ip_address"]) == {"alphabet", "amazon"}
    assert {g["id"] for g in doc["groups"]} == {"alphabet", "amazon"}
    assert {c["name"] for c in doc["companies"]} >= {"Google LLC"}
    (error,) = doc["errors"]
    assert error["path"] == str(broken) and error["code"] == "not_zip" and "zip" in error["message"]
    assert f"{broken}: " in err  # one line per failed input on stderr


def test_csv_has_one_row_per_app_and_tracker(speedtest: Path, tmp_path: Path) -> None:
    clean_app = write(
        tmp_path / "clean.apk",
        build_apk("com.clean", classes=["com.clean.Main"], label="=HYPERLINK(1)"),
    )
    code, out, _ = run("scan", str(speedtest), str(clean_app), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "App"
    speed_rows = [r for r in rows[1:] if r[1] == "org.speed.test"]
    assert len(speed_rows) == 2
    clean_rows = [r for r in rows[1:] if r[1] == "com.clean"]
    assert clean_rows[0][0] == "'=HYPERLINK(1)"  # formula neutralised
    assert clean_rows[0][4] == ""


def test_html_is_self_contained_and_escapes_names(speedtest: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _, err = run(
        "scan", str(speedtest), "--format", "html", "--output", str(target), "--lang", "fr"
    )
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert "Speed &lt;b&gt;Test&lt;/b&gt;" in html and "<b>Test</b>" not in html
    assert (
        html.count("Speed &lt;b&gt;Test&lt;/b&gt;") >= 3
    )  # heading, group lines, actions: all escaped
    assert 'class="score"' in html and "/100" in html
    assert "Qui peut recevoir vos données" in html and "Position précise" in html
    assert "Ce que vous pouvez faire" in html
    assert "<script" not in html and "http://" not in html and 'src="' not in html
    assert 'lang="fr"' in html
    assert "Rapport écrit" in err


def test_output_file_is_written_atomically_and_failure_is_reported(
    speedtest: Path, tmp_path: Path
) -> None:
    code, _, err = run("scan", str(speedtest), "--output", str(tmp_path / "missing-dir" / "r.txt"))
    assert code == 1 and "Cannot write" in err
    assert not list(tmp_path.glob("**/*.partial"))


def test_exit_codes(speedtest: Path, tmp_path: Path) -> None:
    assert run("scan", str(speedtest))[0] == 0
    assert run("scan", str(speedtest), str(tmp_path / "nope.apk"))[0] == 1
    assert run("scan")[0] == 2
    assert run("scan", str(speedtest), "--format", "pdf")[0] == 2
    assert run("bogus")[0] == 2


def test_progress_lines_on_stderr_for_batches(speedtest: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "other.apk", build_apk("com.other"))
    _, out, err = run("scan", str(speedtest), str(other), "--progress")
    assert "[1/2]" in err and "[2/2]" in err
    assert "[1/2]" not in out


def test_kb_stats_in_both_languages() -> None:
    code, out, _ = run("kb", "stats")
    assert code == 0
    assert "Tracker SDKs:" in out and "By category" in out
    count = int(out.split("Tracker SDKs:")[1].split()[0])
    assert count >= 80
    _, out_fr, _ = run("kb", "stats", "--lang", "fr")
    assert "SDK de pistage" in out_fr and "Par catégorie" in out_fr


def test_main_py_runs_the_cli_in_a_fresh_process(speedtest: Path, tmp_path: Path) -> None:
    env = {"EXPOSURE_CHECKER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "scan", str(speedtest), "--format", "json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["apps"][0]["id"] == "org.speed.test"


def test_odd_file_names_are_shown_safely(tmp_path: Path) -> None:
    odd = write(tmp_path / "evil\u202egpj.apk\nfake line", b"not a zip")
    code, out, err = run("scan", str(odd))
    assert code == 1
    assert "\u202e" not in err and "\u202e" not in out
    (line,) = [x for x in err.splitlines() if "evil" in x]  # the newline in the name forges no line
    assert "evilgpj.apk" in line and "fake line" in line
    _, html_out, _ = run("scan", str(odd), "--format", "html")
    assert "\u202e" not in html_out
    _, json_out, _ = run("scan", str(odd), "--format", "json")
    assert json.loads(json_out)["errors"][0]["path"] == str(odd)  # machines get it exact
