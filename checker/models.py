"""Frozen dataclasses and enums shared by the engine and its front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class Platform(StrEnum):
    ANDROID = "android"
    IOS = "ios"
    MACOS = "macos"
    UNKNOWN = "unknown"


class EvidenceKind(StrEnum):
    """How we know a tracker is involved; wording must never claim more than this."""

    CODE = "code"  # its code is inside the app: it *could* collect
    DECLARED = "declared"  # a manifest or config file says it is used
    OBSERVED = "observed"  # the app contacted the tracker's domain
    REPORTED = "reported"  # the platform's own export says the app shared your activity


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


@dataclass(frozen=True, slots=True)
class Company:
    id: str
    name: str
    parent_id: str | None
    country: str
    kind: str
    website: str
    privacy_policy: str
    data_request: str
    laws: tuple[str, ...]
    skadnetwork_ids: tuple[str, ...] = ()
    opt_out: str = ""  # a page where anyone can opt out of this company's tracking


class ClaimBasis(StrEnum):
    """Whose word a tracker's `collects` list rests on."""

    VENDOR = "vendor"  # the vendor's own documentation or privacy manifest
    REGULATOR = "regulator"  # a regulator's complaint, order or decision
    LAWSUIT = "lawsuit"  # allegations in a court complaint


@dataclass(frozen=True, slots=True)
class Tracker:
    """One SDK the knowledge base knows."""

    id: str
    name: str
    company_id: str
    categories: tuple[str, ...]
    exodus_id: int | None
    android_signatures: tuple[str, ...]
    domains: tuple[str, ...]
    collects: tuple[str, ...]
    collects_source: str | None
    summary_en: str
    summary_fr: str
    ios_frameworks: tuple[str, ...] = ()
    ios_classes: tuple[str, ...] = ()
    ios_plist_keys: tuple[str, ...] = ()
    ios_config_files: tuple[str, ...] = ()
    collects_basis: ClaimBasis = ClaimBasis.VENDOR

    @property
    def ios_signatures(self) -> tuple[str, ...]:
        return self.ios_frameworks + self.ios_classes + self.ios_plist_keys + self.ios_config_files


@dataclass(frozen=True, slots=True)
class DataType:
    """A kind of personal data, as the explanation engine weighs it."""

    code: str
    severity: Severity
    without_permission: bool
    reveals: tuple[str, ...]  # sensitive facts it can give away (home, religion...)


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    detail: str  # e.g. a class name, a domain, a plist key
    source: str = ""  # where inside the input it was seen, e.g. "base.apk!classes2.dex"


@dataclass(frozen=True, slots=True)
class TrackerHit:
    tracker: Tracker
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class DomainContact:
    """An app contacted a domain (iOS App Privacy Report): observed, not inferred."""

    domain: str
    hits: int
    first_seen: str  # ISO 8601 as the report wrote it
    last_seen: str
    app_initiated: bool | None  # None when the report does not say


@dataclass(frozen=True, slots=True)
class DataAccess:
    """An app used a protected resource (location, contacts, camera...) during these times."""

    category: str
    count: int
    first_seen: str
    last_seen: str


@dataclass(frozen=True, slots=True)
class SharedActivity:
    """An app or site that sent your activity to a platform, as the platform's export lists it."""

    name: str  # as the platform names it
    company_id: str  # the platform that received it (knowledge-base company id)
    events: tuple[tuple[str, int], ...]  # (event type as written, count), most frequent first
    first_seen: str | None
    last_seen: str | None
    app_id: str | None = None  # set when the name matches an app we know
    match: str = "none"  # how: see ``TitleMatch.how``

    @property
    def total(self) -> int:
        return sum(n for _, n in self.events)


