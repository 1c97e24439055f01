"""Data-export archives in the app, and the error dialog whose details carry no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from checker import paths
from tests.builders import exports as ex
from ui import i18n
from ui.error_dialog import error_details
from ui.icon import _drawn, app_icon
from ui.main_window import MainWindow
from ui.results import ARCHIVES_TAB


def test_an_archive_opens_its_own_tab_in_both_languages(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert not window.results.tabs.isTabVisible(ARCHIVES_TAB)
    amazon = ex.write_zip(tmp_path / "amazon.zip", ex.amazon_members())
    takeout = ex.write_zip(
        tmp_path / "takeout.zip",
        ex.takeout_members(activity={"Some Obscure Tool": "com.obscure.tool"}),
    )
    window.check([str(amazon), str(takeout)])
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.results, timeout=20000)
    tabs = window.results.tabs
    assert tabs.isTabVisible(ARCHIVES_TAB) and tabs.tabText(ARCHIVES_TAB) == "Data exports"
    text = window.results.archives.toPlainText()
    assert "someone else gave Amazon data about you" in text and "Google Takeout" in text
    listed = [
        window.results.apps_proxy.index(r, 7).data()
        for r in range(window.results.apps_proxy.rowCount())
    ]
    assert "com.obscure.tool" in listed
    i18n.install("fr")
    qtbot.waitUntil(lambda: tabs.tabText(ARCHIVES_TAB) == "Exports de données")
    assert "quelqu'un d'autre a fourni vos données" in window.results.archives.toPlainText()


def test_the_welcome_screen_offers_data_exports(window: MainWindow) -> None:
    button = window.welcome.buttons["archive"]
    assert button.text().startswith("Open a data-export archive")
    assert button.accessibleName() == button.text()


def test_an_unexpected_failure_offers_copyable_details_without_personal_data(
    window: MainWindow, qtbot: QtBot
) -> None:
    secret = "/home/alice/Private/health-app.apk"

    def job(progress, cancel):  # type: ignore[no-untyped-def]
        raise ValueError(f"cannot parse {secret}")

    window.run_job(job)
    qtbot.waitUntil(lambda: getattr(window, "error_box", None) is not None, timeout=10000)
    box = window.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    details = box.detailedText()
    assert "ValueError" in details and "Exposure Checker" in details
    assert secret not in details and "alice" not in details
    assert "unexpected problem" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()


def test_error_details_name_our_code_only() -> None:
    try:
        int("x")
    except ValueError as exc:
        details = error_details(exc)
    assert "tests/ui/test_archives_and_errors.py" in details
    assert "invalid literal" not in details  # the message may quote user data: left out


def test_the_exports_tab_links_to_a_letter_for_that_platform(window: MainWindow) -> None:
    window.show_demo()  # the demo carries an invented Meta and Amazon export
    html = window.results.archives.toHtml()
    assert 'href="letter:amazon"' in html and "python main.py" not in html
    dialog = window.open_letter_to("amazon")
    assert dialog is not None and dialog.company.currentText().startswith("Amazon")
    assert "Amazon" in dialog.text.toPlainText()
    dialog.close()
    assert window.open_letter_to("no_such_company") is None


def test_print_lays_the_report_out_in_pages(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.print_action.isEnabled()
    window.show_demo()
    assert window.print_action.isEnabled()
    target = tmp_path / "printed.pdf"

    class AcceptingPrintDialog:  # the system dialog, answered "Print" to a PDF printer
        def __init__(self, printer: QPrinter, parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr("ui.main_window.QPrintDialog", AcceptingPrintDialog)
    window.print_action.trigger()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2


def test_the_window_has_a_sharp_icon_at_every_size(window: MainWindow) -> None:
    for icon in (
        app_icon(),
        _drawn(QSvgRenderer(str(paths.resources_dir() / "icons" / "app.svg"))),
    ):
        for size in (16, 32, 256, 512):
            image = icon.pixmap(size, size).toImage()
            assert (image.width(), image.height()) == (size, size)
            assert image.pixelColor(size // 2, size // 10).alpha() == 255  # drawn, not blank
