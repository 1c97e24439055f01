"""A 100-app fake phone: how much of a device scan is ours, and how much is waiting on adb.

``python -m bench.device`` (also part of ``make bench``). The phone is the test
suite's fake adb replaying real output formats; its "pulls" are file copies,
so the time waiting on adb here is process start-up, far less than a real
cable. The number that matters is the time NOT spent waiting.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

from bench.generate import DATA, _apk
from checker.adb import ADB_ENV, Adb
from checker.device_scan import scan_device
from checker.knowledge.base import Knowledge

ROOT = Path(__file__).resolve().parents[1]
APPS = 100


def fake_phone() -> Path:
    folder = DATA / "phone100"
    scenario_path = folder / "scenario.json"
    if scenario_path.exists():
        return scenario_path
    folder.mkdir(parents=True, exist_ok=True)
    files, paths, listing, third = {}, {}, [], []
    for index in range(APPS):
        package = f"com.bench.phone{index}"
        local = folder / f"{package}.apk"
        local.write_bytes(_apk(package, 3_000, 1, 1024 * 1024, seed=500 + index))
        remote = f"/data/app/~~{index}==/{package}-1/base.apk"
        files[remote] = str(local)
        paths[package] = [remote]
        listing.append(
            f"package:{remote}={package}  installer=com.android.vending uid:{10000 + index}"
        )
        third.append(f"package:{package}")
    scenario = {
        "devices": "List of devices attached\nBENCH1\tdevice usb:1-1 model:Bench_Phone transport_id:1\n\n",
        "pm_list_third_party": "\n".join(third) + "\n",
        "pm_list_all": "\n".join(listing) + "\n",
        "paths": paths, "files": files, "dumpsys": {},
    }  # fmt: skip
    scenario_path.write_text(json.dumps(scenario))
    return scenario_path


def main() -> None:
    scenario = fake_phone()
    wrapper = scenario.parent / "adb"
    wrapper.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "tests" / "fake_adb.py"}" "$@"\n'
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    os.environ["FAKE_ADB_SCENARIO"] = str(scenario)
    os.environ[ADB_ENV] = str(wrapper)
    knowledge = Knowledge.load()
    _ = knowledge.android_signatures
    adb = Adb.find()
    started = time.perf_counter()
    report, stats = scan_device("BENCH1", knowledge, adb=adb)
    total = time.perf_counter() - started
    ours = total - stats.seconds_waiting_on_adb
    print(
        f"Fake phone, {len(report.apps)} apps: {total:.2f} s in all, {stats.seconds_waiting_on_adb:.2f} s waiting on adb, "
        f"{ours:.2f} s ours ({ours / max(len(report.apps), 1) * 1000:.0f} ms per app)"
    )


if __name__ == "__main__":
    main()
