"""Match εxodus-style code signatures against class names, fast and exactly.

A signature is a regular expression searched in dotted class names; a tracker
is present when any class name matches (this is εxodus's definition, and ours).
Nearly every real signature is an alternation of dotted literals, where '.'
is the regex wildcard. For those we avoid running hundreds of regexes over
hundreds of thousands of names:

1. every literal token of an alternative must occur inside some name segment
   (a necessary condition, checked against the set of distinct segments);
   (one Aho-Corasick pass over the distinct segments answers this for every
   token at once);
2. surviving alternatives are confirmed by running their regex only on the
   names that contain their rarest token.

Both steps are exact: an alternative can only match a name that contains all
its tokens. Anything that is not a plain dotted literal (classes, anchors,
repeats) takes the slow path, one regex over every name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

MIN_SIGNATURE_LENGTH = 4  # εxodus ignores signatures of 3 characters or fewer
_PLAIN = re.compile(r"[A-Za-z0-9_\-.]+")
# Tokens found in most apps make poor anchors: prefer any other token of an alternative.
_COMMON_TOKENS = frozenset(
    {
        "com", "org", "net", "io", "android", "androidx", "google", "gms", "firebase",
        "facebook", "internal", "common", "core", "api", "app", "sdk", "util", "utils", "ads",
        "analytics", "kotlin", "java", "lang", "support", "impl", "ui",
    }
)  # fmt: skip
_MIN_LONG = 4  # tokens this long are looked up among segments at least this long
_SEGMENT_SLICE = 1 << 20  # characters of names split at a time
_SCAN_SWITCH = 300  # after this many anchor hits, one C-level regex scan is cheaper


@dataclass(frozen=True, slots=True)
class _Alternative:
    owner: str
    pattern: re.Pattern[str]
    tokens: tuple[str, ...]


class SignatureSet:
    """A compiled set of ``(owner, signature)`` pairs, reusable across apps."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._plain: list[_Alternative] = []
        self._general: list[tuple[str, re.Pattern[str]]] = []
        for owner, signature in entries:
            if len(signature) < MIN_SIGNATURE_LENGTH:
                continue
            self._add(owner, signature)
        self._build_automaton()

    def _add(self, owner: str, signature: str) -> None:
        alternatives = signature.split("|")
        if all(_PLAIN.fullmatch(alt) and alt.strip(".") for alt in alternatives):
            for alt in alternatives:
                tokens = tuple(sorted({t for t in alt.split(".") if t}, key=_anchor_rank))
                self._plain.append(_Alternative(owner, re.compile(alt), tokens))
        else:
            self._general.append((owner, re.compile(signature)))

    def _build_automaton(self) -> None:
        self._strong = {t for alt in self._plain for t in alt.tokens if not _is_weak(t)}
        self._automaton: Any = None
        if self._strong:
            automaton = ahocorasick.Automaton()
            for token in self._strong:
                automaton.add_word(token, token)
            automaton.make_automaton()
            self._automaton = automaton

    def _strong_tokens_in(self, segments: set[str]) -> set[str]:
        if self._automaton is None:
            return set()
        # Tokens are at least four characters long, so shorter segments cannot hold one.
        haystack = "\n".join(s for s in segments if len(s) >= _MIN_LONG)
        return {token for _end, token in self._automaton.iter(haystack)}

    @property
    def owners(self) -> set[str]:
        return {a.owner for a in self._plain} | {owner for owner, _ in self._general}

    def match(self, text: str, samples: int = 3) -> dict[str, list[str]]:
        """Return ``{owner: [up to `samples` matching names]}`` for every owner found.

        ``text`` holds the class names one per line (repeats are harmless).
        """
        found: dict[str, list[str]] = {}
        if not text:
            return found
        segments = _segments(text)
        # One C pass of the automaton over the distinct segments finds every strong token
        # that occurs anywhere in any name; weak tokens are few and checked directly.
        inside = self._strong_tokens_in(segments)
        known: dict[str, bool] = {}

        def present(token: str) -> bool:
            if token in segments or token in inside:
                return True
            if token in self._strong:
                return False
            hit = known.get(token)
            if hit is None:
                hit = known[token] = token in text
            return hit

        for alt in self._plain:
            have = found.get(alt.owner)
            if have is not None and len(have) >= samples:
                continue
            if not all(present(t) for t in alt.tokens):
                continue
            _confirm(text, alt, found, samples)
        for owner, pattern in self._general:
            have = found.get(owner)
            if have is not None and len(have) >= samples:
                continue
            for name in text.split("\n"):
                if pattern.search(name) and _keep(found.setdefault(owner, []), name, samples):
                    break
        return found


def _segments(text: str) -> set[str]:
    """Distinct dot-separated segments of the names, built slice by slice so that the
    transient list of every segment never holds more than one slice's worth."""
    segments: set[str] = set()
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", min(start + _SEGMENT_SLICE, size))
        end = size if end < 0 else end
        segments.update(text[start:end].replace("\n", ".").split("."))
        start = end + 1
    return segments


def _is_weak(token: str) -> bool:
    return token in _COMMON_TOKENS or len(token) <= 3


def _anchor_rank(token: str) -> tuple[bool, int]:
    """Best anchor first: uncommon, then long (long literals are rare substrings)."""
    return (_is_weak(token), -len(token))


def _line_at(text: str, pos: int) -> tuple[int, int]:
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _confirm(text: str, alt: _Alternative, found: dict[str, list[str]], samples: int) -> None:
    """Run ``alt`` on the lines of ``text`` that contain its anchor token.

    Plain alternatives cannot match a newline, so a match found in ``text``
    always lies within one name.
    """
    bucket = found.setdefault(alt.owner, [])
    anchor = alt.tokens[0]
    find, search = text.find, alt.pattern.search
    # A weak anchor ("com", "qq") hits thousands of lines: let the regex engine walk
    # the text in C from the start instead.
    pos, hits = (0, _SCAN_SWITCH) if _is_weak(anchor) else (find(anchor), 0)
    while pos >= 0 and hits < _SCAN_SWITCH:
        hits += 1
        start, end = _line_at(text, pos)
        if search(text, start, end) and _keep(bucket, text[start:end], samples):
            return
        pos = find(anchor, end)
    if pos >= 0:  # a common anchor: let the regex engine walk the rest in C
        for match in alt.pattern.finditer(text, _line_at(text, pos)[0]):
            start, end = _line_at(text, match.start())
            if _keep(bucket, text[start:end], samples):
                return
    if not bucket:
        del found[alt.owner]


def _keep(bucket: list[str], name: str, samples: int) -> bool:
    """Add ``name`` to ``bucket``; True once the bucket holds enough samples."""
    if name not in bucket:
        bucket.append(name)
    return len(bucket) >= samples
