"""Earlier scans: a list, compare two, delete one or all."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ui.i18n import Retranslating
from ui.models import RowsModel


class HistoryPage(Retranslating, QWidget):
    compare_requested = Signal(int, int)
    delete_requested = Signal(int)
    delete_all_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("welcomeTitle")
        self.model = RowsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.compare, self.delete, self.delete_all, self.back = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.compare.clicked.connect(self._compare)
        self.delete.clicked.connect(self._delete)
        self.delete_all.clicked.connect(self.delete_all_requested.emit)
        self.back.clicked.connect(self.back_requested.emit)
        buttons = QHBoxLayout()
        for button in (self.back, self.compare, self.delete, self.delete_all):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [int(self.model.index(row, 0).data().lstrip("#")) for row in rows]

    def _compare(self) -> None:
        ids = sorted(self.selected_ids())
        if len(ids) == 2:
            self.compare_requested.emit(ids[0], ids[1])

    def _delete(self) -> None:
        for scan_id in self.selected_ids():
            self.delete_requested.emit(scan_id)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Earlier scans"))
        self.compare.setText(self.tr("Compare the two selected"))
        self.delete.setText(self.tr("Delete selected"))
        self.delete_all.setText(self.tr("Delete all"))
        self.back.setText(self.tr("Back"))
        self.view.setAccessibleName(self.tr("Earlier scans, newest first"))
