"""Looking up string resources (app labels) in resources.arsc, honest and hostile."""

from __future__ import annotations

import contextlib
import struct
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError, FormatError, LimitExceeded, Truncated
from checker.formats import arsc
from checker.formats.arsc import resolve_string
from tests.builders.axml import Bag, Ref, build_arsc, build_manifest

LABEL = 0x7F010000


def patch_u32(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value)
    return bytes(out)


def type_chunk_offsets(data: bytes) -> list[int]:
    """Offsets of every RES_TABLE_TYPE chunk (type 0x0201, header 84) in builder output."""
    marker = struct.pack("<HH", 0x0201, 84)
    found, pos = [], data.find(marker)
    while pos != -1:
        found.append(pos)
        pos = data.find(marker, pos + 1)
    return found


# ----------------------------------------------------------------- what users see


@pytest.mark.parametrize("utf8", [True, False], ids=["utf8", "utf16"])
def test_default_configuration_wins_whatever_the_order(utf8: bool) -> None:
    table = build_arsc(
        {LABEL: {"fr": "Test de vitesse", "en": "Speed test (en)", "": "Speed Test"}}, utf8=utf8
    )
    assert resolve_string(table, LABEL) == "Speed Test"


def test_without_default_the_first_english_configuration_is_used() -> None:
    table = build_arsc({LABEL: {"fr": "Vitesse", "en-rGB": "Speed (GB)", "en": "Speed"}})
    assert resolve_string(table, LABEL) == "Speed (GB)"


def test_without_default_or_english_any_configuration_is_used() -> None:
    table = build_arsc({LABEL: {"de": "Geschwindigkeit", "fr": "Vitesse"}})
    assert resolve_string(table, LABEL) == "Geschwindigkeit"


def test_qualified_non_locale_configuration_is_not_the_default() -> None:
    table = build_arsc({LABEL: {"land": "Landscape", "": "Plain"}})
    assert resolve_string(table, LABEL) == "Plain"


def test_non_ascii_labels_in_both_pool_encodings() -> None:
    for utf8 in (True, False):
        table = build_arsc({LABEL: {"": "测速 Café 🚀"}}, utf8=utf8)
        assert resolve_string(table, LABEL) == "测速 Café 🚀"


@pytest.mark.parametrize(
    "layout",
    [{}, {"sparse": True}, {"offset16": True}, {"compact": True}],
    ids=["dense", "sparse", "offset16", "compact"],
)
def test_every_entry_layout_aapt2_writes_is_read(layout: dict[str, bool]) -> None:
    values = {LABEL: {"": "A"}, LABEL + 7: {"fr": "B"}, 0x7F020003: {"": "C"}}
    table = build_arsc(values, **layout)
    assert resolve_string(table, LABEL) == "A"
    assert resolve_string(table, LABEL + 7) == "B"
    assert resolve_string(table, 0x7F020003) == "C"
    assert resolve_string(table, LABEL + 3) is None  # a hole in the type


def test_references_are_followed() -> None:
    table = build_arsc(
        {LABEL: {"": Ref(LABEL + 1)}, LABEL + 1: {"": Ref(LABEL + 2)}, LABEL + 2: {"": "Deep"}}
    )
    assert resolve_string(table, LABEL) == "Deep"


def test_reference_chains_stop_after_five_levels() -> None:
    five = {LABEL + i: {"": Ref(LABEL + i + 1)} for i in range(5)} | {LABEL + 5: {"": "End"}}
    assert resolve_string(build_arsc(five), LABEL) == "End"
    six = {LABEL + i: {"": Ref(LABEL + i + 1)} for i in range(6)} | {LABEL + 6: {"": "End"}}
    assert resolve_string(build_arsc(six), LABEL) is None


def test_reference_cycle_ends_with_none() -> None:
    table = build_arsc({LABEL: {"": Ref(LABEL + 1)}, LABEL + 1: {"": Ref(LABEL)}})
    assert resolve_string(table, LABEL) is None


@pytest.mark.parametrize("value", [42, Bag(), Ref(0)], ids=["int", "bag", "null-ref"])
def test_non_string_values_give_none(value: object) -> None:
    table = build_arsc({LABEL: {"": value}})
    assert resolve_string(table, LABEL) is None


@pytest.mark.parametrize(
    "res_id",
    [0x7F010001, 0x7F050000, 0x7E010000, 0x01040000, 0x7F000000, -1, 1 << 40],
    ids=["entry", "type", "package", "framework", "type-zero", "negative", "too-big"],
)
def test_unknown_ids_give_none(res_id: int) -> None:
    assert resolve_string(build_arsc({LABEL: {"": "x"}}), res_id) is None


def test_framework_reference_gives_none() -> None:
    # e.g. @android:string/ok: not in the app's table.
    assert resolve_string(build_arsc({LABEL: {"": Ref(0x0104000A)}}), LABEL) is None


def test_label_of_a_built_manifest_resolves() -> None:
    from checker.formats.axml import parse_manifest

    ref = parse_manifest(build_manifest(label_ref=LABEL)).label_ref
    assert ref == LABEL
    assert resolve_string(build_arsc({LABEL: {"": "Speed Test"}}), ref) == "Speed Test"


