"""Input formats. One module per format; ``REGISTRY`` lists them in the order they are asked.

The first source that claims a path reads it. Claims look at content (magic
bytes, archive members), not only at the file name.
"""

from __future__ import annotations

from checker.sources.amazon_export import AmazonExportSource
from checker.sources.apk import ApkSource
from checker.sources.app_bundle import AppBundleSource
from checker.sources.app_privacy_report import AppPrivacyReportSource
from checker.sources.apple_bundle import AppFolderSource, IpaSource
from checker.sources.apple_export import AppleExportSource
from checker.sources.base import Probe, Source
from checker.sources.dex_file import DexFileSource
from checker.sources.meta_export import MetaExportSource
from checker.sources.package_list import PackageListSource
from checker.sources.sdk_archive import SdkArchiveSource
from checker.sources.takeout import TakeoutSource

REGISTRY: tuple[Source, ...] = (
    IpaSource(),
    AppFolderSource(),
    SdkArchiveSource(),
    AppBundleSource(),
    ApkSource(),
    DexFileSource(),
    AppPrivacyReportSource(),
    TakeoutSource(),
    MetaExportSource(),
    AmazonExportSource(),
    AppleExportSource(),
    PackageListSource(),
)


def source_for(probe: Probe) -> Source | None:
    """The source that reads this path, or None when no format matches."""
    for source in REGISTRY:
        if source.claims(probe):
            return source
    return None