@dataclass(frozen=True, slots=True)
class InstallRecord:
    """An app a store's export says you installed or acquired."""

    title: str
    platform: Platform
    first_seen: str | None  # first install or acquisition
    last_seen: str | None  # last update or re-download
    devices: tuple[str, ...] = ()
    given_id: str | None = None  # a package or bundle id the export itself gives
    store_id: str | None = None  # e.g. the App Store's numeric item id
    app_id: str | None = None  # after matching
    match: str = "none"  # given | exact | normalised | fuzzy | ambiguous | none
    candidates: tuple[str, ...] = ()  # ids an ambiguous or fuzzy title could be
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class AppEvidence:
    """What a source read about one app, before any judgement."""

    id: str
    platform: Platform
    sources: tuple[str, ...]
    name: str | None = None
    version: str | None = None
    version_code: int | None = None
    min_sdk: int | None = None
    target_sdk: int | None = None
    permissions: tuple[str, ...] = ()
    granted_permissions: tuple[str, ...] | None = None
    # Dotted class names, one per line (repeats allowed): what signatures are searched in.
    class_text: str = field(default="", repr=False)
    class_count: int = 0  # classes the app's code defines
    class_sources: tuple[tuple[str, int], ...] = ()  # (member path, classes it defines)
    split: str | None = None  # set when this is only a split of the app, not its base
    contacted_domains: tuple[DomainContact, ...] = ()
    data_accesses: tuple[DataAccess, ...] = ()
    # iOS/macOS bundles
    frameworks: tuple[str, ...] = ()  # embedded or linked framework/bundle names
    plist_keys: tuple[str, ...] = ()  # top-level Info.plist keys
    config_files: tuple[str, ...] = ()  # file names inside the bundle
    declared_domains: tuple[tuple[str, str], ...] = ()  # (origin, domain) from privacy manifests
    declared_data: tuple[
        tuple[str, str], ...
    ] = ()  # (origin, data-type code) from privacy manifests
    skadnetwork_ids: tuple[str, ...] = ()
    encrypted: bool | None = None  # FairPlay-encrypted executable: class names unreadable
    # data-export archives
    reported_sharing: tuple[SharedActivity, ...] = ()  # a platform says this app shared activity
    installed: tuple[InstallRecord, ...] = ()  # a store's record of installing it


class Basis(StrEnum):
    REPORTED = "reported"  # the receiving platform's export shows it was shared
    DOCUMENTED = "documented"  # the vendor's own documentation, or a privacy manifest in the app
    FOUND = "found"  # a regulator's complaint, order or decision about the SDK
    ALLEGED = "alleged"  # a lawsuit's complaint, not proven in court
    PERMITTED = "permitted"
    BASELINE = "baseline"


class Access(StrEnum):
    """How the app stands with the permission that unlocks the data."""

    NOT_NEEDED = "not_needed"
    GRANTED = "granted"
    REQUESTED = "requested"  # asked for; whether the user allowed it is unknown
    DENIED = "denied"  # asked for, and not granted on this device
    USED = "used"  # the platform reports the app actually used it (App Privacy Report)


@dataclass(frozen=True, slots=True)
class Exposure:
    data_type: str
    tracker_id: str
    company_id: str
    parent_id: str | None
    evidence: EvidenceKind
    basis: Basis
    access: Access
    permission: str | None
    severity: Severity
    reveals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HitExplanation:
    tracker_id: str
    exposures: tuple[Exposure, ...]
    blocked: tuple[str, ...]  # documented types this app's permissions do not unlock
    documented: bool  # False: the vendor publishes nothing we could cite


@dataclass(frozen=True, slots=True)
class AppResult:
    """An app with what detection found in it, and (after ``explain``) what that means."""

    app: AppEvidence
    hits: tuple[TrackerHit, ...]
    class_count: int
    explanations: tuple[HitExplanation, ...] = ()

    def listed_only(self) -> bool:
        """An app a list merely names: no code, observation or bundle contents of it was read."""
        app = self.app
        return not (self.class_count or self.hits or app.contacted_domains or app.data_accesses
                    or app.frameworks or app.permissions or app.plist_keys)  # fmt: skip


class ArchiveKind(StrEnum):
    GOOGLE_TAKEOUT = "google_takeout"
    META = "meta"
    AMAZON = "amazon"
    APPLE = "apple"


@dataclass(frozen=True, slots=True)
class Holding:
    """One kind of record a platform keeps about you, summarised from its export."""

    code: str  # e.g. "installed_apps", "search_keywords", "ad_audiences_third_party"
    count: int
    first_seen: str | None
    last_seen: str | None
    samples: tuple[str, ...]  # a few examples, shown only to the user
    member: str  # the file inside the archive it comes from


@dataclass(frozen=True, slots=True)
class ArchiveFindings:
    """What one data-export archive shows."""

    path: str
    kind: ArchiveKind
    company_id: str  # the platform that holds the data
    holdings: tuple[Holding, ...]
    installs: tuple[InstallRecord, ...] = ()
    shared: tuple[SharedActivity, ...] = ()
    members_read: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScanError:
    path: str
    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class KnowledgeInfo:
    version: str
    trackers: int
    companies: int


@dataclass(frozen=True, slots=True)
class Report:
    generated_at: str
    knowledge: KnowledgeInfo
    apps: tuple[AppResult, ...]
    errors: tuple[ScanError, ...]
    companies: dict[str, Company] = field(default_factory=dict, repr=False)
    warnings: tuple[ScanError, ...] = ()  # inputs read only in part
    looked_up_online: int = 0  # package names looked up in εxodus's reports (opt-in; may be cached)
    archives: tuple[ArchiveFindings, ...] = ()
