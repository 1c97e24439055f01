"""Write a data-access or deletion request to one of the companies behind an app."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checker.knowledge.base import Knowledge
from checker.letters import compose
from checker.models import Company
from ui.i18n import Retranslating


class LetterDialog(Retranslating, QDialog):
    def __init__(self, parent: QWidget | None, knowledge: Knowledge, companies: list[Company],
                 report: dict[str, Any] | None, lang: str) -> None:  # fmt: skip
        super().__init__(parent)
        self.knowledge = knowledge
        self.report = report
        self.company = QComboBox()
        for company in companies:
            self.company.addItem(company.name, company.id)
        self.law = QComboBox()
        self.request = QComboBox()
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(self.language.findData(lang))
        self.send_to = QLabel()
        self.send_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(False)
        self.copy, self.save = QPushButton(), QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        for widget in (self.company, self.law, self.request, self.language):
            self.form.addRow(QLabel(), widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.send_to)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        for combo in (self.company, self.law, self.request, self.language):
            combo.currentIndexChanged.connect(self.refresh)
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.text.toPlainText())
        )
        self.save.clicked.connect(self._save)
        self.retranslate()

    def open_dialog(self) -> None:
        self.show()
        self.raise_()

    def refresh(self) -> None:
        company = self.knowledge.companies.get(self.company.currentData())
        if company is None or self.law.currentData() is None or self.request.currentData() is None:
            return
        letter = compose(company, self.knowledge, law=self.law.currentData(), request=self.request.currentData(),
                         lang=self.language.currentData(), report=self.report)  # fmt: skip
        self.text.setPlainText(letter.text)
        self.send_to.setText(self.tr("Send it to: {channel}").format(channel=letter.channel or "?"))

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the letter"), "data-request.txt", self.tr("Text (*.txt)")
        )
        if path:
            with open(path, "w", encoding="utf-8") as handle:  # noqa: PTH123 - a user-chosen path
                handle.write(self.text.toPlainText())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Data request letter"))
        for combo, entries in (
            (
                self.law,
                (("gdpr", self.tr("GDPR (EU, UK)")), ("ccpa", self.tr("CCPA/CPRA (California)"))),
            ),
            (
                self.request,
                (
                    ("access", self.tr("What do you hold about me? (access)")),
                    ("erasure", self.tr("Delete my data (erasure)")),
                ),
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code, label in entries:
                combo.addItem(label, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        for row, label in enumerate(
            (self.tr("Company"), self.tr("Law"), self.tr("Request"), self.tr("Letter language"))
        ):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setText(label)
        self.copy.setText(self.tr("Copy"))
        self.save.setText(self.tr("Save…"))
        self.refresh()
