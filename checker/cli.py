"""Command-line front end over the engine (a stable contract: see DESIGN.md).

Exit status: 0 when every input was read, 1 when some failed (results for the
rest are still printed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from checker import __version__, cli_device, cli_history, cli_kb, cli_letter, cli_output
from checker.errors import Cancelled, KnowledgeError
from checker.exit_codes import EXIT_SOME_FAILED, EXIT_USAGE
from checker.knowledge.base import Knowledge
from checker.lookup import FEATURE_APP_LOOKUP, ExodusReport, lookup
from checker.scan import OnlineLookup, scan
from checker.store import Store
from checker.wording import error_message, say


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exposure-checker",
        description="Find tracker SDKs in your apps and who receives your data. Works offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    scan_cmd = commands.add_parser("scan", help="check APK files, bundles, SDK archives or folders")
    scan_cmd.add_argument("paths", nargs="+", metavar="PATH")
    cli_output.add_output_options(scan_cmd)
    scan_cmd.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="show a progress line on stderr (default: when stderr is a terminal)",
    )  # fmt: skip
    scan_cmd.add_argument(
        "--lookup",
        action="store_true",
        help="ask εxodus about listed apps no scan has read (online)",
    )
    scan_cmd.add_argument(
        "--consent", choices=("yes", "no"), help="allow or forbid online look-ups from now on"
    )
    cli_device.add_parser(commands)
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
    if args.command == "device":
        return cli_device.run(args, out, err)
    try:
        knowledge = Knowledge.load()
    except KnowledgeError as exc:
        print(error_message(exc.code, exc.detail, args.lang), file=err)
        return EXIT_USAGE
    return _scan(args, knowledge, out, err)


def _scan(args: argparse.Namespace, knowledge: Knowledge, out: TextIO, err: TextIO) -> int:
    lang: str = args.lang
    show_progress = args.progress if args.progress is not None else err.isatty()
    history = cli_output.load_history(lang, err)
    with Store() as store:
        online = _online(args, store, lang, err)
        if args.lookup and online is None:
            return EXIT_SOME_FAILED
        try:
            report = scan(
                args.paths,
                knowledge,
                progress=cli_output.progress_printer(lang, err) if show_progress else None,
                history=history,
                online=online,
            )
        except Cancelled:
            print(say("cancelled", lang), file=err)
            return EXIT_SOME_FAILED
    return cli_output.deliver(report, args, list(args.paths), knowledge, out, err)


def _online(args: argparse.Namespace, store: Store, lang: str, err: TextIO) -> OnlineLookup | None:
    """The εxodus look-up when asked for with --lookup and allowed (asked once, answer stored)."""
    if not args.lookup:
        return None
    if not cli_output.consent_granted(
        store, FEATURE_APP_LOOKUP, args.consent, say("lookup_ask", lang)
    ):
        print(say("lookup_off", lang), file=err)
        return None

    def ask(package: str) -> ExodusReport | None:
        return lookup(package, store)

    return ask
