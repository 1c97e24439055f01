"""The main window: the controller that connects pages, workers, menus and the engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checker import paths, phrases
from checker.adb import Adb
from checker.demo import demo_report
from checker.device_scan import scan_device
from checker.errors import Cancelled, CheckerError
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Report
from checker.report import to_dict
from checker.report_html import app_section_html
from checker.scan import Progress, scan
from checker.sources.base import CancelToken
from checker.wording import error_message, say
from ui import i18n, theme
from ui.error_dialog import error_dialog
from ui.export import export_report, print_report
from ui.history_controller import HistoryController
from ui.history_page import HistoryPage
from ui.i18n import Retranslating
from ui.letter_dialog import LetterDialog
from ui.results import ResultsPage
from ui.settings_dialog import SettingsDialog
from ui.welcome import WelcomePage
from ui.worker import ScanWorker
from ui.working import WorkingPage

Job = Callable[[Callable[[Progress], None], CancelToken], Report]


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, knowledge: Knowledge, settings: QSettings) -> None:
        super().__init__()
        self.knowledge = knowledge
        self.settings = settings
        self.report: Report | None = None
        self.showing_demo = False
        self.selected_app: AppResult | None = None
        self._retired: list[ScanWorker] = []
        self.worker: ScanWorker | None = None
        self.welcome, self.working, self.results = WelcomePage(), WorkingPage(), ResultsPage()
        self.history = HistoryPage()
        self.history_controller = HistoryController(self.history, self, knowledge)
        self.pages = QStackedWidget()
        for page in (self.welcome, self.working, self.results, self.history):
            self.pages.addWidget(page)
        self._inputs: list[str] = []
        self.errors = QListWidget()
        self.errors.setMaximumHeight(110)
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self._hide_errors)
        error_bar = QHBoxLayout()
        error_bar.addWidget(self.errors, 1)
        error_bar.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.error_panel = QWidget()
        self.error_panel.setLayout(error_bar)
        self.error_panel.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        self._build_menus()
        self._connect()
        self.retranslate()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)

    # ------------------------------------------------------------------ wiring

    def _connect(self) -> None:
        self.welcome.check_apks.connect(
            lambda: self.open_files(
                self.tr("Android apps (*.apk *.apks *.xapk *.apkm *.jar *.aar *.dex)")
            )
        )
        self.welcome.open_privacy_report.connect(
            lambda: self.open_files(self.tr("App Privacy Report (*.ndjson *.json)"))
        )
        self.welcome.open_bundle.connect(lambda: self.open_files(self.tr("App bundles (*.ipa)")))
        self.welcome.open_archive.connect(
            lambda: self.open_files(self.tr("Data exports (*.zip *.json *.csv *.html)"))
        )
        self.welcome.connect_phone.connect(self.connect_phone)
        self.welcome.try_demo.connect(self.show_demo)
        self.working.cancel_requested.connect(self.cancel)
        self.results.app_selected.connect(self._show_app)
        self.results.letter_requested.connect(self.open_letter)
        self.results.archives.anchorClicked.connect(self._archive_link)
        self.results.detail.anchorClicked.connect(open_web_link)
        self.history.back_requested.connect(self.go_back)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(lambda: self.open_files(""))
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.export_action.triggered.connect(self.export)
        self.export_action.setEnabled(False)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_report)
        self.print_action.setEnabled(False)
        self.home_action = QAction(self)
        self.home_action.triggered.connect(lambda: self.pages.setCurrentWidget(self.welcome))
        self.history_action = QAction(self)
        self.history_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_H))
        self.history_action.triggered.connect(self.show_history)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (
            self.open_action,
            self.export_action,
            self.print_action,
            self.home_action,
            self.history_action,
            self.quit_action,
        ):
            self.file_menu.addAction(action)
        self.edit_menu = self.menuBar().addMenu("")
        self.preferences_action = QAction(self)
        self.preferences_action.setShortcuts(
            [
                QKeySequence(QKeySequence.StandardKey.Preferences),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma),
            ]
        )
        self.preferences_action.triggered.connect(self.open_preferences)
        self.edit_menu.addAction(self.preferences_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = {
            lang: QAction(label, self, checkable=True)
            for lang, label in (("en", "English"), ("fr", "Français"))
        }
        for lang, action in self.language_actions.items():
            action.triggered.connect(lambda _checked=False, lang=lang: self.set_language(lang))
            self.language_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.open_guide)
        self.help_menu.addAction(self.guide_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Exposure Checker"))
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open…"))
        self.export_action.setText(self.tr("&Export report…"))
        self.print_action.setText(self.tr("&Print…"))
        self.home_action.setText(self.tr("&Start page"))
        self.history_action.setText(self.tr("&History"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.guide_action.setText(self.tr("&User guide"))
        self.about_action.setText(self.tr("&About"))
        self.dismiss.setText(self.tr("Dismiss"))
        self.errors.setAccessibleName(self.tr("Files that could not be read, and why"))
        for lang, action in self.language_actions.items():
            action.setChecked(lang == i18n.current())
        if self.report is not None:  # words change, the page shown does not
            self.show_report(self.report, demo=self.showing_demo, switch_page=False)

    def closeEvent(self, event: QEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.cancel()
        QThreadPool.globalInstance().waitForDone(5000)  # the engine stops within a second of cancel
        super().closeEvent(event)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ actions

    def set_language(self, lang: str) -> None:
        """Switch now; 'system' follows the computer's language."""
        i18n.install(i18n.system_language() if lang == "system" else lang)
        self.settings.setValue("language", lang)

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, name)
        self.settings.setValue("theme", name)

    def open_preferences(self) -> SettingsDialog:
        dialog = SettingsDialog(self, self.settings)
        dialog.language_changed.connect(self.set_language)
        dialog.theme_changed.connect(self.set_theme)
        dialog.data_cleared.connect(self._forget_results)
        dialog.open_dialog()
        return dialog

    def _forget_results(self) -> None:
        self.report = None
        self.export_action.setEnabled(False)
        self.print_action.setEnabled(False)
        self.pages.setCurrentWidget(self.welcome)

    def open_files(self, name_filter: str) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose files to check"), "", name_filter
        )
        if paths:
            self.check(paths)

    def check(self, paths: list[str]) -> None:
        """Check files or folders in the background."""
        self._inputs = list(paths)
        self.run_job(
            lambda progress, cancel: scan(paths, self.knowledge, progress=progress, cancel=cancel)
        )

    def connect_phone(self) -> None:
        lang = i18n.current()
        try:
            adb = Adb.find()
            ready = [d for d in adb.devices() if d.state == "device"]
        except CheckerError as exc:
            QMessageBox.information(
                self, self.tr("Android phone"), error_message(exc.code, exc.detail, lang)
            )
            return
        if not ready:
            QMessageBox.information(self, self.tr("Android phone"), say("device_none", lang))
            return
        serial = ready[0].serial
        self._inputs = [f"adb:{serial}"]
        self.run_job(
            lambda progress, cancel: scan_device(
                serial, self.knowledge, adb=adb, progress=progress, cancel=cancel
            )[0]
        )

    def show_demo(self) -> None:
        self.show_report(demo_report(self.knowledge), demo=True)

    def run_job(self, job: Job) -> None:
        if self.worker is not None:
            return
        self.working.reset()
        self.pages.setCurrentWidget(self.working)
        self.worker = ScanWorker(job)
        self.worker.signals.progress.connect(self.working.show_progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(self.worker)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.working.cancel.setEnabled(False)

    def _retire_worker(self) -> None:
        """Forget the current worker but keep it referenced: its run() may still be returning on
        the pool thread, and freeing it under that thread crashes (a PySide pitfall)."""
        if self.worker is not None:
            self._retired.append(self.worker)
            del self._retired[:-4]
        self.worker = None

    def _finished(self, report: Report) -> None:
        self._retire_worker()
        self.history_controller.save(report, self._inputs)
        self.show_report(report)

    def show_history(self) -> None:
        self.history_controller.refresh()
        self.pages.setCurrentWidget(self.history)

    def go_back(self) -> None:
        self.pages.setCurrentWidget(self.results if self.report is not None else self.welcome)

    def _failed(self, error: Exception) -> None:
        self._retire_worker()
        self.pages.setCurrentWidget(self.welcome if self.report is None else self.results)
        if not isinstance(error, Cancelled):
            lang = i18n.current()
            message = (
                error_message(error.code, error.detail, lang)
                if isinstance(error, CheckerError)
                else self.tr(
                    "An unexpected problem stopped the check. Your files were not changed."
                )
            )
            self.error_box = error_dialog(self, self.tr("Something went wrong"), message, error)
            self.error_box.open()

    # ------------------------------------------------------------------ showing results

    def show_report(self, report: Report, *, demo: bool = False, switch_page: bool = True) -> None:
        self.report = report
        self.showing_demo = demo
        self.export_action.setEnabled(True)
        self.print_action.setEnabled(True)
        self.results.show_report(report, self.knowledge, i18n.current(), demo=demo)
        self._show_errors(report)
        if switch_page:
            self.pages.setCurrentWidget(self.results)
        key = self.results.first_app()
        if key is not None:
            self._show_app(key)

    def _show_app(self, app_id: str) -> None:
        if self.report is None:
            return
        for result in self.report.apps:
            if result.app.id == app_id:
                self.selected_app = result
                self.results.detail.setHtml(
                    app_section_html(result, self.knowledge, i18n.current())
                )
                self.results.letter.setEnabled(bool(result.hits))
                return

    def open_letter(self) -> LetterDialog | None:
        """A data request to the groups behind the selected app (letters need a company)."""
        if self.report is None or self.selected_app is None:
            return None
        groups = dict.fromkeys(
            self.knowledge.company_chain(h.tracker.company_id)[-1] for h in self.selected_app.hits
        )
        report = to_dict(self.report, self.knowledge, i18n.current())
        dialog = LetterDialog(self, self.knowledge, list(groups), report, i18n.current())
        dialog.open_dialog()
        return dialog

    def _archive_link(self, url: QUrl) -> None:
        if url.scheme() == "letter":
            self.open_letter_to(url.path())

    def open_letter_to(self, company_id: str) -> LetterDialog | None:
        """A data request to a platform whose export the user opened."""
        company = self.knowledge.companies.get(company_id)
        if self.report is None or company is None:
            return None
        report = to_dict(self.report, self.knowledge, i18n.current())
        dialog = LetterDialog(self, self.knowledge, [company], report, i18n.current())
        dialog.open_dialog()
        return dialog

    def _show_errors(self, report: Report) -> None:
        self.errors.clear()
        lang = i18n.current()
        for error in (*report.errors, *report.warnings):
            self.errors.addItem(
                f"{phrases.shown_path(error.path)} — {error_message(error.code, error.detail, lang)}"
            )
        self.error_panel.setVisible(bool(report.errors or report.warnings))

    def _hide_errors(self) -> None:
        self.error_panel.hide()

    def export(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), "exposure-report.html",
                                              self.tr("HTML (*.html);;PDF (*.pdf);;CSV (*.csv);;JSON (*.json)"))  # fmt: skip
        if path:
            export_report(self.report, self.knowledge, Path(path), i18n.current())

    def print_report(self) -> None:
        if self.report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_report(self.report, self.knowledge, printer, i18n.current())

    def open_guide(self) -> QUrl:
        """The README on this computer, in the system's viewer: no network involved."""
        url = QUrl.fromLocalFile(str(paths.guide_path()))
        QDesktopServices.openUrl(url)
        return url

    def about(self) -> None:
        from checker import __version__

        QMessageBox.about(self, self.tr("About Exposure Checker"), self.tr(
            "Exposure Checker {version}\nKnowledge base {kb}: {trackers} tracker SDKs from {companies} companies.\n"
            "Checks run offline on this computer."
        ).format(version=__version__, kb=self.knowledge.info.version, trackers=self.knowledge.info.trackers,
                 companies=self.knowledge.info.companies))  # fmt: skip

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.check(paths)


def open_web_link(url: QUrl) -> bool:
    """A source the reader chose to follow opens in their browser; only https, nothing else."""
    if url.scheme() != "https":
        return False
    return QDesktopServices.openUrl(url)
