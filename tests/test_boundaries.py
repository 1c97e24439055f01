"""House rules a user relies on without seeing them: offline checks, engine without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checker.knowledge.base import Knowledge
from checker.scan import scan
from tests.builders.apk import build_apk, write

ROOT = Path(__file__).resolve().parents[1]


def test_scan_opens_no_network_connection(
    tmp_path: Path, knowledge: Knowledge, no_network: list[tuple[object, ...]]
) -> None:
    apk = write(tmp_path / "a.apk", build_apk("com.a", classes=["com.amazon.device.ads.AdLayout"]))
    report = scan([str(apk), str(tmp_path)], knowledge)
    assert report.apps and not report.errors
    assert no_network == []


def test_the_engine_never_imports_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui'):\n"
        "            raise ImportError('Qt is not allowed in checker/')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pkgutil, importlib, checker\n"
        "for m in pkgutil.walk_packages(checker.__path__, 'checker.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    env = {"EXPOSURE_CHECKER_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