def test_large_table_is_fast() -> None:
    # ~10 MB: 8,000 strings, each in 20 locales plus the default.
    locales = ["", *(chr(97 + i) + "q" for i in range(20))]
    values = {LABEL + i: {loc: f"{loc}{i:05}{'-' * 30}" for loc in locales} for i in range(8_000)}
    table = build_arsc(values)
    assert len(table) > 9_000_000
    start = time.perf_counter()
    assert resolve_string(table, LABEL + 7_999) == f"07999{'-' * 30}"
    assert time.perf_counter() - start < 0.5


# ----------------------------------------------------------------- typed failures


def test_every_truncation_is_reported_as_truncated() -> None:
    table = build_arsc({LABEL: {"": "Speed Test", "fr": "Vitesse"}, LABEL + 1: {"": Ref(LABEL)}})
    for cut in range(len(table)):
        with pytest.raises(Truncated):
            resolve_string(table[:cut], LABEL)


@pytest.mark.parametrize(
    "data",
    [build_manifest(), b"PK\x03\x04" + bytes(40), bytes(64)],
    ids=["manifest", "zip", "zeros"],
)
def test_other_files_are_not_resource_tables(data: bytes) -> None:
    with pytest.raises(FormatError):
        resolve_string(data, LABEL)


def test_type_chunk_size_lie_is_rejected() -> None:
    table = build_arsc({LABEL: {"": "Speed Test"}})
    chunk = type_chunk_offsets(table)[0]
    with pytest.raises(FormatError) as caught:
        resolve_string(patch_u32(table, chunk + 4, 0x7FFFFFF0), LABEL)
    assert not isinstance(caught.value, Truncated)


def test_entry_offset_outside_its_chunk_is_rejected() -> None:
    table = build_arsc({LABEL: {"": "Speed Test"}})
    chunk = type_chunk_offsets(table)[0]
    with pytest.raises(FormatError, match="misplaced"):
        resolve_string(patch_u32(table, chunk + 84, 0x100000), LABEL)


def test_huge_entry_count_hits_the_limit() -> None:
    table = build_arsc({LABEL: {"": "Speed Test"}})
    chunk = type_chunk_offsets(table)[0]
    with pytest.raises(LimitExceeded):
        resolve_string(patch_u32(table, chunk + 12, 0x7FFFFFFF), LABEL)


def test_huge_string_count_hits_the_limit() -> None:
    table = build_arsc({LABEL: {"": "Speed Test"}})
    with pytest.raises(LimitExceeded):
        resolve_string(patch_u32(table, 12 + 8, 0xFFFFFFF0), LABEL)  # global pool count


def test_string_index_out_of_range_gives_none() -> None:
    # Android reads a bad index as a null string; the label simply stays unknown.
    table = build_arsc({LABEL: {"": "Speed Test"}})
    chunk = type_chunk_offsets(table)[0]
    value_data = chunk + 84 + 4 + 8 + 4  # offsets[1], entry header, Res_value.size..type
    assert struct.unpack_from("<I", table, value_data)[0] == 0
    assert resolve_string(patch_u32(table, value_data, 5000), LABEL) is None


def test_too_many_chunks_hit_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arsc, "MAX_CHUNKS", 3)
    table = build_arsc({LABEL: {c: c for c in ("", "fr", "de", "it")}})
    with pytest.raises(LimitExceeded):
        resolve_string(table, LABEL)


def test_oversized_input_hits_the_limit() -> None:
    with pytest.raises(LimitExceeded):
        resolve_string(bytes(arsc.MAX_INPUT_BYTES + 1), LABEL)


# ----------------------------------------------------------------- properties

SEEDS = [
    build_arsc({LABEL: {"fr": "Vitesse", "": "Speed"}, LABEL + 1: {"": Ref(LABEL)}}),
    build_arsc({LABEL: {"en": "Speed"}, LABEL + 2: {"": Bag()}}, utf8=False, sparse=True),
    build_arsc({LABEL: {"": "Speed"}, LABEL + 1: {"de": Ref(LABEL)}}, offset16=True, compact=True),
]
INTERESTING = [0, 1, 8, 12, 20, 84, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF]


def _resolve_quickly(data: bytes) -> None:
    start = time.perf_counter()
    for res_id in (LABEL, LABEL + 1, LABEL + 2):
        with contextlib.suppress(CheckerError):
            resolve_string(data, res_id)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_byte_mutations_only_raise_checker_errors(data: st.DataObject) -> None:
    blob = bytearray(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 8))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    _resolve_quickly(bytes(blob))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_field_smashing_only_raises_checker_errors(data: st.DataObject) -> None:
    blob = bytearray(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 4))):
        offset = data.draw(st.integers(0, len(blob) // 4 - 1)) * 4
        struct.pack_into("<I", blob, offset, data.draw(st.sampled_from(INTERESTING)))
    _resolve_quickly(bytes(blob))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes_only_raise_checker_errors(blob: bytes) -> None:
    _resolve_quickly(b"\x02\x00\x0c\x00" + blob)
