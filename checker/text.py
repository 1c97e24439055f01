"""Make untrusted strings safe to show: no control or bidi characters, bounded length."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls, bidi embeddings/overrides/isolates, zero-width joiners and marks,
# line/paragraph separators, BOM: all can hide or reorder what a person reads.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
MAX_NAME_LENGTH = 200


def clean(value: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """Return ``value`` without unsafe characters, NFC-normalised, cut to ``max_length``."""
    text = _UNSAFE.sub("", unicodedata.normalize("NFC", value)).strip()
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def clean_optional(value: str | None, max_length: int = MAX_NAME_LENGTH) -> str | None:
    """``clean`` for optional values; empty results become ``None``."""
    if value is None:
        return None
    return clean(value, max_length) or None


PACKAGE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
"""An Android application id (``com.example.app``); also how εxodus names apps."""


def pm_list_fields(line: str) -> tuple[str, list[str]] | None:
    """A ``pm list packages`` line: its package name and the fields after it.

    ``package:com.a``, or with ``-f`` ``package:/data/app/~~x==/com.a-1/base.apk=com.a`` (the
    path may itself hold '='), then ``installer=…`` and ``uid:…`` with ``-i -U``.
    """
    if not line.startswith("package:"):
        return None
    fields = line[len("package:") :].split()
    if not fields:
        return None
    return fields[0].rsplit("=", 1)[-1], fields[1:]
