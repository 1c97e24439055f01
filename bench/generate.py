"""Generate benchmark inputs: realistic-looking APKs, cached under bench/.data/.

Class names mix obfuscated names, common libraries and a few tracker SDKs; DEX
files carry filler bytes with the entropy of real bytecode (deflate ratio about
2.5:1), so that sizes and inflate costs resemble real apps.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.builders.apk import zip_bytes
from tests.builders.axml import build_manifest
from tests.builders.dex import build_dex

DATA = Path(__file__).resolve().parent / ".data"
LIBRARIES = [
    "androidx.core.view", "androidx.recyclerview.widget", "androidx.compose.ui.node",
    "kotlin.collections", "kotlinx.coroutines.flow", "com.google.android.gms.common.internal",
    "com.google.android.material.button", "com.squareup.okhttp3.internal.http2",
    "io.reactivex.rxjava3.internal.operators", "com.fasterxml.jackson.databind.ser",
]  # fmt: skip
TRACKERS = [
    "com.amazon.device.ads.AdLayout", "com.google.firebase.analytics.FirebaseAnalytics",
    "com.facebook.appevents.AppEventsLogger", "com.appsflyer.AppsFlyerLib",
    "com.google.android.gms.ads.AdView", "com.unity3d.ads.UnityAds",
    "com.applovin.sdk.AppLovinSdk", "io.sentry.Sentry",
]  # fmt: skip
WORDS = [
    "view",
    "model",
    "data",
    "util",
    "cache",
    "state",
    "event",
    "task",
    "node",
    "flow",
    "item",
    "list",
    "impl",
    "base",
    "core",
]


def _class_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set(TRACKERS)
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(names) < count:
        if rng.random() < 0.55:  # R8-style obfuscated names
            depth = rng.randint(1, 3)
            package = ".".join(
                rng.choice(letters) + rng.choice(letters) * rng.randint(0, 1) for _ in range(depth)
            )
            names.add(f"{package}.{rng.choice(letters).upper()}{rng.randint(0, 9999)}")
        else:
            words = rng.sample(WORDS, 2)
            names.add(
                f"{rng.choice(LIBRARIES)}.{words[0]}.{words[1].title()}{rng.randint(0, 99999)}"
            )
    return sorted(names)


def _code_like_filler(size: int, rng: random.Random) -> bytes:
    """Bytes that deflate like real bytecode (~2.9:1): recurring instruction-like snippets
    with operand bytes in between, so LZ77 finds matches the way it does in real DEX."""
    snippets = [rng.randbytes(rng.randint(3, 12)) for _ in range(500)]
    parts: list[bytes] = []
    total = 0
    while total < 1 << 20:
        part = rng.choice(snippets) + rng.randbytes(rng.randint(0, 1))
        parts.append(part)
        total += len(part)
    block = b"".join(parts)
    return (block * (size // len(block) + 1))[:size]


def _apk(package: str, class_count: int, dex_files: int, filler_per_dex: int, seed: int) -> bytes:
    rng = random.Random(seed)
    names = _class_names(class_count, rng)
    per_dex = -(-len(names) // dex_files)
    filler = _code_like_filler(filler_per_dex, rng)
    members: dict[str, bytes] = {
        "AndroidManifest.xml": build_manifest(
            package, version_name="1.0", version_code=1, label="Benchmark",
            permissions=["android.permission.INTERNET", "android.permission.ACCESS_FINE_LOCATION"],
        ),
    }  # fmt: skip
    for index in range(dex_files):
        chunk = names[index * per_dex : (index + 1) * per_dex]
        referenced = [f"java.lang.R{n}" for n in range(200)]
        members["classes.dex" if index == 0 else f"classes{index + 1}.dex"] = build_dex(
            chunk, referenced, filler=filler
        )
    members["assets/data.bin"] = rng.randbytes(256 * 1024)
    return zip_bytes(members, stored=["assets/data.bin"])


def large_apk() -> Path:
    """≥ 60 MB, ≥ 200,000 classes over several DEX files (like a big social or shopping app)."""
    path = DATA / "large.apk"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_apk("com.bench.large", 210_000, 5, 34 * 1024 * 1024, seed=1))
    return path


def mid_size_folder(count: int = 50) -> Path:
    """A folder of ``count`` mid-size APKs (~2 MB, ~8,000 classes each)."""
    folder = DATA / f"apps{count}"
    if not folder.exists() or len(list(folder.glob("*.apk"))) < count:
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            target = folder / f"app{index:02d}.apk"
            if not target.exists():
                target.write_bytes(
                    _apk(f"com.bench.app{index}", 8_000, 2, 2 * 1024 * 1024, seed=100 + index)
                )
    return folder


def privacy_report(size_mb: int = 200) -> Path:
    """An App Privacy Report of ``size_mb`` MB: 300 apps, their domains and data uses."""
    import json

    path = DATA / f"privacy-report-{size_mb}mb.ndjson"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    apps = [f"com.vendor{i}.app{i}" for i in range(300)]
    domains = ["graph.facebook.com", "app-measurement.com", "googleads.g.doubleclick.net", "api.mixpanel.com",
               "t.appsflyer.com", "cdn.example.net", "api.example.org", "images.example.com"]  # fmt: skip
    categories = ["location", "photos", "contacts", "camera", "microphone", "mediaLibrary"]
    target = size_mb * 1024 * 1024
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            lines = []
            for _ in range(2000):
                app = rng.choice(apps)
                when = f"2024-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00.000+01:00"
                if rng.random() < 0.8:
                    record = {"timeStamp": when, "firstTimeStamp": when, "type": "networkActivity", "bundleID": app,
                              "domain": rng.choice(domains) if rng.random() < 0.5 else f"host{rng.randint(0, 60)}.example.com",
                              "hits": rng.randint(1, 40), "initiatedType": "AppInitiated", "domainOwner": "",
                              "domainType": 2, "context": "", "domainClassification": 1}  # fmt: skip
                else:
                    record = {"accessor": {"identifier": app, "identifierType": "bundleID"},
                              "category": rng.choice(categories), "identifier": f"{rng.getrandbits(64):X}",
                              "kind": rng.choice(["intervalBegin", "intervalEnd"]), "timeStamp": when, "type": "access"}  # fmt: skip
                lines.append(json.dumps(record))
            chunk = "\n".join(lines) + "\n"
            out.write(chunk)
            written += len(chunk)
    return path
