"""An imported εxodus tracker list, kept apart from the bundled knowledge base.

The list (from a file, or downloaded with consent) is validated, reduced to
the facts we use (ids, names, websites, categories, signatures) and stored in
the data directory with an atomic rename. At load time it is merged by
``exodus_id``: known trackers gain any new code signatures, unknown ones are
added as entries of their own. ``reset`` deletes it; the bundled base never
changes.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checker import paths
from checker.errors import FormatError, LimitExceeded
from checker.signatures import MIN_SIGNATURE_LENGTH
from checker.text import clean

OVERLAY_NAME = "knowledge-overlay.json"
_PLAIN_ALTERNATIVE = re.compile(r"[A-Za-z0-9_\-.]+")
OVERLAY_FORMAT = 1
MAX_TRACKERS = 10_000
MAX_FIELD = 5_000
MAX_FILE_BYTES = 20 * 1024 * 1024
EXODUS_CATEGORIES = {
    "Advertisement": "advertising",
    "Analytics": "analytics",
    "Crash reporting": "crash_reporting",
    "Identification": "identification",
    "Location": "location",
    "Profiling": "profiling",
}


class ImportRefused(FormatError):
    code = "import_refused"


class UnsafePattern(ImportRefused):
    """A signature that is not a plain class-name pattern (it could backtrack for hours)."""

    code = "unsafe_pattern"


@dataclass(frozen=True, slots=True)
class ImportedTracker:
    exodus_id: int
    name: str
    website: str
    categories: tuple[str, ...]
    code_signature: str
    network_signature: str

    @property
    def host(self) -> str:
        try:
            return (urlsplit(self.website).hostname or "").removeprefix("www.")
        except ValueError:
            return ""


@dataclass(frozen=True, slots=True)
class Overlay:
    source: str
    imported_at: str
    trackers: tuple[ImportedTracker, ...]


def parse_exodus_list(data: bytes, source: str) -> Overlay:
    """Validate a list in the εxodus API shape; raise ``ImportRefused`` with the reason."""
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded(f"the list is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ImportRefused(f"not valid JSON ({exc})") from None
    trackers = document.get("trackers") if isinstance(document, dict) else None
    if not isinstance(trackers, dict) or not trackers:
        raise ImportRefused(
            'expected an object with a non-empty "trackers" object (the εxodus API shape)'
        )
    if len(trackers) > MAX_TRACKERS:
        raise LimitExceeded(f"the list has {len(trackers)} trackers (limit {MAX_TRACKERS})")
    parsed = [_tracker(key, value) for key, value in trackers.items()]
    for tracker in parsed:
        if tracker.code_signature and not is_plain_signature(tracker.code_signature):
            # Real εxodus signatures are dotted literals joined by '|'. Anything else is a
            # general regex, which could backtrack for hours on a crafted class name.
            raise UnsafePattern(f"tracker {tracker.exodus_id}: {tracker.code_signature[:60]!r}")
    return Overlay(source, datetime.now(UTC).isoformat(timespec="seconds"), tuple(parsed))


def is_plain_signature(signature: str) -> bool:
    """Dotted literals (with '.' as εxodus's wildcard) joined by '|', nothing else."""
    return all(_PLAIN_ALTERNATIVE.fullmatch(alt) and alt.strip(".") for alt in signature.split("|"))


def _tracker(key: str, value: Any) -> ImportedTracker:
    if not isinstance(value, dict):
        raise ImportRefused(f"tracker {key[:20]!r} is not an object")
    raw_id = value.get("id", key)
    try:
        exodus_id = int(raw_id)
    except (TypeError, ValueError):
        raise ImportRefused(f"tracker {key[:20]!r} has no numeric id") from None
    if exodus_id <= 0:
        raise ImportRefused(f"tracker {key[:20]!r} has no numeric id")
    fields: dict[str, str] = {}
    for name in ("name", "website", "code_signature", "network_signature"):
        text = value.get(name) or ""
        if not isinstance(text, str) or len(text) > MAX_FIELD:
            raise ImportRefused(f"tracker {exodus_id}: field {name!r} is not a reasonable string")
        fields[name] = text.strip()
    if not fields["name"]:
        raise ImportRefused(f"tracker {exodus_id} has no name")
    categories = value.get("categories") or []
    if not isinstance(categories, list):
        raise ImportRefused(f"tracker {exodus_id}: categories must be a list")
    codes = tuple(
        EXODUS_CATEGORIES[c] for c in categories if isinstance(c, str) and c in EXODUS_CATEGORIES
    )
    return ImportedTracker(
        exodus_id=exodus_id,
        name=clean(fields["name"], 200),
        website=_https_url(fields["website"]),
        categories=codes,
        code_signature=fields["code_signature"]
        if len(fields["code_signature"]) >= MIN_SIGNATURE_LENGTH
        else "",
        network_signature=fields["network_signature"],
    )


def _https_url(value: str) -> str:
    """The website if it is a well-formed https URL with a host, else nothing."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme == "https" and parts.hostname else ""


def overlay_path() -> Path:
    return paths.data_dir() / OVERLAY_NAME


def save(overlay: Overlay) -> None:
    """Write atomically: a failure leaves the previous overlay (or none) in place."""
    target = overlay_path()
    document = {
        "format": OVERLAY_FORMAT,
        "source": overlay.source,
        "imported_at": overlay.imported_at,
        "trackers": [
            {
                "exodus_id": t.exodus_id,
                "name": t.name,
                "website": t.website,
                "categories": list(t.categories),
                "code_signature": t.code_signature,
                "network_signature": t.network_signature,
            }
            for t in overlay.trackers
        ],
    }
    fd, temp = tempfile.mkstemp(prefix=".overlay-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(target)
    finally:
        Path(temp).unlink(missing_ok=True)


def load() -> Overlay | None:
    """The stored overlay, or None. A damaged file is ignored (and reported by ``kb stats``)."""
    path = overlay_path()
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        trackers = tuple(
            ImportedTracker(
                exodus_id=int(t["exodus_id"]),
                name=str(t["name"]),
                website=str(t["website"]),
                categories=tuple(str(c) for c in t["categories"]),
                code_signature=str(t["code_signature"]),
                network_signature=str(t["network_signature"]),
            )
            for t in document["trackers"]
        )
        return Overlay(str(document["source"]), str(document["imported_at"]), trackers)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def reset() -> bool:
    """Forget the imported list; True if there was one."""
    path = overlay_path()
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
