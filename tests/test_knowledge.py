"""Knowledge-base sources are valid, compile to SQLite, and agree with εxodus where linked."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from checker import paths
from checker.errors import KnowledgeError
from checker.knowledge.base import Knowledge
from checker.knowledge.compile import compiled_path, content_hash
from checker.knowledge.sources import load_sources
from tests.conftest import EXODUS_LIST

SOURCES = paths.resources_dir() / "knowledge"


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(SOURCES, copy)
    return copy


def test_bundled_sources_are_valid_and_large_enough() -> None:
    sources = load_sources(SOURCES)
    assert len(sources.trackers) >= 80
    for parent in ("alphabet", "meta", "amazon", "bytedance", "tencent"):
        assert parent in sources.companies


def test_every_tracker_has_an_owner_and_every_owner_reaches_a_top_company(
    knowledge: Knowledge,
) -> None:
    for tracker in knowledge.trackers.values():
        chain = knowledge.company_chain(tracker.company_id)
        assert chain, tracker.id
        assert chain[-1].parent_id is None


def test_famous_sdks_roll_up_to_their_parents(knowledge: Knowledge) -> None:
    def top(tracker_id: str) -> str:
        return knowledge.company_chain(knowledge.trackers[tracker_id].company_id)[-1].id

    assert top("google_admob") == "alphabet"
    assert top("google_firebase_analytics") == "alphabet"
    assert top("amazon_mobile_ads") == "amazon"
    assert top("facebook_audience_network") == "meta"


def test_every_text_a_user_reads_exists_in_both_languages(knowledge: Knowledge) -> None:
    for tracker in knowledge.trackers.values():
        assert tracker.summary_en.strip() and tracker.summary_fr.strip(), tracker.id
    for (kind, code), (en, fr) in knowledge.vocabulary.items():
        assert en.strip() and fr.strip(), (kind, code)
    for code, (en, fr) in knowledge.data_type_names.items():
        assert en.strip() and fr.strip(), code


def test_malformed_toml_names_the_file_and_line(sources_copy: Path) -> None:
    (sources_copy / "companies" / "broken.toml").write_text('id = "broken"\nname = \n')
    with pytest.raises(KnowledgeError, match=r"broken\.toml: invalid TOML.*line 2"):
        load_sources(sources_copy)


@pytest.mark.parametrize(
    ("addition", "problem"),
    [
        ('parent = "nobody"', "parent 'nobody' has no company file"),
        (
            '[[sdk]]\nid = "x1"\nname = "X"\ncategories = ["nonsense"]\nsummary.en = "a"\nsummary.fr = "b"',
            "unknown category",
        ),
        (
            '[[sdk]]\nid = "x2"\nname = "X"\ncategories = []\nandroid = ["com.google.ads."]\nsummary.en = "a"\nsummary.fr = "b"',
            "claimed by",
        ),
        (
            '[[sdk]]\nid = "x3"\nname = "X"\ncategories = []\ncollects = ["ip_address"]\nsummary.en = "a"\nsummary.fr = "b"',
            "collects_source",
        ),
        (
            '[[sdk]]\nid = "x6"\nname = "X"\ncategories = []\ncollects = ["ip_address"]\ncollects_source = "https://example.org/"\ncollects_basis = "rumour"\nsummary.en = "a"\nsummary.fr = "b"',
            "not one of vendor, regulator, lawsuit",
        ),
        (
            '[[sdk]]\nid = "x7"\nname = "X"\ncategories = []\ncollects_basis = "lawsuit"\nsummary.en = "a"\nsummary.fr = "b"',
            "collects_basis is set but collects is empty",
        ),
        ('[[sdk]]\nid = "x4"\nname = "X"\ncategories = []\nsummary.en = "a"', "summary.fr"),
        (
            '[[sdk]]\nid = "x5"\nname = "X"\ncategories = []\nandroid = ["abc"]\nsummary.en = "a"\nsummary.fr = "b"',
            "too short",
        ),
    ],
)
def test_quality_gates_catch_mistakes(sources_copy: Path, addition: str, problem: str) -> None:
    company = (
        'id = "newco"\nname = "New Co"\ncountry = "FR"\nkind = "analytics"\n'
        'website = "https://example.org/"\nprivacy_policy = "https://example.org/privacy"\n'
        'data_request = "mailto:privacy@example.org"\nlaws = ["GDPR"]\n'
    )
    (sources_copy / "companies" / "newco.toml").write_text(company + addition + "\n")
    with pytest.raises(KnowledgeError, match=problem):
        load_sources(sources_copy)


def test_bad_urls_are_refused(sources_copy: Path) -> None:
    company = (
        'id = "newco"\nname = "New Co"\ncountry = "FR"\nkind = "analytics"\n'
        'website = "http://example.org/"\nprivacy_policy = "https://example.org/privacy"\n'
        'data_request = "write to us"\nlaws = ["GDPR"]\n'
    )
    (sources_copy / "companies" / "newco.toml").write_text(company)
    with pytest.raises(KnowledgeError, match="well-formed"):
        load_sources(sources_copy)


def test_compiled_database_is_cached_by_content(sources_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    first = compiled_path(sources_copy, cache)
    assert compiled_path(sources_copy, cache) == first
    with sqlite3.connect(first) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
        assert {
            "companies",
            "sdks",
            "android_signatures",
            "domains",
            "data_types",
            "android_permissions",
            "vocabulary",
            "meta",
        } <= tables
        assert db.execute("select value from meta where key='content_hash'").fetchone()[
            0
        ] == content_hash(sources_copy)
    (sources_copy / "release.toml").write_text('date = "2030-01-01"\n')
    second = compiled_path(sources_copy, cache)
    assert second != first and not first.exists()
    assert Knowledge(second).release_date == "2030-01-01"


def test_a_broken_source_never_replaces_a_working_database(
    sources_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    good = compiled_path(sources_copy, cache)
    (sources_copy / "companies" / "broken.toml").write_text("= nonsense")
    with pytest.raises(KnowledgeError):
        compiled_path(sources_copy, cache)
    assert good.exists() and not list(cache.glob("*.tmp"))


def test_permissions_map_to_known_data_types(knowledge: Knowledge) -> None:
    assert (
        "precise_location"
        in knowledge.permission_unlocks["android.permission.ACCESS_FINE_LOCATION"]
    )
    for unlocks in knowledge.permission_unlocks.values():
        assert set(unlocks) <= set(knowledge.data_type_names)


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_linked_entries_detect_what_exodus_detects(knowledge: Knowledge) -> None:
    """For every εxodus tracker we link, names its signature matches make us report it."""
    exodus = json.loads(EXODUS_LIST.read_text())["trackers"]
    linked = {t.exodus_id: t for t in knowledge.trackers.values() if t.exodus_id is not None}
    assert len(linked) >= 80
    for exodus_id, _tracker in linked.items():
        signature = exodus[str(exodus_id)]["code_signature"]
        if len(signature) <= 3:
            continue
        for alternative in signature.split("|"):
            found = knowledge.android_signatures.match(f"x.{alternative}X.Example")
            reported = {knowledge.trackers[t].exodus_id for t in found}
            assert exodus_id in reported, (exodus_id, alternative)


def test_what_is_loaded_is_exactly_what_the_sources_say(knowledge: Knowledge) -> None:
    """Round trip TOML -> SQLite -> objects: no field may be dropped on the way."""
    sources = load_sources(SOURCES)
    assert knowledge.companies == sources.companies
    assert set(knowledge.trackers) == set(sources.trackers)
    for tracker_id, tracker in sources.trackers.items():
        loaded = knowledge.trackers[tracker_id]
        assert loaded == replace(tracker, domains=tuple(sorted(tracker.domains))), tracker_id
