"""Refuse regular expressions that could hang us: imported lists are untrusted.

Two checks. First the shape: bounded length, no back-references, and no
repeat nested inside an unbounded repeat (the classic catastrophic
backtracking shape, ``(a+)+``). Then a trial: every pattern is run against
adversarial texts in a separate process that is killed after a deadline,
since a running regex cannot be interrupted from Python.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable
from typing import Any

from checker.errors import FormatError, LimitExceeded

MAX_PATTERN_LENGTH = 2000
TRIAL_SECONDS = 10.0

try:  # the parser is internal to `re`; without it only the trial protects us
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every CPython we support has it
    _sre_parse = None

_TRIAL = r"""
import json, re, sys
patterns = json.load(sys.stdin)
texts = ["a" * 4000 + "!", "com." * 1500 + "!", "x" * 3000 + "\n", "." * 4000,
         "com.google.android.gms.ads." * 80 + "$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"]
for pattern in patterns:
    compiled = re.compile(pattern)
    for text in texts:
        compiled.search(text)
print("ok")
"""


class UnsafePattern(LimitExceeded):
    code = "unsafe_pattern"


class InvalidPattern(FormatError):
    code = "invalid_pattern"


def check_shape(pattern: str) -> None:
    """Raise ``UnsafePattern`` when ``pattern`` is too long, invalid or dangerously shaped."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise InvalidPattern(f"{pattern[:60]!r}: {exc}") from None
    if _sre_parse is not None:
        _walk(_sre_parse.parse(pattern), inside_unbounded=False, pattern=pattern)


def _walk(tree: Any, *, inside_unbounded: bool, pattern: str) -> None:
    for op, arg in tree:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            raise UnsafePattern(f"back-references are not allowed: {pattern[:60]!r}")
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _low, high, body = arg
            unbounded = high == _sre_parse.MAXREPEAT or high > 100
            if inside_unbounded and high > 1:
                raise UnsafePattern(f"nested repetition can hang: {pattern[:60]!r}")
            _walk(body, inside_unbounded=inside_unbounded or unbounded, pattern=pattern)
        elif name == "SUBPATTERN":
            _walk(arg[-1], inside_unbounded=inside_unbounded, pattern=pattern)
        elif name in ("BRANCH",):
            for branch in arg[1]:
                _walk(branch, inside_unbounded=inside_unbounded, pattern=pattern)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _walk(arg[1], inside_unbounded=inside_unbounded, pattern=pattern)


def trial(patterns: Iterable[str], timeout: float = TRIAL_SECONDS) -> None:
    """Run the patterns on adversarial texts in a child process; refuse on timeout."""
    payload = json.dumps(sorted(set(patterns)))
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _TRIAL],
            input=payload, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise UnsafePattern(f"patterns took more than {timeout:.0f} s on test texts") from None
    if done.returncode != 0 or done.stdout.strip() != "ok":
        raise UnsafePattern("patterns failed on test texts")
