"""Data-export archives: Google Takeout, Meta, Amazon, Apple, in every layout, and hostile ones."""

from __future__ import annotations

import json
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from checker.formats.safezip import SafeZip
from checker.history import KnownApp
from checker.knowledge.base import Knowledge
from checker.models import ArchiveKind, Basis, EvidenceKind, Platform, Report
from checker.report import to_dict
from checker.report_html import to_html
from checker.report_text import to_text
from checker.scan import scan
from checker.title_match import TitleIndex
from tests.builders import exports as ex
from tests.builders.apk import zip_bytes

META_FILE = "apps_and_websites_off_of_facebook/your_off-facebook_activity.json"
META_NEW = "apps_and_websites_off_of_facebook/your_activity_off_meta_technologies.json"
JAN_2021, JUN_2022 = 1610000000, 1655000000


def run(knowledge: Knowledge, *paths: Path, history: dict[str, KnownApp] | None = None) -> Report:
    return scan([str(p) for p in paths], knowledge, history=history)


def only_archive(report: Report, kind: ArchiveKind):  # type: ignore[no-untyped-def]
    found = [a for a in report.archives if a.kind is kind]
    assert len(found) == 1, report.errors
    return found[0]


# ---------------------------------------------------------------- Google Takeout


def test_takeout_lists_every_app_with_devices_and_dates(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    path = ex.write_zip(tmp_path / "takeout-001.zip", ex.takeout_members())
    report = run(knowledge, path)
    takeout = only_archive(report, ArchiveKind.GOOGLE_TAKEOUT)
    titles = {r.title: r for r in takeout.installs}
    assert set(titles) == {
        "WhatsApp Messenger",
        "Speedtest by Ookla",
        "Some Obscure Tool",
        "Old Flashlight",
    }
    assert "A Film" not in titles  # films and books are not apps
    whatsapp = titles["WhatsApp Messenger"]
    assert (whatsapp.first_seen, whatsapp.last_seen) == (
        "2019-05-01T10:00:00Z",
        "2023-06-01T12:00:00Z",
    )
    assert whatsapp.devices == ("Pixel 3a",)
    assert titles["Old Flashlight"].first_seen == "2015-03-03T03:03:03Z"  # from Library.json
    holdings = {h.code: h for h in takeout.holdings}
    assert holdings["installed_apps"].count == 4 and holdings["devices"].count == 1
    assert "Takeout/archive_browser.html" not in takeout.members_read
    assert not report.errors


def test_my_activity_links_give_package_ids_in_json_and_translated_html(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    members = ex.takeout_members(activity={"Some Obscure Tool": "com.obscure.tool"})
    as_json = run(knowledge, ex.write_zip(tmp_path / "a.zip", members))
    html = ex.takeout_members(
        activity={"Some Obscure Tool": "com.obscure.tool"}, activity_html=True,
        activity_folder="Mon activité",
    )  # fmt: skip
    as_html = run(knowledge, ex.write_zip(tmp_path / "b.zip", html))
    for report in (as_json, as_html):
        record = next(
            r for r in only_archive(report, ArchiveKind.GOOGLE_TAKEOUT).installs
            if r.title == "Some Obscure Tool"
        )  # fmt: skip
        assert (record.app_id, record.match) == ("com.obscure.tool", "given")
        listed = next(a for a in report.apps if a.app.id == "com.obscure.tool")
        assert listed.listed_only() and listed.app.installed[0].title == "Some Obscure Tool"


def test_extracted_folder_and_lone_file_read_the_same(knowledge: Knowledge, tmp_path: Path) -> None:
    folder = ex.write_folder(tmp_path / "Takeout export", ex.takeout_members())
    from_folder = only_archive(run(knowledge, folder), ArchiveKind.GOOGLE_TAKEOUT)
    lone = folder / "Takeout" / "Google Play Store" / "Installs.json"
    from_file = only_archive(run(knowledge, lone), ArchiveKind.GOOGLE_TAKEOUT)
    assert len(from_folder.installs) == 4
    assert {r.title for r in from_file.installs} == {
        "WhatsApp Messenger", "Speedtest by Ookla", "Some Obscure Tool",
    }  # fmt: skip


def test_a_takeout_app_known_from_an_earlier_scan_gets_its_trackers(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    path = ex.write_zip(tmp_path / "t.zip", ex.takeout_members())
    history = {"com.obscure.tool": KnownApp(7, "Some Obscure Tool", "1.0", ("google_admob",))}
    report = run(knowledge, path, history=history)
    app = next(a for a in report.apps if a.app.id == "com.obscure.tool")
    assert [h.tracker.id for h in app.hits] == ["google_admob"]
    assert app.app.installed and app.explanations


# ---------------------------------------------------------------- matching titles


def test_titles_match_exactly_normalised_fuzzily_or_are_shown_as_ambiguous() -> None:
    index = TitleIndex(
        [
            ("com.whatsapp", "WhatsApp Messenger", Platform.ANDROID),
            ("com.spotify.music", "Spotify", Platform.ANDROID),
            ("com.discord", "Discord", Platform.ANDROID),
            ("com.a.notes", "Notes", Platform.ANDROID),
            ("com.b.notes", "Notes", Platform.ANDROID),
            ("com.duolingo", "Duolingo", Platform.ANDROID),
        ]
    )
    assert index.match("WhatsApp Messenger").how == "exact"
    spotify = index.match("Spotify: Music and Podcasts", Platform.ANDROID)
    assert (spotify.app_id, spotify.how) == ("com.spotify.music", "prefix")  # likely, not sure
    assert index.match("spotify").how == "normalised"
    assert index.match("Discord - Talk, Video Chat & Hang Out").app_id == "com.discord"
    assert index.match("Duolingo™").how == "normalised"
    assert index.match("Duolingo Language Lessons").how == "none"  # extra words: no guess
    typo = index.match("Duolinngo")
    assert (typo.app_id, typo.how) == ("com.duolingo", "fuzzy") and 0.86 <= typo.confidence < 1
    ambiguous = index.match("Notes")
    assert ambiguous.how == "ambiguous" and ambiguous.app_id is None
    assert ambiguous.candidates == ("com.a.notes", "com.b.notes")
    assert index.match("Totally Different").how == "none"
    assert index.match("WhatsApp Messenger", Platform.IOS).how == "none"  # other platform


# ---------------------------------------------------------------- Meta


def test_meta_v2_json_lists_senders_events_and_times(knowledge: Knowledge, tmp_path: Path) -> None:
    data = ex.meta_v2(
        {
            "Acme Weather": [
                ("ACTIVATE_APP", JAN_2021),
                ("PURCHASE", JUN_2022),
                ("ACTIVATE_APP", JUN_2022),
            ],
            "shop.example.com": [("PAGE_VIEW", JAN_2021)],
        }
    )
    meta = only_archive(
        run(knowledge, ex.write_zip(tmp_path / "fb.zip", {META_FILE: data})), ArchiveKind.META
    )
    first = meta.shared[0]
    assert first.name == "Acme Weather" and first.total == 3
    assert first.events == (("ACTIVATE_APP", 2), ("PURCHASE", 1))
    assert (first.first_seen, first.last_seen) == ("2021-01-07T06:13:20Z", "2022-06-12T02:13:20Z")
    assert {h.code: h.count for h in meta.holdings} == {"shared_activity": 2, "shared_events": 4}


def test_meta_newer_record_list_and_mangled_accents(knowledge: Knowledge, tmp_path: Path) -> None:
    mangled = "Caf\u00c3\u00a9 Express"  # how Meta writes "Café Express"
    data = ex.meta_records({mangled: [("SEARCH", JAN_2021), ("ADD_TO_CART", JUN_2022)]})
    meta = only_archive(
        run(knowledge, ex.write_zip(tmp_path / "ig.zip", {META_NEW: data})), ArchiveKind.META
    )
    assert meta.shared[0].name == "Café Express"
    assert dict(meta.shared[0].events) == {"SEARCH": 1, "ADD_TO_CART": 1}


def test_meta_html_export_reads_one_page_per_business(knowledge: Knowledge, tmp_path: Path) -> None:
    pages = ex.meta_html_pages(
        {"Acme Weather": ["PURCHASE", "VIEW_CONTENT"], "News & Co": ["PAGE_VIEW"]}
    )
    meta = only_archive(
        run(knowledge, ex.write_zip(tmp_path / "fbhtml.zip", pages)), ArchiveKind.META
    )
    by_name = {a.name: a for a in meta.shared}
    assert dict(by_name["Acme Weather"].events) == {"PURCHASE": 1, "VIEW_CONTENT": 1}
    assert by_name["News & Co"].first_seen == "2024-01-05T10:11:12Z"
    assert set(by_name) == {"Acme Weather", "News & Co"}  # page titles are not businesses


def test_meta_sharing_becomes_reported_evidence_on_the_matching_app(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    takeout = ex.write_zip(
        tmp_path / "takeout.zip",
        ex.takeout_members(
            [("Acme Weather", "2021-01-01T00:00:00.000Z", "Pixel")],
            activity={"Acme Weather": "com.acme.weather"},
        ),
    )
    meta = ex.write_zip(
        tmp_path / "meta.zip",
        {
            META_FILE: ex.meta_v2(
                {"Acme Weather": [("ACTIVATE_APP", JAN_2021), ("PURCHASE", JUN_2022)]}
            )
        },
    )
    report = run(knowledge, takeout, meta)
    app = next(a for a in report.apps if a.app.id == "com.acme.weather")
    hit = next(h for h in app.hits if h.tracker.id == "facebook_app_events")
    assert hit.evidence[0].kind is EvidenceKind.REPORTED
    explanation = next(x for x in app.explanations if x.tracker_id == "facebook_app_events")
    reported = {e.data_type for e in explanation.exposures if e.basis is Basis.REPORTED}
    assert reported == {"app_usage", "purchases"}
    assert all(e.evidence is EvidenceKind.REPORTED for e in explanation.exposures)
    assert "did share" in to_text(report, knowledge, "en")
    assert "a bien été transmis" in to_text(report, knowledge, "fr")


# ---------------------------------------------------------------- Amazon and Apple


def test_amazon_audiences_searches_and_orders(knowledge: Knowledge, tmp_path: Path) -> None:
    amazon = only_archive(
        run(knowledge, ex.write_zip(tmp_path / "amazon.zip", ex.amazon_members())),
        ArchiveKind.AMAZON,
    )
    holdings = {h.code: h for h in amazon.holdings}
    assert holdings["ad_audiences_third_party"].count == 2
    assert holdings["ad_audiences_third_party"].samples[0] == "Data broker segment: High income"
    searches = holdings["search_keywords"]
    assert searches.count == 3 and searches.samples[0] == "pregnancy test"  # most frequent first
    assert (searches.first_seen, searches.last_seen) == (
        "2022-01-02T10:00:00Z",
        "2023-05-06T12:00:00Z",
    )
    assert holdings["orders"].count == 2 and holdings["digital_orders"].count == 1
    assert not any("CartItems" in m for m in amazon.members_read)


def test_apple_export_reads_the_nested_zip_and_keeps_only_apps(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    path = tmp_path / "Apple Media Services Information Part 1 of 2.zip"
    path.write_bytes(ex.apple_outer())
    apple = only_archive(run(knowledge, path), ArchiveKind.APPLE)
    by_title = {r.title: r for r in apple.installs}
    assert set(by_title) == {"Speedtest by Ookla", "Telegram"}  # not songs, not in-app purchases
    speedtest = by_title["Speedtest by Ookla"]
    assert speedtest.platform is Platform.IOS and speedtest.store_id == "300704847"
    assert (speedtest.first_seen, speedtest.last_seen) == (
        "2021-05-16T02:58:13Z",
        "2023-01-01T00:00:00Z",
    )
    assert by_title["Telegram"].platform is Platform.MACOS
    assert any("Apple_Media_Services.zip!" in m for m in apple.members_read)


# ---------------------------------------------------------------- reports


def test_every_report_form_has_the_archive_sections_in_both_languages(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    amazon = ex.write_zip(tmp_path / "amazon.zip", ex.amazon_members())
    report = run(knowledge, amazon)
    document = json.loads(json.dumps(to_dict(report, knowledge)))
    holding = document["archives"][0]["holdings"][2]
    assert holding["code"] == "ad_audiences_third_party" and holding["count"] == 2
    assert "Advertising.1/Advertising.3PAudiences.csv" in document["archives"][0]["files_read"]
    assert "someone else gave Amazon data about you" in to_text(report, knowledge, "en")
    assert "quelqu'un d'autre a fourni vos données" in to_text(report, knowledge, "fr")
    html = to_html(report, knowledge, "fr")
    assert "Ce que montrent vos exports de données" in html and "<script" not in html
    assert "letter amazon" in to_html(report, knowledge, "en")


# ---------------------------------------------------------------- hostile archives


def test_password_protected_archive_is_named_clearly(knowledge: Knowledge, tmp_path: Path) -> None:
    path = tmp_path / "locked.zip"
    path.write_bytes(ex.password_protected(zip_bytes(ex.amazon_members())))
    report = run(knowledge, path)
    assert [e.code for e in report.errors] == ["encrypted"]
    assert "password-protected" in report.errors[0].detail
    assert {w.code for w in report.warnings} == {"encrypted"}
    assert all("locked.zip!" in w.path and "password" in w.detail for w in report.warnings)


def test_bad_members_are_named_and_the_rest_still_shown(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    members = ex.takeout_members()
    members["Takeout/Google Play Store/Library.json"] = b'{"not": "a list"}'
    members["Takeout/Google Play Store/Devices.json"] = b"[{" + b"\xff\xfe" * 10
    report = run(knowledge, ex.write_zip(tmp_path / "t.zip", members))
    takeout = only_archive(report, ArchiveKind.GOOGLE_TAKEOUT)
    assert len(takeout.installs) == 3
    problems = {w.path.split("!")[-1]: w for w in report.warnings}
    assert "expected a list" in problems["Takeout/Google Play Store/Library.json"].detail
    assert problems["Takeout/Google Play Store/Devices.json"].code in ("malformed", "bad_encoding")


def test_invalid_utf8_is_replaced_and_said(knowledge: Knowledge, tmp_path: Path) -> None:
    data = ex.meta_v2({"Acme": [("PAGE_VIEW", JAN_2021)]}).replace(b"Acme", b"Ac\xffme")
    report = run(knowledge, ex.write_zip(tmp_path / "fb.zip", {META_FILE: data}))
    assert only_archive(report, ArchiveKind.META).shared[0].name == "Ac\ufffdme"
    assert [w.code for w in report.warnings] == ["bad_encoding"]


def test_wrong_shape_zip_bomb_duplicates_and_truncation(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    wrong = ex.write_zip(tmp_path / "wrong.zip", {META_FILE: b'{"something_else": 1}'})
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(
        zip_bytes({"Takeout/Google Play Store/Installs.json": b" " * (300 * 1024 * 1024)})
    )
    duplicated = tmp_path / "dup.zip"
    with zipfile.ZipFile(duplicated, "w") as archive, pytest.warns(UserWarning):
        for name, data in ex.amazon_members().items():
            archive.writestr(name, data)
        archive.writestr("Advertising.1/Advertising.3PAudiences.csv", b"x\ny\n")
    report = run(knowledge, wrong, bomb, duplicated)
    errors = {Path(e.path).name: e for e in report.errors}
    assert set(errors) == {"wrong.zip", "bomb.zip"}
    assert [w.code for w in report.warnings if "bomb.zip!Takeout" in w.path] == ["limit"]
    assert any(w.code == "duplicate" for w in report.warnings if "dup.zip" in w.path)
    amazon = only_archive(report, ArchiveKind.AMAZON)
    assert {h.code: h.count for h in amazon.holdings}["ad_audiences_third_party"] == 2


def test_a_one_gigabyte_takeout_reads_only_what_it_needs(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "takeout-big.zip"
    filler = [
        (f"Takeout/YouTube and YouTube Music/videos/video{i}.mp4", 256 * 1024 * 1024)
        for i in range(4)
    ]
    ex.sparse_zip(path, ex.takeout_members(), filler)
    assert path.stat().st_size > 1024**3
    opened: list[str] = []
    real_read = SafeZip.read

    def spy(self: SafeZip, member, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(member.name)
        return real_read(self, member, **kwargs)

    monkeypatch.setattr(SafeZip, "read", spy)
    tracemalloc.start()
    report = run(knowledge, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(only_archive(report, ArchiveKind.GOOGLE_TAKEOUT).installs) == 4
    assert not any("YouTube" in name for name in opened)
    assert peak < 64 * 1024 * 1024


def test_exports_without_the_parts_we_read_say_what_to_do(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    german = ex.write_zip(
        tmp_path / "takeout-de.zip",
        {"Takeout/archive_browser.html": b"<html></html>", "Takeout/Fotos/a.json": b"{}",
         "Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.html": b"<html></html>"},
    )  # fmt: skip
    meta = ex.write_zip(
        tmp_path / "facebook.zip",
        {"personal_information/profile_information/profile_information.json": b"{}",
         "your_facebook_activity/posts/your_posts_1.json": b"[]"},
    )  # fmt: skip
    errors = {Path(e.path).name: e.detail for e in run(knowledge, german, meta).errors}
    assert "Google Play Store" in errors["takeout-de.zip"]
    assert "Fotos, Meine Aktivitäten" in errors["takeout-de.zip"]
    assert "Apps and websites off of Facebook" in errors["facebook.zip"]


def test_meta_single_page_html_with_a_heading_per_business(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    page = (
        b"<html><body><h1>Your off-Facebook activity</h1>"
        b"<h2>Acme Weather</h2><div>Event</div><div>ACTIVATE_APP</div>"
        b"<div>Received on</div><div>Jan 5, 2024 10:11:12 am</div>"
        b"<div>Event</div><div>PURCHASE</div>"
        b"<h2>News &amp; Co</h2><div>Event</div><div>PAGE_VIEW</div></body></html>"
    )
    path = tmp_path / "your_off-facebook_activity.html"
    path.write_bytes(page)
    meta = only_archive(run(knowledge, path), ArchiveKind.META)
    by_name = {a.name: dict(a.events) for a in meta.shared}
    assert by_name == {
        "Acme Weather": {"ACTIVATE_APP": 1, "PURCHASE": 1},
        "News & Co": {"PAGE_VIEW": 1},
    }


class _Unseekable:
    """A write-only stream: zipfile then writes sizes after each member (data descriptors)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        return len(chunk)

    def flush(self) -> None:
        pass


def _streamed_zip(members: dict[str, bytes]) -> bytes:
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for name, data in members.items():
            with archive.open(name, "w") as member:
                member.write(data)
    return bytes(sink.data)


def test_a_cut_short_download_shows_what_arrived(knowledge: Knowledge, tmp_path: Path) -> None:
    members = ex.takeout_members()
    members["Takeout/YouTube/videos/big.mp4"] = random.Random(1).randbytes(10_000_000)  # last
    for label, data in (("plain", zip_bytes(members)), ("streamed", _streamed_zip(members))):
        assert data[data.find(b"PK\x03\x04") + 6] & 0x8 == (8 if label == "streamed" else 0)
        path = tmp_path / f"takeout-{label}.zip"
        path.write_bytes(data[: len(data) - 5_000_000])  # the download stopped inside the video
        report = run(knowledge, path)
        assert not report.errors, (label, report.errors)
        assert len(only_archive(report, ArchiveKind.GOOGLE_TAKEOUT).installs) == 4
        assert [w.code for w in report.warnings] == ["truncated"]
        assert "files that arrived whole were read" in report.warnings[0].detail


def test_a_zip_cut_before_its_first_file_ends_is_named(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    data = zip_bytes(ex.amazon_members())
    path = tmp_path / "amazon.zip"
    path.write_bytes(data[:100])
    report = run(knowledge, path)
    assert [(Path(e.path).name, e.code) for e in report.errors] == [("amazon.zip", "truncated")]
    assert "interrupted download" in report.errors[0].detail


def test_store_titles_match_the_bundled_table_of_widely_used_apps(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    apps = [("Spotify: Music and Podcasts", "2020-01-01T00:00:00.000Z", "Pixel"),
            ("Tinder Dating App: Date & Chat", "2021-01-01T00:00:00.000Z", "Pixel")]  # fmt: skip
    report = run(knowledge, ex.write_zip(tmp_path / "t.zip", ex.takeout_members(apps)))
    takeout = only_archive(report, ArchiveKind.GOOGLE_TAKEOUT)
    matched = {r.title: (r.app_id, r.match) for r in takeout.installs}
    assert matched["Spotify: Music and Podcasts"] == ("com.spotify.music", "prefix")
    assert "com.spotify.music" not in {a.app.id for a in report.apps}  # shown, not acted on
    assert matched["Tinder Dating App: Date & Chat"][1] == "none"  # "Tinder Dating App" ≠ "Tinder"


def test_the_table_of_known_apps_names_each_app_once_per_platform() -> None:
    from checker.listed_apps import known_app_names

    for names in known_app_names().values():
        assert len(set(names.values())) == len(names)


def test_a_folder_holding_an_export_and_apps_reads_both(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    from tests.builders.apk import build_apk, write

    downloads = tmp_path / "downloads"
    write(downloads / "game.apk", build_apk("com.example.game", classes=["com.example.game.Main"]))
    ex.write_folder(downloads / "takeout-2024", ex.takeout_members())
    ex.write_folder(
        downloads / "facebook-me", {META_FILE: ex.meta_v2({"Acme": [("PAGE_VIEW", JAN_2021)]})}
    )
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "library.json").write_text('{"books": []}')  # not a Takeout file
    report = run(knowledge, downloads, tmp_path / "notes")
    assert "com.example.game" in {a.app.id for a in report.apps}
    assert sorted(a.kind for a in report.archives) == [ArchiveKind.GOOGLE_TAKEOUT, ArchiveKind.META]
    assert not report.errors


def test_generic_names_before_a_subtitle_are_never_acted_on(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    apps = [("Weather: Live Radar & Forecast", "2020-01-01T00:00:00.000Z", "Pixel"),
            ("Messenger: SMS & MMS", "2020-01-01T00:00:00.000Z", "Pixel")]  # fmt: skip
    report = run(knowledge, ex.write_zip(tmp_path / "t.zip", ex.takeout_members(apps)))
    hows = {r.title: r.match for r in only_archive(report, ArchiveKind.GOOGLE_TAKEOUT).installs}
    assert hows["Messenger: SMS & MMS"] == "prefix"
    assert "com.facebook.orca" not in {a.app.id for a in report.apps}


def test_fuzzy_matching_compares_a_bounded_number_of_names() -> None:
    from checker import title_match

    index = TitleIndex(
        (f"com.photo.editor{i}", f"Photo Editor Pro {i}", Platform.ANDROID) for i in range(3000)
    )
    found = [index.match(f"Photo Editor Pro {i}x") for i in range(3000)]
    used = title_match.FUZZY_BUDGET - index._budget
    assert 0 < used <= min(title_match.FUZZY_BUDGET, 3000 * title_match.FUZZY_CANDIDATES)
    assert found[5].app_id in (None, "com.photo.editor5")  # never another editor


def test_a_sender_named_like_an_app_on_two_platforms_goes_to_the_one_present(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    takeout = ex.write_zip(
        tmp_path / "takeout.zip",
        ex.takeout_members([("Spotify", "2021-01-01T00:00:00.000Z", "Pixel")]),
    )
    meta = ex.write_zip(
        tmp_path / "meta.zip",
        {META_FILE: ex.meta_v2({"Spotify": [("ADD_TO_CART", JAN_2021), ("SEARCH", JUN_2022)]})},
    )
    report = run(knowledge, takeout, meta)
    sender = only_archive(report, ArchiveKind.META).shared[0]
    assert sender.app_id == "com.spotify.music"  # Android's, not the iPhone's com.spotify.client
    app = next(a for a in report.apps if a.app.id == "com.spotify.music")
    explanation = next(x for x in app.explanations if x.tracker_id == "facebook_app_events")
    assert {e.data_type for e in explanation.exposures} == {"app_usage"}  # a cart is no purchase
    assert {e.basis for e in explanation.exposures} == {Basis.REPORTED}  # nothing about its code
    assert "matched by name" in next(h for h in app.hits).evidence[0].detail
    text = to_text(report, knowledge, "en")
    assert "By its own data export, Meta Platforms, Inc. received your activity" in text
    assert "What the platforms' data exports say about this app" in text
    assert "Google Play records it on 2021-01-01" not in text  # installed, then updated
    assert "Google Play records it from 2021-01-01 to 2023-06-01" in text


def _corrupt_member(data: bytes, name: str) -> bytes:
    """Flip bytes inside one member's compressed data, leaving the directory intact."""
    raw = bytearray(data)
    at = raw.find(name.encode()) + len(name)  # its local header's name, then its data
    for i in range(at + 10, at + 40):
        raw[i] ^= 0xFF
    return bytes(raw)


def test_hostile_members_cost_only_themselves(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.sources import export_tree

    members = ex.amazon_members()
    members["Search-Data/Search-Data.Customer-Engagement.csv"] = ex.csv_bytes(
        ["First Search Time (GMT)", "Keywords"],
        [["²", "odd date"], ["2022-01-02 10:00:00.0", "x"]] * 500,
    )
    members["Retail.OrderHistory.2/Retail.OrderHistory.2.csv"] = (
        b"Order Date,Product Name\n" + b"a" * 5000
    )
    amazon = tmp_path / "amazon.zip"
    amazon.write_bytes(
        _corrupt_member(zip_bytes(members), "Advertising.1/Advertising.3PAudiences.csv")
    )
    monkeypatch.setattr(export_tree, "MAX_CSV_LINE", 1024)  # one endless line, scaled down
    takeout = ex.takeout_members(activity={"Some Obscure Tool": "com.obscure.tool"})
    takeout["Takeout/My Activity/Google Play Store/MyActivity.json"] = json.dumps(
        [{"title": "Installed X", "titleUrl": "https://[play.google.com/store/apps/details?id=a.b"}]
    ).encode()
    meta = {META_NEW: json.dumps([{"title": "Acme", "label_values": 5}, {"title": "B", "label_values": [{"label": "Events", "vec": 7}]}]).encode()}  # fmt: skip
    report = run(
        knowledge,
        amazon,
        ex.write_zip(tmp_path / "t.zip", takeout),
        ex.write_zip(tmp_path / "m.zip", meta),
    )
    assert not report.errors, report.errors
    holdings = {h.code: h for h in only_archive(report, ArchiveKind.AMAZON).holdings}
    assert "ad_audiences_third_party" not in holdings  # the corrupt file is not shown as read
    assert holdings["search_keywords"].count == 1000
    assert "orders" in holdings and holdings["orders"].count == 2  # the first file only
    problems = {w.path.split("!")[-1]: w.code for w in report.warnings}
    assert problems["Advertising.1/Advertising.3PAudiences.csv"] in ("malformed", "truncated")
    assert problems["Retail.OrderHistory.2/Retail.OrderHistory.2.csv"] == "limit"
    assert {a.name for a in only_archive(report, ArchiveKind.META).shared} == {"Acme", "B"}
    assert len(only_archive(report, ArchiveKind.GOOGLE_TAKEOUT).installs) == 4


def test_meta_labels_in_french_are_read_after_unescaping(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    mangle = lambda text: text.encode().decode("latin-1")  # noqa: E731 - how Meta writes
    record = [{"title": "Acme", "label_values": [{"label": mangle("Événements"), "vec": [
        {"dict": [{"label": mangle("Événement"), "value": "PURCHASE"},
                  {"label": mangle("Reçu le"), "timestamp_value": JAN_2021}]}]}]}]  # fmt: skip
    meta = only_archive(
        run(knowledge, ex.write_zip(tmp_path / "fr.zip", {META_NEW: json.dumps(record).encode()})),
        ArchiveKind.META,
    )
    assert meta.shared[0].events == (("PURCHASE", 1),)
    assert meta.shared[0].first_seen == "2021-01-07T06:13:20Z"


def test_hostile_html_is_read_in_linear_time(knowledge: Knowledge, tmp_path: Path) -> None:
    from checker.sources.meta_export import _tokens

    tokens = _tokens("<a " * 200_000 + "<h2>Acme</h2>")
    assert tokens[-1] == ("h", "Acme") and len(tokens) <= 200_001
    assert _tokens("<style>h2{}</style><h2>A &amp; B</h2><p>Event</p>") == [
        ("h", "A & B"),
        ("t", "Event"),
    ]


def test_an_empty_member_name_in_a_cut_short_zip_costs_nothing(
    knowledge: Knowledge, tmp_path: Path
) -> None:
    import struct
    import zlib

    from tests.builders.apk import build_apk, write

    def local(name: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(data)
        header = struct.pack(
            "<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0
        )
        return header + name + data

    odd = local(b"", b"{}") + local(b"your_facebook_activity/a.json", b"[]")  # no directory
    folder = tmp_path / "in"
    write(folder / "app.apk", build_apk("com.example.app", classes=["com.example.app.Main"]))
    (folder / "odd.zip").write_bytes(odd)
    report = run(knowledge, folder)  # the whole batch used to fail here
    assert "com.example.app" in {a.app.id for a in report.apps}


def test_meta_advertisers_that_hold_your_data(knowledge: Knowledge, tmp_path: Path) -> None:
    facebook = {
        "ads_information/advertisers_using_your_activity_or_information.json": json.dumps(
            {"custom_audiences_all_types_v2": [
                {"advertiser_name": "Acme Pharmacy", "has_data_file_custom_audience": True,
                 "has_remarketing_custom_audience": False, "has_in_person_store_visit": True},
                {"advertiser_name": "Shoe Shop", "has_data_file_custom_audience": False,
                 "has_remarketing_custom_audience": True, "has_in_person_store_visit": False},
            ]}
        ).encode(),
        META_FILE: ex.meta_v2({"Acme": [("PAGE_VIEW", JAN_2021)]}),
    }  # fmt: skip
    instagram = {
        "ads_information/instagram_ads_and_businesses/advertisers_using_your_activity_or_information.json":
        json.dumps({"ig_custom_audiences_all_types": [
            {"advertiser_name": "Caf\u00c3\u00a9 Bleu", "has_data_file_custom_audience": True,
             "has_remarketing_custom_audience": False, "has_in_person_store_visit": False}]}).encode(),
        "personal_information/personal_information.json": b"{}",
    }  # fmt: skip
    older = {
        "ads_and_businesses/advertisers_who_uploaded_a_contact_list_with_your_information.json":
        json.dumps({"custom_audiences_v2": ["Big Bank", "Telecom Co"]}).encode(),
    }  # fmt: skip
    paths = [ex.write_zip(tmp_path / f"{n}.zip", m) for n, m in
             (("fb", facebook), ("ig", instagram), ("old", older))]  # fmt: skip
    report = run(knowledge, *paths)
    assert not report.errors, report.errors
    by_path = {Path(a.path).stem: {h.code: h for h in a.holdings} for a in report.archives}
    assert by_path["fb"]["advertisers_using_your_data"].count == 2
    assert by_path["fb"]["advertisers_with_your_list"].samples == ("Acme Pharmacy",)
    assert by_path["fb"]["advertisers_store_visits"].count == 1
    assert by_path["fb"]["shared_activity"].count == 1
    assert by_path["ig"]["advertisers_with_your_list"].samples == ("Café Bleu",)
    assert by_path["old"]["advertisers_with_your_list"].count == 2
    text = to_text(report, knowledge, "en")
    assert "uploaded a list with your information (someone else gave Meta data about you)" in text
