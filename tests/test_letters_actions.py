"""Data-request letters and the actions a person is offered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import paths
from checker.actions import ActionKind, actions_for
from checker.knowledge.base import Knowledge
from checker.scan import scan
from tests.builders.apk import build_apk, write
from tests.builders.cli import run

AMAZON = "com.amazon.device.ads.AdLayout"
FINE = "android.permission.ACCESS_FINE_LOCATION"


def test_every_letter_exists_in_both_languages_with_the_same_placeholders() -> None:
    folder = paths.resources_dir() / "letters"
    for law in ("gdpr", "ccpa"):
        for request in ("access", "erasure"):
            en = (folder / f"{law}_{request}.en.txt").read_text(encoding="utf-8")
            fr = (folder / f"{law}_{request}.fr.txt").read_text(encoding="utf-8")
            assert set(re.findall(r"\$(\w+)", en)) == set(re.findall(r"\$(\w+)", fr)) == {
                "company", "channel", "date", "apps", "sdks", "data_types",
            }  # fmt: skip


def test_letter_names_the_apps_sdks_and_data_from_the_latest_scan(tmp_path: Path) -> None:
    apk = write(
        tmp_path / "s.apk",
        build_apk("org.speed", classes=[AMAZON], label="Speed Test", permissions=[FINE]),
    )
    run("scan", str(apk))
    code, out, err = run("letter", "amazon")
    assert code == 0
    assert "Article 15" in out and "Amazon.com, Inc." in out and "Speed Test" in out
    assert "Amazon Publisher Services" in out and "precise location" in out
    assert "Send it to: https://" in err
    _, fr, _ = run("letter", "Amazon", "--law", "gdpr", "--request", "erasure", "--lang", "fr")
    assert "article 17 du RGPD" in fr and "position précise" in fr
    _, ccpa, _ = run("letter", "amazon", "--law", "ccpa")
    assert "1798.110" in ccpa


def test_letter_without_any_scan_still_works() -> None:
    code, out, _ = run("letter", "appsflyer", "--law", "ccpa", "--request", "erasure")
    assert code == 0 and "AppsFlyer" in out and "1798.105" in out


def test_unknown_or_ambiguous_company_lists_candidates() -> None:
    code, _, err = run("letter", "no-such-company-anywhere")
    assert code == 1 and "No single company" in err
    code, _, err = run("letter", "amazon web")
    assert code == 0
    code, _, err = run("letter", "ama")
    assert code == 1 and "amazon (Amazon.com, Inc.)" in err


def test_actions_are_concrete(tmp_path: Path, knowledge: Knowledge) -> None:
    permissions = [FINE, "com.google.android.gms.permission.AD_ID"]
    apk = write(
        tmp_path / "s.apk",
        build_apk("org.speed", classes=[AMAZON], label="Speed Test", permissions=permissions),
    )
    (result,) = scan([str(apk)], knowledge).apps
    actions = actions_for(result, knowledge)
    kinds = {a.kind for a in actions}
    assert {ActionKind.REVOKE_PERMISSION, ActionKind.RESET_ADVERTISING_ID, ActionKind.UNINSTALL_OR_REPLACE,
            ActionKind.DATA_REQUEST} <= kinds  # fmt: skip
    revoke = next(a for a in actions if a.kind is ActionKind.REVOKE_PERMISSION)
    assert revoke.permission == FINE and revoke.app == "Speed Test"
    request = next(a for a in actions if a.kind is ActionKind.DATA_REQUEST)
    assert request.company_id == "amazon" and request.url.startswith(("https://", "mailto:"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_text_report_offers_the_actions(tmp_path: Path, lang: str) -> None:
    apk = write(
        tmp_path / "s.apk",
        build_apk("org.speed", classes=[AMAZON], label="Speed Test", permissions=[FINE]),
    )
    _, out, _ = run("scan", str(apk), "--lang", lang)
    if lang == "en":
        assert "What you can do" in out and "Take back the ACCESS_FINE_LOCATION permission" in out
        assert "“letter amazon”" in out
    else:
        assert (
            "Ce que vous pouvez faire" in out
            and "Retirez l'autorisation ACCESS_FINE_LOCATION" in out
        )


def test_apple_apps_get_apple_settings_paths(tmp_path: Path, knowledge: Knowledge) -> None:
    from checker.phrases import action_lines
    from tests.builders.apple import build_ipa, build_macho

    ipa = write(tmp_path / "g.ipa", build_ipa(
        frameworks={"FirebaseRemoteConfig": build_macho(["FIRRemoteConfig"])},
        plist_extra={"NSLocationWhenInUseUsageDescription": "Find games near you"}))  # fmt: skip
    (result,) = scan([str(ipa)], knowledge).apps
    kinds = {a.kind for a in actions_for(result, knowledge)}
    assert ActionKind.REVOKE_PERMISSION_APPLE in kinds and ActionKind.REVOKE_PERMISSION not in kinds
    text = " ".join(action_lines(result, knowledge, "en"))
    assert "Settings → Apps" not in text and "Privacy & Security" in text
