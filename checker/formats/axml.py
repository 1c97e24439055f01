"""Reader for Android binary XML manifests (``AndroidManifest.xml`` inside an APK).

Only what the scanner shows is extracted: identity (package, version, split),
the application label, the SDK range and the requested permissions. Layouts
follow AOSP's ``ResourceTypes.h``; tolerance follows the device: where Android's
loader shrugs (tampered file type, trailing bytes, unknown chunks, attribute
records wider than 20 bytes, strings it cannot read) we shrug too, and where it
refuses the file (chunks that do not fit, misaligned sizes) we raise, since no
device would install it and reading further would mean trusting lies.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from checker.errors import FormatError, LimitExceeded, Truncated
from checker.formats.resstrings import (
    NO_INDEX,
    RES_STRING_POOL_TYPE,
    U32,
    Chunk,
    StringPool,
    read_chunk,
)

log = logging.getLogger(__name__)

MAX_INPUT_BYTES = 16 * 1024 * 1024
MAX_STRINGS = 200_000
MAX_ELEMENTS = 500_000

ANDROID_NS = "http://schemas.android.com/apk/res/android"

_RES_XML_TYPE = 0x0003
_START_NAMESPACE = 0x0100
_END_NAMESPACE = 0x0101
_START_ELEMENT = 0x0102
_END_ELEMENT = 0x0103
_CDATA = 0x0104
_LAST_NODE_TYPE = 0x017F
_RESOURCE_MAP = 0x0180

_NODE_HEADER_SIZE = 16  # chunk header + lineNumber + comment
# Smallest body ("extension") Android accepts after each node header.
_MIN_EXT = {_START_NAMESPACE: 8, _END_NAMESPACE: 8, _START_ELEMENT: 20, _END_ELEMENT: 8, _CDATA: 12}
# ns, name, attributeStart, attributeSize, attributeCount, idIndex, classIndex, styleIndex
_ATTR_EXT = struct.Struct("<IIHHHHHH")
# ns, name, rawValue, then Res_value: size, res0, dataType, data
_ATTRIBUTE = struct.Struct("<IIIHBBI")

TYPE_REFERENCE = 0x01
TYPE_STRING = 0x03
TYPE_DYNAMIC_REFERENCE = 0x07
TYPE_FIRST_INT = 0x10  # dec, hex, boolean, then the colour types up to 0x1f
TYPE_LAST_INT = 0x1F

# android: attribute resource ids (frameworks/base/core/res/res/values/public.xml).
ATTR_LABEL = 0x01010001
ATTR_NAME = 0x01010003
ATTR_MIN_SDK = 0x0101020C
ATTR_VERSION_CODE = 0x0101021B
ATTR_VERSION_NAME = 0x0101021C
ATTR_TARGET_SDK = 0x01010270
ATTR_IS_FEATURE_SPLIT = 0x0101055B
ATTR_VERSION_CODE_MAJOR = 0x01010576

# The android: attributes we read, by resource id, and the same by name for
# files without a resource map. "package" and "split" have no namespace.
_BY_ID = {
    ATTR_LABEL: "label",
    ATTR_NAME: "name",
    ATTR_MIN_SDK: "minSdkVersion",
    ATTR_VERSION_CODE: "versionCode",
    ATTR_VERSION_NAME: "versionName",
    ATTR_TARGET_SDK: "targetSdkVersion",
    ATTR_IS_FEATURE_SPLIT: "isFeatureSplit",
    ATTR_VERSION_CODE_MAJOR: "versionCodeMajor",
}
_ANDROID_NAMES = frozenset(_BY_ID.values())
_PLAIN_NAMES = frozenset({"package", "split"})

# "uses-permission-sdk-m" is the pre-release spelling Android still accepts.
_PERMISSION_TAGS = frozenset({"uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"})


@dataclass(frozen=True, slots=True)
class ManifestInfo:
    """What the manifest says about the app. Strings are raw: sanitise before display."""

    package: str
    version_name: str | None
    version_code: int | None
    label: str | None
    label_ref: int | None
    min_sdk: int | None
    target_sdk: int | None
    permissions: tuple[str, ...]
    split: str | None
    is_feature_split: bool


@dataclass(frozen=True, slots=True)
class _Attr:
    raw: int  # string index of the raw text, NO_INDEX when none
    data_type: int
    data: int


_Attrs = dict[str, _Attr]  # by the names in _BY_ID / _PLAIN_NAMES


def parse_manifest(data: bytes) -> ManifestInfo:
    """Read a compiled ``AndroidManifest.xml``.

    Raises ``Truncated`` when the bytes stop before the document does,
    ``LimitExceeded`` past the module caps, and ``FormatError`` for anything
    else that is not a readable manifest (root not ``<manifest>``, no package).
    """
    doc = _Document(data)
    manifest: _Attrs | None = None
    application: _Attrs | None = None
    uses_sdk: _Attrs | None = None
    permissions: dict[str, None] = {}  # insertion-ordered set
    for depth, name_index, node in doc.start_elements():
        # Only <manifest> and its direct children matter; Android itself skips
        # e.g. a <uses-permission> nested inside <application>.
        if depth == 1:
            if doc.string(name_index) != "manifest":
                raise FormatError("root element is not <manifest>")
            manifest = doc.attributes(node)
            continue
        if depth != 2:
            continue
        name = doc.string(name_index)
        if name in _PERMISSION_TAGS:
            perm = _text(doc, doc.attributes(node).get("name"), prefer_raw=False)
            if perm:
                permissions[perm] = None
        elif name == "application" and application is None:
            application = doc.attributes(node)
        elif name == "uses-sdk" and uses_sdk is None:
            uses_sdk = doc.attributes(node)
    if manifest is None:
        raise FormatError("no <manifest> element")
    return _build(doc, manifest, application or {}, uses_sdk or {}, tuple(permissions))


def _build(
    doc: _Document,
    manifest: _Attrs,
    application: _Attrs,
    uses_sdk: _Attrs,
    permissions: tuple[str, ...],
) -> ManifestInfo:
    # package and split are plain attributes; like Android's name lookup we
    # take their raw text first.
    package = _text(doc, manifest.get("package"), prefer_raw=True)
    if not package:
        raise FormatError("<manifest> has no package")
    split = _text(doc, manifest.get("split"), prefer_raw=True) or None

    low = _integer(doc, manifest.get("versionCode"))
    major = _integer(doc, manifest.get("versionCodeMajor"))
    version_code = None
    if low is not None or major is not None:
        # Same arithmetic as PackageInfo.getLongVersionCode(): both halves unsigned.
        version_code = ((major or 0) & 0xFFFFFFFF) << 32 | ((low or 0) & 0xFFFFFFFF)

    label: str | None = None
    label_ref: int | None = None
    label_attr = application.get("label")
    if label_attr is not None:
        if label_attr.data_type in (TYPE_REFERENCE, TYPE_DYNAMIC_REFERENCE):
            label_ref = label_attr.data or None  # 0 is @null
        else:
            label = _text(doc, label_attr, prefer_raw=False) or None

    version_name_attr = manifest.get("versionName")
    version_name = None
    if version_name_attr is not None and version_name_attr.data_type != TYPE_REFERENCE:
        version_name = _text(doc, version_name_attr, prefer_raw=False)

    feature = manifest.get("isFeatureSplit")
    return ManifestInfo(
        package=package,
        version_name=version_name,
        version_code=version_code,
        label=label,
        label_ref=label_ref,
        min_sdk=_sdk(doc, uses_sdk.get("minSdkVersion")),
        target_sdk=_sdk(doc, uses_sdk.get("targetSdkVersion")),
        permissions=permissions,
        split=split,
        is_feature_split=_flag(doc, feature),
    )


class _Document:
    """The validated frame of a binary XML file: string pool, resource map, root node."""

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_INPUT_BYTES:
            raise LimitExceeded(f"manifest is {len(data)} bytes")
        if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<manifest")):
            raise FormatError("text XML, not a compiled manifest")
        if len(data) < 8:
            raise Truncated("manifest shorter than a chunk header")
        ctype, header_size, size = struct.unpack_from("<HHI", data, 0)
        if size > len(data):
            raise Truncated(f"manifest declares {size} bytes, has {len(data)}")
        if not 8 <= header_size <= size:
            raise FormatError(f"bad document header size {header_size}")
        if ctype != _RES_XML_TYPE:
            # Android never checks this field, and packers exploit that.
            log.debug("binary XML file type %#x, reading anyway", ctype)
        self.data = data
        # Bytes after the declared size are ignored, as on the device.
        self.end = size
        self._map_offset = 0
        self._map_count = 0
        pool: StringPool | None = None
        root: int | None = None
        pos = header_size
        while pos + 8 <= self.end:
            chunk = read_chunk(data, pos, self.end, what="XML chunk")
            if chunk.type == RES_STRING_POOL_TYPE:
                pool = StringPool(data, chunk, max_strings=MAX_STRINGS)
            elif chunk.type == _RESOURCE_MAP:
                self._map_offset = chunk.body
                self._map_count = (chunk.size - chunk.header_size) // 4
            elif _START_NAMESPACE <= chunk.type <= _LAST_NODE_TYPE:
                root = pos
                break
            pos = chunk.end
        if pool is None:
            raise FormatError("no string pool before the first XML node")
        if root is None:
            raise FormatError("no XML node found")
        self.pool = pool
        self._root = root

    def string(self, index: int) -> str | None:
        return self.pool.get(index)

    def start_elements(self) -> Iterator[tuple[int, int, Chunk]]:
        """Yield ``(depth, name index, node)`` per start tag until the root closes."""
        pos = self._root
        depth = 0
        elements = 0
        while self.end - pos >= 8:
            node = read_chunk(
                self.data, pos, self.end, min_header=_NODE_HEADER_SIZE, what="XML node"
            )
            pos = node.end
            min_ext = _MIN_EXT.get(node.type)
            if min_ext is None:
                continue  # unknown node kinds are skipped by Android too
            if node.size - node.header_size < min_ext:
                raise FormatError(f"XML node at {node.offset:#x} is too small for its kind")
            if node.type == _START_ELEMENT:
                elements += 1
                if elements > MAX_ELEMENTS:
                    raise LimitExceeded(f"more than {MAX_ELEMENTS} XML elements")
                _, name, start, stride, count, *_ = _ATTR_EXT.unpack_from(self.data, node.body)
                # Android's own bound: the attribute array stays inside the node.
                if start + stride * count > node.size - node.header_size:
                    raise FormatError(f"attributes of node at {node.offset:#x} overrun it")
                depth += 1
                yield depth, name, node
            elif node.type == _END_ELEMENT and depth > 0:
                depth -= 1
                if depth == 0:
                    return

    def attributes(self, node: Chunk) -> _Attrs:
        """The attributes we read on a start-element node (layout checked by the walk).

        Only the first occurrence of each is kept, as Android's lookups do, so an
        element repeating one attribute 65,535 times costs time, not memory.
        """
        _, _, start, stride, count, *_ = _ATTR_EXT.unpack_from(self.data, node.body)
        if count == 0:
            return {}
        if stride < _ATTRIBUTE.size:
            # Android would read overlapping records; we refuse, or a few bytes
            # could claim 65535 attributes per element and pin the CPU.
            raise FormatError(f"attribute size {stride} at {node.offset:#x} is below 20")
        first = node.body + start
        found: _Attrs = {}
        for i in range(count):
            ns, name, raw, _, _, data_type, value = _ATTRIBUTE.unpack_from(
                self.data, first + i * stride
            )
            res_id = self._res_id(name)
            key = self._key(ns, name, res_id)
            if key is not None and key not in found:
                found[key] = _Attr(raw, data_type, value)
        return found

    def _key(self, ns: int, name: int, res_id: int) -> str | None:
        """Which attribute we read this record as, if any.

        Resource ids win because that is what the framework resolves by, and
        obfuscators rename the attribute strings while keeping the ids. A
        namespaced attribute without an id is matched by its name.
        """
        if ns == NO_INDEX:
            text = self.string(name)
            return text if text in _PLAIN_NAMES else None
        if res_id:
            return _BY_ID.get(res_id)
        text = self.string(name)
        if text in _ANDROID_NAMES and self.string(ns) == ANDROID_NS:
            return text
        return None

    def _res_id(self, name_index: int) -> int:
        if name_index >= self._map_count:
            return 0
        (res_id,) = U32.unpack_from(self.data, self._map_offset + 4 * name_index)
        return int(res_id)


def _text(doc: _Document, attr: _Attr | None, *, prefer_raw: bool) -> str | None:
    """The attribute's string: raw text and typed string value, in preferred order.

    aapt writes both and they agree; when a packer makes them differ we read
    what the framework reads (raw text for name lookups, the typed value for
    attributes resolved by resource id).
    """
    if attr is None:
        return None
    raw = doc.string(attr.raw) if attr.raw != NO_INDEX else None
    typed = doc.string(attr.data) if attr.data_type == TYPE_STRING else None
    first, second = (raw, typed) if prefer_raw else (typed, raw)
    return first if first is not None else second


def _integer(doc: _Document, attr: _Attr | None) -> int | None:
    if attr is None:
        return None
    if TYPE_FIRST_INT <= attr.data_type <= TYPE_LAST_INT:
        return attr.data
    if attr.data_type in (TYPE_REFERENCE, TYPE_DYNAMIC_REFERENCE):
        return None  # a resource we cannot see from here
    text = _text(doc, attr, prefer_raw=False)
    return _parse_int(text) if text is not None else None


def _sdk(doc: _Document, attr: _Attr | None) -> int | None:
    value = _integer(doc, attr)
    if value is None:
        return None
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value  # Java int


def _flag(doc: _Document, attr: _Attr | None) -> bool:
    if attr is None:
        return False
    if TYPE_FIRST_INT <= attr.data_type <= TYPE_LAST_INT:
        return attr.data != 0
    text = _text(doc, attr, prefer_raw=False)
    return text is not None and text.strip().lower() == "true"


def _parse_int(text: str) -> int | None:
    """Integer text the way Android's XmlUtils reads it (decimal, 0x/# hex, 0 octal).

    Used for values left as strings (e.g. a codename ``minSdkVersion`` gives None).
    """
    digits = text.strip()
    sign = 1
    if digits.startswith("-"):
        sign, digits = -1, digits[1:]
    base = 10
    if digits[:2] in ("0x", "0X"):
        base, digits = 16, digits[2:]
    elif digits.startswith("#"):
        base, digits = 16, digits[1:]
    elif len(digits) > 1 and digits.startswith("0"):
        base, digits = 8, digits[1:]
    if not digits or len(digits) > 24 or not (digits.isascii() and digits.isalnum()):
        return None
    try:
        return sign * int(digits, base)
    except ValueError:
        return None
