"""Small pieces every export reader shares: dates as platforms write them, and tallies."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from checker.models import Holding, InstallRecord, Platform
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
    return iso(moment(value))


def iso(instant: datetime | None) -> str | None:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ") if instant is not None else None


def moment(value: object) -> datetime | None:
    """``when`` as an aware UTC datetime, for code that compares many times."""
    instant: datetime | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        instant = _from_number(value)
    elif isinstance(value, str):
        instant = _parse_text(value.strip())
    if instant is None:
        return None
    if instant.tzinfo is not UTC:
        instant = instant.astimezone(UTC)
    return instant if instant >= _EARLIEST and instant.year <= 2100 else None


def _parse_text(text: str) -> datetime | None:
    if not text:
        return None
    try:  # the common case, in C: "2021-03-04T10:11:12.000Z", "2021-03-04 10:11:12.0"
        instant = datetime.fromisoformat(text)
        return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    except ValueError:
        pass
    if text.isascii() and text.isdigit():
        return _from_number(int(text))
    us = _US_DATE.fullmatch(text)
    if us:
        month, day, year = int(us[1]), int(us[2]), int(us[3])
        hour, minute, second = int(us[4] or 0), int(us[5] or 0), int(us[6] or 0)
        try:
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            return None
    candidate = text.replace(" UTC", "+00:00")
    try:
        instant = datetime.fromisoformat(candidate)
    except ValueError:
        plain = _PLAIN.match(text)
        if not plain:
            return None
        try:
            instant = datetime.fromisoformat(plain[0])
        except ValueError:
            return None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def _from_number(number: float) -> datetime | None:
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
    """Count records of one kind, keep their time span and a few (or the most common) examples.

    Hot path (millions of rows): times are compared as datetimes and formatted once; the
    examples are cleaned for display only when they are kept.
    """

    code: str
    member: str
    count: int = 0
    first: str | None = None
    last: str | None = None
    common: Counter[str] = field(default_factory=Counter)
    keep_common: bool = False  # samples are the most frequent values, not the first ones
    _samples: list[str] = field(default_factory=list)
    _earliest: datetime | None = None
    _latest: datetime | None = None

    def add(self, sample: str | None = None, when_: str | datetime | None = None) -> None:
        self.count += 1
        if when_ is not None:
            self.span(when_ if isinstance(when_, datetime) else moment(when_))
        if not sample:
            return
        if self.keep_common:
            if len(self.common) < 100_000 or sample in self.common:
                self.common[sample] += 1
        elif len(self._samples) < SAMPLES:
            text = clean(sample, 120)
            if text and text not in self._samples:
                self._samples.append(text)

    def span(self, instant: datetime | None) -> None:
        if instant is None:
            return
        if self._earliest is None or instant < self._earliest:
            self._earliest = instant
        if self._latest is None or instant > self._latest:
            self._latest = instant

    def merge(self, other: Tally) -> None:
        """Add another file's tally of the same kind (Amazon splits some lists over files)."""
        self.count += other.count
        self.common.update(other.common)
        self._samples += [t for t in other._samples if t not in self._samples][
            : SAMPLES - len(self._samples)
        ]
        self.span(other._earliest)
        self.span(other._latest)
        self.first = first_of(self.first, other.first)
        self.last = last_of(self.last, other.last)

    def holding(self) -> Holding:
        if self.keep_common:
            samples: list[str] = []
            for value, _ in self.common.most_common():
                text = clean(value, 120)
                if text and text not in samples:
                    samples.append(text)
                if len(samples) == SAMPLES:
                    break
        else:
            samples = self._samples
        first = first_of(self.first, iso(self._earliest))
        last = last_of(self.last, iso(self._latest))
        return Holding(self.code, self.count, first, last, tuple(samples), self.member)


MAX_DEVICES = 10


def add_install(
    installs: dict[str, InstallRecord],
    title: str,
    platform: Platform,
    first: str | None,
    last: str | None,
    device: str | None = None,
    store_id: str | None = None,
) -> None:
    """Record one store row for ``title``, joined with the rows already seen for it."""
    known = installs.get(title)
    devices = (*(known.devices if known else ()), *([device] if device else ()))
    installs[title] = InstallRecord(
        title=title,
        platform=platform,
        first_seen=first_of(first, known.first_seen if known else None),
        last_seen=last_of(last, known.last_seen if known else None),
        devices=tuple(dict.fromkeys(devices))[:MAX_DEVICES],
        store_id=store_id or (known.store_id if known else None),
    )


def apps_holding(records: tuple[InstallRecord, ...], member: str) -> Holding:
    """The 'apps installed or acquired' line of a store export."""
    apps = Tally("installed_apps", member)
    for record in records:
        apps.add(record.title, record.first_seen)
    return apps.holding()
