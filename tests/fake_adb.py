"""A stand-in for `adb`, replaying real-format output from a JSON scenario (FAKE_ADB_SCENARIO).

Scenario keys: devices (the text of `adb devices -l`), pm_list_third_party, pm_list_all,
paths {package: [remote paths]}, files {remote path: local fixture file}, dumpsys {package: text},
no_sha256 (bool), fail_after_pulls (int) with fail_mode ("gone" | "denied" | "hang").
Every call is appended to the scenario's log file, so tests can see what was asked.
"""

import json
import os
import shutil
import sys
import time
from pathlib import Path


def main() -> int:
    scenario_path = Path(os.environ["FAKE_ADB_SCENARIO"])
    scenario = json.loads(scenario_path.read_text())
    args = sys.argv[1:]
    log = scenario_path.with_suffix(".log")
    with log.open("a") as handle:
        handle.write(" ".join(args) + "\n")
    if args[:1] == ["-s"]:
        args = args[2:]
    if args[:2] == ["devices", "-l"]:
        sys.stdout.write(scenario["devices"])
        return 0
    if args[:1] == ["shell"]:
        return shell(scenario, args[1:])
    if args[:1] == ["pull"]:
        return pull(scenario, scenario_path, args[1], args[2])
    sys.stderr.write(f"unknown command {args}\n")
    return 1


def shell(scenario: dict, args: list[str]) -> int:
    if args[:3] == ["pm", "list", "packages"]:
        key = "pm_list_third_party" if "-3" in args else "pm_list_all"
        sys.stdout.write(scenario[key])
        return 0
    if args[:2] == ["pm", "path"]:
        for remote in scenario["paths"].get(args[2], []):
            sys.stdout.write(f"package:{remote}\n")
        return 0
    if args[:1] == ["sha256sum"]:
        if scenario.get("no_sha256"):
            sys.stderr.write("/system/bin/sh: sha256sum: not found\n")
            return 127
        import hashlib

        data = Path(scenario["files"][args[1]]).read_bytes()
        sys.stdout.write(f"{hashlib.sha256(data).hexdigest()}  {args[1]}\n")
        return 0
    if args[:2] == ["dumpsys", "package"]:
        sys.stdout.write(scenario["dumpsys"].get(args[2], ""))
        return 0
    return 1


def pull(scenario: dict, scenario_path: Path, remote: str, local: str) -> int:
    counter = scenario_path.with_suffix(".pulls")
    done = int(counter.read_text()) if counter.exists() else 0
    counter.write_text(str(done + 1))
    limit = scenario.get("fail_after_pulls")
    if limit is not None and done >= limit:
        mode = scenario.get("fail_mode", "gone")
        if mode == "hang":
            time.sleep(60)
        if mode == "denied":
            sys.stderr.write(
                f"adb: error: failed to stat remote object '{remote}': Permission denied\n"
            )
            return 1
        sys.stderr.write("adb: device 'FAKE123' not found\n")
        return 1
    shutil.copyfile(scenario["files"][remote], local)
    sys.stdout.write(f"{remote}: 1 file pulled.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
