"""Reading compiled AndroidManifest.xml files, honest and hostile."""

from __future__ import annotations

import contextlib
import struct
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError, FormatError, LimitExceeded, Truncated
from checker.formats import axml
from checker.formats.axml import parse_manifest
from tests.builders.axml import (
    POOL_OFFSET,
    TYPE_INT_HEX,
    TYPE_STRING,
    Attr,
    Element,
    Typed,
    build_arsc,
    build_manifest,
    encode_axml,
    manifest_tree,
)

FULL = {
    "version_name": "2.4.1",
    "version_code": 241,
    "label": "Speed Test",
    "min_sdk": 21,
    "target_sdk": 34,
    "permissions": ["android.permission.INTERNET", "android.permission.CAMERA"],
}


def patch_u32(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value)
    return bytes(out)


# ----------------------------------------------------------------- what users see


@pytest.mark.parametrize("utf8", [True, False], ids=["utf8", "utf16"])
def test_reads_identity_label_sdk_and_permissions(utf8: bool) -> None:
    info = parse_manifest(build_manifest("com.example.speed", utf8=utf8, **FULL))
    assert info.package == "com.example.speed"
    assert (info.version_name, info.version_code) == ("2.4.1", 241)
    assert (info.label, info.label_ref) == ("Speed Test", None)
    assert (info.min_sdk, info.target_sdk) == (21, 34)
    assert info.permissions == ("android.permission.INTERNET", "android.permission.CAMERA")
    assert (info.split, info.is_feature_split) == (None, False)


@pytest.mark.parametrize("utf8", [True, False], ids=["utf8", "utf16"])
def test_non_ascii_and_long_strings_survive_both_encodings(utf8: bool) -> None:
    # Long enough for two-unit length prefixes; emoji are surrogate pairs in UTF-16.
    label = "Café 测速 🚀 " * 40
    info = parse_manifest(build_manifest(label=label, version_name="é" * 200, utf8=utf8))
    assert info.label == label
    assert info.version_name == "é" * 200


def test_label_reference_is_reported_as_resource_id() -> None:
    info = parse_manifest(build_manifest(label_ref=0x7F0E001D))
    assert (info.label, info.label_ref) == (None, 0x7F0E001D)


def test_label_reference_resolves_through_resources_arsc() -> None:
    from checker.formats.arsc import resolve_string

    info = parse_manifest(build_manifest(label_ref=0x7F010000))
    table = build_arsc({0x7F010000: {"fr": "Test de vitesse", "": "Speed Test"}})
    assert info.label_ref is not None
    assert resolve_string(table, info.label_ref) == "Speed Test"


def test_missing_optional_values_are_none() -> None:
    info = parse_manifest(build_manifest("com.bare"))
    assert info == axml.ManifestInfo(
        "com.bare", None, None, None, None, None, None, (), None, False
    )


def test_version_code_major_is_combined_into_a_long_version() -> None:
    info = parse_manifest(build_manifest(version_code=7, version_code_major=2))
    assert info.version_code == (2 << 32) | 7


def test_version_code_above_two_billion_stays_unsigned() -> None:
    assert parse_manifest(build_manifest(version_code=0xFFFFFFF0)).version_code == 0xFFFFFFF0


def test_permissions_deduplicated_in_document_order_including_sdk23() -> None:
    perms = ["a.B", "sdk23:a.C", "a.B", "a.D", "sdk23:a.B"]
    assert parse_manifest(build_manifest(permissions=perms)).permissions == ("a.B", "a.C", "a.D")


def test_permission_elements_outside_manifest_children_are_ignored() -> None:
    tree = manifest_tree(permissions=["a.TOP"])
    app = next(c for c in tree.children if c.name == "application")
    app.children.append(Element("uses-permission", [Attr("name", "a.NESTED")]))
    assert parse_manifest(encode_axml(tree)).permissions == ("a.TOP",)


def test_split_apk_attributes() -> None:
    info = parse_manifest(build_manifest(split="feature_maps", is_feature_split=True))
    assert (info.split, info.is_feature_split) == ("feature_maps", True)
    config = parse_manifest(build_manifest(split="config.fr"))
    assert (config.split, config.is_feature_split) == ("config.fr", False)


