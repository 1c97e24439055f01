"""Desktop start-up benchmark: ``python -m bench.startup`` (part of ``make bench``).

Times ``main.py --self-test`` in a fresh process: interpreter start, Qt and our imports, the
knowledge base, the main window shown and one turn of the event loop, then quit. Once with an
empty data folder (the first start ever compiles the knowledge base) and then warm, best of 5.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_once(home: Path) -> float:
    env = {**os.environ, "EXPOSURE_CHECKER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        first = start_once(home)
        warm = min(start_once(home) for _ in range(5))
    print("Desktop start-up (window shown, offscreen)")
    print(f"  first start ever (compiles the knowledge base): {first:.2f} s")
    print(f"  usual start, best of 5:                          {warm:.2f} s")


if __name__ == "__main__":
    main()
