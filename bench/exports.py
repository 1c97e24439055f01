"""Data-export archive benchmarks: ``python -m bench.exports`` (part of ``make bench``).

* a 1 GiB Google Takeout-like zip (mostly videos, never read) with 2,000 installed apps;
* an Amazon export whose search history CSV is ~200 MB (2 million searches), streamed;
* a Meta export listing 5,000 senders and 500,000 events (~30 MB of JSON).

Prints the best time of three runs and each run's peak memory in a fresh process.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from bench.generate import DATA
from checker.knowledge.base import Knowledge
from checker.scan import scan
from tests.builders import exports as ex
from tests.builders.apk import zip_bytes

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024


def takeout(path: Path) -> Path:
    if not path.exists():
        apps = [(f"App number {i}", "2020-01-01T00:00:00.000Z", "Pixel") for i in range(2000)]
        filler = [
            (f"Takeout/YouTube and YouTube Music/videos/v{i}.mp4", 256 * MIB) for i in range(4)
        ]
        ex.sparse_zip(path, ex.takeout_members(apps), filler)
    return path


def amazon(path: Path) -> Path:
    if not path.exists():
        words = ["shoes", "vitamin", "pregnancy test", "tent", "laptop", "coffee", "book", "toys"]
        rng = random.Random(7)
        rows = [
            [f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:00:00.0",
             f"{rng.choice(words)} {rng.randint(1, 5000)}", "iPhone", "Mozilla/5.0 (iPhone) x" * 3]
            for _ in range(2_000_000)
        ]  # fmt: skip
        members = ex.amazon_members()
        members["Search-Data/Search-Data.Customer-Engagement.csv"] = ex.csv_bytes(
            ["First Search Time (GMT)", "Keywords", "Device Model", "User Agent"], rows
        )
        path.write_bytes(zip_bytes(members))
    return path


def meta(path: Path) -> Path:
    if not path.exists():
        businesses = {
            f"Business {i}": [("PAGE_VIEW", 1600000000 + j * 977) for j in range(100)]
            for i in range(5000)
        }
        path.write_bytes(
            zip_bytes(
                {
                    "apps_and_websites_off_of_facebook/your_off-facebook_activity.json": ex.meta_v2(
                        businesses
                    )
                }
            )
        )
    return path


def peak_mib(path: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(path)],
        capture_output=True, text=True, check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    measured = json.loads(out.stdout)
    return float(measured["after_mib"]) - float(measured["before_mib"])


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    knowledge = Knowledge.load()
    _ = knowledge.android_signatures
    inputs = {
        "Takeout 1 GiB zip, 2,000 apps": takeout(DATA / "takeout-1gib.zip"),
        "Amazon, 2M searches (CSV)": amazon(DATA / "amazon-2m-searches.zip"),
        "Meta, 5,000 senders / 500k events": meta(DATA / "meta-500k-events.zip"),
    }
    print("Data-export archives (best of 3; memory growth in a fresh process)")
    for label, path in inputs.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            report = scan([str(path)], knowledge)
            times.append(time.perf_counter() - started)
        assert report.archives and not report.errors, report.errors
        size = path.stat().st_size / MIB
        with zipfile.ZipFile(path) as archive:
            inflated = sum(i.file_size for i in archive.infolist()) / MIB
        print(
            f"  {label:36} {size:6.0f} MiB zip, {inflated:6.0f} MiB inside"
            f"  {min(times):6.2f} s  +{peak_mib(path):6.1f} MiB"
        )


if __name__ == "__main__":
    main()
