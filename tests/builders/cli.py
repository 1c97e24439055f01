"""Run the command line in-process and capture what it says."""

from __future__ import annotations

import io

from checker import cli


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `main.py ARGS`."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()
