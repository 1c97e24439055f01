"""``device`` commands: list connected Android phones, and check the apps of one."""

from __future__ import annotations

import argparse
from typing import TextIO

from checker import cli_output
from checker.adb import Adb, Device
from checker.device_scan import scan_device
from checker.errors import Cancelled, CheckerError
from checker.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from checker.knowledge.base import Knowledge
from checker.wording import error_message, say


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    device = commands.add_parser("device", help="an Android phone connected over USB (adb)")
    sub = device.add_subparsers(dest="device_command")
    scan = sub.add_parser("scan", help="check the apps installed on the phone")
    scan.add_argument("--serial", help="which phone, when several are connected")
    scan.add_argument("--system", action="store_true", help="also check system apps")
    cli_output.add_output_options(scan, lang_default=argparse.SUPPRESS)
    device.add_argument("--lang", choices=("en", "fr"), default="en")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: str = args.lang
    try:
        adb = Adb.find()
        devices = adb.devices()
        if args.device_command is None:
            return _list(devices, lang, out)
        ready = [
            d
            for d in devices
            if d.state == "device" and (args.serial is None or d.serial == args.serial)
        ]
        if not ready:
            _explain_absence(devices, lang, err)
            return EXIT_FAILED
        if len(ready) > 1:
            print(say("device_choose", lang, serials=", ".join(d.serial for d in ready)), file=err)
            return EXIT_USAGE
        knowledge = Knowledge.load()
        history = cli_output.load_history(lang, err)
        show = err.isatty()
        report, stats = scan_device(
            ready[0].serial, knowledge, adb=adb, include_system=args.system,
            progress=cli_output.progress_printer(lang, err) if show else None, history=history,
        )  # fmt: skip
    except Cancelled:
        print(say("cancelled", lang), file=err)
        return EXIT_FAILED
    except CheckerError as exc:
        print(error_message(exc.code, exc.detail, lang), file=err)
        return EXIT_FAILED
    print(
        say(
            "device_scanned",
            lang,
            count=stats.packages,
            seconds=round(stats.seconds_waiting_on_adb, 1),
        ),
        file=err,
    )
    return cli_output.deliver(report, args, [f"adb:{ready[0].serial}"], knowledge, out, err)


def _list(devices: list[Device], lang: str, out: TextIO) -> int:
    if not devices:
        out.write(say("device_none", lang) + "\n")
        return EXIT_FAILED
    for device in devices:
        state = (
            say(f"device_state.{device.state}", lang)
            if f"device_state.{device.state}" in _STATES
            else device.state
        )
        out.write(f"{device.serial}  {device.model}  {state}\n")
    return EXIT_OK


def _explain_absence(devices: list[Device], lang: str, err: TextIO) -> None:
    states = {d.state for d in devices}
    key = "device_state.unauthorized" if "unauthorized" in states else "device_none"
    if not devices or states <= {"offline"}:
        key = "device_none" if not devices else "device_state.offline"
    print(say(key, lang), file=err)


_STATES = {
    "device_state.device",
    "device_state.unauthorized",
    "device_state.offline",
    "device_state.no permissions",
}
