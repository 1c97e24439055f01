"""The iPhone's App Privacy Report (Settings → Privacy & Security → App Privacy Report → Save).

One JSON object per line, possibly hundreds of megabytes: read as a stream with
a cap on line length. Two record types matter: ``networkActivity`` (an app
contacted a domain, with a hit count) and ``access`` (an app used a protected
resource, as begin/end intervals). Field names of the iOS 15 betas (``stream``,
``tccService``, lowercase ``timestamp``, ``hasApp.bundleName``) are accepted
too. A malformed line is skipped and counted, never fatal.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import FormatError, LimitExceeded, Unreadable
from checker.models import AppEvidence, DataAccess, DomainContact, Platform
from checker.sources.base import Probe, ReadContext
from checker.text import clean

MAX_LINE_BYTES = 1024 * 1024
MAX_APPS = 20_000
MAX_DOMAINS_PER_APP = 20_000
MAX_CONTACTS = 1_000_000  # distinct (app, domain) pairs: memory stays bounded on hostile files
_TYPES = (b'"networkActivity"', b'"access"')
# iOS 15 beta records named the protected resource by its TCC service.
_TCC_CATEGORIES = {
    "kTCCServiceAddressBook": "contacts",
    "kTCCServiceCalendar": "calendar",
    "kTCCServiceReminders": "reminders",
    "kTCCServicePhotos": "photos",
    "kTCCServicePhotosAdd": "photos",
    "kTCCServiceCamera": "camera",
    "kTCCServiceMicrophone": "microphone",
    "kTCCServiceMediaLibrary": "mediaLibrary",
    "kTCCServiceMotion": "motion",
    "kTCCServiceBluetoothAlways": "bluetooth",
    "kTCCServiceSpeechRecognition": "speechRecognition",
}


@dataclass
class _State:
    apps: dict[str, _App] = field(default_factory=dict)
    problems: Counter[str] = field(default_factory=Counter)
    contacts: int = 0  # distinct (app, domain) pairs kept


@dataclass
class _App:
    domains: dict[str, list[Any]] = field(
        default_factory=dict
    )  # domain -> [hits, first, last, initiated]
    accesses: dict[str, list[Any]] = field(default_factory=dict)  # category -> [count, first, last]


class AppPrivacyReportSource:
    name = "app-privacy-report"

    def claims(self, probe: Probe) -> bool:
        if probe.is_dir:
            return False
        if probe.head.lstrip()[:1] != b"{":
            return False
        start = probe.start
        return any(marker in start for marker in _TYPES) and b'"type"' in start

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        state = _State()
        records = 0
        try:
            with path.open("rb") as handle:
                while True:
                    line = handle.readline(MAX_LINE_BYTES + 1)
                    if not line:
                        break
                    if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                        state.problems["line too long"] += 1
                        _skip_rest_of_line(handle)
                        continue
                    if not line.strip():
                        continue
                    if records % 4096 == 0:
                        context.cancel.check()
                    records += 1
                    _take(line, state)
        except OSError as exc:
            raise Unreadable(exc.strerror or str(exc)) from None
        if not state.apps:
            raise FormatError("no app activity found in this App Privacy Report")
        if state.problems:
            summary = ", ".join(f"{n} {what}" for what, n in state.problems.most_common())
            context.warn(display, "skipped_lines", summary)
        return [_evidence(bundle, app, display) for bundle, app in sorted(state.apps.items())]


def _skip_rest_of_line(handle: Any) -> None:
    while True:
        chunk = handle.readline(MAX_LINE_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def _take(line: bytes, state: _State) -> None:
    apps, problems = state.apps, state.problems
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        problems["not JSON"] += 1
        return
    if not isinstance(record, dict):
        problems["not an object"] += 1
        return
    kind = record.get("type")
    bundle = _bundle(record)
    if kind not in ("networkActivity", "access"):
        return  # other record types carry nothing we use
    if not bundle:
        problems["no app named"] += 1
        return
    app = apps.get(bundle)
    if app is None:
        if len(apps) >= MAX_APPS:
            raise LimitExceeded(f"more than {MAX_APPS} apps in one report")
        app = apps[bundle] = _App()
    when = _text(record.get("timeStamp") or record.get("timestamp"))
    if kind == "networkActivity":
        domain = _text(record.get("domain")).lower().rstrip(".")
        if not domain:
            problems["no domain"] += 1
            return
        first = _text(record.get("firstTimeStamp")) or when
        hits = record.get("hits")
        count = hits if isinstance(hits, int) and hits > 0 else 1
        initiated = record.get("initiatedType")
        app_initiated = None if not isinstance(initiated, str) else initiated == "AppInitiated"
        entry = app.domains.get(domain)
        if entry is None:
            if len(app.domains) >= MAX_DOMAINS_PER_APP or state.contacts >= MAX_CONTACTS:
                problems["too many domains"] += 1
                return
            state.contacts += 1
            app.domains[domain] = [count, first, when, app_initiated]
        else:
            entry[0] += count
            entry[1] = min(entry[1], first) if entry[1] and first else entry[1] or first
            entry[2] = max(entry[2], when)
            entry[3] = entry[3] or app_initiated
        return
    category = _category(record)
    if not category:
        problems["no category"] += 1
        return
    if record.get("kind") not in (None, "intervalBegin"):
        return  # count each use once, at its beginning
    entry = app.accesses.get(category)
    if entry is None:
        app.accesses[category] = [1, when, when]
    else:
        entry[0] += 1
        entry[1] = min(entry[1], when) if entry[1] and when else entry[1] or when
        entry[2] = max(entry[2], when)


def _text(value: Any) -> str:
    """A field from the report, cleaned: it may hold terminal escapes or bidi tricks."""
    return clean(value, 253) if isinstance(value, str) else ""


def _bundle(record: dict[str, Any]) -> str:
    accessor = record.get("accessor")
    if isinstance(accessor, dict) and isinstance(accessor.get("identifier"), str):
        return clean(accessor["identifier"])
    has_app = record.get("hasApp")
    if isinstance(has_app, dict) and isinstance(has_app.get("bundleName"), str):
        return clean(has_app["bundleName"])
    for key in ("bundleID", "bundleName"):
        if isinstance(record.get(key), str):
            return clean(record[key])
    return ""


def _category(record: dict[str, Any]) -> str:
    category = _text(record.get("category"))
    if category:
        return category
    service = _text(record.get("tccService"))
    if service:
        return _TCC_CATEGORIES.get(service, service.removeprefix("kTCCService").lower())
    if "location" in _text(record.get("stream")):
        return "location"
    return ""


def _evidence(bundle: str, app: _App, display: str) -> AppEvidence:
    domains = tuple(
        DomainContact(domain, hits, first, last, initiated)
        for domain, (hits, first, last, initiated) in sorted(
            app.domains.items(), key=lambda kv: -kv[1][0]
        )
    )
    accesses = tuple(
        DataAccess(category, count, first, last)
        for category, (count, first, last) in sorted(app.accesses.items())
    )
    return AppEvidence(
        id=bundle,
        platform=Platform.IOS,
        sources=(display,),
        contacted_domains=domains,
        data_accesses=accesses,
    )
