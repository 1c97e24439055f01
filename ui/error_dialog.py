"""An error dialog whose details can be copied into a bug report without personal data.

The details name versions, the platform, the error's type and code, and where in our
code it happened (file names and line numbers of the app, never of the user's files);
messages of unexpected errors are left out because they may quote a path or a name.
"""

from __future__ import annotations

import platform
import traceback
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from checker import __version__
from checker.errors import CheckerError

_PROJECT = Path(__file__).resolve().parents[1]


def error_details(error: BaseException) -> str:
    lines = [
        f"Exposure Checker {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.system()} {platform.release()}",
        f"Error: {type(error).__name__}"
        + (f" ({error.code})" if isinstance(error, CheckerError) else ""),
    ]
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(_PROJECT):
            lines.append(
                f"  {path.relative_to(_PROJECT).as_posix()}:{frame.lineno} in {frame.name}"
            )
    return "\n".join(lines)


def error_dialog(parent: QWidget, title: str, message: str, error: BaseException) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setDetailedText(error_details(error))
    box.setAccessibleName(title)
    return box
