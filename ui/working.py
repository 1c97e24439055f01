"""While a job runs: a progress bar, the current item, a count, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.i18n import Retranslating


class WorkingPage(Retranslating, QWidget):
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("welcomeTitle")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.current = QLabel()
        self.current.setObjectName("muted")
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.cancel_requested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.heading, self.bar, self.current, self.cancel):
            layout.addWidget(widget)
        layout.addStretch(2)
        layout.setContentsMargins(64, 24, 64, 24)
        self.retranslate()

    def show_progress(self, done: int, total: int, current: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.current.setText(
            self.tr("{done} of {total} · {item}").format(
                done=min(done + 1, total), total=total, item=current
            )
            if current
            else ""
        )

    def reset(self) -> None:
        self.bar.setRange(0, 0)
        self.current.setText("")
        self.cancel.setEnabled(True)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Checking…"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
