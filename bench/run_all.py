"""Scan benchmarks: ``make bench`` (or ``python -m bench.run_all``).

For a large APK (≥ 60 MB, ≥ 200,000 classes over several DEX files) and a
folder of 50 mid-size APKs, prints the scan time, classes/s, MB/s, peak memory
and the ratio to the floor: the time to merely inflate the same classes*.dex
members with zlib. Times are the best of several runs.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from bench.generate import DATA, large_apk, mid_size_folder, privacy_report
from checker.knowledge.base import Knowledge
from checker.scan import scan
from checker.sources.android_package import DEX_MEMBER

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def inflate_dex_members(apks: list[Path]) -> tuple[int, int]:
    """The floor: read each classes*.dex member's bytes and inflate them with zlib, nothing else.

    Returns (total inflated bytes, largest inflated member)."""
    total = largest = 0
    for apk in apks:
        with apk.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            for info in archive.infolist():
                if not DEX_MEMBER.search(info.filename):
                    continue
                handle.seek(info.header_offset + 26)
                name_len, extra_len = struct.unpack("<HH", handle.read(4))
                handle.seek(info.header_offset + 30 + name_len + extra_len)
                data = zlib.decompress(handle.read(info.compress_size), -15)
                total += len(data)
                largest = max(largest, len(data))
    return total, largest


def peak_memory(paths: list[Path]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", *map(str, paths)],
        capture_output=True, text=True, cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(done.stdout)
    return result


def measure(
    label: str, inputs: list[Path], apks: list[Path], knowledge: Knowledge, runs: int
) -> dict[str, object]:
    size = sum(p.stat().st_size for p in apks)
    dex_bytes, largest_dex = inflate_dex_members(apks)
    floor = best_of(runs, lambda: inflate_dex_members(apks))
    report = scan([str(p) for p in inputs], knowledge)
    classes = sum(r.class_count for r in report.apps)
    ours = best_of(runs, lambda: scan([str(p) for p in inputs], knowledge))
    memory = peak_memory(inputs)
    growth = memory["after_mib"] - memory["before_mib"]
    return {
        "input": label,
        "apps": len(report.apps),
        "apk_mb": round(size / MIB, 1),
        "dex_mb": round(dex_bytes / MIB, 1),
        "largest_dex_mb": round(largest_dex / MIB, 1),
        "classes": classes,
        "trackers_found": sum(len(r.hits) for r in report.apps),
        "seconds": round(ours, 3),
        "floor_seconds": round(floor, 3),
        "ratio_to_floor": round(ours / floor, 2),
        "classes_per_s": round(classes / ours),
        "mb_per_s": round(size / MIB / ours, 1),
        "peak_rss_mb": round(memory["after_mib"], 1),
        "scan_memory_growth_mb": round(growth, 1),
        "growth_vs_largest_dex": round(growth / (largest_dex / MIB), 2),
    }


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    print("generating inputs (cached in bench/.data) …", file=sys.stderr)
    big = large_apk()
    folder = mid_size_folder(50)
    knowledge = Knowledge.load()
    _ = knowledge.android_signatures
    results = [
        measure("large APK", [big], [big], knowledge, runs),
        measure("50 mid-size APKs", [folder], sorted(folder.glob("*.apk")), knowledge, runs),
    ]
    columns = [
        ("input", "input"), ("apps", "apps"), ("apk_mb", "APK MB"), ("dex_mb", "DEX MB"),
        ("classes", "classes"), ("seconds", "scan s"), ("floor_seconds", "floor s"),
        ("ratio_to_floor", "× floor"), ("classes_per_s", "classes/s"), ("mb_per_s", "MB/s"),
        ("peak_rss_mb", "peak RSS MB"), ("scan_memory_growth_mb", "scan growth MB"),
        ("largest_dex_mb", "largest DEX MB"), ("growth_vs_largest_dex", "growth/DEX"),
    ]  # fmt: skip
    print("| " + " | ".join(title for _, title in columns) + " |")
    print("|" + "---|" * len(columns))
    for row in results:
        print("| " + " | ".join(str(row[key]) for key, _ in columns) + " |")
    report = privacy_report(200)
    size = report.stat().st_size / MIB
    seconds = best_of(1, lambda: scan([str(report)], knowledge))
    memory = peak_memory([report])
    print(
        f"\nApp Privacy Report: {size:.0f} MB in {seconds:.2f} s = {size / seconds:.1f} MB/s; "
        f"scan memory growth {memory['after_mib'] - memory['before_mib']:.1f} MB (streamed)"
    )
    results.append({"input": "App Privacy Report", "mb": round(size), "seconds": round(seconds, 2),
                    "mb_per_s": round(size / seconds, 1),
                    "scan_memory_growth_mb": round(memory["after_mib"] - memory["before_mib"], 1)})  # fmt: skip
    (DATA / "results.json").write_text(json.dumps(results, indent=2))
    print(f"(best of {runs} runs; Python {sys.version.split()[0]}, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
