"""``letter`` command: a data-access or deletion request to one company, ready to send."""

from __future__ import annotations

import argparse
from typing import TextIO

from checker.errors import CheckerError
from checker.exit_codes import EXIT_FAILED, EXIT_OK
from checker.knowledge.base import Knowledge
from checker.letters import LAWS, REQUESTS, compose, find_company
from checker.store import Store
from checker.wording import error_message, say


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letter = commands.add_parser(
        "letter", help="write a data-access or deletion request to a company"
    )
    letter.add_argument("company", metavar="COMPANY", help="company id or name, e.g. amazon")
    letter.add_argument(
        "--law", choices=LAWS, default="gdpr", help="gdpr (EU/UK) or ccpa (California)"
    )
    letter.add_argument("--request", choices=REQUESTS, default="access")
    letter.add_argument(
        "--scan", type=int, help="take apps and data from this saved scan (default: the latest)"
    )
    letter.add_argument("--lang", choices=("en", "fr"), default="en")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: str = args.lang
    try:
        knowledge = Knowledge.load()
        company = find_company(args.company, knowledge)
        with Store() as store:
            scan_id = (
                args.scan if args.scan is not None else next((s.id for s in store.scans()), None)
            )
            report = store.scan_report(scan_id) if scan_id is not None else None
        letter = compose(
            company, knowledge, law=args.law, request=args.request, lang=lang, report=report
        )
    except CheckerError as exc:
        print(error_message(exc.code, exc.detail, lang), file=err)
        return EXIT_FAILED
    out.write(letter.text)
    print(say("letter_send_to", lang, channel=letter.channel or "?"), file=err)
    return EXIT_OK
