"""Meta "Download your information" (Facebook, Instagram): who sent your activity to Meta.

Apps and websites that use Meta's tools (the Facebook SDK's App Events, the Meta pixel,
the Conversions API) report what you do in them. The export lists them under
"activity off Meta technologies". Read, in any folder of a zip or extracted folder:

* ``…/your_off-facebook_activity.json`` (2020-2022) and
  ``…/your_activity_off_meta_technologies.json`` (2023-): either
  ``{"off_facebook_activity_v2": [{"name", "events": [{"id", "type", "timestamp"}]}]}``
  (any top-level key naming off-Facebook/off-Meta activity), or the newer list of records
  ``[{"title", "label_values": [{"label": "Events", "vec": [{"dict": [{"label": "Event",
  "value"}, {"label": "Received on", "timestamp_value"}]}]}]}]``;
* the HTML export of the same: the index page, or one page per business in the folder
  beside it (``your_activity_off_meta_technologies/<business>.html``), each naming the
  business in a heading and each event as "Event" / "Received on" rows.

Meta writes non-ASCII text as UTF-8 bytes escaped one by one ("Ã©" for "é"); that is undone.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from checker.errors import CheckerError, FormatError
from checker.models import ArchiveFindings, ArchiveKind, Holding, SharedActivity
from checker.sources.base import Probe
from checker.sources.export_records import Tally, first_of, last_of, when
from checker.sources.export_tree import (
    ExportSource,
    ExportTree,
    basename,
    finish,
    member_error,
    probe_names,
    read_members,
)
from checker.text import clean

_ADVERTISER_FILES = (
    "advertisers_using_your_activity",
    "advertisers_who_uploaded_a_contact_list",
)
_STEMS = ("your_off-facebook_activity", "your_activity_off_meta_technologies")
_EVENT_LABELS = {"event", "événement", "evento", "ereignis", "evenement"}
_EVENTS_LABELS = {"events", "événements", "eventos", "ereignisse", "evenementen"}
_RECEIVED_LABELS = {"received on", "reçu le", "recibido el", "empfangen am", "ontvangen op"}
_PAGE_TITLES = {  # headings of the pages themselves, not businesses
    "your activity off meta technologies",
    "activity off meta technologies",
    "your off-facebook activity",
    "off-facebook activity",
    "votre activité en dehors des technologies meta",
}
MAX_PAGE_BYTES = 8 * 1024 * 1024
MAX_PAGES = 20_000
MAX_BUSINESSES = 100_000


class MetaExportSource(ExportSource):
    name = "meta-export"

    def claims(self, probe: Probe) -> bool:
        names = probe_names(probe)
        return any(_is_index(n) or _is_advertisers(n) for n in names) or _is_meta_export(names)

    def read_tree(self, tree: ExportTree, display: str) -> ArchiveFindings:
        return _read_tree(tree, display)


_EXPORT_FOLDERS = (
    "your_facebook_activity", "your_instagram_activity", "logged_information",
    "personal_information", "apps_and_websites_off_of_facebook", "security_and_login_information",
)  # fmt: skip


def _is_meta_export(names: list[str]) -> bool:
    """A Facebook or Instagram export, whatever it holds: its top folders have these names."""
    return sum(1 for n in names[:5000] if n.split("/", 1)[0] in _EXPORT_FOLDERS) >= 2


def _is_index(name: str) -> bool:
    stem, _, suffix = basename(name).rpartition(".")
    return stem in _STEMS and suffix in ("json", "html")


@dataclass
class _Business:
    events: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None

    def add(self, event: str, moment: str | None) -> None:
        self.events[clean(event, 60) or "?"] += 1
        self.first = first_of(self.first, moment)
        self.last = last_of(self.last, moment)


def _read_tree(tree: ExportTree, display: str) -> ArchiveFindings:
    businesses: dict[str, _Business] = {}
    pages: list[str] = []
    advertisers = _Advertisers()

    def read_one(name: str) -> None:
        if _is_advertisers(name):
            advertisers.read(tree.json(name), name)
        elif name.casefold().endswith(".json"):
            _from_json(tree.json(name), businesses, name)
        else:
            pages.extend(_from_html(tree, name, businesses))

    wanted = [n for n in sorted(tree.names) if _is_index(n) or _is_advertisers(n)]
    read = read_members(tree, wanted, read_one)
    read += pages
    if len(businesses) >= MAX_BUSINESSES:
        tree.context.warn(str(tree.path), "limit", f"only the first {MAX_BUSINESSES} senders")
    if not wanted:
        raise FormatError(
            "this Meta export has no 'activity off Meta technologies' file: when you request"
            " the download, include 'Apps and websites off of Facebook' (or the Instagram"
            " equivalent) and 'Ads information'"
        )
    finish(tree, read, "no 'activity off Meta technologies' file could be read in this archive")
    shared = tuple(
        SharedActivity(
            name=name,
            company_id="meta",
            events=tuple(sorted(b.events.items(), key=lambda kv: (-kv[1], kv[0]))),
            first_seen=b.first,
            last_seen=b.last,
        )
        for name, b in sorted(businesses.items(), key=lambda kv: (-kv[1].events.total(), kv[0]))
    )
    holdings = list(_activity_holdings(shared, read[0])) if shared else []
    holdings += advertisers.holdings()
    return ArchiveFindings(
        path=display,
        kind=ArchiveKind.META,
        company_id="meta",
        holdings=tuple(holdings),
        shared=shared,
        members_read=tuple(dict.fromkeys(read)),
    )


def _activity_holdings(shared: tuple[SharedActivity, ...], member: str) -> tuple[Holding, Holding]:
    senders = Tally("shared_activity", member)
    events = Tally("shared_events", member, keep_common=True)
    for activity in shared:
        senders.add(activity.name, activity.first_seen)
        senders.last = last_of(senders.last, activity.last_seen)
        for event, count in activity.events:
            events.common[event] += count
        events.count += activity.total
        events.first, events.last = first_of(events.first, activity.first_seen), senders.last
    return senders.holding(), events.holding()


def _is_advertisers(name: str) -> bool:
    """'Advertisers using your activity or information', and its older contact-list file."""
    return basename(name).startswith(_ADVERTISER_FILES) and name.casefold().endswith(".json")


class _Advertisers:
    """Who advertises to you with Meta using data about you: the ads-information files.

    ``{"custom_audiences_all_types_v2" | "ig_custom_audiences_all_types": [{"advertiser_name",
    "has_data_file_custom_audience", "has_remarketing_custom_audience",
    "has_in_person_store_visit"}]}``; the older file lists names under ``custom_audiences_v2``,
    every one an advertiser that uploaded a list with your contact information.
    """

    def __init__(self) -> None:
        self.member = ""
        self.using = Tally("advertisers_using_your_data", "")
        self.uploaded = Tally("advertisers_with_your_list", "")
        self.visits = Tally("advertisers_store_visits", "")

    def read(self, document: Any, name: str) -> None:
        if not isinstance(document, dict):
            raise FormatError(f"{name}: expected an object")
        entries = [
            v for k, v in document.items() if "custom_audiences" in k and isinstance(v, list)
        ]
        if not entries:
            raise FormatError(f"{name}: no list of advertisers in this file")
        for tally in (self.using, self.uploaded, self.visits):
            tally.member = tally.member or name
        for entry in (item for items in entries for item in items):
            if isinstance(entry, str):  # the older file: each one uploaded a contact list
                self.using.add(_unmangle(entry))
                self.uploaded.add(_unmangle(entry))
            elif isinstance(entry, dict) and isinstance(entry.get("advertiser_name"), str):
                advertiser = _unmangle(entry["advertiser_name"])
                self.using.add(advertiser)
                if entry.get("has_data_file_custom_audience") is True:
                    self.uploaded.add(advertiser)
                if entry.get("has_in_person_store_visit") is True:
                    self.visits.add(advertiser)

    def holdings(self) -> list[Holding]:
        return [t.holding() for t in (self.using, self.uploaded, self.visits) if t.count]


def _business(businesses: dict[str, _Business], name: object) -> _Business | None:
    label = clean(_unmangle(name)) if isinstance(name, str) else ""
    if not label or label.casefold() in _PAGE_TITLES:
        return None
    if label not in businesses and len(businesses) >= MAX_BUSINESSES:
        return None
    return businesses.setdefault(label, _Business())


def _from_json(document: Any, businesses: dict[str, _Business], name: str) -> None:
    if isinstance(document, dict):
        lists = [
            v
            for k, v in document.items()
            if isinstance(v, list) and ("off_facebook" in k or "off_meta" in k)
        ]
        if not lists:
            raise FormatError(f"{name}: no list of off-Meta activity in this file")
        for records in lists:
            _from_v2(records, businesses)
    elif isinstance(document, list):
        _from_records(document, businesses)
    else:
        raise FormatError(f"{name}: expected an object or a list")


def _from_v2(records: list[Any], businesses: dict[str, _Business]) -> None:
    for record in records:
        if not isinstance(record, dict):
            continue
        business = _business(businesses, record.get("name"))
        if business is None:
            continue
        for event in _list(record.get("events")):
            if isinstance(event, dict):
                kind = event.get("type")
                business.add(_unmangle(kind) if isinstance(kind, str) and kind else "?",
                             when(event.get("timestamp")))  # fmt: skip


def _from_records(records: list[Any], businesses: dict[str, _Business]) -> None:
    for record in records:
        if not isinstance(record, dict):
            continue
        business = _business(businesses, record.get("title") or record.get("name"))
        if business is None:
            continue
        for entry in _list(record.get("label_values")):
            if not isinstance(entry, dict) or _label(entry) not in _EVENTS_LABELS:
                continue
            for item in _list(entry.get("vec")):
                fields = item.get("dict") if isinstance(item, dict) else None
                if isinstance(fields, list):
                    business.add(*_event_fields(fields))


def _event_fields(fields: list[Any]) -> tuple[str, str | None]:
    event, moment = "?", None
    for cell in fields:
        if not isinstance(cell, dict):
            continue
        label = _label(cell)
        if label in _EVENT_LABELS:
            value = cell.get("value")
            event = _unmangle(value) if isinstance(value, str) and value else "?"
        elif label in _RECEIVED_LABELS:
            moment = when(cell.get("timestamp_value") or cell.get("value"))
    return event, moment


def _label(cell: dict[str, Any]) -> str:
    """A record's label, readable: labels are escaped like every string (and translated)."""
    label = cell.get("label")
    return _unmangle(label).casefold() if isinstance(label, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _unmangle(value: str) -> str:
    """Undo Meta's escaping of UTF-8 bytes as single characters ("Ã©" for "é")."""
    if value.isascii() or any(ord(c) > 255 for c in value):
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return value


# ---------------------------------------------------------------- HTML


def _from_html(tree: ExportTree, index: str, businesses: dict[str, _Business]) -> list[str]:
    """Read the per-business pages beside the index when there are any, else the index."""
    folder = PurePosixPath(index).with_suffix("").as_posix() + "/"
    pages = [n for n in sorted(tree.names) if n.startswith(folder) and n.endswith(".html")]
    if len(pages) > MAX_PAGES:
        tree.context.warn(tree.display_name(index), "limit", f"only the first {MAX_PAGES} pages")
    for page in pages[:MAX_PAGES]:
        tree.context.cancel.check()
        try:
            _html_page(tree.read(page, MAX_PAGE_BYTES), businesses, PurePosixPath(page).stem)
        except CheckerError as exc:
            member_error(tree, page, exc)
    if not pages:
        _html_page(tree.read(index, MAX_PAGE_BYTES * 2), businesses, None)
    return pages[:MAX_PAGES]


# A tag (its name, and whether it closes) or a run of text. Every part is bounded and
# [^<>] never crosses into the next tag, so the scan is linear even on hostile pages.
_HTML_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,9})\b[^<>]{0,4000}>|<[^<>]{0,4000}>|([^<]+)")


