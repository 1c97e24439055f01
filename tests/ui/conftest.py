"""GUI tests run offscreen, each with a fresh window over a fresh data directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from pytestqt.qtbot import QtBot

from checker.knowledge.base import Knowledge
from ui import i18n
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, knowledge: Knowledge, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    i18n.install("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(knowledge, settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.cancel()
    QThreadPool.globalInstance().waitForDone(10000)
    i18n.install("en")
