"""Run a batch: expand the inputs, read each with its source, detect, and fold splits.

One bad input never stops the batch: it becomes a ``ScanError`` naming the
input and the problem. Progress goes to a callback; a ``CancelToken`` stops
the work between (and inside) inputs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from checker import archives as export_archives
from checker import listed_apps
from checker.detect import SAMPLES_PER_TRACKER, detect
from checker.errors import (
    Cancelled,
    CheckerError,
    EncryptedArchive,
    LimitExceeded,
    NotFound,
    Truncated,
    Unreadable,
    UnsupportedInput,
)
from checker.explain import explain_app
from checker.formats.safezip import SafeZip, looks_like_zip
from checker.history import KnownApp
from checker.knowledge.base import Knowledge
from checker.models import (
    AppEvidence,
    AppResult,
    ArchiveFindings,
    Report,
    ScanError,
    TrackerHit,
)
from checker.sources import source_for
from checker.sources.base import CancelToken, Probe, ReadContext
from checker.text import clean

log = logging.getLogger(__name__)

MAX_FILES_PER_FOLDER = 100_000
WORKERS = 2


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    current: str


ProgressCallback = Callable[[Progress], None]
OnlineLookup = listed_apps.OnlineLookup  # how the CLI names the look-up it passes in


def expand(inputs: Sequence[str]) -> tuple[list[tuple[Path, str]], list[ScanError]]:
    """Turn user inputs into files to read; folders contribute the files we can read."""
    units: list[tuple[Path, str]] = []
    errors: list[ScanError] = []
    for given in inputs:
        try:
            _expand_one(given, units, errors)
        except OSError as exc:  # a name too long, a folder we may not list...
            errors.append(scan_error(given, exc))
    return units, errors


def _expand_one(given: str, units: list[tuple[Path, str]], errors: list[ScanError]) -> None:
    path = Path(given).expanduser()
    if path.is_dir() and _claimed(path):
        units.append((path, given))  # a bundle folder such as Game.app is one input
    elif path.is_dir():
        units.extend(_walk(path, given, errors))
    elif path.is_file():
        units.append((path, given))
    elif path.exists():
        errors.append(scan_error(given, UnsupportedInput("not a regular file or folder")))
    else:
        errors.append(scan_error(given, NotFound("no such file or folder")))


def _walk(root: Path, given: str, errors: list[ScanError]) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    seen = 0
    for folder, dirs, files in os.walk(
        root, onerror=lambda exc: errors.append(scan_error(given, exc))
    ):
        dirs.sort()
        for name in list(dirs):
            bundle = Path(folder) / name
            if not bundle.is_symlink() and _claimed(bundle):
                found.append((bundle, str(Path(given) / bundle.relative_to(root))))
                dirs.remove(name)  # read as one bundle, not file by file
        for name in sorted(files):
            seen += 1
            if seen > MAX_FILES_PER_FOLDER:
                errors.append(ScanError(given, "limit", f"more than {MAX_FILES_PER_FOLDER} files"))
                return found
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue  # links may point outside what the user chose, or loop
            if _claimed(path):
                found.append((path, str(Path(given) / path.relative_to(root))))
    return found


def _claimed(path: Path) -> bool:
    try:
        return source_for(Probe(path)) is not None
    except (CheckerError, OSError, ValueError):
        return False
    except Exception:  # a claim must never cost the batch: read it, and let the read say why
        log.exception("unexpected failure recognising an input")
        return True


def scan(
    inputs: Sequence[str],
    knowledge: Knowledge,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    history: dict[str, KnownApp] | None = None,
    online: OnlineLookup | None = None,
) -> Report:
    """Check every input and return the report. Raises ``Cancelled`` when cancelled."""
    cancel = cancel if cancel is not None else CancelToken()
    units, errors = expand(inputs)
    _ = knowledge.android_signatures  # compile once, before any worker needs it
    results: list[AppResult] = []

    batch = _Batch(knowledge, cancel)

    def work(unit: tuple[Path, str]) -> tuple[list[AppResult], ScanError | None]:
        cancel.check()
        return _read_guarded(unit[0], unit[1], batch)

    # Two workers overlap one file's inflating (zlib releases the GIL) with another's
    # parsing; a single input gains nothing and keeps its memory peak low.
    workers = min(WORKERS, len(units))
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        futures = [pool.submit(work, unit) for unit in units]
        try:
            for done, future in enumerate(futures):
                if progress is not None:
                    progress(Progress(done, len(units), units[done][1]))
                found, error = future.result()
                results.extend(found)
                if error is not None:
                    errors.append(error)
        except Cancelled:
            cancel.cancel()
            for future in futures:
                future.cancel()
            raise
    if progress is not None:
        progress(Progress(len(units), len(units), ""))
    batch.findings.sort(key=lambda f: f.path)  # workers finish in any order
    return finish_report(
        results, errors, batch.warnings, knowledge, history, online, batch.findings
    )


def finish_report(
    results: list[AppResult],
    errors: list[ScanError],
    warnings: list[ScanError],
    knowledge: Knowledge,
    history: dict[str, KnownApp] | None = None,
    online: OnlineLookup | None = None,
    archives: list[ArchiveFindings] | None = None,
) -> Report:
    """Fold splits, fill listed apps from history (then online, if allowed), explain, date.

    Data-export archives first have their titles matched to apps; the apps they surely
    name join the list, and what a platform reports an app shared becomes evidence.
    """
    resolved: tuple[ArchiveFindings, ...] = ()
    if archives:
        index = export_archives.title_index(
            results, archives, history, listed_apps.known_app_names()
        )
        resolved = tuple(export_archives.resolve_installs(f, index) for f in archives)
        results = results + export_archives.listed_apps(resolved)
        present = {r.app.id: r.app.name for r in results if r.app.name}
        resolved = tuple(export_archives.resolve_shared(f, present, index) for f in resolved)
    apps, split_errors = _fold_splits(results)
    apps = _fold_listed(apps)
    if history:
        apps = [listed_apps.from_history(app, history, knowledge) for app in apps]
    looked_up_online = 0
    if online is not None:
        apps, looked_up_online = listed_apps.from_online(apps, online, knowledge, warnings)
    apps = export_archives.attach_reported(apps, resolved, knowledge)
    apps = [listed_apps.named(app, history) for app in apps]
    apps = [replace(app, explanations=explain_app(app, knowledge)) for app in apps]
    return Report(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        knowledge=knowledge.info,
        apps=tuple(apps),
        errors=tuple(errors + split_errors),
        looked_up_online=looked_up_online,
        companies=knowledge.companies,
        warnings=tuple(warnings),
        archives=resolved,
    )


@dataclass(slots=True)
class _Batch:
    """What every input of one scan shares: the knowledge, the cancel token, and what
    the readers collect besides apps (list.extend is atomic under the GIL)."""

    knowledge: Knowledge
    cancel: CancelToken
    warnings: list[ScanError] = field(default_factory=list)
    findings: list[ArchiveFindings] = field(default_factory=list)


def _read_guarded(
    path: Path, display: str, batch: _Batch
) -> tuple[list[AppResult], ScanError | None]:
    """Read one input; every failure but cancellation becomes a ``ScanError``."""
    try:
        return _read_one(path, display, batch), None
    except Cancelled:
        raise
    except READ_FAILURES as exc:
        return [], scan_error(display, exc)
    except Exception as exc:  # a bug of ours must not cost the user the whole batch
        log.exception("unexpected failure reading an input")
        return [], ScanError(display, "internal", f"unexpected {type(exc).__name__}")


def _read_one(path: Path, display: str, batch: _Batch) -> list[AppResult]:
    probe = Probe(path)
    source = source_for(probe)
    if source is None:
        raise _why_unsupported(probe)
    context = ReadContext(cancel=batch.cancel)
    try:
        apps = source.read(path, display, context)
    finally:
        batch.warnings.extend(context.warnings)  # what went wrong inside, even if all failed
    batch.findings.extend(context.findings)
    return [detect(app, batch.knowledge) for app in apps]


def _why_unsupported(probe: Probe) -> CheckerError:
    """A zip whose table of contents is missing is a cut-short download, not an unknown kind."""
    if not probe.is_dir and looks_like_zip(probe.head) and not probe.zip_names:
        try:
            SafeZip(probe.path).close()
        except (LimitExceeded, EncryptedArchive) as exc:
            return exc  # a cap or a password, not a broken download
        except CheckerError as exc:
            return Truncated(
                f"this zip archive is incomplete or damaged (an interrupted download?): {exc.detail}"
            )
    return UnsupportedInput()


READ_FAILURES = (CheckerError, OSError, MemoryError, RecursionError)
"""What reading one input may raise that costs only that input (Cancelled aside)."""


def scan_error(display: str, exc: BaseException) -> ScanError:
    """The calm, typed error shown for one input that could not be read."""
    if isinstance(exc, MemoryError | RecursionError):
        detail = f"input too large or too deeply nested ({type(exc).__name__})"
        return ScanError(display, "limit", detail)
    if isinstance(exc, OSError):
        exc = Unreadable(exc.strerror or str(exc))
    if isinstance(exc, CheckerError):
        return ScanError(path=display, code=exc.code, detail=clean(exc.detail, 500))
    return ScanError(display, "internal", f"unexpected {type(exc).__name__}")


def _fold_splits(results: list[AppResult]) -> tuple[list[AppResult], list[ScanError]]:
    """Join the results that describe the same app (a base and its splits, or copies)."""
    groups: dict[tuple[str, str, int | None], list[AppResult]] = {}
    for result in results:
        app = result.app
        groups.setdefault((app.platform.value, app.id, app.version_code), []).append(result)
    apps: list[AppResult] = []
    errors: list[ScanError] = []
    for members in groups.values():
        bases = [m for m in members if m.app.split is None]
        if not bases:
            errors.extend(
                ScanError(
                    source, "split_without_base", "a split APK: check the folder with its base.apk"
                )
                for m in members
                for source in m.app.sources
            )
            continue
        apps.append(_merge(bases[0], [m for m in members if m is not bases[0]]))
    apps.sort(key=lambda r: ((r.app.name or r.app.id).casefold(), r.app.id))
    return apps, errors


def _fold_listed(apps: list[AppResult]) -> list[AppResult]:
    """An app both named in a list and read from its package is one app: the one we read."""
    read = {(r.app.platform, r.app.id): i for i, r in enumerate(apps) if not r.listed_only()}
    folded_into: dict[int, list[AppResult]] = {}
    for result in apps:
        index = read.get((result.app.platform, result.app.id))
        if index is not None and result.listed_only():
            folded_into.setdefault(index, []).append(result)
    kept = []
    for i, result in enumerate(apps):
        if i in folded_into:
            kept.append(replace(result, app=_joined(result.app, [r.app for r in folded_into[i]])))
        elif not (result.listed_only() and (result.app.platform, result.app.id) in read):
            kept.append(result)
    return kept


def _merge(base: AppResult, others: list[AppResult]) -> AppResult:
    if not others:
        return base
    hits: dict[str, TrackerHit] = {h.tracker.id: h for h in base.hits}
    for other in others:
        for hit in other.hits:
            known = hits.get(hit.tracker.id)
            if known is None:
                hits[hit.tracker.id] = hit
            else:
                evidence = tuple(dict.fromkeys(known.evidence + hit.evidence))[:SAMPLES_PER_TRACKER]
                hits[hit.tracker.id] = replace(known, evidence=evidence)
    everything = [base, *others]
    merged = replace(
        _joined(base.app, [r.app for r in others]),
        permissions=tuple(dict.fromkeys(p for r in everything for p in r.app.permissions)),
        class_sources=tuple(cs for r in everything for cs in r.app.class_sources),
    )
    return AppResult(
        app=merged,
        hits=tuple(sorted(hits.values(), key=lambda h: h.tracker.id)),
        class_count=sum(r.class_count for r in everything),
    )


def _joined(app: AppEvidence, others: list[AppEvidence]) -> AppEvidence:
    """``app`` with the inputs and store records of other reads of the same app."""
    everything = [app, *others]
    return replace(
        app,
        name=app.name or next((o.name for o in others if o.name), None),
        sources=tuple(dict.fromkeys(s for a in everything for s in a.sources)),
        installed=tuple(dict.fromkeys(i for a in everything for i in a.installed)),
    )
