"""Signature matching equals εxodus's definition: a regex searched in each class name."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.signatures import SignatureSet
from tests.conftest import EXODUS_LIST


def naive(entries: list[tuple[str, str]], names: list[str]) -> set[str]:
    """exodus-core's loop, verbatim in spirit: any class name searched by the regex."""
    found = set()
    for owner, signature in entries:
        if len(signature) <= 3:
            continue
        pattern = re.compile(signature)
        if any(pattern.search(name) for name in names):
            found.add(owner)
    return found


SEGMENTS = st.sampled_from(
    [
        "com",
        "google",
        "android",
        "gms",
        "ads",
        "a",
        "b",
        "io",
        "fabric",
        "AdView",
        "x1",
        "sdk",
        "ab",
    ]
)
NAMES = st.lists(st.lists(SEGMENTS, min_size=1, max_size=6).map(".".join), min_size=0, max_size=40)
SIGNATURES = st.lists(
    st.lists(
        st.lists(SEGMENTS, min_size=1, max_size=4).map(".".join).map(lambda s: s + st_suffix(s)),
        min_size=1,
        max_size=3,
    ).map("|".join),
    min_size=1,
    max_size=8,
)


def st_suffix(text: str) -> str:
    return "." if len(text) % 3 == 0 else ""


@settings(max_examples=400, deadline=None)
@given(signatures=SIGNATURES, names=NAMES)
def test_fast_matcher_equals_the_naive_definition(signatures: list[str], names: list[str]) -> None:
    entries = [(f"t{i}", s) for i, s in enumerate(signatures)]
    assert set(SignatureSet(entries).match("\n".join(names))) == naive(entries, names)


def test_dots_are_wildcards_and_matches_may_start_anywhere() -> None:
    entries = [("fb", "com.facebook.ads"), ("any", "shaded.lib")]
    found = SignatureSet(entries).match("my.shaded.com.facebook.ads.X\nzshadedXlib.Y")
    assert set(found) == {"fb", "any"}


def test_samples_are_the_matching_class_names() -> None:
    found = SignatureSet([("amazon", "com.amazon.device.ads")]).match(
        "com.amazon.device.ads.AdLayout\ncom.amazon.device.ads.DTBAdView\ncom.example.Main",
        samples=5,
    )
    assert sorted(found["amazon"]) == [
        "com.amazon.device.ads.AdLayout",
        "com.amazon.device.ads.DTBAdView",
    ]


def test_short_signatures_are_ignored_like_exodus() -> None:
    assert SignatureSet([("short", "com")]).match("com.example.A") == {}


def test_regex_signatures_take_the_general_path() -> None:
    found = SignatureSet([("re", r"com\.example\.(Foo|Bar)$")]).match(
        "com.example.Bar\ncom.example.Baz"
    )
    assert found == {"re": ["com.example.Bar"]}


def test_common_anchor_falls_back_to_one_scan_and_stays_exact() -> None:
    names = [f"com.google.android.c{i}.K" for i in range(5000)] + ["com.google.android.ads.Z"]
    found = SignatureSet([("g", "com.google.android.ads.")]).match("\n".join(names))
    assert found == {"g": ["com.google.android.ads.Z"]}


def test_advertising_id_client_alone_is_not_admob(knowledge) -> None:  # type: ignore[no-untyped-def]
    names = ["com.google.android.gms.ads.identifier.AdvertisingIdClient", "com.example.Main"]
    assert "google_admob" not in knowledge.android_signatures.match("\n".join(names))
    names.append("com.google.android.gms.ads.AdView")
    assert "google_admob" in knowledge.android_signatures.match("\n".join(names))


@pytest.mark.skipif(not EXODUS_LIST.exists(), reason="../shared/reference is not present")
def test_every_exodus_signature_finds_its_own_example_names() -> None:
    trackers = json.loads(EXODUS_LIST.read_text())["trackers"]
    entries = [(tid, t["code_signature"]) for tid, t in trackers.items() if t["code_signature"]]
    matcher = SignatureSet(entries)
    for tid, signature in entries:
        examples = [f"x.{alt}X.Example" for alt in signature.split("|")]
        found = matcher.match("\n".join(examples))
        assert tid in found, (tid, signature)
        assert set(found) == naive(entries, examples)
