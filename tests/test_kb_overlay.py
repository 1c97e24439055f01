"""Importing and updating the εxodus list: merged by exodus_id, refused cleanly when bad."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import keyring
import keyring.backends.fail
import pytest

from checker import net
from checker.errors import LimitExceeded
from checker.knowledge import overlay
from checker.knowledge.base import Knowledge
from checker.scan import scan
from checker.store import Consent, Store
from tests.builders.apk import build_apk, write
from tests.builders.cli import run
from tests.builders.local_server import QuietHandler, serving
from tests.conftest import EXODUS_LIST


def exodus_doc(*entries: dict[str, object]) -> bytes:
    trackers = {}
    for entry in entries:
        base = {"name": "X", "description": "", "creation_date": "2024-01-01", "code_signature": "",
                "network_signature": "", "website": "https://example.org/", "categories": [], "documentation": []}  # fmt: skip
        base.update(entry)
        trackers[str(base["id"])] = base
    return json.dumps({"trackers": trackers}).encode()


NEW_TRACKER = {
    "id": 9001,
    "name": "Brand New Ads",
    "code_signature": "io.brandnew.ads.",
    "website": "https://brandnew.example/",
    "categories": ["Advertisement"],
}
# exodus 312 is AdMob: a new alternative must extend our AdMob entry, not create one.
ADMOB_EXTRA = {
    "id": 312,
    "name": "Google AdMob",
    "code_signature": "com.google.ads.|com.google.admob.newer.",
}


def test_import_adds_new_trackers_and_extends_known_ones(tmp_path: Path) -> None:
    listing = write(tmp_path / "list.json", exodus_doc(NEW_TRACKER, ADMOB_EXTRA))
    code, out, err = run("kb", "import", str(listing))
    assert code == 0, err
    assert "1 new" in out and "1 known" in out
    knowledge = Knowledge.load()
    assert knowledge.overlay is not None and knowledge.overlay.added == 1
    apk = write(
        tmp_path / "a.apk",
        build_apk("com.a", classes=["io.brandnew.ads.Banner", "com.google.admob.newer.X"]),
    )
    (result,) = scan([str(apk)], knowledge).apps
    found = {h.tracker.exodus_id: h.tracker for h in result.hits}
    assert found[9001].name == "Brand New Ads"
    assert knowledge.companies[found[9001].company_id].name == "brandnew.example"
    assert found[312].id == "google_admob"  # our own entry, with its owner and wording
    assert "+exodus-" in knowledge.info.version


def test_reset_goes_back_to_the_bundled_base(tmp_path: Path) -> None:
    bundled = Knowledge.load()
    run("kb", "import", str(write(tmp_path / "l.json", exodus_doc(NEW_TRACKER))))
    assert len(Knowledge.load().trackers) == len(bundled.trackers) + 1
    code, out, _ = run("kb", "reset", "--lang", "fr")
    assert code == 0 and "retour" in out
    again = Knowledge.load()
    assert again.overlay is None and set(again.trackers) == set(bundled.trackers)


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_the_real_exodus_list_imports() -> None:
    code, out, err = run("kb", "import", str(EXODUS_LIST))
    assert "432" in out
    assert code == 0, err
    info = Knowledge.load().overlay
    assert info is not None and info.trackers == 432
    code, stats, _ = run("kb", "stats")
    assert "Imported εxodus list: 432 trackers" in stats


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"trackers": []}', "εxodus API shape"),
        (b"[1, 2, 3]", "εxodus API shape"),
        (exodus_doc({"id": 5, "name": "Evil", "code_signature": "(a+)+$"}), "not a plain"),
        (exodus_doc({"id": 6, "name": "Evil", "code_signature": "(?:q|q)*Z"}), "not a plain"),
        (exodus_doc({"id": 7, "name": "Bad", "code_signature": "com.(unclosed"}), "not a plain"),
        (exodus_doc({"id": "seven", "name": "NoId"}), "no numeric id"),
        (exodus_doc({"id": 8, "name": ""}), "has no name"),
    ],
)
def test_bad_lists_are_refused_and_change_nothing(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    run("kb", "import", str(write(tmp_path / "good.json", exodus_doc(NEW_TRACKER))))
    before = overlay.overlay_path().read_bytes()
    code, out, err = run("kb", "import", str(write(tmp_path / "bad.json", content)))
    assert code == 1 and out == ""
    assert expected in err
    assert overlay.overlay_path().read_bytes() == before


def test_an_absurdly_large_list_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(overlay.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    code, _, err = run("kb", "import", str(huge))
    assert code == 1 and "safety limit" in err
    assert not overlay.overlay_path().exists()


# ---------------------------------------------------------------- online update


class _Handler(QuietHandler):
    payloads: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path
        if path == "/500":
            self.send_error(500, "Internal Server Error")
            return
        if path == "/slow":
            time.sleep(3)
            return
        if path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            return
        if path == "/huge-stream":
            self.send_response(200)
            self.end_headers()
            chunk = b" " * (1024 * 1024)
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client hung up once it had enough, as it should
            return
        body = self.payloads.get(path)
        if body is None:
            self.send_error(404)
            return
        self.reply(body)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.payloads = {
        "/ok": exodus_doc(NEW_TRACKER, ADMOB_EXTRA),
        "/badjson": b"<html>maintenance</html>",
        "/shape": b'{"trackers": "none"}',
    }
    if EXODUS_LIST.exists():
        _Handler.payloads["/real"] = EXODUS_LIST.read_bytes()
    with serving(_Handler) as url:
        yield url


def test_update_needs_consent_and_touches_no_network_without_it(
    server: str, no_network: list[tuple[object, ...]]
) -> None:
    code, _, err = run("kb", "update", "--url", f"{server}/ok")
    assert code == 1 and "--consent yes" in err
    assert no_network == []
    code, _, err = run("kb", "update", "--url", f"{server}/ok", "--consent", "no")
    assert code == 1 and no_network == []
    with Store() as store:
        assert store.consent(net.FEATURE_KB_UPDATE) is Consent.NO


def test_update_with_consent_merges_the_list(server: str) -> None:
    code, out, err = run("kb", "update", "--url", f"{server}/ok", "--consent", "yes")
    assert code == 0, err
    assert "1 new" in out
    assert Knowledge.load().overlay is not None
    code, _, _ = run("kb", "update", "--url", f"{server}/ok")  # consent was remembered
    assert code == 0


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_update_from_a_server_serving_the_real_list(server: str) -> None:
    code, out, err = run("kb", "update", "--url", f"{server}/real", "--consent", "yes")
    assert code == 0, err
    assert "432" in out


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/badjson", "not valid JSON"), ("/shape", "εxodus API shape"), ("/500", "500"), ("/missing", "404"),
     ("/huge-declared", "limit"), ("/huge-stream", "limit")],
)  # fmt: skip
def test_failed_updates_leave_the_knowledge_untouched(
    server: str, tmp_path: Path, path: str, expected: str
) -> None:
    run("kb", "import", str(write(tmp_path / "l.json", exodus_doc(NEW_TRACKER))))
    before = overlay.overlay_path().read_bytes()
    code, _, err = run("kb", "update", "--url", f"{server}{path}", "--consent", "yes")
    assert code == 1
    assert expected in err
    assert overlay.overlay_path().read_bytes() == before


def test_a_silent_server_times_out(server: str) -> None:
    with Store() as store:
        store.set_consent(net.FEATURE_KB_UPDATE, True)
        with pytest.raises(net.NetworkError, match="no answer"):
            net.fetch(f"{server}/slow", feature=net.FEATURE_KB_UPDATE, store=store, timeout=0.5)


def test_only_https_leaves_the_machine() -> None:
    with Store() as store:
        store.set_consent(net.FEATURE_KB_UPDATE, True)
        with pytest.raises(net.NetworkError, match="only https"):
            net.fetch("http://example.org/list", feature=net.FEATURE_KB_UPDATE, store=store)
        with pytest.raises(net.ConsentRequired):
            net.fetch("https://example.org/", feature="something_else", store=store)


def test_body_cap_is_enforced_without_content_length(server: str) -> None:
    with Store() as store:
        store.set_consent(net.FEATURE_KB_UPDATE, True)
        with pytest.raises(LimitExceeded):
            net.fetch(
                f"{server}/huge-stream",
                feature=net.FEATURE_KB_UPDATE,
                store=store,
                max_bytes=1024 * 1024,
            )


# ---------------------------------------------------------------- the API token


def test_token_goes_to_the_keyring_and_says_where(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: object
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-token\n"))
    code, out, _ = run("kb", "token", "set")
    assert code == 0 and "test keyring" in out
    assert keyring.get_password("exposure-checker", "exodus-api-token") == "s3cret-token"
    assert "stored" in run("kb", "token", "status")[1]
    assert run("kb", "token", "clear")[0] == 0
    assert keyring.get_password("exposure-checker", "exodus-api-token") is None


def test_without_a_keyring_the_token_is_not_stored_anywhere(
    monkeypatch: pytest.MonkeyPatch, fresh_home: Path
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-token\n"))
    code, out, _ = run("kb", "token", "set", "--lang", "fr")
    assert code == 1 and "trousseau" in out
    for path in fresh_home.rglob("*"):
        if path.is_file():
            assert b"s3cret-token" not in path.read_bytes()


def test_the_token_goes_only_to_exodus_never_to_another_url(
    server: str, memory_keyring: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str | None] = []
    original = _Handler.do_GET

    def spy(self: _Handler) -> None:
        seen.append(self.headers.get("Authorization"))
        original(self)

    monkeypatch.setattr(_Handler, "do_GET", spy)
    keyring.set_password("exposure-checker", "exodus-api-token", "abc123")
    assert run("kb", "update", "--url", f"{server}/ok", "--consent", "yes")[0] == 0
    assert seen == [None]  # a --url elsewhere never receives the token
