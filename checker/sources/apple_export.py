"""Apple "Data & Privacy" (privacy.apple.com): the apps your Apple Account downloaded, and when.

The "Apple Media Services information" export is a zip holding CSVs and a second zip,
``Apple_Media_Services.zip``, with 100+ more. Read, at any depth, outer or nested:

* ``Store Transaction Purchase and Free Apps History.csv`` (in
  ``Apple_Media_Services/Stores Activity/Account and Transaction History/``): ``Item Purchased
  Date``, ``Content Type``, ``Item Description``, ``Item Reference Number``, ``Device Details``;
* ``iTunes and App-Book Re-download and Update History.csv``: ``Activity Date``, ``Content
  Type``, ``Item Description``, ``Item Reference Number``.

Rows whose content type is an app (not in-app purchases, music, books) become the app list.
"""

from __future__ import annotations

import re

from checker.errors import CheckerError, FormatError
from checker.models import ArchiveFindings, ArchiveKind, InstallRecord, Platform
from checker.sources.base import Probe
from checker.sources.export_records import Tally, add_install, apps_holding, when
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

NESTED = "apple_media_services.zip"
_HISTORIES = {
    "store transaction purchase and free apps history.csv": "purchases",
    "itunes and app-book re-download and update history.csv": "redownloads",
}
_TITLE = ("item description", "title", "item name")
_TYPE = ("content type", "item type", "media type")
_DATE = ("item purchased date", "activity date", "purchase date", "date")
_ID = ("item reference number", "adam id", "item id")
_DEVICE = ("device details", "device type", "device model")


class AppleExportSource(ExportSource):
    name = "apple-export"

    def claims(self, probe: Probe) -> bool:
        return any(basename(n) in _HISTORIES or basename(n) == NESTED for n in probe_names(probe))

    def read_tree(self, tree: ExportTree, display: str) -> ArchiveFindings:
        installs: dict[str, InstallRecord] = {}
        transactions = Tally("store_transactions", "")
        read: list[str] = []
        _read_tree(tree, installs, transactions, read)
        for name in sorted(tree.names):
            if basename(name) != NESTED:
                continue
            try:
                with ExportTree.nested(tree, name) as nested:
                    _read_tree(nested, installs, transactions, read, prefix=f"{name}!")
                    tree.failures += nested.failures
            except CheckerError as exc:
                member_error(tree, name, exc)
        finish(tree, read, "no App Store download or purchase history could be read")
        records = tuple(sorted(installs.values(), key=lambda r: r.title.casefold()))
        holdings = [apps_holding(records, read[0])]
        if transactions.count:
            holdings.append(transactions.holding())
        return ArchiveFindings(
            path=display,
            kind=ArchiveKind.APPLE,
            company_id="apple",
            holdings=tuple(holdings),
            installs=records,
            members_read=tuple(read),
        )


def _read_tree(
    tree: ExportTree,
    installs: dict[str, InstallRecord],
    transactions: Tally,
    read: list[str],
    prefix: str = "",
) -> None:
    names = [n for n in sorted(tree.names) if basename(n) in _HISTORIES]
    done = read_members(
        tree,
        names,
        lambda name: _read_history(
            tree, name, _HISTORIES[basename(name)], installs, transactions, prefix
        ),
    )
    read.extend(prefix + name for name in done)


def _is_app(kind: str) -> bool:
    """'iOS and tvOS Apps', 'Mac Apps', 'iPhone App': yes; in-app purchases, AppleCare: no."""
    words = re.findall(r"[a-z]+", kind)
    return bool({"app", "apps"} & set(words)) and "in" not in words


def _read_history(
    tree: ExportTree,
    name: str,
    role: str,
    installs: dict[str, InstallRecord],
    transactions: Tally,
    prefix: str,
) -> None:
    rows = tree.csv_rows(name)
    present = [cell.casefold() for cell in next(rows, [])]
    columns = {
        field: next((present.index(o) for o in options if o in present), None)
        for field, options in (("title", _TITLE), ("type", _TYPE), ("date", _DATE),
                               ("id", _ID), ("device", _DEVICE))
    }  # fmt: skip
    if columns["title"] is None:
        raise FormatError(f"{name}: no item description column")

    def cell(row: list[str], field: str) -> str:
        at = columns[field]
        return row[at] if at is not None and at < len(row) else ""

    for row in rows:
        title = clean(cell(row, "title"))
        kind = cell(row, "type").casefold()
        moment = when(cell(row, "date"))
        if role == "purchases":
            transactions.member = transactions.member or prefix + name
            transactions.add(title, moment)
        if not title or not _is_app(kind):
            continue
        platform = Platform.MACOS if "mac" in kind else Platform.IOS
        device = clean(cell(row, "device"), 80) or None
        store_id = clean(cell(row, "id"), 20) or None
        add_install(installs, title, platform, moment, moment, device, store_id)
