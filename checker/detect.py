"""Evidence × knowledge → tracker hits, in one pass per app."""

from __future__ import annotations

from dataclasses import replace

from checker.knowledge.base import Knowledge
from checker.models import AppEvidence, AppResult, Evidence, EvidenceKind, Platform, TrackerHit

SAMPLES_PER_TRACKER = 3


def detect(app: AppEvidence, knowledge: Knowledge) -> AppResult:
    """Find the trackers ``app`` carries, declares or contacted; the class names are not kept."""
    evidence: dict[str, list[Evidence]] = {}
    if app.platform is Platform.ANDROID:
        found = knowledge.android_signatures.match(app.class_text, SAMPLES_PER_TRACKER)
        evidence = {
            tracker_id: [Evidence(EvidenceKind.CODE, name) for name in sorted(names)]
            for tracker_id, names in found.items()
            if tracker_id in knowledge.trackers
        }
    else:
        for tracker_id, items in knowledge.ios_index.match(app, SAMPLES_PER_TRACKER).items():
            evidence.setdefault(tracker_id, []).extend(items)
        for origin, domain in app.declared_domains:
            tracker = knowledge.tracker_for_host(domain)
            if tracker is not None:
                where = f"{origin} " if origin else ""
                evidence.setdefault(tracker.id, []).append(
                    Evidence(EvidenceKind.DECLARED, f"{where}PrivacyInfo: {domain}")
                )
    for contact in app.contacted_domains:
        tracker = knowledge.tracker_for_host(contact.domain)
        if tracker is not None:
            seen = evidence.setdefault(tracker.id, [])
            if sum(e.kind is EvidenceKind.OBSERVED for e in seen) < SAMPLES_PER_TRACKER:
                seen.append(Evidence(EvidenceKind.OBSERVED, f"{contact.domain} ×{contact.hits}"))
    hits = tuple(
        TrackerHit(tracker=knowledge.trackers[tracker_id], evidence=tuple(items))
        for tracker_id, items in sorted(evidence.items())
    )
    # The class text can hold hundreds of thousands of names: drop it once judged.
    bare = replace(app, class_text="")
    return AppResult(app=bare, hits=hits, class_count=app.class_count)
