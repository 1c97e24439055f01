"""Peak memory of one scan, measured in a fresh process: ``python -m bench.memory PATH``.

Prints the resident-set peak before and after the scan (knowledge base already
loaded), in MiB, as JSON on one line.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from checker.knowledge.base import Knowledge
from checker.scan import scan


def peak_mib() -> float:
    """This process's resident-set high-water mark. VmHWM, because ru_maxrss is
    inherited from the parent across fork and would report the benchmark's own peak."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    knowledge = Knowledge.load()
    _ = knowledge.android_signatures
    before = peak_mib()
    report = scan(sys.argv[1:], knowledge)
    after = peak_mib()
    print(json.dumps({"before_mib": before, "after_mib": after, "apps": len(report.apps)}))


if __name__ == "__main__":
    main()
