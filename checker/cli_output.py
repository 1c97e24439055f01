"""Output shared by the commands that produce a report (scan, device scan)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from checker.exit_codes import EXIT_OK, EXIT_SOME_FAILED
from checker.history import KnownApp, known_apps
from checker.knowledge.base import Knowledge
from checker.models import Report
from checker.phrases import shown_path
from checker.report import to_csv, to_dict, to_json
from checker.report_html import to_html
from checker.report_text import to_text
from checker.scan import Progress, ProgressCallback
from checker.store import Consent, Store
from checker.wording import error_message, say

FORMATS = ("text", "json", "html", "csv")


def progress_printer(lang: str, err: TextIO) -> ProgressCallback:
    """A progress line on stderr: rewritten in place on a terminal, one line each otherwise."""

    def progress(step: Progress) -> None:
        if step.current:
            line = say(
                "progress",
                lang,
                done=step.done + 1,
                total=step.total,
                path=shown_path(step.current),
            )
            err.write("\r\x1b[K" + line[:160] if err.isatty() else line + "\n")
        elif err.isatty():
            err.write("\r\x1b[K")
        err.flush()

    return progress


def load_history(lang: str, err: TextIO) -> dict[str, KnownApp]:
    with Store() as store:
        say_if_recovered(store, lang, err)
        return known_apps(store.reports())


def deliver(
    report: Report,
    args: argparse.Namespace,
    inputs: list[str],
    knowledge: Knowledge,
    out: TextIO,
    err: TextIO,
) -> int:
    """Tell stderr what failed, save to history, render and write: shared by scan and device."""
    lang: str = args.lang
    for problem in (*report.errors, *report.warnings):
        print(
            f"{shown_path(problem.path)}: {error_message(problem.code, problem.detail, lang)}",
            file=err,
        )
    if not args.no_history:
        _save_history(inputs, report, knowledge, lang, err)
    renderers = {"text": to_text, "json": to_json, "html": to_html, "csv": to_csv}
    document = renderers[args.format](report, knowledge, lang)
    if args.output:
        try:
            _write_atomically(Path(args.output), document)
        except OSError as exc:
            print(say("cannot_write", lang, path=args.output, reason=exc.strerror or exc), file=err)
            return EXIT_SOME_FAILED
        print(say("written", lang, path=args.output), file=err)
    else:
        out.write(document)
    return EXIT_SOME_FAILED if report.errors else EXIT_OK


def add_output_options(parser: argparse.ArgumentParser, lang_default: str = "en") -> None:
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--lang", choices=("en", "fr"), default=lang_default)
    parser.add_argument(
        "--no-history", action="store_true", help="do not save this scan in the history"
    )


def say_if_recovered(store: Store, lang: str, err: TextIO) -> None:
    if store.recovered_from is not None:
        print(say("store_recovered", lang, path=store.recovered_from), file=err)


def _save_history(
    paths: list[str], report: Report, knowledge: Knowledge, lang: str, err: TextIO
) -> None:
    with Store() as store:
        say_if_recovered(store, lang, err)
        scan_id = store.save_scan(
            report.generated_at, paths, report.knowledge.version, to_dict(report, knowledge, lang)
        )
    print(say("history_saved", lang, scan_id=scan_id), file=err)


def _write_atomically(path: Path, text: str) -> None:
    """Write next to the target and rename, so a failure never leaves half a report."""
    temp = path.with_name(f".{path.name}.partial")
    try:
        temp.write_text(text, encoding="utf-8")
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)


def consent_granted(store: Store, feature: str, given: str | None, question: str) -> bool:
    """Record an explicit --consent, else ask once on a terminal; True only for a stored yes."""
    if given is not None:
        store.set_consent(feature, given == "yes")
    if store.consent(feature) is Consent.NOT_ASKED and sys.stdin.isatty():
        try:
            answer = input(question + " ")
        except EOFError:  # Ctrl-D: no answer is a no, asked again next time
            return False
        store.set_consent(feature, answer.strip().lower() in {"y", "yes", "o", "oui"})
    return store.consent(feature) is Consent.YES
