"""Property lists (binary or XML) from untrusted bundles, read with caps.

``plistlib`` refuses XML entity declarations (no entity-expansion bombs); we
add a size cap and turn every failure, including absurd nesting, into a
``FormatError``.
"""

from __future__ import annotations

import plistlib
from typing import Any

from checker.errors import FormatError, LimitExceeded

MAX_PLIST_BYTES = 8 * 1024 * 1024


def read_plist(data: bytes | bytearray, name: str = "plist") -> dict[str, Any]:
    """The top-level dictionary of a property list."""
    if len(data) > MAX_PLIST_BYTES:
        raise LimitExceeded(f"{name} is larger than {MAX_PLIST_BYTES // (1024 * 1024)} MB")
    try:
        value = plistlib.loads(bytes(data))
    except RecursionError:
        raise LimitExceeded(f"{name} is nested absurdly deep") from None
    except Exception as exc:  # plistlib raises many types on hostile input
        raise FormatError(f"{name} is not a valid property list ({type(exc).__name__})") from None
    if not isinstance(value, dict):
        raise FormatError(f"{name} does not hold a dictionary")
    return value
