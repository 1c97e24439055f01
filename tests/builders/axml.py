"""Synthesise compiled Android manifests and ``resources.arsc`` tables for tests.

Written from the layouts in AOSP's ``ResourceTypes.h``. The output is what
aapt2 would produce for the same input in every field our readers look at;
knobs (``attribute_size``, ``resource_map``, ``string_offsets``...) let tests
produce the odd-but-legal and the deliberately broken variants.

Layout of ``encode_axml`` output, for tests that patch bytes: file header
(8 bytes), string pool at ``POOL_OFFSET``, resource map (if any), then nodes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ANDROID_NS = "http://schemas.android.com/apk/res/android"
NO_INDEX = 0xFFFFFFFF
POOL_OFFSET = 8

TYPE_NULL, TYPE_REFERENCE, TYPE_STRING = 0x00, 0x01, 0x03
TYPE_INT_DEC, TYPE_INT_HEX, TYPE_INT_BOOLEAN = 0x10, 0x11, 0x12

ATTR_IDS = {
    "label": 0x01010001,
    "name": 0x01010003,
    "minSdkVersion": 0x0101020C,
    "versionCode": 0x0101021B,
    "versionName": 0x0101021C,
    "targetSdkVersion": 0x01010270,
    "isFeatureSplit": 0x0101055B,
    "versionCodeMajor": 0x01010576,
}


@dataclass(frozen=True)
class Ref:
    """A reference value (``@string/...``) to resource ``res_id``."""

    res_id: int


@dataclass(frozen=True)
class Typed:
    """An explicit Res_value. ``raw``: a string to pool, a literal index, or none."""

    data_type: int
    data: int
    raw: str | int | None = None


@dataclass(frozen=True)
class Bag:
    """A complex resource-table entry (style, plural...): never a string."""


AttrValue = str | bool | int | Ref | Typed


@dataclass
class Attr:
    """One attribute. ``android`` puts it in the android namespace with its id."""

    name: str
    value: AttrValue
    android: bool = True
    res_id: int | None = None  # default: ATTR_IDS[name] for android attributes

    def resource_id(self) -> int | None:
        if self.res_id is not None:
            return self.res_id or None
        return ATTR_IDS.get(self.name) if self.android else None


@dataclass
class Element:
    name: str
    attrs: list[Attr] = field(default_factory=list)
    children: list[Element] = field(default_factory=list)


def chunk(ctype: int, header: bytes, body: bytes) -> bytes:
    """A chunk: 8-byte header + type-specific ``header`` + ``body``."""
    header_size = 8 + len(header)
    return struct.pack("<HHI", ctype, header_size, header_size + len(body)) + header + body


def _len8(n: int) -> bytes:
    if n > 0x7FFF:
        raise ValueError("UTF-8 pool strings are limited to 32767 units/bytes")
    return bytes([n]) if n < 0x80 else bytes([0x80 | (n >> 8), n & 0xFF])


def _len16(n: int) -> bytes:
    if n < 0x8000:
        return struct.pack("<H", n)
    return struct.pack("<HH", 0x8000 | (n >> 16), n & 0xFFFF)


def _pad4(blob: bytes) -> bytes:
    return blob + b"\0" * (-len(blob) % 4)


Offset = int | tuple[str, int]


def encode_string_pool(
    strings: Sequence[str], *, utf8: bool, string_offsets: Mapping[str, Offset] | None = None
) -> bytes:
    """A RES_STRING_POOL chunk.

    ``string_offsets`` forces the offset of a string's entry: an int, or
    ``(other string, delta)`` to point into another string's bytes.
    """
    offsets, blob = [], bytearray()
    for text in strings:
        offsets.append(len(blob))
        units = len(text.encode("utf-16-le")) // 2
        if utf8:
            raw = text.encode("utf-8")
            blob += _len8(units) + _len8(len(raw)) + raw + b"\0"
        else:
            blob += _len16(units) + text.encode("utf-16-le") + b"\0\0"
    real = list(offsets)
    for text, forced in (string_offsets or {}).items():
        if isinstance(forced, tuple):
            forced = real[strings.index(forced[0])] + forced[1]
        offsets[strings.index(text)] = forced
    strings_start = 28 + 4 * len(offsets)
    header = struct.pack("<IIIII", len(strings), 0, 0x100 if utf8 else 0, strings_start, 0)
    return chunk(0x0001, header, struct.pack(f"<{len(offsets)}I", *offsets) + _pad4(bytes(blob)))


class _Strings:
    """Pool builder: attribute names with resource ids first, as the map requires."""

    def __init__(self, with_ids: list[tuple[str, int]]) -> None:
        self.items = [name for name, _ in with_ids]
        self.ids = [res_id for _, res_id in with_ids]
        self._by_id = {key: i for i, key in enumerate(with_ids)}
        self._plain: dict[str, int] = {}

    def add(self, text: str | None, res_id: int | None = None) -> int:
        if text is None:
            return NO_INDEX
        if res_id is not None and (text, res_id) in self._by_id:
            return self._by_id[(text, res_id)]
        if text not in self._plain:
            self._plain[text] = len(self.items)
            self.items.append(text)
        return self._plain[text]


def _walk(element: Element) -> Iterable[Element]:
    yield element
    for child in element.children:
        yield from _walk(child)


def _value(strings: _Strings, value: AttrValue) -> tuple[int, int, int]:
    """(raw index, data type, data) for an attribute value."""
    if isinstance(value, Typed):
        raw = strings.add(value.raw) if isinstance(value.raw, str) else value.raw
        return (NO_INDEX if raw is None else raw), value.data_type, value.data
    if isinstance(value, Ref):
        return NO_INDEX, TYPE_REFERENCE, value.res_id
    if isinstance(value, bool):
        return NO_INDEX, TYPE_INT_BOOLEAN, 0xFFFFFFFF if value else 0
    if isinstance(value, int):
        return NO_INDEX, TYPE_INT_DEC, value & 0xFFFFFFFF
    index = strings.add(value)
    return index, TYPE_STRING, index


def encode_axml(
    root: Element,
    *,
    utf8: bool = True,
    resource_map: bool = True,
    attribute_size: int = 20,
    file_type: int = 0x0003,
    string_offsets: Mapping[str, Offset] | None = None,
) -> bytes:
    """Compile an element tree to binary XML."""
    with_ids: list[tuple[str, int]] = []
    if resource_map:
        for element in _walk(root):
            for attr in element.attrs:
                res_id = attr.resource_id()
                if res_id is not None and (attr.name, res_id) not in with_ids:
                    with_ids.append((attr.name, res_id))
    strings = _Strings(with_ids)
    uses_android = any(a.android for e in _walk(root) for a in e.attrs)
    ns_index, prefix_index = strings.add(ANDROID_NS), strings.add("android")
    nodes = bytearray()

    def node(ctype: int, ext: bytes) -> bytes:
        return chunk(ctype, struct.pack("<II", 1, NO_INDEX), ext)

    def emit(element: Element) -> None:
        name = strings.add(element.name)
        attrs = bytearray()
        for attr in element.attrs:
            res_id = attr.resource_id() if resource_map else None
            attr_name = strings.add(attr.name, res_id)
            raw, data_type, data = _value(strings, attr.value)
            ns = ns_index if attr.android else NO_INDEX
            record = struct.pack("<IIIHBBI", ns, attr_name, raw, 8, 0, data_type, data)
            attrs += record.ljust(attribute_size, b"\0")
        ext = struct.pack(
            "<IIHHHHHH", NO_INDEX, name, 20, attribute_size, len(element.attrs), 0, 0, 0
        )
        nodes.extend(node(0x0102, ext + attrs))
        for child in element.children:
            emit(child)
        nodes.extend(node(0x0103, struct.pack("<II", NO_INDEX, name)))

    namespace = struct.pack("<II", prefix_index, ns_index)
    if uses_android:
        nodes.extend(node(0x0100, namespace))
    emit(root)
    if uses_android:
        nodes.extend(node(0x0101, namespace))
    body = encode_string_pool(strings.items, utf8=utf8, string_offsets=string_offsets)
    if resource_map:
        body += chunk(0x0180, b"", struct.pack(f"<{len(strings.ids)}I", *strings.ids))
    body += bytes(nodes)
    return chunk(file_type, b"", body)


def manifest_tree(
    package: str | None = "com.example",
    *,
    version_name: str | None = None,
    version_code: int | None = None,
    version_code_major: int | None = None,
    label: str | None = None,
    label_ref: int | None = None,
    min_sdk: int | None = None,
    target_sdk: int | None = None,
    permissions: Sequence[str] = (),
    split: str | None = None,
    is_feature_split: bool = False,
) -> Element:
    """The element tree aapt2 would compile for these manifest values."""
    attrs: list[Attr] = []
    if version_code is not None:
        attrs.append(Attr("versionCode", version_code))
    if version_code_major is not None:
        attrs.append(Attr("versionCodeMajor", version_code_major))
    if version_name is not None:
        attrs.append(Attr("versionName", version_name))
    if is_feature_split:
        attrs.append(Attr("isFeatureSplit", True))
    if package is not None:
        attrs.append(Attr("package", package, android=False))
    if split is not None:
        attrs.append(Attr("split", split, android=False))
    root = Element("manifest", attrs)
    sdk = [Attr(n, v) for n, v in (("minSdkVersion", min_sdk), ("targetSdkVersion", target_sdk))]
    root.children.append(Element("uses-sdk", [a for a in sdk if a.value is not None]))
    for permission in permissions:
        tag = "uses-permission"
        if permission.startswith("sdk23:"):
            tag, permission = "uses-permission-sdk-23", permission.removeprefix("sdk23:")
        root.children.append(Element(tag, [Attr("name", permission)]))
    app_attrs = []
    if label is not None:
        app_attrs.append(Attr("label", label))
    elif label_ref is not None:
        app_attrs.append(Attr("label", Ref(label_ref)))
    activity = Element("activity", [Attr("name", ".MainActivity")])
    root.children.append(Element("application", app_attrs, [activity]))
    return root


def build_manifest(
    package: str | None = "com.example",
    *,
    utf8: bool = True,
    resource_map: bool = True,
    attribute_size: int = 20,
    **values: object,
) -> bytes:
    """A compiled AndroidManifest.xml (see ``manifest_tree`` for the values).

    ``permissions`` entries prefixed ``sdk23:`` become ``<uses-permission-sdk-23>``.
    """
    tree = manifest_tree(package, **values)  # type: ignore[arg-type]
    return encode_axml(tree, utf8=utf8, resource_map=resource_map, attribute_size=attribute_size)


# ---------------------------------------------------------------- resources.arsc

ArscValue = str | int | Ref | Typed | Bag


def config_bytes(qualifiers: str) -> bytes:
    """A 64-byte ResTable_config for "" or e.g. "fr", "en-rGB", "land", "de-v21"."""
    config = bytearray(64)
    struct.pack_into("<I", config, 0, 64)
    for part in filter(None, qualifiers.split("-")):
        if part == "land":
            config[12] = 2
        elif part.startswith("v") and part[1:].isdigit():
            struct.pack_into("<H", config, 24, int(part[1:]))
        elif part.startswith("r") and len(part) == 3:
            config[10:12] = part[1:].encode("ascii")
        else:
            config[8:10] = part.encode("ascii")
    return bytes(config)


def _entry(key: int, value: ArscValue, pool: dict[str, int], compact: bool) -> bytes:
    if isinstance(value, Bag):
        return struct.pack("<HHIII", 16, 0x0001, key, 0, 0)
    if isinstance(value, str):
        data_type, data = TYPE_STRING, pool.setdefault(value, len(pool))
    elif isinstance(value, Ref):
        data_type, data = TYPE_REFERENCE, value.res_id
    elif isinstance(value, Typed):
        data_type, data = value.data_type, value.data
    else:
        data_type, data = TYPE_INT_DEC, value & 0xFFFFFFFF
    if compact:
        return struct.pack("<HHI", key, 0x0008 | data_type << 8, data)
    return struct.pack("<HHI", 8, 0, key) + struct.pack("<HBBI", 8, 0, data_type, data)


def _type_chunk(
    type_id: int,
    config: str,
    entries: Mapping[int, ArscValue],
    pool: dict[str, int],
    *,
    sparse: bool,
    offset16: bool,
    compact: bool,
) -> bytes:
    count = max(entries) + 1
    blobs, offsets, pairs = bytearray(), [], []
    for index in range(count):
        if index not in entries:
            offsets.append(None)
            continue
        offsets.append(len(blobs))
        if sparse:
            pairs.append(struct.pack("<HH", index, len(blobs) // 4))
        blobs += _entry(index, entries[index], pool, compact)
    if sparse:
        table, flags, count = b"".join(pairs), 0x01, len(pairs)
    elif offset16:
        table = b"".join(struct.pack("<H", 0xFFFF if o is None else o // 4) for o in offsets)
        flags = 0x02
    else:
        table = b"".join(struct.pack("<I", NO_INDEX if o is None else o) for o in offsets)
        flags = 0
    table = _pad4(table)
    header_size = 8 + 12 + 64
    fields = struct.pack("<BBHII", type_id, flags, 0, count, header_size + len(table))
    return chunk(0x0201, fields + config_bytes(config), table + bytes(blobs))


def build_arsc(
    values: Mapping[int, Mapping[str, ArscValue]],
    *,
    package_name: str = "com.example",
    utf8: bool = True,
    sparse: bool = False,
    offset16: bool = False,
    compact: bool = False,
) -> bytes:
    """A resources.arsc defining ``{res_id: {config qualifiers: value}}``.

    Configurations are written in the order they are first met, which is the
    order the reader's "first English / first any" fallbacks see.
    """
    pool: dict[str, int] = {}  # global value strings, in index order
    tree: dict[int, dict[int, dict[str, dict[int, ArscValue]]]] = {}
    for res_id, by_config in values.items():
        package_id, type_id, entry = res_id >> 24, (res_id >> 16) & 0xFF, res_id & 0xFFFF
        types = tree.setdefault(package_id, {})
        for config, value in by_config.items():
            types.setdefault(type_id, {}).setdefault(config, {})[entry] = value
    packages = b""
    for package_id, types in tree.items():
        last_type = max(types)
        type_pool = encode_string_pool([f"type{i}" for i in range(1, last_type + 1)], utf8=utf8)
        last_entry = max(e for configs in types.values() for es in configs.values() for e in es)
        key_pool = encode_string_pool([f"key{i}" for i in range(last_entry + 1)], utf8=utf8)
        body = bytearray(type_pool + key_pool)
        for type_id in sorted(types):
            configs = types[type_id]
            count = max(e for es in configs.values() for e in es) + 1
            spec = struct.pack("<BBHI", type_id, 0, len(configs), count)
            body += chunk(0x0202, spec, b"\0" * 4 * count)
            for config, entries in configs.items():
                body += _type_chunk(
                    type_id,
                    config,
                    entries,
                    pool,
                    sparse=sparse,
                    offset16=offset16,
                    compact=compact,
                )
        name = package_name.encode("utf-16-le")[:254].ljust(256, b"\0")
        header_size = 288
        fields = struct.pack("<I", package_id) + name
        fields += struct.pack(
            "<IIIII", header_size, last_type, header_size + len(type_pool), last_entry + 1, 0
        )
        packages += chunk(0x0200, fields, bytes(body))
    strings = encode_string_pool(list(pool), utf8=utf8)
    return chunk(0x0002, struct.pack("<I", len(tree)), strings + packages)
