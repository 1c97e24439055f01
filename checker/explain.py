"""Hits × permissions × knowledge → exposures: what could be collected, by whom, how sure.

Codes and numbers only; the words live in the presentation layer. The rules,
per tracker found in an app:

* DOCUMENTED — the vendor documents collecting this type, and in this app it
  is possible: no permission is needed, or a permission that unlocks it is
  requested (granted, when we know). FOUND and ALLEGED are the same rule when
  the claim rests on a regulator's findings or on a lawsuit instead.
* PERMITTED — the vendor does not document it, but the SDK runs inside the app
  with the app's permissions, so its code *could* read it. One severity lower.
* BASELINE — what any embedded code gets with no permission at all: the IP
  address (a rough location), device and advertising identifiers, usage events.
* A documented type the app's permissions do not unlock is *blocked*: no
  exposure, but the explanation says so.

Wording never claims more than the evidence: ``code`` evidence means "could".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from checker.knowledge.base import Knowledge
from checker.models import (
    Access,
    AppResult,
    Basis,
    ClaimBasis,
    EvidenceKind,
    Exposure,
    HitExplanation,
    Platform,
    Severity,
    TrackerHit,
)

BASELINE = ("ip_address", "device_id", "advertising_id", "app_usage")
AD_ID_PERMISSION = "com.google.android.gms.permission.AD_ID"
AD_ID_REQUIRED_FROM_SDK = 33  # Android 13: apps targeting it get zeros without AD_ID
IOS_TRACKING_KEY = "NSUserTrackingUsageDescription"  # App Tracking Transparency (iOS 14.5+)
CLAIM_BASIS = {
    ClaimBasis.VENDOR: Basis.DOCUMENTED,
    ClaimBasis.REGULATOR: Basis.FOUND,
    ClaimBasis.LAWSUIT: Basis.ALLEGED,
}
POINTS = {Severity.LOW: 1, Severity.MEDIUM: 3, Severity.HIGH: 6, Severity.CRITICAL: 10}


def explain_app(result: AppResult, knowledge: Knowledge) -> tuple[HitExplanation, ...]:
    unlocked = _unlocked(result, knowledge)
    return tuple(_explain_hit(hit, result, unlocked, knowledge) for hit in result.hits)


def _unlocked(result: AppResult, knowledge: Knowledge) -> dict[str, tuple[str, Access]]:
    """Data type -> (permission, access) for what this app's permissions unlock; granted wins."""
    app = result.app
    granted = set(app.granted_permissions) if app.granted_permissions is not None else None
    table = (
        knowledge.permission_unlocks
        if app.platform is Platform.ANDROID
        else knowledge.ios_permission_unlocks
    )
    rank = {Access.USED: 4, Access.GRANTED: 3, Access.REQUESTED: 2, Access.DENIED: 1}
    best: dict[str, tuple[str, Access]] = {}
    for access_record in app.data_accesses:
        for code in knowledge.privacy_report_unlocks.get(access_record.category, ()):
            best.setdefault(code, (access_record.category, Access.USED))
    for permission in app.permissions:
        if granted is None:
            access = Access.REQUESTED
        else:
            access = Access.GRANTED if permission in granted else Access.DENIED
        for code in table.get(permission, ()):
            known = best.get(code)
            if known is None or rank[access] > rank[known[1]]:
                best[code] = (permission, access)
    return best


PURCHASE_EVENTS = ("purchase",)  # PURCHASE, fb_mobile_purchase: a cart is not a purchase


def _advertising_id_available(result: AppResult) -> bool:
    app = result.app
    if app.platform in (Platform.IOS, Platform.MACOS):
        # Since iOS 14.5 the IDFA is zeros unless the app asks through App Tracking Transparency.
        return IOS_TRACKING_KEY in app.permissions or bool(app.contacted_domains)
    if app.platform is not Platform.ANDROID or app.target_sdk is None:
        return True
    return app.target_sdk < AD_ID_REQUIRED_FROM_SDK or AD_ID_PERMISSION in app.permissions