def test_attributes_found_by_name_without_resource_map() -> None:
    info = parse_manifest(build_manifest(resource_map=False, **FULL))
    assert (info.version_code, info.label, info.min_sdk) == (241, "Speed Test", 21)


def test_obfuscated_attribute_names_are_found_by_resource_id() -> None:
    tree = Element(
        "manifest",
        [Attr("package", "com.obf", android=False), Attr("x1", 99, res_id=0x0101021B)],
        [Element("application", [Attr("zz", "Obf", res_id=0x01010001)])],
    )
    info = parse_manifest(encode_axml(tree))
    assert (info.version_code, info.label) == (99, "Obf")


def test_resource_id_wins_over_a_decoy_attribute_name() -> None:
    # A custom attribute named "versionCode" (other id) must not shadow the real one.
    tree = manifest_tree(version_code=5)
    tree.attrs.insert(0, Attr("versionCode", 666, res_id=0x7F010001))
    assert parse_manifest(encode_axml(tree)).version_code == 5


@pytest.mark.parametrize("size", [24, 32, 64])
def test_wider_attribute_records_are_read(size: int) -> None:
    info = parse_manifest(build_manifest(attribute_size=size, **FULL))
    assert (info.version_code, info.label) == (241, "Speed Test")


def test_tampered_file_type_and_trailing_bytes_are_tolerated() -> None:
    data = encode_axml(manifest_tree(**FULL), file_type=0x0000) + b"\xde\xad" * 50
    assert parse_manifest(data).label == "Speed Test"


def test_numbers_written_as_text_or_hex_are_read() -> None:
    tree = manifest_tree()
    tree.attrs.append(Attr("versionCode", "0x10"))
    tree.children[0].attrs = [
        Attr("minSdkVersion", Typed(TYPE_INT_HEX, 0x1C)),
        Attr("targetSdkVersion", "Q"),
    ]
    info = parse_manifest(encode_axml(tree))
    assert (info.version_code, info.min_sdk, info.target_sdk) == (16, 28, None)


def test_string_offset_outside_pool_reads_as_missing_not_crash() -> None:
    tree = manifest_tree(**FULL)
    info = parse_manifest(encode_axml(tree, string_offsets={"Speed Test": 0x7FFFFFF0}))
    assert (info.package, info.label) == ("com.example", None)


# ----------------------------------------------------------------- typed failures


def test_every_truncation_is_reported_as_truncated() -> None:
    data = build_manifest(**FULL)
    for cut in range(len(data)):
        with pytest.raises(Truncated):
            parse_manifest(data[:cut])


@pytest.mark.parametrize(
    "root",
    [
        Element("resources", [Attr("package", "x", android=False)]),
        Element("application", [Attr("label", "x")]),
    ],
)
def test_root_other_than_manifest_is_not_a_manifest(root: Element) -> None:
    with pytest.raises(FormatError, match="not <manifest>"):
        parse_manifest(encode_axml(root))


def test_manifest_without_package_is_rejected() -> None:
    with pytest.raises(FormatError, match="no package"):
        parse_manifest(build_manifest(None, **FULL))


def test_package_string_index_out_of_range_is_rejected() -> None:
    tree = Element("manifest", [Attr("package", Typed(TYPE_STRING, 9999, 9999), android=False)])
    with pytest.raises(FormatError, match="no package"):
        parse_manifest(encode_axml(tree))


@pytest.mark.parametrize(
    "data",
    [b"<?xml version='1.0'?><manifest/>", b"PK\x03\x04" + bytes(40), bytes(64)],
    ids=["text-xml", "zip", "zeros"],
)
def test_other_files_are_format_errors(data: bytes) -> None:
    with pytest.raises(FormatError):
        parse_manifest(data)


def test_resource_table_is_not_a_manifest() -> None:
    with pytest.raises(FormatError):
        parse_manifest(build_arsc({0x7F010000: {"": "x"}}))


def test_string_pool_claiming_more_bytes_than_the_file_is_rejected() -> None:
    data = build_manifest(**FULL)
    size = struct.unpack_from("<I", data, POOL_OFFSET + 4)[0]
    with pytest.raises(FormatError) as caught:
        parse_manifest(patch_u32(data, POOL_OFFSET + 4, size + 0x1000))
    assert not isinstance(caught.value, Truncated)  # the file is whole; the chunk lies


