"""Check the apps installed on an Android phone: pull every split, read granted permissions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from checker.adb import Adb, DeviceGone, pull_cache
from checker.detect import detect
from checker.errors import Cancelled
from checker.formats.safezip import SafeZip
from checker.history import KnownApp
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Report, ScanError
from checker.scan import READ_FAILURES, Progress, ProgressCallback, finish_report, scan_error
from checker.sources.android_package import assemble_app, read_package
from checker.sources.base import CancelToken, ReadContext
from checker.text import clean

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeviceScanStats:
    packages: int
    seconds_waiting_on_adb: float


def scan_device(
    serial: str,
    knowledge: Knowledge,
    *,
    adb: Adb | None = None,
    include_system: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    history: dict[str, KnownApp] | None = None,
) -> tuple[Report, DeviceScanStats]:
    """Scan every (third-party, unless asked) app of the device ``serial``.

    A device that disappears mid-scan ends the scan with what was read so far and
    an error saying where it stopped; pulled APKs are then kept so the next scan
    resumes without pulling them again. After a complete scan they are removed.
    """
    adb = adb if adb is not None else Adb.find()
    cancel = cancel if cancel is not None else CancelToken()
    packages = adb.packages(serial, include_system=include_system)
    cache = pull_cache()
    for leftover in cache.glob(".*.partial"):  # an earlier run that died mid-pull
        leftover.unlink(missing_ok=True)
    results: list[AppResult] = []
    errors: list[ScanError] = []
    pulled: list[Path] = []
    complete = False
    try:
        for done, package in enumerate(packages):
            cancel.check()
            label = f"adb:{clean(serial)}/{package.name}"
            if progress is not None:
                progress(Progress(done, len(packages), label))
            try:
                results.append(
                    _scan_package(
                        adb, serial, package.name, label, cache, pulled, knowledge, cancel
                    )
                )
            except DeviceGone as exc:
                errors.append(ScanError(label, exc.code, exc.detail))
                break
            except Cancelled:
                raise
            except READ_FAILURES as exc:
                errors.append(scan_error(label, exc))
        else:
            complete = True
        if progress is not None:
            progress(Progress(len(packages), len(packages), ""))
    finally:
        if complete:
            for path in pulled:
                path.unlink(missing_ok=True)
    report = finish_report(results, errors, [], knowledge, history)
    return report, DeviceScanStats(len(packages), adb.waited)


def _scan_package(
    adb: Adb,
    serial: str,
    package: str,
    label: str,
    cache: Path,
    pulled: list[Path],
    knowledge: Knowledge,
    cancel: CancelToken,
) -> AppResult:
    parts = []
    context = ReadContext(cancel=cancel)
    for remote in adb.apk_paths(serial, package):
        local = adb.pull(serial, remote, cache)
        pulled.append(local)
        with SafeZip(local, budget=context.budget) as archive:
            parts.append(read_package(archive, f"{label}!{Path(remote).name}", context))
    app = assemble_app(parts, (label,), package)
    app = replace(app, granted_permissions=adb.granted_permissions(serial, package))
    return detect(app, knowledge)
