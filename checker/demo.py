"""A demo inventory, clearly labelled as such, so anyone can see a full report in one click.

The apps are invented; their trackers are found by the real detection (from
class names those SDKs really use) and explained by the real engine.
"""

from __future__ import annotations

from checker.detect import detect
from checker.knowledge.base import Knowledge
from checker.models import AppEvidence, Platform, Report
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
    return finish_report(results, [], [], knowledge)
