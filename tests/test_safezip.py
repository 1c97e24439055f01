"""Zip members are read in place, and hostile archives are refused with typed errors."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import EncryptedArchive, FormatError, LimitExceeded, NotAZip, Truncated
from checker.formats.safezip import Budget, SafeZip
from checker.formats.zip_salvage import salvage
from tests.builders.apk import zip_bytes


def _central_dir_offset(data: bytes) -> int:
    end = data.rfind(b"PK\x05\x06")
    return struct.unpack_from("<I", data, end + 16)[0]


def _patch_central(data: bytes, field_offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of the first central-directory entry."""
    patched = bytearray(data)
    struct.pack_into(fmt, patched, _central_dir_offset(data) + field_offset, value)
    return bytes(patched)


def test_reads_deflated_and_stored_members_from_bytes_and_paths(tmp_path: Path) -> None:
    data = zip_bytes({"a.txt": b"hello " * 100, "b.bin": b"\x00\x01"}, stored=["b.bin"])
    path = tmp_path / "x.zip"
    path.write_bytes(data)
    for source in (data, path):
        with SafeZip(source) as archive:
            members = {m.name: m for m in archive.members()}
            assert archive.read(members["a.txt"]) == b"hello " * 100
            assert archive.read(members["b.bin"]) == b"\x00\x01"


def test_not_a_zip_is_named_as_such() -> None:
    with pytest.raises(NotAZip):
        SafeZip(b"this is a text file, not an archive")


def test_truncated_archive_is_detected() -> None:
    data = zip_bytes({"classes.dex": bytes(range(256)) * 400})
    with pytest.raises((NotAZip, Truncated)):
        SafeZip(data[: len(data) // 2])


def test_member_whose_compressed_data_runs_out_is_truncated() -> None:
    payload = bytes(range(256)) * 400
    data = zip_bytes({"a.bin": payload})
    compressed = struct.unpack_from("<I", data, _central_dir_offset(data) + 20)[0]
    short = _patch_central(data, 20, "<I", compressed // 2)
    with SafeZip(short) as archive, pytest.raises(Truncated, match="cut short"):
        archive.read(archive.members()[0])


def test_overstated_compressed_size_still_reads_the_intact_data() -> None:
    payload = bytes(range(256)) * 400
    lying = _patch_central(zip_bytes({"a.bin": payload}), 20, "<I", 10_000_000)
    with SafeZip(lying) as archive:
        assert archive.read(archive.members()[0]) == payload  # deflate ends itself; CRC agrees


def test_declared_gigabytes_are_refused_before_reading() -> None:
    data = _patch_central(zip_bytes({"classes.dex": b"x" * 1000}), 24, "<I", 4_000_000_000)
    with SafeZip(data) as archive, pytest.raises(LimitExceeded, match="declares"):
        archive.read(archive.members()[0])


def test_bomb_ratio_is_refused() -> None:
    data = zip_bytes({"bomb.bin": b"\0" * (8 * 1024 * 1024)})
    with SafeZip(data) as archive, pytest.raises(LimitExceeded, match="ratio"):
        archive.read(archive.members()[0])


def test_budget_caps_everything_one_input_may_inflate() -> None:
    data = zip_bytes({f"m{i}.bin": bytes(range(256)) * 40 for i in range(5)})
    with SafeZip(data, budget=Budget(remaining=25_000)) as archive:
        members = archive.members()
        archive.read(members[0])
        archive.read(members[1])
        with pytest.raises(LimitExceeded):
            archive.read(members[2])


def test_output_never_exceeds_the_declared_size() -> None:
    payload = bytes(range(256)) * 64
    data = _patch_central(zip_bytes({"a.bin": payload}), 24, "<I", 100)  # claims 100 bytes
    with SafeZip(data) as archive, pytest.raises(FormatError):
        archive.read(archive.members()[0])  # the CRC of the first 100 bytes does not match


def test_corrupt_data_is_a_format_error() -> None:
    data = bytearray(zip_bytes({"a.bin": bytes(range(256)) * 64}))
    data[40:60] = b"\xff" * 20  # inside the deflate stream
    with SafeZip(bytes(data)) as archive, pytest.raises(FormatError):
        archive.read(archive.members()[0])


def test_encrypted_member_is_reported_as_encrypted() -> None:
    data = zip_bytes({"secret.bin": b"top secret " * 50}, stored=["secret.bin"])
    raw = bytearray(data)
    # Set the "encrypted" flag and scramble the data, as ZipCrypto would.
    struct.pack_into("<H", raw, 6, 1)
    struct.pack_into("<H", raw, _central_dir_offset(data) + 8, 1)
    start = 30 + len("secret.bin")
    raw[start : start + 20] = bytes(b ^ 0x5A for b in raw[start : start + 20])
    with SafeZip(bytes(raw)) as archive, pytest.raises(EncryptedArchive):
        archive.read(archive.members()[0])


def test_unknown_compression_method_is_named() -> None:
    data = zip_bytes({"a.bin": b"abc" * 10}, stored=["a.bin"])
    raw = bytearray(_patch_central(data, 10, "<H", 99))
    with SafeZip(bytes(raw)) as archive, pytest.raises(FormatError, match="method 99"):
        archive.read(archive.members()[0])


def test_ten_thousand_members_are_listed() -> None:
    data = zip_bytes({f"assets/f{i}.txt": b"" for i in range(10_000)})
    with SafeZip(data) as archive:
        assert len(archive.members()) == 10_000


def test_member_names_with_traversal_are_only_names(tmp_path: Path) -> None:
    data = zip_bytes({"../../etc/evil.txt": b"x", "/abs/path.txt": b"y"})
    with SafeZip(data) as archive:
        for member in archive.members():
            archive.read(member)
    assert list(tmp_path.iterdir()) == []  # nothing was written anywhere


def test_crc_is_verified() -> None:
    data = zip_bytes({"a.bin": b"payload"}, stored=["a.bin"])
    info_crc = zlib.crc32(b"payload")
    broken = _patch_central(data, 16, "<I", info_crc ^ 1)
    with SafeZip(broken) as archive, pytest.raises(FormatError, match="checksum"):
        archive.read(archive.members()[0])


def test_zipfile_module_agrees_on_what_we_build() -> None:
    data = zip_bytes({"x": b"1"})
    assert zipfile.is_zipfile(__import__("io").BytesIO(data))


def test_a_nested_archive_in_memory_is_not_copied() -> None:
    import io
    import tracemalloc
    import zipfile as zf

    buffer = io.BytesIO()
    with zf.ZipFile(buffer, "w", zf.ZIP_STORED) as archive:
        archive.writestr("big.bin", bytes(20 * 1024 * 1024))
        archive.writestr("small.txt", b"hello")
    data = bytearray(buffer.getvalue())
    tracemalloc.start()
    try:
        with SafeZip(data) as nested:
            small = next(m for m in nested.members() if m.name == "small.txt")
            assert bytes(nested.read(small)) == b"hello"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # io.BytesIO would have copied all 20 MB


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=2000))
def test_salvaging_any_bytes_ends_without_surprises(noise: bytes, cut: int) -> None:
    """Local-header walking over garbage, or a real zip cut anywhere, never loops or crashes."""
    real = zip_bytes({"a.json": b"[1, 2, 3]" * 50, "b/c.csv": b"x,y\n1,2\n" * 40})
    for data in (b"PK\x03\x04" + noise, real[:cut]):
        infos = salvage(io.BytesIO(data), len(data))
        assert all(i.header_offset < len(data) for i in infos)