def _explain_hit(
    hit: TrackerHit,
    result: AppResult,
    unlocked: dict[str, tuple[str, Access]],
    knowledge: Knowledge,
) -> HitExplanation:
    tracker = hit.tracker
    chain = knowledge.company_chain(tracker.company_id)
    parent_id = chain[-1].id if len(chain) > 1 else None
    evidence = max((e.kind for e in hit.evidence), key=evidence_strength, default=EvidenceKind.CODE)
    exposures: dict[str, Exposure] = {}
    blocked: list[str] = []

    def add(code: str, basis: Basis, access: Access, permission: str | None) -> None:
        data_type = knowledge.data_types.get(code)
        if data_type is None or code in exposures:
            return
        if code == "advertising_id" and not _advertising_id_available(result):
            return
        severity = data_type.severity
        if basis is Basis.PERMITTED or access is Access.DENIED:
            severity = Severity(max(Severity.LOW, severity - 1))
        exposures[code] = Exposure(
            data_type=code, tracker_id=tracker.id, company_id=tracker.company_id, parent_id=parent_id,
            evidence=evidence, basis=basis, access=access, permission=permission, severity=severity,
            reveals=data_type.reveals,
        )  # fmt: skip

    for code in _reported_types(result, tracker.company_id):
        add(code, Basis.REPORTED, Access.NOT_NEEDED, None)
    if all(e.kind is EvidenceKind.REPORTED for e in hit.evidence):
        # known only from the platform's export, matched by name: no claim about code inside
        return HitExplanation(tracker.id, tuple(exposures.values()), (), True)
    frameworks = {name.lower() for name in tracker.ios_frameworks}
    declared = [code for origin, code in result.app.declared_data if origin.lower() in frameworks]
    claimed = CLAIM_BASIS[tracker.collects_basis]
    for code in dict.fromkeys([*declared, *tracker.collects]):
        data_type = knowledge.data_types.get(code)
        if data_type is None:
            continue
        basis = Basis.DOCUMENTED if code in declared else claimed  # the app's own manifest first
        if data_type.without_permission:
            add(code, basis, Access.NOT_NEEDED, None)
        elif code in unlocked:
            permission, access = unlocked[code]
            add(code, basis, access, permission)
        else:
            blocked.append(code)
    for code in BASELINE:  # before PERMITTED: any code gets these, permission or not
        add(code, Basis.BASELINE, Access.NOT_NEEDED, None)
    for code, (permission, access) in unlocked.items():
        add(code, Basis.PERMITTED, access, permission)
    ordered = sorted(exposures.values(), key=lambda e: (-e.severity, e.data_type))
    return HitExplanation(
        tracker.id, tuple(ordered), tuple(blocked), bool(tracker.collects or declared)
    )


def _reported_types(result: AppResult, company_id: str) -> list[str]:
    """What a platform's export says this app sent it: your activity, and purchases if any."""
    events = [
        event.casefold()
        for activity in result.app.reported_sharing
        if activity.company_id == company_id
        for event, _ in activity.events
    ]
    if not events:
        return []
    codes = ["app_usage"]
    if any(word in event for event in events for word in PURCHASE_EVENTS):
        codes.append("purchases")
    return codes


def evidence_strength(kind: EvidenceKind) -> int:
    """Code inside < declared < observed: how directly we know."""
    return {
        EvidenceKind.CODE: 1,
        EvidenceKind.DECLARED: 2,
        EvidenceKind.OBSERVED: 3,
        EvidenceKind.REPORTED: 4,
    }[kind]


# ---------------------------------------------------------------- across apps


def points(exposure: Exposure) -> int:
    """Score points of one exposure: severity points, halved when only permitted."""
    base = POINTS[exposure.severity]
    return base if exposure.basis is not Basis.PERMITTED else max(1, base // 2)


def score(exposures: list[Exposure]) -> int:
    """0-100: the points of each distinct (receiving group, data type), capped at 100.

    The same company learning your location from three apps still learns one
    thing about you; three different companies learning it is three.
    """
    best: dict[tuple[str, str], int] = {}
    for exposure in exposures:
        key = (exposure.parent_id or exposure.company_id, exposure.data_type)
        best[key] = max(best.get(key, 0), points(exposure))
    return min(100, sum(best.values()))


@dataclass(frozen=True, slots=True)
class GroupRollup:
    """A receiving group (parent company, or the company itself) across the user's apps."""

    group_id: str
    app_ids: tuple[str, ...]
    data_types: dict[str, tuple[str, ...]]  # data type -> ids of the apps it can come from


def rollup_by_group(per_app: dict[str, tuple[HitExplanation, ...]]) -> list[GroupRollup]:
    apps: dict[str, set[str]] = defaultdict(set)
    by_type: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for app_id, explanations in per_app.items():
        for explanation in explanations:
            for exposure in explanation.exposures:
                group = exposure.parent_id or exposure.company_id
                apps[group].add(app_id)
                by_type[group][exposure.data_type].add(app_id)
    rollups = [
        GroupRollup(
            group, tuple(sorted(app_ids)), {t: tuple(sorted(a)) for t, a in by_type[group].items()}
        )
        for group, app_ids in apps.items()
    ]
    rollups.sort(key=lambda r: (-len(r.app_ids), r.group_id))
    return rollups


def rollup_by_data_type(
    per_app: dict[str, tuple[HitExplanation, ...]],
) -> dict[str, tuple[str, ...]]:
    """Data type -> the receiving groups it can reach, most widely shared type first."""
    groups: dict[str, set[str]] = defaultdict(set)
    for explanations in per_app.values():
        for explanation in explanations:
            for exposure in explanation.exposures:
                groups[exposure.data_type].add(exposure.parent_id or exposure.company_id)
    return dict(
        sorted(
            ((t, tuple(sorted(g))) for t, g in groups.items()), key=lambda kv: (-len(kv[1]), kv[0])
        )
    )