@pytest.mark.parametrize("size", [0, 4, 10, 0xFFFFFFFF, 0x7FFFFFF0])
def test_node_size_lies_are_rejected_without_looping(size: int) -> None:
    data = build_manifest(**FULL)
    first_node = data.index(struct.pack("<HH", 0x0100, 16), POOL_OFFSET)
    with pytest.raises(FormatError):
        parse_manifest(patch_u32(data, first_node + 4, size))


def test_huge_string_count_hits_the_limit() -> None:
    data = build_manifest(**FULL)
    with pytest.raises(LimitExceeded):
        parse_manifest(patch_u32(data, POOL_OFFSET + 8, 0x10000000))


def test_string_count_that_does_not_fit_the_pool_is_rejected() -> None:
    data = build_manifest(**FULL)
    with pytest.raises(FormatError) as caught:
        parse_manifest(patch_u32(data, POOL_OFFSET + 8, 150_000))
    assert type(caught.value) is FormatError


def test_attribute_count_beyond_the_node_is_rejected() -> None:
    data = build_manifest(**FULL)
    manifest_node = data.index(struct.pack("<HH", 0x0102, 16))
    out = bytearray(data)
    struct.pack_into("<H", out, manifest_node + 16 + 12, 0xFFFF)
    with pytest.raises(FormatError, match="overrun"):
        parse_manifest(bytes(out))


def test_attribute_size_below_twenty_is_rejected() -> None:
    with pytest.raises(FormatError, match="below 20"):
        parse_manifest(build_manifest(attribute_size=8, **FULL))


def test_too_many_elements_hit_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(axml, "MAX_ELEMENTS", 10)
    with pytest.raises(LimitExceeded):
        parse_manifest(build_manifest(permissions=[f"p.{i}" for i in range(20)]))


def test_oversized_input_hits_the_limit() -> None:
    with pytest.raises(LimitExceeded):
        parse_manifest(bytes(axml.MAX_INPUT_BYTES + 1))


BIG = "x" * 30_000
MANY = [f"p{i}" for i in range(3000)]


def test_strings_shared_between_indices_are_decoded_once() -> None:
    # Thousands of names sharing one 30 KB string's bytes: legal, and cheap.
    tree = manifest_tree(permissions=[BIG, *MANY])
    data = encode_axml(tree, string_offsets={p: (BIG, 0) for p in MANY})
    start = time.perf_counter()
    assert parse_manifest(data).permissions == (BIG,)
    assert time.perf_counter() - start < 1


def test_strings_overlapping_inside_one_another_hit_the_limit() -> None:
    # Each name starts somewhere inside the 30 KB run, so each decodes afresh:
    # a crafted pool making us decode far more text than the file holds.
    tree = manifest_tree(permissions=[BIG, *MANY])
    offsets = {p: (BIG, 4 + 3 * i) for i, p in enumerate(MANY)}
    with pytest.raises(LimitExceeded):
        parse_manifest(encode_axml(tree, string_offsets=offsets))


# ----------------------------------------------------------------- properties

SEEDS = [
    build_manifest(**FULL),
    build_manifest(utf8=False, split="config.fr", is_feature_split=True, **FULL),
    build_manifest(label_ref=0x7F010000, resource_map=False, attribute_size=28),
]
INTERESTING = [0, 1, 8, 16, 20, 28, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF]


def _parse_quickly(data: bytes) -> None:
    start = time.perf_counter()
    with contextlib.suppress(CheckerError):
        parse_manifest(data)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_byte_mutations_only_raise_checker_errors(data: st.DataObject) -> None:
    blob = bytearray(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 8))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    _parse_quickly(bytes(blob))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_field_smashing_only_raises_checker_errors(data: st.DataObject) -> None:
    blob = bytearray(data.draw(st.sampled_from(SEEDS)))
    for _ in range(data.draw(st.integers(1, 4))):
        offset = data.draw(st.integers(0, len(blob) // 2 - 1)) * 2
        value = data.draw(st.sampled_from(INTERESTING))
        if offset % 4 == 0 and offset + 4 <= len(blob) and data.draw(st.booleans()):
            struct.pack_into("<I", blob, offset, value)
        else:
            struct.pack_into("<H", blob, offset, value & 0xFFFF)
    _parse_quickly(bytes(blob))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes_only_raise_checker_errors(blob: bytes) -> None:
    _parse_quickly(blob)
