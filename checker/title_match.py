"""Match app titles (as stores and platforms write them) to package or bundle IDs.

Exports name apps by their store title ("WhatsApp Messenger"), not their ID. We match
against names we already know: apps in this check, earlier scans, the bundled table of
widely used apps, and IDs the export itself gives. Exact first, then normalised (case,
accents, punctuation, trademark signs), then the name before a subtitle (" - ", ": "),
then fuzzy with a confidence; only the first two are sure enough to act on. When two different IDs fit equally well the match is *ambiguous* and shown
as such: we never pick one silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from checker.models import Platform

FUZZY_FLOOR = 0.86  # below this, a near name is not shown as a match at all
FUZZY_CANDIDATES = 20  # names compared per title
FUZZY_BUDGET = 50_000  # comparisons per index, all titles together
COMMON_GRAM = 300  # a trigram found in more names than this does not pick candidates
_SUBTITLE = re.compile(r"\s+[-–—:|]\s+.*$|\s*[:|(].*$")
_NON_WORD = re.compile(r"[^\w]+")
_MARKS = re.compile(r"[™®©]")


@dataclass(frozen=True, slots=True)
class TitleMatch:
    app_id: str | None
    how: str  # exact | normalised | prefix (the name before a subtitle) | fuzzy | ambiguous | none
    confidence: float
    candidates: tuple[str, ...] = ()


NO_MATCH = TitleMatch(None, "none", 0.0)


def normalise(title: str, keep_subtitle: bool = False) -> str:
    text = unicodedata.normalize("NFKD", _MARKS.sub("", title))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if not keep_subtitle:
        text = _SUBTITLE.sub("", text) or text
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


class TitleIndex:
    """Known (id, name, platform) triples, indexed for exact, normalised and fuzzy look-ups."""

    def __init__(self, entries: Iterable[tuple[str, str, Platform]]) -> None:
        self._exact: dict[str, set[tuple[str, Platform]]] = defaultdict(set)
        self._normal: dict[str, set[tuple[str, Platform]]] = defaultdict(set)  # whole names
        self._heads: dict[str, set[tuple[str, Platform]]] = defaultdict(set)  # before a subtitle
        self._grams: dict[str, set[str]] = defaultdict(set)  # trigram -> normalised names
        self._budget = FUZZY_BUDGET
        for app_id, name, platform in entries:
            if not name or not app_id:
                continue
            self._exact[name].add((app_id, platform))
            whole, head = normalise(name, keep_subtitle=True), normalise(name)
            if not whole:
                continue
            self._normal[whole].add((app_id, platform))
            self._heads[head].add((app_id, platform))
            for gram in _trigrams(whole):
                self._grams[gram].add(whole)

    def match(self, title: str, platform: Platform = Platform.UNKNOWN) -> TitleMatch:
        found = self._pick(self._exact.get(title, set()), platform, "exact", 1.0)
        if found.how != "none":
            return found
        whole, head = normalise(title, keep_subtitle=True), normalise(title)
        found = self._pick(self._normal.get(whole, set()), platform, "normalised", 0.95)
        if found.how == "none":
            # "Weather: Live Radar" is not surely Apple's Weather: the same name before a
            # subtitle, on either side, is only a likely match
            near = self._normal.get(head, set()) | self._heads.get(head, set())
            found = self._pick(near, platform, "prefix", 0.8)
        if found.how != "none":
            return found
        return self._fuzzy(whole, platform)

    def _pick(
        self, hits: set[tuple[str, Platform]], platform: Platform, how: str, confidence: float
    ) -> TitleMatch:
        ids = sorted({app_id for app_id, p in hits if _compatible(p, platform)})
        if not ids:
            return NO_MATCH
        if len(ids) > 1:
            return TitleMatch(None, "ambiguous", confidence, tuple(ids[:5]))
        return TitleMatch(ids[0], how, confidence, ())

    def _fuzzy(self, key: str, platform: Platform) -> TitleMatch:
        """The nearest known names, compared only among a few candidates, within a budget.

        Candidates share the title's rarer trigrams (a trigram in hundreds of names tells
        nothing); at most ``FUZZY_CANDIDATES`` are compared, and an index stops fuzzy
        matching after ``FUZZY_BUDGET`` comparisons: a hostile export of thousands of
        near-identical titles costs seconds, not hours.
        """
        if not key or self._budget <= 0:
            return NO_MATCH
        postings = [self._grams[g] for g in _trigrams(key) if g in self._grams]
        rare = [names for names in postings if len(names) <= COMMON_GRAM]
        if not rare:
            return NO_MATCH
        shared: Counter[str] = Counter()
        for names in rare:
            shared.update(names)
        needed = max(1, len(rare) // 2)  # a near name shares most of its rarer trigrams
        ranked = shared.most_common(FUZZY_CANDIDATES + 1)
        if len(ranked) > FUZZY_CANDIDATES and ranked[-1][1] == ranked[-2][1] >= needed:
            return NO_MATCH  # more equally near names than we compare: no honest pick
        scored: list[tuple[float, str]] = []
        for name, hits in ranked[:FUZZY_CANDIDATES]:
            if hits < needed or self._budget <= 0:
                break
            self._budget -= 1
            matcher = SequenceMatcher(None, key, name, autojunk=False)
            if matcher.real_quick_ratio() < FUZZY_FLOOR or matcher.quick_ratio() < FUZZY_FLOOR:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_FLOOR:
                scored.append((ratio, name))
        if not scored:
            return NO_MATCH
        scored.sort(reverse=True)
        best = scored[0][0]
        ids = sorted(
            {
                app_id
                for ratio, name in scored
                if best - ratio < 0.02
                for app_id, p in self._normal[name]
                if _compatible(p, platform)
            }
        )
        if not ids:
            return NO_MATCH
        if len(ids) > 1:
            return TitleMatch(None, "ambiguous", round(best, 2), tuple(ids[:5]))
        return TitleMatch(ids[0], "fuzzy", round(best, 2), ())


def _trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _compatible(known: Platform, wanted: Platform) -> bool:
    return Platform.UNKNOWN in (known, wanted) or known == wanted
