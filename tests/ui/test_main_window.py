"""The desktop app, driven like a person would: demo, open files, cancel, drop, French, export."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from tests.builders.apk import build_apk, write
from ui import i18n
from ui.export import export_report
from ui.main_window import MainWindow
from ui.translations_fr import FRENCH

ROOT = Path(__file__).resolve().parents[2]
AMAZON = "com.amazon.device.ads.AdLayout"


def rows(window: MainWindow) -> list[str]:
    model = window.results.apps_proxy
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_demo_data_shows_a_labelled_report(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.welcome.buttons["demo"], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.results
    assert len(rows(window)) == 5
    assert window.results.summary.text().startswith("DEMO DATA")
    assert "Tracker code inside" in window.results.detail.toPlainText()


def test_checking_files_shows_apps_and_collects_errors(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    write(
        tmp_path / "in" / "speed.apk", build_apk("org.speed", classes=[AMAZON], label="Speed Test")
    )
    write(
        tmp_path / "in" / "notes.apk",
        build_apk("org.notes", classes=["org.notes.Main"], label="Notes"),
    )
    broken = write(tmp_path / "broken.apk", b"not a zip")
    window.check([str(tmp_path / "in"), str(broken)])
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.results, timeout=20000)
    assert sorted(rows(window)) == ["Notes", "Speed Test"]
    assert window.error_panel.isVisible() and window.errors.count() == 1
    assert "broken.apk" in window.errors.item(0).text()
    qtbot.mouseClick(window.dismiss, Qt.MouseButton.LeftButton)
    assert not window.error_panel.isVisible()


def test_a_long_scan_can_be_cancelled(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    for index in range(60):
        write(tmp_path / "many" / f"a{index}.apk", build_apk(f"org.app{index}", classes=[AMAZON]))
    window.check([str(tmp_path / "many")])
    assert window.pages.currentWidget() is window.working
    qtbot.mouseClick(window.working.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.worker is None, timeout=10000)
    assert window.pages.currentWidget() is window.welcome


def test_dropping_files_checks_them(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    apk = write(
        tmp_path / "dropped.apk", build_apk("org.dropped", classes=[AMAZON], label="Dropped")
    )
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(apk))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.results, timeout=20000)
    assert rows(window) == ["Dropped"]


def test_switching_to_french_at_run_time(window: MainWindow, qtbot: QtBot) -> None:
    window.set_language("fr")
    qtbot.waitUntil(
        lambda: window.file_menu.title() == "&Fichier"
    )  # LanguageChange is a posted event
    assert window.welcome.buttons["demo"].text() == "Essayer avec des données de démonstration"
    window.show_demo()
    assert window.results.tabs.tabText(1) == "Entreprises"
    assert "Code de pistage présent" in window.results.detail.toPlainText()
    window.show_history()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.welcome.buttons["demo"].text() == "Try with demo data")
    assert window.pages.currentWidget() is window.history  # new words, same page


def test_every_export_format(window: MainWindow, tmp_path: Path) -> None:
    window.show_demo()
    assert window.report is not None
    for suffix in ("html", "pdf", "csv", "json"):
        export_report(
            window.report, window.knowledge, tmp_path / f"report.{suffix}", i18n.current()
        )
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Demo Speed Test" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").startswith("App,")
    assert '"schema": 1' in (tmp_path / "report.json").read_text(encoding="utf-8")


def test_every_interface_string_has_french() -> None:
    missing = []
    for path in (ROOT / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
            ):
                argument = node.args[0] if node.args else None
                if isinstance(argument, ast.Constant) and argument.value not in FRENCH:
                    missing.append((path.name, argument.value))
    assert missing == []


def test_self_test_starts_and_exits_cleanly(tmp_path: Path) -> None:
    env = {
        "EXPOSURE_CHECKER_HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-test"],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_history_lists_compares_and_deletes(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    write(
        tmp_path / "v1" / "speed.apk", build_apk("org.speed", classes=[AMAZON], label="Speed Test")
    )
    write(
        tmp_path / "v2" / "speed.apk", build_apk("org.speed", classes=[AMAZON], label="Speed Test")
    )
    write(tmp_path / "v2" / "new.apk", build_apk("org.new", classes=["org.new.Main"], label="New"))
    for folder in ("v1", "v2"):
        window.check([str(tmp_path / folder)])
        qtbot.waitUntil(
            lambda: window.worker is None and window.pages.currentWidget() is window.results,
            timeout=20000,
        )
    window.show_history()
    page = window.history
    assert page.model.rowCount() == 2
    selection = page.view.selectionModel()
    for row in (0, 1):
        selection.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    qtbot.mouseClick(page.compare, Qt.MouseButton.LeftButton)
    assert shown and "New app: org.new" in shown[0]
    page.view.clearSelection()
    page.view.selectRow(0)
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    qtbot.mouseClick(page.delete_all, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0


def test_writing_a_data_request_from_an_app(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    window.show_demo()
    window._show_app("org.demo.speedtest")
    dialog = window.open_letter()
    assert dialog is not None
    names = [dialog.company.itemText(i) for i in range(dialog.company.count())]
    assert "Amazon.com, Inc." in names and "Alphabet Inc." in names
    dialog.company.setCurrentIndex(names.index("Amazon.com, Inc."))
    assert (
        "Article 15" in dialog.text.toPlainText() and "Demo Speed Test" in dialog.text.toPlainText()
    )
    dialog.law.setCurrentIndex(dialog.law.findData("ccpa"))
    assert "1798.110" in dialog.text.toPlainText()
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    assert dialog.send_to.text().startswith("Send it to: ")


def test_help_opens_the_local_user_guide(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.guide_action.trigger()
    assert len(opened) == 1 and opened[0].isLocalFile()
    assert Path(opened[0].toLocalFile()) == ROOT / "README.md"


def test_a_claims_source_opens_in_the_browser_and_nothing_else_does(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.show_demo()
    assert '<a href="https://' in window.results.detail.toHtml()  # the demo's sources are linked
    window.results.detail.anchorClicked.emit(QUrl("https://example.org/docs"))
    window.results.detail.anchorClicked.emit(QUrl("file:///etc/passwd"))
    window.results.detail.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert [url.toString() for url in opened] == ["https://example.org/docs"]


def test_french_keeps_qt_own_buttons_labelled(window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.install("fr")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        assert box.buttons()[0].text().replace("&", "") in ("Fermer", "Close")
    finally:
        i18n.install("en")


def test_data_tab_keeps_the_reports_order(window: MainWindow) -> None:
    from checker import phrases

    window.show_demo()
    rows = window.results.data_chart.rows
    assert [row.line for row in rows] == phrases.data_reach(window.report, window.knowledge, "en")  # type: ignore[arg-type]
    assert [row.groups for row in rows] == sorted((row.groups for row in rows), reverse=True)
    precise = next(row for row in rows if row.name == "Precise location")
    assert precise.apps == "through Demo Speed Test, Demo Weather"
    assert window.results.data_chart.accessibleDescription().count("\n") == len(rows) - 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_control_has_a_name_a_screen_reader_can_say(window: MainWindow, lang: str) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit

    i18n.install(lang)
    try:
        window.show_demo()
        window.show_history()
        unnamed = [
            f"{type(w).__name__} {w.objectName()}"
            for kind in (QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit)
            for w in window.findChildren(kind)
            if not w.accessibleName()
            and not (isinstance(w, QAbstractButton) and w.text().replace("&", "").strip())
            and not isinstance(w.parent(), QAbstractItemView | QLineEdit)  # Qt's own parts
            and not w.objectName().startswith("qt_")
        ]
        assert unnamed == []
    finally:
        i18n.install("en")


def test_apps_table_shows_platform_risk_and_evidence(window: MainWindow) -> None:
    from ui.models import SORT_ROLE

    window.show_demo()
    model = window.results.apps_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:7] == [
        "App",
        "Score",
        "Highest risk",
        "Trackers",
        "Companies",
        "Evidence",
        "Platform",
    ]
    risks = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert risks <= {"Low", "Medium", "High", "Critical", "—"} and risks & {"High", "Critical"}
    ranks = [model.index(r, 2).data(SORT_ROLE) for r in range(model.rowCount())]
    assert all(isinstance(rank, int) for rank in ranks)  # sorted by severity, not alphabetically
    assert {model.index(r, 6).data() for r in range(model.rowCount())} <= {
        "Android",
        "iOS",
        "macOS",
    }
