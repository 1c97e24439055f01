"""``history`` commands: list saved scans, show one, compare two, delete one or all."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from checker.exit_codes import EXIT_FAILED, EXIT_OK
from checker.history import diff
from checker.phrases import shown_path
from checker.store import Store
from checker.wording import say


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = commands.add_parser("history", help="earlier scans saved on this computer")
    sub = history.add_subparsers(dest="history_command")
    show = sub.add_parser("show", help="the saved report of one scan (JSON)")
    show.add_argument("scan_id", type=int)
    compare = sub.add_parser("diff", help="what changed between two scans")
    compare.add_argument("older", type=int)
    compare.add_argument("newer", type=int)
    delete = sub.add_parser("delete", help="delete one scan, or --all")
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("scan_id", type=int, nargs="?")
    target.add_argument("--all", action="store_true")
    for parser in (history, show, compare, delete):
        parser.add_argument("--lang", choices=("en", "fr"), default=argparse.SUPPRESS)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: str = getattr(args, "lang", "en")
    with Store() as store:
        if store.recovered_from is not None:
            print(say("store_recovered", lang, path=store.recovered_from), file=err)
        command = args.history_command
        if command is None:
            return _list(store, lang, out)
        if command == "show":
            report = store.scan_report(args.scan_id)
            if report is None:
                print(say("history_unknown", lang, scan_id=args.scan_id), file=err)
                return EXIT_FAILED
            out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        if command == "diff":
            return _diff(store, args.older, args.newer, lang, out, err)
        removed = store.delete_scans(None if args.all else args.scan_id)
        if removed == 0 and not args.all:
            print(say("history_unknown", lang, scan_id=args.scan_id), file=err)
            return EXIT_FAILED
        out.write(say("history_deleted", lang, count=removed) + "\n")
        return EXIT_OK


def _list(store: Store, lang: str, out: TextIO) -> int:
    records = store.scans()
    if not records:
        out.write(say("history_empty", lang) + "\n")
        return EXIT_OK
    for record in records:
        inputs = ", ".join(shown_path(i) for i in record.inputs[:3]) + (
            " …" if len(record.inputs) > 3 else ""
        )
        line = say("history_line", lang, id=record.id, when=record.created_at.replace("T", " ")[:16],
                   apps=record.apps, trackers=record.trackers, score=record.score, inputs=inputs)  # fmt: skip
        out.write(line + "\n")
    return EXIT_OK


def _diff(store: Store, older: int, newer: int, lang: str, out: TextIO, err: TextIO) -> int:
    before, after = store.scan_report(older), store.scan_report(newer)
    for scan_id, report in ((older, before), (newer, after)):
        if report is None:
            print(say("history_unknown", lang, scan_id=scan_id), file=err)
            return EXIT_FAILED
    assert before is not None and after is not None
    change = diff(before, after)
    lines = [
        say(
            "diff_heading",
            lang,
            older=older,
            newer=newer,
            before=change.score_before,
            after=change.score_after,
        )
    ]
    if change.unchanged:
        lines.append(say("diff_none", lang))
    lines += [f"  + {say('diff_app_added', lang, app=a)}" for a in change.added_apps]
    lines += [f"  - {say('diff_app_removed', lang, app=a)}" for a in change.removed_apps]
    for app_id, names in change.trackers_appeared.items():
        lines.append(
            f"  + {say('diff_trackers_appeared', lang, app=app_id, trackers=', '.join(names))}"
        )
    for app_id, names in change.trackers_gone.items():
        lines.append(
            f"  - {say('diff_trackers_gone', lang, app=app_id, trackers=', '.join(names))}"
        )
    lines += [f"  + {say('diff_company_new', lang, company=c)}" for c in change.new_companies]
    lines += [f"  - {say('diff_company_gone', lang, company=c)}" for c in change.gone_companies]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