def _tokens(page: str) -> list[tuple[str, str]]:
    """The page as ('h', level-2 heading text) and ('t', other text) tokens, in order."""
    tokens: list[tuple[str, str]] = []
    in_heading = 0
    skipping = False  # inside <style> or <script>
    for match in _HTML_TOKEN.finditer(page):
        closing, tag, text = match.group(1), (match.group(2) or "").casefold(), match.group(3)
        if tag in ("style", "script"):
            skipping = not closing
        elif tag == "h2":
            in_heading = max(0, in_heading + (-1 if closing else 1))
        elif text is not None and not skipping:
            words = " ".join(html.unescape(text).split())
            if words:
                tokens.append(("h" if in_heading else "t", words))
    return tokens


def _html_page(
    data: bytes | bytearray, businesses: dict[str, _Business], page_stem: str | None
) -> None:
    """One page: a business page (its h2 names it) or an index (each h2 starts a business)."""
    tokens = _tokens(data.decode("utf-8", "replace"))
    current: _Business | None = None
    if page_stem is not None:
        heading = next((text for kind, text in tokens if kind == "h"), None)
        current = _business(businesses, heading or page_stem)
    label: str | None = None  # the label whose value comes next
    event: str | None = None
    for kind, text in tokens:
        if kind == "h":
            if page_stem is None:
                if event is not None and current is not None:
                    current.add(event, None)
                current, event, label = _business(businesses, text), None, None
            continue
        lowered = text.casefold().rstrip(" :")
        if lowered in _EVENT_LABELS or lowered in _RECEIVED_LABELS:
            label = lowered
            continue
        if label is None or current is None:
            continue
        if label in _EVENT_LABELS:
            if event is not None:
                current.add(event, None)
            event = text
        elif event is not None:
            current.add(event, _html_time(text))
            event = None
        label = None
    if event is not None and current is not None:
        current.add(event, None)


def _html_time(text: str) -> str | None:
    for pattern in ("%b %d, %Y %I:%M:%S %p", "%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M %p"):
        try:
            return when(datetime.strptime(text, pattern).replace(tzinfo=UTC).isoformat())
        except ValueError:
            continue
    return when(text)
