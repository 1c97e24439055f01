"""Start the desktop app: Qt application, language, knowledge base, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from checker import paths
from checker.knowledge.base import Knowledge
from ui import i18n, theme
from ui.icon import app_icon
from ui.main_window import MainWindow

STYLE = """
QLabel#welcomeTitle { font-size: 22px; font-weight: 600; }
QLabel#summary { font-size: 15px; font-weight: 600; padding: 6px 2px; }
QLabel#muted { color: palette(mid); }
QPushButton { padding: 6px 14px; }
"""


def settings() -> QSettings:
    """Window geometry and language, in our own data directory (nowhere else)."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def create(argv: list[str]) -> tuple[QApplication, MainWindow]:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Exposure Checker")
    app.setWindowIcon(app_icon())
    app.setStyleSheet(STYLE)
    stored = settings()
    language = str(stored.value("language", "system"))
    i18n.install(language if language in i18n.LANGUAGES else i18n.system_language())
    theme.apply(app, str(stored.value("theme", "system")))
    window = MainWindow(Knowledge.load(), stored)
    return app, window


def run(argv: list[str]) -> int:
    app, window = create(argv)
    window.show()
    return app.exec()


def self_test() -> int:
    """Start offscreen, load resources, translations and the knowledge base, and quit: exit 0 if all worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app, window = create(sys.argv[:1])
    window.show()
    i18n.install("fr")
    app.processEvents()
    ok = (
        window.windowTitle() != ""
        and window.knowledge.info.trackers > 0
        and not app.windowIcon().isNull()
    )
    i18n.install("en")
    window.close()
    return 0 if ok else 1
