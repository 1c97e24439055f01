"""Results: a summary, then Apps / Companies / Data / Data exports tabs and the selected app's detail."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checker import phrases
from checker.explain import evidence_strength, score
from checker.knowledge.base import Knowledge
from checker.models import AppResult, Platform, Report
from checker.report import all_exposures, app_score
from checker.report_html import archives_html
from ui.i18n import Retranslating
from ui.models import KEY_ROLE, SORT_ROLE, Ranked, RowsModel
from ui.reach_chart import ReachChart

ARCHIVES_TAB = 3
SCORE_COLUMN = 1  # in the Apps table


def _table(model: QSortFilterProxyModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


def _proxy(model: RowsModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


class ResultsPage(Retranslating, QWidget):
    app_selected = Signal(str)
    letter_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("summary")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.apps_model, self.companies_model = RowsModel(), RowsModel()
        self.apps_proxy = _proxy(self.apps_model)
        self.apps_view = _table(self.apps_proxy)
        self.companies_view = _table(_proxy(self.companies_model))
        self.data_chart = ReachChart()
        self.data_heading = QLabel()
        self.data_heading.setWordWrap(True)
        data_page = QWidget()
        data_layout = QVBoxLayout(data_page)
        data_layout.addWidget(self.data_heading)
        data_layout.addWidget(self.data_chart)
        data_layout.addStretch(1)
        self.data_scroll = QScrollArea()
        self.data_scroll.setWidgetResizable(True)
        self.data_scroll.setWidget(data_page)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.apps_view, "")
        self.tabs.addTab(self.companies_view, "")
        self.tabs.addTab(self.data_scroll, "")
        self.archives = QTextBrowser()  # what the data-export archives show
        self.archives.setOpenExternalLinks(False)
        self.archives.setOpenLinks(False)
        self.tabs.addTab(self.archives, "")
        self.tabs.setTabVisible(ARCHIVES_TAB, False)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setOpenLinks(False)
        self.letter = QPushButton()
        self.letter.clicked.connect(self.letter_requested.emit)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.letter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tabs)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.apps_proxy.setFilterFixedString)
        self.apps_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.retranslate()

    def show_report(self, report: Report, knowledge: Knowledge, lang: str, *, demo: bool) -> None:
        """Fill the summary, the tables, the chart and the exports tab from one report."""
        companies = len({h.tracker.company_id for r in report.apps for h in r.hits})
        summary = self.tr("Exposure score {score}/100 · {summary}").format(
            score=score(all_exposures(report)), summary=phrases.summary(report, companies, lang)
        )
        if demo:
            summary = self.tr("DEMO DATA — invented apps, real detection") + " · " + summary
        self.summary.setText(summary)
        headers = [
            self.tr("App"), self.tr("Score"), self.tr("Highest risk"), self.tr("Trackers"),
            self.tr("Companies"), self.tr("Evidence"), self.tr("Platform"), self.tr("Package"),
        ]  # fmt: skip
        rows = [
            [
                r.app.name or r.app.id,
                app_score(r),
                _highest_risk(r, knowledge, lang),
                len(r.hits),
                len({h.tracker.company_id for h in r.hits}),
                _strongest_evidence(r, knowledge, lang),
                self._platform_name(r.app.platform),
                r.app.id,
            ]
            for r in report.apps
        ]
        self.apps_model.reset(headers, rows, [r.app.id for r in report.apps])
        self.apps_view.resizeColumnsToContents()
        self.companies_model.reset(
            [self.tr("Who can receive your data"), self.tr("Most sensitive")],
            phrases.group_lines(report, knowledge, lang),
        )
        self.data_chart.set_rows(phrases.data_reach_rows(report, knowledge, lang))
        self.archives.setHtml(archives_html(report, knowledge, lang))
        self.tabs.setTabVisible(ARCHIVES_TAB, bool(report.archives))
        self.companies_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the report's order
        self.apps_view.sortByColumn(
            SCORE_COLUMN, Qt.SortOrder.DescendingOrder
        )  # most exposed first

    def first_app(self) -> str | None:
        """Select the first app of the table; its id, or None when there is none."""
        if self.apps_proxy.rowCount() == 0:
            return None
        self.apps_view.setCurrentIndex(self.apps_proxy.index(0, 0))
        key = self.apps_proxy.data(self.apps_view.currentIndex(), KEY_ROLE)
        return key if isinstance(key, str) else None

    def _platform_name(self, platform: Platform) -> str:
        names = {Platform.ANDROID: "Android", Platform.IOS: "iOS", Platform.MACOS: "macOS"}
        return names.get(platform, self.tr("Unknown"))

    def _row_changed(self) -> None:
        index = self.apps_view.currentIndex()
        key = self.apps_proxy.data(index, KEY_ROLE)
        if isinstance(key, str):
            self.app_selected.emit(key)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search apps, trackers, companies…"))
        self.search.setAccessibleName(self.tr("Search"))
        self.tabs.setTabText(0, self.tr("Apps"))
        self.tabs.setTabText(1, self.tr("Companies"))
        self.tabs.setTabText(2, self.tr("Data"))
        self.tabs.setTabText(ARCHIVES_TAB, self.tr("Data exports"))
        self.archives.setAccessibleName(self.tr("What your data-export archives show"))
        self.detail.setAccessibleName(self.tr("Details of the selected app"))
        self.apps_view.setAccessibleName(self.tr("Apps checked, most exposed first"))
        self.companies_view.setAccessibleName(self.tr("Companies that can receive your data"))
        self.data_chart.setAccessibleName(self.tr("Kinds of data and how many groups can get them"))
        self.data_heading.setText(self.tr("How many company groups can get each kind of your data"))
        self.letter.setText(self.tr("Write a data request to one of its companies…"))


def _highest_risk(result: AppResult, knowledge: Knowledge, lang: str) -> Ranked:
    worst = max((e.severity for h in result.explanations for e in h.exposures), default=None)
    if worst is None:
        return Ranked("—", 0)
    return Ranked(knowledge.label("severity", worst.name.lower(), lang), int(worst))


def _strongest_evidence(result: AppResult, knowledge: Knowledge, lang: str) -> Ranked:
    kinds = {e.kind for h in result.hits for e in h.evidence}
    if not kinds:
        return Ranked("—", 0)
    strongest = max(kinds, key=evidence_strength)
    return Ranked(knowledge.label("evidence", strongest.value, lang), evidence_strength(strongest))
