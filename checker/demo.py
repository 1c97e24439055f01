"""A demo inventory, clearly labelled as such, so anyone can see a full report in one click.

The apps are invented; their trackers are found by the real detection (from
class names those SDKs really use) and explained by the real engine.
"""

from __future__ import annotations

from checker.detect import detect
from checker.knowledge.base import Knowledge
from checker.models import (
    AppEvidence,
    ArchiveFindings,
    ArchiveKind,
    Holding,
    Platform,
    Report,
    SharedActivity,
)
from checker.scan import finish_report

DEMO_SOURCE = "demo"
_LOCATION = ("android.permission.ACCESS_FINE_LOCATION", "android.permission.ACCESS_COARSE_LOCATION")
_APPS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("org.demo.speedtest", "Demo Speed Test", "5.3.1",
     ("com.amazon.device.ads.DTBAdView", "com.google.android.gms.ads.AdView", "com.appsflyer.AppsFlyerLib"),
     (*_LOCATION, "android.permission.INTERNET", "com.google.android.gms.permission.AD_ID")),
    ("org.demo.flashlight", "Demo Flashlight", "2.0",
     ("com.unity3d.ads.UnityAds", "com.applovin.sdk.AppLovinSdk", "com.facebook.ads.AdView",
      "com.google.firebase.analytics.FirebaseAnalytics"),
     ("android.permission.CAMERA", "android.permission.INTERNET", "android.permission.READ_PHONE_STATE")),
    ("org.demo.weather", "Demo Weather", "8.1",
     ("com.google.firebase.analytics.FirebaseAnalytics", "com.google.firebase.crashlytics.FirebaseCrashlytics",
      "io.radar.sdk.Radar"),
     (*_LOCATION, "android.permission.ACCESS_BACKGROUND_LOCATION", "android.permission.INTERNET")),
    ("org.demo.fitness", "Demo Fitness", "3.4",
     ("com.facebook.appevents.AppEventsLogger", "com.mixpanel.android.mpmetrics.MixpanelAPI", "io.sentry.Sentry"),
     ("android.permission.ACTIVITY_RECOGNITION", "android.permission.BODY_SENSORS", "android.permission.INTERNET")),
    ("org.demo.notes", "Demo Notes", "1.0", ("org.demo.notes.Editor",), ("android.permission.INTERNET",)),
)  # fmt: skip


def demo_report(knowledge: Knowledge) -> Report:
    results = []
    for app_id, name, version, classes, permissions in _APPS:
        evidence = AppEvidence(
            id=app_id, platform=Platform.ANDROID, sources=(DEMO_SOURCE,), name=name, version=version,
            target_sdk=30, permissions=permissions, class_text="\n".join(classes), class_count=len(classes),
        )  # fmt: skip
        results.append(detect(evidence, knowledge))
    return finish_report(results, [], [], knowledge, archives=_demo_archives())


def _demo_archives() -> list[ArchiveFindings]:
    """An invented Meta export (one demo app reported sharing) and an invented Amazon one."""
    meta = ArchiveFindings(
        path="demo: facebook-export.zip", kind=ArchiveKind.META, company_id="meta",
        holdings=(Holding("shared_activity", 2, "2024-02-01T08:00:00Z", "2025-06-30T21:00:00Z",
                          ("Demo Fitness", "shop.example"), "demo"),
                  Holding("advertisers_with_your_list", 3, None, None,
                          ("Demo Bank", "Demo Insurance", "Demo Pharmacy"), "demo")),
        shared=(
            SharedActivity("Demo Fitness", "meta", (("ACTIVATE_APP", 212), ("PURCHASE", 3)),
                           "2024-02-01T08:00:00Z", "2025-06-30T21:00:00Z"),
            SharedActivity("shop.example", "meta", (("PAGE_VIEW", 40), ("ADD_TO_CART", 2)),
                           "2024-05-01T12:00:00Z", "2025-01-09T19:00:00Z"),
        ),
        members_read=("demo",),
    )  # fmt: skip
    amazon = ArchiveFindings(
        path="demo: amazon-data.zip", kind=ArchiveKind.AMAZON, company_id="amazon",
        holdings=(
            Holding("ad_audiences_third_party", 14, None, None, ("Demo segment: new parents",), "demo"),
            Holding("search_keywords", 1830, "2019-03-02T10:00:00Z", "2025-07-01T10:00:00Z",
                    ("demo search", "running shoes"), "demo"),
            Holding("orders", 265, "2016-01-05T10:00:00Z", "2025-06-28T10:00:00Z", ("Demo item",), "demo"),
        ),
        members_read=("demo",),
    )  # fmt: skip
    return [meta, amazon]
