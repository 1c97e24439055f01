"""Synthesise iOS App Privacy Report files (.ndjson), current and iOS 15 beta shapes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def network(bundle: str, domain: str, hits: int = 1, when: str = "2024-03-01T10:00:00.000+01:00",
            first: str | None = None, initiated: str = "AppInitiated") -> dict[str, Any]:  # fmt: skip
    return {"timeStamp": when, "firstTimeStamp": first or when, "type": "networkActivity", "bundleID": bundle,
            "domain": domain, "hits": hits, "initiatedType": initiated, "domainOwner": "", "domainType": 2,
            "context": "", "domainClassification": 1}  # fmt: skip


def access(
    bundle: str, category: str, when: str, kind: str = "intervalBegin", ident: str = "X"
) -> dict[str, Any]:
    return {"accessor": {"identifier": bundle, "identifierType": "bundleID"}, "category": category,
            "identifier": ident, "kind": kind, "timeStamp": when, "type": "access"}  # fmt: skip


def beta_access(bundle: str, service: str, when: str) -> dict[str, Any]:
    """The iOS 15 beta shape: TCC service names and a lowercase 'timestamp'."""
    return {"stream": "com.apple.privacy.accounting.stream.tcc", "tccService": service, "kind": "intervalBegin",
            "timestamp": when, "accessor": {"identifier": bundle, "identifierType": "bundleID"},
            "identifier": "B", "type": "access"}  # fmt: skip


def beta_network(bundle: str, domain: str, when: str) -> dict[str, Any]:
    return {
        "type": "networkActivity",
        "domain": domain,
        "timestamp": when,
        "hasApp": {"bundleName": bundle},
    }


def ndjson(records: Iterable[dict[str, Any] | str]) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return ("\n".join(lines) + "\n").encode()
