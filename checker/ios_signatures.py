"""Match iOS/macOS bundle evidence against the knowledge base's iOS signatures.

Framework names and configuration files match by name (case-insensitively),
Info.plist keys exactly, Objective-C classes by prefix (every prefix is at
least four characters, so classes are bucketed by their first four).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checker.models import AppEvidence, Evidence, EvidenceKind, Tracker

_BUCKET = 4


class IosIndex:
    def __init__(self, trackers: Iterable[Tracker]) -> None:
        self.frameworks: dict[str, list[str]] = defaultdict(list)
        self.plist_keys: dict[str, list[str]] = defaultdict(list)
        self.config_files: dict[str, list[str]] = defaultdict(list)
        self.class_prefixes: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for tracker in trackers:
            for name in tracker.ios_frameworks:
                self.frameworks[name.lower()].append(tracker.id)
            for key in tracker.ios_plist_keys:
                self.plist_keys[key].append(tracker.id)
            for name in tracker.ios_config_files:
                self.config_files[name.lower()].append(tracker.id)
            for prefix in tracker.ios_classes:
                if len(prefix) >= _BUCKET:
                    self.class_prefixes[prefix[:_BUCKET]].append((prefix, tracker.id))

    def match(self, app: AppEvidence, samples: int) -> dict[str, list[Evidence]]:
        found: dict[str, list[Evidence]] = defaultdict(list)

        def add(tracker_id: str, evidence: Evidence) -> None:
            if len(found[tracker_id]) < samples * 2 and evidence not in found[tracker_id]:
                found[tracker_id].append(evidence)

        for name in app.frameworks:
            for tracker_id in self.frameworks.get(name.lower(), ()):
                add(tracker_id, Evidence(EvidenceKind.CODE, f"{name}.framework"))
        for name in app.class_text.split("\n") if app.class_text else ():
            for prefix, tracker_id in self.class_prefixes.get(name[:_BUCKET], ()):
                if name.startswith(prefix):
                    add(tracker_id, Evidence(EvidenceKind.CODE, name))
        for key in app.plist_keys:
            for tracker_id in self.plist_keys.get(key, ()):
                add(tracker_id, Evidence(EvidenceKind.DECLARED, f"Info.plist {key}"))
        for name in app.config_files:
            for tracker_id in self.config_files.get(name.lower(), ()):
                add(tracker_id, Evidence(EvidenceKind.DECLARED, name))
        return dict(found)
