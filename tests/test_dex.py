"""The DEX reader: names a person would recognise, and typed errors on hostile bytes."""

from __future__ import annotations

import contextlib
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import CheckerError, FormatError, LimitExceeded, Truncated
from checker.formats.dex import class_names, is_dex
from tests.builders.dex import build_dex


def test_defined_and_referenced_classes_are_read_dotted() -> None:
    data = build_dex(
        ["com.example.Main", "com.amazon.device.ads.AdLayout"], ["com.facebook.ads.AdView"]
    )
    assert class_names(data) == {
        "com.example.Main",
        "com.amazon.device.ads.AdLayout",
        "com.facebook.ads.AdView",
        "java.lang.Object",
    }


def test_inner_classes_fold_into_their_outer_class_like_exodus() -> None:
    data = build_dex(
        ["com.example.Outer$Inner", "com.example.Outer$1", "com.example.pkg.package-info"]
    )
    assert class_names(data) == {"com.example.Outer", "com.example.pkg.package", "java.lang.Object"}


def test_arrays_primitives_and_default_package_classes_are_skipped() -> None:
    data = build_dex(
        ["NoPackage", "com.example.A"],
        ["[Lcom/example/B;", "[[Lcom/example/C;"],
        extra_strings=["I", "[J"],
    )
    assert class_names(data) == {
        "com.example.A",
        "com.example.B",
        "com.example.C",
        "java.lang.Object",
    }


def test_modified_utf8_names_decode() -> None:
    data = build_dex(["com.exämple.Ünïcode", "org.sample.\U0001f600Emoji"])
    names = class_names(data)
    assert "com.exämple.Ünïcode" in names
    # Like εxodus's \w-based reader, a name stops at a character that is not a letter/digit.
    assert "org.sample" in names


def test_is_dex_recognises_every_known_version() -> None:
    for version in (b"035", b"037", b"038", b"039", b"040"):
        assert is_dex(b"dex\n" + version + b"\0")
    assert not is_dex(b"dex\n099\0")
    assert not is_dex(b"PK\x03\x04")


def test_bad_magic_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="not a DEX"):
        class_names(b"\0" * 0x70)


def test_short_file_is_truncated() -> None:
    with pytest.raises(Truncated):
        class_names(build_dex(["com.example.A"])[:50])


def test_type_table_pointing_outside_the_file_is_rejected() -> None:
    data = bytearray(build_dex(["com.example.A"]))
    struct.pack_into("<I", data, 0x44, len(data) + 1000)  # type_ids_off
    with pytest.raises(FormatError, match="outside"):
        class_names(bytes(data))


def test_string_offset_pointing_outside_the_file_is_rejected() -> None:
    data = bytearray(build_dex(["com.example.A"]))
    string_ids_off = struct.unpack_from("<I", data, 0x3C)[0]
    struct.pack_into("<I", data, string_ids_off, len(data) + 5)
    with pytest.raises(Truncated):
        class_names(bytes(data))


def test_type_referring_to_missing_string_is_rejected() -> None:
    data = bytearray(build_dex(["com.example.A"]))
    type_ids_off = struct.unpack_from("<I", data, 0x44)[0]
    struct.pack_into("<I", data, type_ids_off, 0xFFFFFF)
    with pytest.raises(FormatError, match="string index"):
        class_names(bytes(data))


def test_absurd_type_count_hits_a_limit_before_any_allocation() -> None:
    data = bytearray(build_dex(["com.example.A"]))
    struct.pack_into("<I", data, 0x40, 0xFFFFFFFF)
    with pytest.raises(LimitExceeded):
        class_names(bytes(data))


def test_unterminated_name_is_truncated() -> None:
    data = build_dex(["com.example.A"])
    # Cut right inside the string data: the last name loses its terminator.
    cut = data.rfind(b"com/example/A;") + 5
    with pytest.raises(CheckerError):
        class_names(data[:cut])


def test_every_truncation_gives_a_typed_error_or_a_subset() -> None:
    data = build_dex(["com.example.A", "com.example.B", "org.sample.C"])
    full = class_names(data)
    for cut in range(len(data)):
        with contextlib.suppress(CheckerError):
            assert class_names(data[:cut]) <= full


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    positions=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12),
    values=st.lists(st.integers(min_value=0, max_value=255), min_size=12, max_size=12),
)
def test_mutated_dex_never_crashes_or_hangs(positions: list[int], values: list[int]) -> None:
    data = bytearray(
        build_dex(["com.example.A", "com.amazon.device.ads.B", "io.fabric.sdk.C"], ["x.y.Z"])
    )
    for position, value in zip(positions, values, strict=False):
        data[position % len(data)] = value
    try:
        names = class_names(bytes(data))
    except CheckerError:
        names = set()
    assert all(isinstance(name, str) for name in names)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=0, max_size=400))
def test_random_bytes_after_a_valid_header_never_crash(tail: bytes) -> None:
    data = build_dex(["com.example.A"])[:0x70] + tail
    with contextlib.suppress(CheckerError):
        class_names(data)
