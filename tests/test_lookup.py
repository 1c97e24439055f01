"""The opt-in εxodus look-up for listed apps: consent first, token in the keyring, cached."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import keyring
import pytest

from checker import lookup
from tests.builders.apk import write
from tests.builders.cli import run
from tests.builders.local_server import QuietHandler, serving

REPORTS = [
    {"app_name": "Speed Test", "handle": "org.speed.test", "report": 41, "trackers": [312, 9],
     "updated": "2023-01-02T10:00:00Z", "version_code": "50", "version_name": "5.0"},
    {"app_name": "Speed Test", "handle": "org.speed.test", "report": 77, "trackers": [312, 70],
     "updated": "2024-06-01T10:00:00Z", "version_code": "53", "version_name": "5.3"},
]  # fmt: skip


class _Handler(QuietHandler):
    asked: ClassVar[list[str]] = []
    fail = False

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.asked.append(self.path)
        if self.fail:
            self.send_error(500)
            return
        body = json.dumps(REPORTS if "org.speed.test" in self.path else []).encode()
        self.reply(body)


@pytest.fixture
def exodus(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[_Handler]]:
    _Handler.asked = []
    _Handler.fail = False
    with serving(_Handler) as url:
        monkeypatch.setattr(lookup, "SEARCH_URL", f"{url}/api/search/{{package}}/details")
        yield _Handler


def listing(tmp_path: Path) -> str:
    return str(
        write(tmp_path / "packages.txt", b"package:org.speed.test\npackage:org.unknown.app\n")
    )


def test_nothing_leaves_without_consent(
    tmp_path: Path, exodus: type[_Handler], no_network: list[object]
) -> None:
    code, _, err = run("scan", listing(tmp_path), "--lookup")
    assert code == 1 and "--consent yes" in err
    assert exodus.asked == [] and no_network == []


def test_consented_lookup_fills_trackers_and_is_cached(
    tmp_path: Path, exodus: type[_Handler]
) -> None:
    keyring.set_password("exposure-checker", "exodus-api-token", "tok")
    code, out, err = run(
        "scan", listing(tmp_path), "--lookup", "--consent", "yes", "--format", "json"
    )
    assert code == 0, err
    apps = {a["id"]: a for a in json.loads(out)["apps"]}
    speed = apps["org.speed.test"]
    assert speed["name"] == "Speed Test" and speed["version"] == "5.3"  # the newest report
    assert {t["exodus_id"] for t in speed["trackers"]} == {312, 70}
    assert speed["trackers"][0]["evidence"][0]["detail"] == "εxodus report #77, version 5.3"
    assert apps["org.unknown.app"]["trackers"] == []
    assert json.loads(out)["package_names_looked_up_online"] == 2
    asked = len(exodus.asked)
    assert asked == 2
    _, text, _ = run("scan", listing(tmp_path), "--lookup")  # consent remembered, answers cached
    assert len(exodus.asked) == asked
    assert "2 package names were looked up" in text and "Nothing was uploaded" not in text


def test_without_a_token_the_scan_still_succeeds_with_a_warning(
    tmp_path: Path, exodus: type[_Handler]
) -> None:
    code, out, _ = run(
        "scan", listing(tmp_path), "--lookup", "--consent", "yes", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    assert [w["code"] for w in doc["warnings"]] == ["token_needed"]
    assert exodus.asked == []


def test_a_failing_server_is_one_warning(tmp_path: Path, exodus: type[_Handler]) -> None:
    keyring.set_password("exposure-checker", "exodus-api-token", "tok")
    exodus.fail = True
    code, out, _ = run(
        "scan", listing(tmp_path), "--lookup", "--consent", "yes", "--format", "json"
    )
    assert code == 0
    assert [w["code"] for w in json.loads(out)["warnings"]] == ["network"]
    assert len(exodus.asked) == 1  # the first failure stops the asking
