"""Evidence × knowledge → tracker hits, in one pass per app."""

from __future__ import annotations

from dataclasses import replace

from checker.knowledge.base import Knowledge
from checker.models import AppEvidence, AppResult, Evidence, EvidenceKind, TrackerHit

SAMPLES_PER_TRACKER = 3


def detect(app: AppEvidence, knowledge: Knowledge) -> AppResult:
    """Find the trackers whose code is inside ``app``; the class names are not kept."""
    found = knowledge.android_signatures.match(app.class_text, SAMPLES_PER_TRACKER)
    evidence: dict[str, list[Evidence]] = {
        tracker_id: [Evidence(EvidenceKind.CODE, name) for name in sorted(names)]
        for tracker_id, names in found.items()
        if tracker_id in knowledge.trackers
    }
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
