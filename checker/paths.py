"""Where the app reads its resources and keeps its own files.

Everything we write lives under one data directory (and its cache), which
``EXPOSURE_CHECKER_HOME`` can move, for tests and for portable installs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "exposure-checker"
HOME_ENV = "EXPOSURE_CHECKER_HOME"


def resources_dir() -> Path:
    """The read-only resources shipped with the app (source tree or frozen bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def guide_path() -> Path:
    """The user guide (the README) beside the resources."""
    return resources_dir().parent / "README.md"


def data_dir() -> Path:
    """The user's private data directory, created on first use (mode 700)."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return _private_dir(path)


def cache_dir() -> Path:
    """Disposable files (the compiled knowledge base); safe to delete at any time."""
    override = os.environ.get(HOME_ENV)
    path = (
        Path(override) / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME, False))
    )
    return _private_dir(path)


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
