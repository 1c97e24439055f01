"""Google Takeout: the Play Store's record of every app you installed or acquired, and where.

Read (any folder depth, so a Takeout zip, its extracted folder, or the files alone work):

* ``Google Play Store/Installs.json``: ``[{"install": {"doc": {"title", "documentType"},
  "firstInstallationTime", "lastUpdateTime", "deviceAttribute": {"deviceDisplayName",
  "manufacturer", "model"}}}]``
* ``Google Play Store/Library.json``: ``[{"libraryDoc": {"doc": {...}, "acquisitionTime"}}]``
* ``Google Play Store/Devices.json``: ``[{"device": {"mostRecentData": {"deviceName",
  "manufacturer", "modelName", ...}, "deviceRegistrationTime", "lastTimeDeviceActive"}}]``
* the Play Store part of *My Activity* (``My Activity/Google Play Store/MyActivity.json``,
  or ``.html``; the folder and file names are translated, e.g. ``Mon activité``): entries
  whose links name the package (``play.google.com/store/apps/details?id=…``).

Only these members are opened; everything else in the archive is skipped unread.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlparse

from checker.errors import FormatError
from checker.models import ArchiveFindings, ArchiveKind, InstallRecord, Platform
from checker.sources.base import Probe
from checker.sources.export_records import Tally, add_install, apps_holding, first_of, last_of, when
from checker.sources.export_tree import (
    ExportSource,
    ExportTree,
    basename,
    finish,
    is_lone_file,
    probe_names,
    read_members,
)
from checker.text import PACKAGE_ID, clean

PLAY_FOLDER = "google play store"
_FILES = {"installs.json", "library.json", "devices.json"}
_ANDROID_DOCS = {"android apps", "android app", ""}
_PLAY_LINK = re.compile(  # bounded everywhere: linear on hostile pages
    rb'href="(https?://play\.google\.com/store/apps/details\?id=[^"]{1,300})"[^<>]{0,2000}>([^<]{1,300})</a>'
)
MAX_ACTIVITY_HTML = 256 * 1024 * 1024


class TakeoutSource(ExportSource):
    name = "google-takeout"

    def claims(self, probe: Probe) -> bool:
        if is_lone_file(probe):  # Installs.json and the like on their own: check their start
            return basename(probe.path.name) in _FILES and any(
                key in probe.start for key in (b'"install"', b'"libraryDoc"', b'"device"')
            )
        names = probe_names(probe)
        if is_takeout(names) or any(_role(n) for n in names if "/" in n):
            return True
        # the Play Store files alone at the top: the 'Google Play Store' folder, or a zip of them
        at_top = {basename(n) for n in names if "/" not in n} & _FILES
        return len(at_top) >= 2 or (bool(at_top) and probe.path.name.casefold() == PLAY_FOLDER)

    def read_tree(self, tree: ExportTree, display: str) -> ArchiveFindings:
        return _read_tree(tree, display)


def is_takeout(names: list[str]) -> bool:
    """A Takeout archive, whatever it holds: Google puts an index page at its root."""
    return any(
        n.casefold() in ("archive_browser.html", "takeout/archive_browser.html") for n in names
    )


def _top_folders(tree: ExportTree) -> list[str]:
    """The product folders of a Takeout archive: named in the account's language."""
    folders = set()
    for name in tree.names:
        parts = PurePosixPath(name).parts
        if len(parts) >= 3 and parts[0].casefold() == "takeout":
            folders.add(parts[1])
        elif len(parts) >= 2 and parts[0].casefold() != "takeout":
            folders.add(parts[0])
    return sorted(folders)[:12]


def _role(name: str) -> str | None:
    """What a member is to us: 'installs', 'library', 'devices', 'activity', or None.

    Play Store files sit in a ``Google Play Store`` folder (a lone file is checked by the
    claim); My Activity's Play part is ``<My Activity, translated>/Google Play Store/<file>``,
    never directly under ``Takeout/`` (where Reviews.json and the like are not activity).
    """
    parts = [p.casefold() for p in PurePosixPath(name).parts]
    file_name = parts[-1] if parts else ""
    in_play_folder = len(parts) >= 2 and parts[-2] == PLAY_FOLDER
    if file_name in _FILES and (in_play_folder or len(parts) == 1):
        return file_name.removesuffix(".json")
    if (
        in_play_folder
        and len(parts) >= 3
        and parts[-3] != "takeout"
        and file_name.endswith((".json", ".html"))
    ):
        return "activity"
    return None


