"""``kb`` commands: stats, import/update/reset of the εxodus overlay, the API token."""

from __future__ import annotations

import argparse
import getpass
import sys
import urllib.parse
from pathlib import Path
from typing import TextIO

from checker import cli_output, net, secrets
from checker.errors import CheckerError, LimitExceeded, Unreadable
from checker.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from checker.knowledge import overlay
from checker.knowledge.base import Knowledge
from checker.report_text import kb_stats_text
from checker.store import Store
from checker.wording import error_message, say


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kb_cmd = commands.add_parser("kb", help="the knowledge base")
    kb_sub = kb_cmd.add_subparsers(dest="kb_command", required=True)
    stats = kb_sub.add_parser("stats", help="what the knowledge base holds")
    imported = kb_sub.add_parser("import", help="merge a tracker list in the εxodus API format")
    imported.add_argument("file", metavar="FILE")
    update = kb_sub.add_parser(
        "update", help="download the current εxodus list (online, asks first)"
    )
    update.add_argument(
        "--consent", choices=("yes", "no"), help="allow or forbid this download from now on"
    )
    update.add_argument("--url", default=net.EXODUS_TRACKERS_URL, help=argparse.SUPPRESS)
    reset = kb_sub.add_parser(
        "reset", help="forget the imported list, back to the bundled knowledge base"
    )
    token = kb_sub.add_parser("token", help="your εxodus API token, kept in the system keyring")
    token.add_argument("action", choices=("set", "clear", "status"))
    for sub in (stats, imported, update, reset, token):
        sub.add_argument("--lang", choices=("en", "fr"), default="en")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: str = args.lang
    command: str = args.kb_command
    try:
        if command == "stats":
            out.write(kb_stats_text(Knowledge.load(), lang))
            return EXIT_OK
        if command == "import":
            return _import(Path(args.file), lang, out)
        if command == "update":
            return _update(args, lang, out, err)
        if command == "reset":
            out.write(say("kb_reset" if overlay.reset() else "kb_reset_nothing", lang) + "\n")
            return EXIT_OK
        return _token(args.action, lang, out)
    except CheckerError as exc:
        print(error_message(exc.code, exc.detail, lang), file=err)
        return EXIT_FAILED


def _import(path: Path, lang: str, out: TextIO) -> int:
    try:
        if path.stat().st_size > overlay.MAX_FILE_BYTES:
            raise LimitExceeded(f"{path}: larger than {overlay.MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"{path}: {exc.strerror or exc}") from None
    _save(overlay.parse_exodus_list(data, str(path)), lang, out)
    return EXIT_OK


def _save(imported: overlay.Overlay, lang: str, out: TextIO) -> None:
    overlay.save(imported)
    info = Knowledge.load().overlay
    assert info is not None
    out.write(
        say(
            "kb_imported",
            lang,
            count=info.trackers,
            added=info.added,
            extended=info.extended,
            source=info.source,
        )
        + "\n"
    )


def _update(args: argparse.Namespace, lang: str, out: TextIO, err: TextIO) -> int:
    with Store() as store:
        question = say("kb_update_ask", lang, url=args.url)
        if not cli_output.consent_granted(store, net.FEATURE_KB_UPDATE, args.consent, question):
            print(say("kb_update_off", lang), file=err)
            return EXIT_FAILED
        token = secrets.get(secrets.EXODUS_TOKEN) if _is_exodus(args.url) else None
        headers = {"Authorization": f"Token {token}"} if token else {}
        response = net.fetch(args.url, feature=net.FEATURE_KB_UPDATE, store=store, headers=headers)
    _save(overlay.parse_exodus_list(response.body, response.url), lang, out)
    return EXIT_OK


def _is_exodus(url: str) -> bool:
    """The token goes only to εxodus itself, never to another --url."""
    return (
        urllib.parse.urlsplit(url).hostname
        == urllib.parse.urlsplit(net.EXODUS_TRACKERS_URL).hostname
    )


def _token(action: str, lang: str, out: TextIO) -> int:
    where = secrets.backend_name()
    if action == "status":
        has = where is not None and secrets.get(secrets.EXODUS_TOKEN) is not None
        key = "token_none_keyring" if where is None else ("token_stored" if has else "token_absent")
        out.write(say(key, lang, where=where or "") + "\n")
        return EXIT_OK
    if action == "clear":
        out.write(
            say(
                "token_cleared" if secrets.delete(secrets.EXODUS_TOKEN) else "token_absent",
                lang,
                where=where or "",
            )
            + "\n"
        )
        return EXIT_OK
    if where is None:
        out.write(say("token_none_keyring", lang) + "\n")
        return EXIT_FAILED
    value = (
        getpass.getpass(say("token_prompt", lang)) if sys.stdin.isatty() else sys.stdin.readline()
    )
    value = value.strip()
    if not value:
        return EXIT_USAGE
    out.write(say("token_stored", lang, where=secrets.store(secrets.EXODUS_TOKEN, value)) + "\n")
    return EXIT_OK
