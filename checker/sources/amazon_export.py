"""Amazon "Request your data": the audiences you are sold in, your searches, your orders.

Read, at any folder depth of the zip(s) or extracted folder, by file name:

* ``Advertising.N/Advertising.AmazonAudiences.csv``: audiences Amazon put you in;
* ``Advertising.N/Advertising.AdvertiserAudiences.csv``: advertisers that brought an audience
  you are in;
* ``Advertising.N/Advertising.3PAudiences.csv``: audiences that *third parties* put you in,
  that is, someone else gave Amazon data about you;
* ``Advertising.N/Advertising.AdvertiserClicks.csv``: advertisers whose ads you clicked;
* ``Search-Data/Search-Data.Customer-Engagement.csv`` (and other ``Search-Data*.csv``): search
  keywords with times;
* ``Retail.OrderHistory.N/Retail.OrderHistory.N.csv``: every item ordered;
* ``Digital-Ordering.N/Digital Items.csv``: digital orders (apps, e-books, videos).

CSVs are streamed row by row; only counts, time spans and a few examples are kept.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.errors import FormatError
from checker.models import ArchiveFindings, ArchiveKind
from checker.sources.base import Probe
from checker.sources.export_records import Tally, moment
from checker.sources.export_tree import (
    ExportSource,
    ExportTree,
    basename,
    finish,
    probe_names,
    read_members,
)

# holding code -> (does this file name hold it?, value columns, time columns, keep most common)
_Rule = tuple[Callable[[str], bool], tuple[str, ...], tuple[str, ...], bool]
_RULES: dict[str, _Rule] = {
    "ad_audiences_amazon": (
        lambda n: n == "advertising.amazonaudiences.csv",
        ("amazon audiences in which you are included",),
        (),
        False,
    ),
    "ad_audiences_advertisers": (
        lambda n: n == "advertising.advertiseraudiences.csv",
        ("advertisers who brought audiences in which you are included",),
        (),
        False,
    ),
    "ad_audiences_third_party": (
        lambda n: n == "advertising.3paudiences.csv",
        ("audiences in which you are included via 3rd parties",),
        (),
        False,
    ),
    "advertiser_clicks": (
        lambda n: n == "advertising.advertiserclicks.csv",
        ("advertisers whose ads you clicked",),
        (),
        True,
    ),
    "search_keywords": (
        lambda n: n.startswith("search-data") and n.endswith(".csv"),
        ("keywords", "first search query string", "search query", "query"),
        ("first search time (gmt)", "last search time (gmt)", "search time", "date"),
        True,
    ),
    "orders": (
        lambda n: n.startswith("retail.orderhistory") and n.endswith(".csv"),
        ("product name", "title"),
        ("order date", "orderdate"),
        False,
    ),
    "digital_orders": (
        lambda n: n in ("digital items.csv", "digital orders.csv", "digital.orders.1.csv"),
        ("title", "productname", "product name", "itemname"),
        ("orderdate", "order date", "fulfilleddate", "fulfilled date"),
        False,
    ),
}


_PLACEHOLDERS = {"not available", "no data", "n/a"}


class AmazonExportSource(ExportSource):
    name = "amazon-export"

    def claims(self, probe: Probe) -> bool:
        return any(_code(name) for name in probe_names(probe))

    def read_tree(self, tree: ExportTree, display: str) -> ArchiveFindings:
        return _read_tree(tree, display)


def _code(name: str) -> str | None:
    file_name = basename(name)
    return next((code for code, rule in _RULES.items() if rule[0](file_name)), None)


def _read_tree(tree: ExportTree, display: str) -> ArchiveFindings:
    tallies: dict[str, Tally] = {}

    def read_one(name: str) -> None:
        code = str(_code(name))
        _, values, times, common = _RULES[code]
        tally = Tally(code, name, keep_common=common)  # joined only once the file is read whole
        _tally_csv(tree, name, tally, values, times)
        if code in tallies:
            tallies[code].merge(tally)
        else:
            tallies[code] = tally

    read = read_members(tree, [n for n in sorted(tree.names) if _code(n)], read_one)
    finish(tree, read, "no Amazon advertising, search or order file could be read")
    order = list(_RULES)
    holdings = tuple(
        t.holding() for t in sorted(tallies.values(), key=lambda t: order.index(t.code))
    )
    return ArchiveFindings(
        path=display,
        kind=ArchiveKind.AMAZON,
        company_id="amazon",
        holdings=holdings,
        members_read=tuple(read),
    )


def _tally_csv(
    tree: ExportTree, name: str, tally: Tally, values: tuple[str, ...], times: tuple[str, ...]
) -> None:
    rows = tree.csv_rows(name)
    header = [cell.casefold() for cell in next(rows, [])]
    value_at = next((header.index(c) for c in values if c in header), None)
    time_at = next((header.index(c) for c in times if c in header), None)
    if value_at is None and not times and header:
        value_at = 0  # one-column lists: whatever the header says
    if value_at is None and time_at is None:
        raise FormatError(f"{name}: none of the expected columns is present")
    for row in rows:
        value = row[value_at] if value_at is not None and value_at < len(row) else ""
        stamp = row[time_at] if time_at is not None and time_at < len(row) else ""
        if not value.strip() and not stamp:
            continue  # blank line
        if value.strip().casefold() in _PLACEHOLDERS:
            continue  # Amazon writes these where a list is empty
        tally.add(value.strip(), moment(stamp) if stamp else None)