def _read_tree(tree: ExportTree, display: str) -> ArchiveFindings:
    installs: dict[str, InstallRecord] = {}
    devices = Tally("devices", "")
    installs_member = ""
    given_ids: dict[str, str] = {}  # title -> package, from My Activity links

    def read_one(name: str) -> None:
        nonlocal devices, installs_member
        role = _role(name)
        if role == "activity":
            given_ids.update(_activity(tree, name))
            return
        document = tree.json(name)
        if not isinstance(document, list):
            raise FormatError(f"{name}: expected a list of records")
        if role == "devices":
            devices = _devices(document, name)
        else:
            _installs(document, str(role), installs)
            installs_member = installs_member or name

    read = read_members(tree, [n for n in sorted(tree.names) if _role(n)], read_one)
    if not read and not any(_role(n) for n in tree.names):
        raise FormatError(
            "this Takeout archive has no Google Play Store data; export again with"
            " 'Google Play Store' ticked. Folders found (not recognised; another language?): "
            + (", ".join(_top_folders(tree)) or "none")
        )
    finish(tree, read, "no Google Play Store file could be read in this Takeout archive")
    records = tuple(
        _with_given_id(record, given_ids)
        for record in sorted(installs.values(), key=lambda r: r.title.casefold())
    )
    holdings = [apps_holding(records, installs_member)] if records else []
    if devices.count:
        holdings.append(devices.holding())
    return ArchiveFindings(
        path=display,
        kind=ArchiveKind.GOOGLE_TAKEOUT,
        company_id="google",
        holdings=tuple(holdings),
        installs=records,
        members_read=tuple(read),
    )


def _doc_title(doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return None
    kind = str(doc.get("documentType", "")).casefold()
    title = doc.get("title")
    if kind not in _ANDROID_DOCS or not isinstance(title, str):
        return None  # films, books, music: not apps
    return clean(title) or None


def _installs(document: list[Any], role: str, installs: dict[str, InstallRecord]) -> None:
    key = "install" if role == "installs" else "libraryDoc"
    for item in document:
        entry = item.get(key) if isinstance(item, dict) else None
        if not isinstance(entry, dict):
            continue
        title = _doc_title(entry.get("doc"))
        if title is None:
            continue
        if role == "installs":
            first, last = (
                when(entry.get("firstInstallationTime")),
                when(entry.get("lastUpdateTime")),
            )
            device = _device_name(entry.get("deviceAttribute"))
        else:
            first, last, device = when(entry.get("acquisitionTime")), None, None
        add_install(installs, title, Platform.ANDROID, first, last, device)


def _device_name(attribute: Any) -> str | None:
    if not isinstance(attribute, dict):
        return None
    for key in ("deviceDisplayName", "model", "manufacturer"):
        value = attribute.get(key)
        if isinstance(value, str) and value.strip():
            return clean(value, 80)
    return None


def _devices(document: list[Any], member: str) -> Tally:
    tally = Tally("devices", member)
    for item in document:
        device = item.get("device") if isinstance(item, dict) else None
        if not isinstance(device, dict):
            continue
        data = device.get("mostRecentData")
        data = data if isinstance(data, dict) else {}
        label = " ".join(
            str(data[k]) for k in ("manufacturer", "modelName") if isinstance(data.get(k), str)
        )
        tally.add(label or str(data.get("deviceName") or ""), None)
        for key in ("deviceRegistrationTime", "lastTimeDeviceActive"):
            moment = when(device.get(key))
            if moment:
                tally.first = first_of(tally.first, moment)
                tally.last = last_of(tally.last, moment)
    return tally


def _activity(tree: ExportTree, name: str) -> dict[str, str]:
    """Title -> package id from the Play Store entries of My Activity (JSON or HTML)."""
    found: dict[str, str] = {}
    if basename(name).endswith(".json"):
        document = tree.json(name)
        if not isinstance(document, list):
            raise FormatError(f"{name}: expected a list of activity entries")
        for item in document:
            if not isinstance(item, dict):
                continue
            package = _package_from_link(item.get("titleUrl"))
            title = item.get("title")
            if package and isinstance(title, str):
                found[_strip_verb(title)] = package
        return found
    data = tree.read(name, MAX_ACTIVITY_HTML)
    for link, text in _PLAY_LINK.findall(data):
        package = _package_from_link(html.unescape(link.decode("utf-8", "replace")))
        if package:
            found[clean(html.unescape(text.decode("utf-8", "replace")))] = package
    return found


def _package_from_link(link: object) -> str | None:
    if not isinstance(link, str) or "play.google.com" not in link:
        return None
    try:
        package = parse_qs(urlparse(link).query).get("id", [""])[0]
    except ValueError:  # e.g. a malformed host such as "[play.google.com"
        return None
    return package if PACKAGE_ID.fullmatch(package) else None


def _strip_verb(title: str) -> str:
    """'Installed WhatsApp' -> 'WhatsApp' (English; other languages keep their verb)."""
    for verb in ("Installed ", "Used ", "Visited ", "Searched for ", "Viewed "):
        if title.startswith(verb):
            return clean(title[len(verb) :])
    return clean(title)


def _with_given_id(record: InstallRecord, given: dict[str, str]) -> InstallRecord:
    package = given.get(record.title)
    return record if package is None else replace(record, given_id=package)
