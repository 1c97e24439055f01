"""Synthesise APKs, split sets, bundles (.apks/.xapk/.apkm) and SDK archives (.jar/.aar).

Everything is built from Python arguments with real formats (binary manifest,
resources.arsc, DEX, zip), so no binary fixture is ever committed.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tests.builders.axml import build_arsc, build_manifest
from tests.builders.dex import build_dex

LABEL_ID = 0x7F010000


def zip_bytes(members: Mapping[str, bytes], *, stored: Iterable[str] = ()) -> bytes:
    """A zip holding ``members`` (deflated unless named in ``stored``)."""
    keep = set(stored)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            method = zipfile.ZIP_STORED if name in keep else zipfile.ZIP_DEFLATED
            archive.writestr(
                zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=method
            )
    return out.getvalue()


def build_apk(
    package: str = "com.example.app",
    *,
    classes: Sequence[str] = (),
    dex_files: Sequence[Sequence[str]] | None = None,
    version_name: str | None = "1.0",
    version_code: int | None = 1,
    label: str | None = None,
    label_text: Mapping[str, str] | None = None,
    permissions: Sequence[str] = (),
    split: str | None = None,
    extra: Mapping[str, bytes] | None = None,
    manifest: bytes | None = None,
) -> bytes:
    """A whole APK. ``label_text`` puts the label in resources.arsc ({"": "Name", "fr": ...})."""
    members: dict[str, bytes] = {}
    values: dict[str, object] = {
        "version_name": version_name,
        "version_code": version_code,
        "permissions": list(permissions),
        "split": split,
        "min_sdk": 21,
        "target_sdk": 34,
    }
    if label_text is not None:
        values["label_ref"] = LABEL_ID
        members["resources.arsc"] = build_arsc({LABEL_ID: dict(label_text)}, package_name=package)
    elif label is not None:
        values["label"] = label
    members["AndroidManifest.xml"] = (
        manifest if manifest is not None else build_manifest(package, **values)
    )
    groups = dex_files if dex_files is not None else ([classes] if classes or split is None else [])
    for index, group in enumerate(groups):
        name = "classes.dex" if index == 0 else f"classes{index + 1}.dex"
        members[name] = build_dex(group)
    members.update(extra or {})
    return zip_bytes(members, stored=["resources.arsc"])


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build_split_set(
    folder: Path, package: str, base_classes: Sequence[str], feature_classes: Sequence[str] = ()
) -> Path:
    """A folder as `adb pull` leaves it: base.apk plus config and feature splits."""
    write(
        folder / "base.apk",
        build_apk(
            package,
            classes=base_classes,
            label="Split App",
            permissions=["android.permission.INTERNET"],
        ),
    )
    write(folder / "split_config.arm64_v8a.apk", build_apk(package, split="config.arm64_v8a"))
    write(folder / "split_config.fr.apk", build_apk(package, split="config.fr"))
    if feature_classes:
        write(
            folder / "split_feature.apk",
            build_apk(
                package,
                split="feature",
                classes=feature_classes,
                permissions=["android.permission.CAMERA"],
            ),
        )
    return folder


def build_bundle(
    kind: str, package: str, base_classes: Sequence[str], feature_classes: Sequence[str] = ()
) -> bytes:
    """A .apks, .xapk or .apkm bundle holding a base and splits, laid out as each tool does."""
    base = build_apk(package, classes=base_classes, label="Bundled App")
    config = build_apk(package, split="config.xxhdpi")
    feature = (
        build_apk(package, split="feature", classes=feature_classes) if feature_classes else None
    )
    members: dict[str, bytes]
    if kind == "apks":
        members = {
            "toc.pb": b"\x0a\x00",
            "splits/base-master.apk": base,
            "splits/base-xxhdpi.apk": config,
        }
        if feature:
            members["splits/feature-master.apk"] = feature
    elif kind == "xapk":
        manifest = {
            "xapk_version": 2,
            "package_name": package,
            "split_apks": [{"file": f"{package}.apk", "id": "base"}],
        }
        members = {
            "manifest.json": json.dumps(manifest).encode(),
            f"{package}.apk": base,
            "config.xxhdpi.apk": config,
        }
        if feature:
            members["feature.apk"] = feature
        members["icon.png"] = b"\x89PNG\r\n\x1a\n"
    elif kind == "apkm":
        info = {"pname": package, "versioncode": "1", "apkm_version": 5}
        members = {
            "info.json": json.dumps(info).encode(),
            "base.apk": base,
            "split_config.xxhdpi.apk": config,
        }
        if feature:
            members["split_feature.apk"] = feature
    else:
        raise ValueError(kind)
    return zip_bytes(members, stored=[n for n in members if n.endswith(".apk")])


def build_jar(classes: Sequence[str]) -> bytes:
    """A Java archive with one (empty) .class member per class name."""
    members = {"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"}
    for name in classes:
        members[name.replace(".", "/") + ".class"] = b"\xca\xfe\xba\xbe\x00\x00\x00\x34"
    return zip_bytes(members)


def build_aar(package: str, classes: Sequence[str], lib_classes: Sequence[str] = ()) -> bytes:
    """An Android library: text manifest, classes.jar and optionally libs/extra.jar."""
    members = {
        "AndroidManifest.xml": f'<?xml version="1.0"?>\n<manifest package="{package}"/>\n'.encode(),
        "classes.jar": build_jar(classes),
        "R.txt": b"",
    }
    if lib_classes:
        members["libs/extra.jar"] = build_jar(lib_classes)
    return zip_bytes(members)


def nest_apks(depth: int, classes: Sequence[str]) -> bytes:
    """An APK holding an APK holding an APK… ``depth`` levels deep."""
    inner = build_apk("com.nested.inner", classes=classes)
    for level in range(depth):
        inner = build_apk(
            f"com.nested.level{level}",
            classes=["com.nested.Outer"],
            extra={"assets/inner.apk": inner},
        )
    return inner
