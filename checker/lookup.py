"""Look an app up in εxodus's public reports: opt-in, through checker/net.py, cached a week.

Used for apps a list names but no earlier scan read. The answer is εxodus's
own analysis of one version of the app (its tracker ids), so it is reported as
code evidence naming that report, never as something we observed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from checker import net, secrets
from checker.errors import CheckerError, FormatError
from checker.store import Store
from checker.text import PACKAGE_ID, clean_optional

FEATURE_APP_LOOKUP = "app_lookup"
SEARCH_URL = "https://reports.exodus-privacy.eu.org/api/search/{package}/details"
CACHE_SECONDS = 7 * 24 * 3600


class TokenNeeded(CheckerError):
    code = "token_needed"


@dataclass(frozen=True, slots=True)
class ExodusReport:
    report_id: int
    name: str | None
    version: str | None
    tracker_ids: tuple[int, ...]  # εxodus ids


def lookup(package: str, store: Store, *, url_template: str | None = None) -> ExodusReport | None:
    """The newest εxodus report for ``package`` (None when εxodus has none)."""
    if not PACKAGE_ID.fullmatch(package):
        raise FormatError(f"not a package name: {package[:60]!r}")
    key = f"exodus:{package}"
    body = store.cached(key, CACHE_SECONDS)
    if body is None:
        token = secrets.get(secrets.EXODUS_TOKEN)
        if not token:
            raise TokenNeeded("no εxodus API token in the keyring")
        response = net.fetch(
            (url_template or SEARCH_URL).format(package=package), feature=FEATURE_APP_LOOKUP, store=store,
            headers={"Authorization": f"Token {token}"}, max_bytes=4 * 1024 * 1024,
        )  # fmt: skip
        body = response.body.decode("utf-8", "replace")
        _newest(body)  # refuse to cache something we cannot read
        store.cache(key, body)
    return _newest(body)


def _newest(body: str) -> ExodusReport | None:
    try:
        reports: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"εxodus answered something that is not JSON ({exc})") from None
    if not isinstance(reports, list):
        raise FormatError("εxodus answered in an unexpected shape")
    valid = [r for r in reports if isinstance(r, dict) and isinstance(r.get("trackers"), list)]
    if not valid:
        return None
    newest = max(valid, key=lambda r: (str(r.get("updated", "")), _int(r.get("version_code"))))
    return ExodusReport(
        report_id=_int(newest.get("report")),
        name=clean_optional(newest.get("app_name"))
        if isinstance(newest.get("app_name"), str)
        else None,
        version=clean_optional(newest.get("version_name"), 80)
        if isinstance(newest.get("version_name"), str)
        else None,
        tracker_ids=tuple(t for t in newest["trackers"] if isinstance(t, int)),
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
