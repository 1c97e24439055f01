"""An Android phone over USB, through ``adb``: devices, packages, every split, granted permissions.

Every call has a timeout and becomes a typed error on failure (device gone,
permission denied, adb missing or hung). Pulled APKs live in our cache under
their SHA-256 so an interrupted scan resumes without pulling them again; they
are removed once the scan finishes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from checker import paths
from checker.errors import CheckerError
from checker.text import PACKAGE_ID, pm_list_fields

log = logging.getLogger(__name__)

ADB_ENV = "EXPOSURE_CHECKER_ADB"
TIMEOUT = 30.0  # one adb command
PULL_TIMEOUT = 600.0  # one APK, over a slow cable
_SHA256 = re.compile(r"^[0-9a-f]{64}\b")


class AdbError(CheckerError):
    code = "adb"


class AdbMissing(AdbError):
    code = "adb_missing"


class DeviceGone(AdbError):
    code = "device_gone"


class AdbTimeout(AdbError):
    code = "adb_timeout"


@dataclass(frozen=True, slots=True)
class Device:
    serial: str
    state: str  # device | unauthorized | offline | no permissions | ...
    model: str


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    name: str
    installer: str | None
    uid: int | None
    system: bool


@dataclass
class Adb:
    """One adb executable; counts the time spent waiting on it (for the benchmark)."""

    executable: str
    waited: float = field(default=0.0)

    @classmethod
    def find(cls) -> Adb:
        override = os.environ.get(ADB_ENV)
        found = override or shutil.which("adb")
        if not found:
            raise AdbMissing("adb not found")
        return cls(found)

    def run(self, *args: str, serial: str | None = None, timeout: float = TIMEOUT) -> str:
        command = [self.executable, *(["-s", serial] if serial else []), *args]
        started = time.monotonic()
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise AdbTimeout(f"'adb {args[0]}' gave no answer within {timeout:.0f} s") from None
        except OSError as exc:
            raise AdbMissing(f"cannot run adb ({exc.strerror or exc})") from None
        finally:
            self.waited += time.monotonic() - started
        out = done.stdout.decode("utf-8", "replace")
        err = done.stderr.decode("utf-8", "replace").strip()
        if done.returncode != 0:
            text = (err or out).strip()
            if re.search(r"device '.*' not found|no devices/emulators found|device offline", text):
                raise DeviceGone(text.splitlines()[0] if text else "device disconnected")
            raise AdbError(
                f"'adb {args[0]}' failed: {text.splitlines()[0] if text else done.returncode}"
            )
        return out

    # -------------------------------------------------------------- queries

    def devices(self) -> list[Device]:
        found = []
        for line in self.run("devices", "-l").splitlines()[1:]:
            if not line.strip() or line.startswith("*"):
                continue
            serial, _, rest = line.partition("\t") if "\t" in line else line.partition(" ")
            state = rest.strip().split("  ")[0].split(" usb:")[0].split(" product:")[0].strip()
            model = re.search(r"model:(\S+)", rest)
            found.append(
                Device(
                    serial.strip(),
                    state or "unknown",
                    model.group(1).replace("_", " ") if model else "",
                )
            )
        return found

    def packages(self, serial: str, *, include_system: bool = False) -> list[InstalledPackage]:
        third_party = {
            p.name
            for p in _parse_pm_list(
                self.run("shell", "pm", "list", "packages", "-3", serial=serial)
            )
        }
        listing = _parse_pm_list(
            self.run("shell", "pm", "list", "packages", "-f", "-i", "-U", serial=serial)
        )
        result = [
            InstalledPackage(p.name, p.installer, p.uid, p.name not in third_party) for p in listing
        ]
        return [p for p in result if include_system or not p.system]

    def apk_paths(self, serial: str, package: str) -> list[str]:
        """Every APK of the package: base and splits, as `pm path` lists them."""
        out = self.run("shell", "pm", "path", package, serial=serial)
        found = [
            line[len("package:") :].strip()
            for line in out.splitlines()
            if line.startswith("package:")
        ]
        if not found:
            raise AdbError(f"no APK path for {package}")
        return found

    def granted_permissions(self, serial: str, package: str, user: int = 0) -> tuple[str, ...]:
        return _parse_granted(self.run("shell", "dumpsys", "package", package, serial=serial), user)

    def pull(self, serial: str, remote: str, cache: Path) -> Path:
        """Pull ``remote`` into ``cache`` named by its SHA-256, reusing an earlier pull."""
        digest = None
        try:
            answer = self.run("shell", "sha256sum", remote, serial=serial)
            match = _SHA256.match(answer.strip())
            digest = match.group(0) if match else None
        except DeviceGone:
            raise
        except AdbError:
            digest = None  # old phones have no sha256sum: pull every time
        if digest is not None:
            target = cache / f"{digest}.apk"
            if target.exists() and _sha256(target) == digest:
                return target
        partial = (
            cache / f".{os.getpid()}-{hashlib.sha256(remote.encode()).hexdigest()[:16]}.partial"
        )
        try:
            self.run("pull", remote, str(partial), serial=serial, timeout=PULL_TIMEOUT)
            if not partial.exists():
                raise AdbError(f"pull of {remote} produced no file")
            actual = _sha256(partial)
            if digest is not None and actual != digest:
                raise AdbError(f"{remote} changed or was cut short while pulling")
            target = cache / f"{actual}.apk"
            partial.replace(target)
            return target
        finally:
            partial.unlink(missing_ok=True)


def pull_cache() -> Path:
    folder = paths.cache_dir() / "device-pulls"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _parse_pm_list(text: str) -> list[InstalledPackage]:
    """Lines of 'package:[path=]name [installer=x] [uid:n]'; paths may hold '='."""
    found: dict[str, InstalledPackage] = {}
    for line in text.splitlines():
        parsed = pm_list_fields(line)
        if parsed is None or not PACKAGE_ID.fullmatch(parsed[0]):
            continue
        name, fields = parsed
        installer = next((f.split("=", 1)[1] for f in fields if f.startswith("installer=")), None)
        uid_text = next((f.split(":", 1)[1] for f in fields if f.startswith("uid:")), None)
        uid = int(uid_text) if uid_text and uid_text.isdigit() else None
        found[name] = InstalledPackage(
            name, None if installer in (None, "null") else installer, uid, False
        )
    return list(found.values())


def _parse_granted(dumpsys: str, user: int) -> tuple[str, ...]:
    """Install-time grants plus the runtime grants of ``user`` from `dumpsys package`."""
    granted: dict[str, None] = {}
    section = ""
    current_user: int | None = None
    for raw in dumpsys.splitlines():
        line = raw.strip()
        user_match = re.match(r"User (\d+):", line)
        if user_match:
            current_user = int(user_match.group(1))
        if line.endswith("permissions:"):
            section = line
            continue
        match = re.match(r"([\w.]+): granted=(true|false)", line)
        if not match or match.group(2) != "true":
            continue
        if section.startswith("install permissions") or (
            section.startswith("runtime permissions") and current_user == user
        ):
            granted[match.group(1)] = None
    return tuple(granted)
