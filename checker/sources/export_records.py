"""Small pieces every export reader shares: dates as platforms write them, and tallies."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from checker.models import Holding
from checker.text import clean

SAMPLES = 5
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_PLAIN = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # before any of these platforms kept records


def when(value: object) -> str | None:
    """An ISO 8601 UTC time ("2021-03-04T10:11:12Z") from how exports write times, or None.

    Handles ISO strings (with Z, an offset, or none: taken as UTC), "2021-03-04 10:11:12.0",
    US "03/04/2021 10:11", and Unix times in seconds or milliseconds.
    """
    moment: datetime | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10_000_000_000 else value
        try:
            moment = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        moment = _parse_text(value.strip())
    if moment is None or moment < _EARLIEST or moment.year > 2100:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_text(text: str) -> datetime | None:
    if not text:
        return None
    if text.isdigit():
        return _from_number(int(text))
    us = _US_DATE.fullmatch(text)
    if us:
        month, day, year = int(us[1]), int(us[2]), int(us[3])
        hour, minute, second = int(us[4] or 0), int(us[5] or 0), int(us[6] or 0)
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            return None
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    if " UTC" in candidate:
        candidate = candidate.replace(" UTC", "+00:00")
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        plain = _PLAIN.match(text)
        if not plain:
            return None
        try:
            moment = datetime.fromisoformat(plain[0])
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _from_number(number: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(number / 1000 if number > 10_000_000_000 else number, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def first_of(*values: str | None) -> str | None:
    present = [v for v in values if v]
    return min(present) if present else None


def last_of(*values: str | None) -> str | None:
    present = [v for v in values if v]
    return max(present) if present else None


@dataclass
class Tally:
    """Count records of one kind, keep their time span and a few (or the most common) examples."""

    code: str
    member: str
    count: int = 0
    first: str | None = None
    last: str | None = None
    common: Counter[str] = field(default_factory=Counter)
    keep_common: bool = False  # samples are the most frequent values, not the first ones
    _samples: list[str] = field(default_factory=list)

    def add(self, sample: str | None = None, moment: str | None = None) -> None:
        self.count += 1
        if moment:
            self.first = first_of(self.first, moment)
            self.last = last_of(self.last, moment)
        if not sample:
            return
        text = clean(sample, 120)
        if not text:
            return
        if self.keep_common:
            if len(self.common) < 100_000 or text in self.common:
                self.common[text] += 1
        elif len(self._samples) < SAMPLES and text not in self._samples:
            self._samples.append(text)

    def holding(self) -> Holding:
        samples = (
            tuple(text for text, _ in self.common.most_common(SAMPLES))
            if self.keep_common
            else tuple(self._samples)
        )
        return Holding(self.code, self.count, self.first, self.last, samples, self.member)
