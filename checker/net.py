"""The only code that touches the network.

Every online action is opt-in: it names a *feature* whose consent is stored
(not asked / yes / no) and refuses to run without a yes. Requests have a
connect/read timeout and an overall deadline, bodies are capped, and every
failure becomes a ``NetworkError`` with a plain detail; nothing here is fatal.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from checker import __version__
from checker.errors import CheckerError, LimitExceeded
from checker.store import Consent, Store

log = logging.getLogger(__name__)

FEATURE_KB_UPDATE = "kb_update"
EXODUS_TRACKERS_URL = "https://reports.exodus-privacy.eu.org/api/trackers"
TIMEOUT_SECONDS = 15.0  # for connecting and for each read
DEADLINE_SECONDS = 60.0  # for the whole exchange: a server dripping bytes cannot hold us
MAX_BODY_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024


class NetworkError(CheckerError):
    code = "network"


class ConsentRequired(CheckerError):
    """The user has not (or not yet) allowed this online action."""

    code = "consent_required"


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    body: bytes


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and _loopback(host):
        return  # a local test server; never a real host in clear text
    raise NetworkError(f"refusing to fetch {url!r}: only https is allowed")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an allowed URL, and never carry credentials to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _check_url(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if (
            new is not None
            and urllib.parse.urlsplit(newurl).hostname
            != urllib.parse.urlsplit(req.full_url).hostname
        ):
            new.remove_header("Authorization")
        return new


_OPENER = urllib.request.build_opener(_CheckedRedirects())


def fetch(
    url: str,
    *,
    feature: str,
    store: Store,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BODY_BYTES,
) -> Response:
    """GET ``url`` after checking the stored consent for ``feature``."""
    if store.consent(feature) is not Consent.YES:
        raise ConsentRequired(feature)
    _check_url(url)
    request = urllib.request.Request(
        url, headers={"User-Agent": f"exposure-checker/{__version__}", **(headers or {})}
    )
    started = time.monotonic()
    log.info("online action %s: fetching", feature)
    try:
        with _OPENER.open(request, timeout=timeout) as reply:
            declared = reply.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise LimitExceeded(
                    f"the server sent {int(declared) // (1024 * 1024)} MB (limit {max_bytes // (1024 * 1024)} MB)"
                )
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() - started > deadline:
                    raise NetworkError(f"no complete answer within {deadline:.0f} s")
                chunk = reply.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise LimitExceeded(
                        f"the answer is larger than {max_bytes // (1024 * 1024)} MB"
                    )
                chunks.append(chunk)
            return Response(reply.geturl(), b"".join(chunks))
    except urllib.error.HTTPError as exc:
        raise NetworkError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise NetworkError(f"no answer within {timeout:.0f} s") from None
        raise NetworkError(f"cannot reach the server ({reason})") from None
    except TimeoutError:
        raise NetworkError(f"no answer within {timeout:.0f} s") from None
    except OSError as exc:
        raise NetworkError(f"connection failed ({exc.strerror or exc})") from None
    except (http.client.HTTPException, ValueError) as exc:  # bad status line, cut-short body...
        raise NetworkError(f"the server's answer was malformed ({type(exc).__name__})") from None
