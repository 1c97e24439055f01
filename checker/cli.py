"""Command-line front end over the engine (a stable contract: see DESIGN.md).

Exit status: 0 when every input was read, 1 when some failed (results for the
rest are still printed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checker import __version__, cli_history, cli_kb, cli_letter
from checker.errors import Cancelled, KnowledgeError
from checker.history import known_apps
from checker.knowledge.base import Knowledge
from checker.models import Report
from checker.phrases import shown_path
from checker.report import to_csv, to_dict, to_json
from checker.report_html import to_html
from checker.report_text import to_text
from checker.scan import Progress, scan
from checker.store import Store
from checker.wording import error_message, say

FORMATS = ("text", "json", "html", "csv")
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exposure-checker",
        description="Find tracker SDKs in your apps and who receives your data. Works offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    scan_cmd = commands.add_parser("scan", help="check APK files, bundles, SDK archives or folders")
    scan_cmd.add_argument("paths", nargs="+", metavar="PATH")
    scan_cmd.add_argument("--format", choices=FORMATS, default="text")
    scan_cmd.add_argument(
        "--output", metavar="FILE", help="write the report here instead of stdout"
    )
    scan_cmd.add_argument("--lang", choices=("en", "fr"), default="en")
    scan_cmd.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="show a progress line on stderr (default: when stderr is a terminal)",
    )  # fmt: skip
    scan_cmd.add_argument(
        "--no-history", action="store_true", help="do not save this scan in the history"
    )
    cli_kb.add_parser(commands)
    cli_history.add_parser(commands)
    cli_letter.add_parser(commands)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    if args.command == "kb":
        return cli_kb.run(args, out, err)
    if args.command == "history":
        return cli_history.run(args, out, err)
    if args.command == "letter":
        return cli_letter.run(args, out, err)
    try:
        knowledge = Knowledge.load()
    except KnowledgeError as exc:
        print(error_message(exc.code, exc.detail, args.lang), file=err)
        return EXIT_USAGE
    return _scan(args, knowledge, out, err)


def _scan(args: argparse.Namespace, knowledge: Knowledge, out: TextIO, err: TextIO) -> int:
    lang: str = args.lang
    show_progress = args.progress if args.progress is not None else err.isatty()

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

    with Store() as store:
        _say_if_recovered(store, lang, err)
        history = known_apps(store.reports())
    try:
        report = scan(
            args.paths, knowledge, progress=progress if show_progress else None, history=history
        )
    except Cancelled:
        print(say("cancelled", lang), file=err)
        return EXIT_SOME_FAILED
    for error in report.errors:
        print(
            f"{shown_path(error.path)}: {error_message(error.code, error.detail, lang)}", file=err
        )
    if not args.no_history:
        _save_history(args.paths, report, knowledge, lang, err)
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


def _say_if_recovered(store: Store, lang: str, err: TextIO) -> None:
    if store.recovered_from is not None:
        print(say("store_recovered", lang, path=store.recovered_from), file=err)


def _save_history(
    paths: list[str], report: Report, knowledge: Knowledge, lang: str, err: TextIO
) -> None:
    with Store() as store:
        _say_if_recovered(store, lang, err)
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
