"""First screen: what the app does, that nothing leaves the computer, and where to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import Retranslating


class WelcomePage(Retranslating, QWidget):
    check_apks = Signal()
    connect_phone = Signal()
    open_privacy_report = Signal()
    open_bundle = Signal()
    open_archive = Signal()
    try_demo = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setObjectName("welcomeTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.drop_hint = QLabel()
        self.drop_hint.setObjectName("muted")
        self.buttons = {
            "apks": QPushButton(), "phone": QPushButton(), "report": QPushButton(),
            "bundle": QPushButton(), "archive": QPushButton(), "demo": QPushButton(),
        }  # fmt: skip
        signals = {"apks": self.check_apks, "phone": self.connect_phone, "report": self.open_privacy_report,
                   "bundle": self.open_bundle, "archive": self.open_archive, "demo": self.try_demo}  # fmt: skip
        grid = QGridLayout()
        for index, (key, button) in enumerate(self.buttons.items()):
            button.setMinimumHeight(56)
            button.clicked.connect(signals[key].emit)
            grid.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addWidget(self.drop_hint, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        layout.setContentsMargins(48, 24, 48, 24)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which of your apps share your data, and with whom?"))
        self.intro.setText(
            self.tr(
                "This app finds the tracker SDKs inside your apps and explains what the companies behind "
                "them could learn about you. Everything happens on this computer: nothing is uploaded."
            )
        )
        labels = {
            "apks": self.tr("Check APK files"),
            "phone": self.tr("Connect an Android phone"),
            "report": self.tr("Open an iPhone App Privacy Report"),
            "bundle": self.tr("Open an app bundle (.ipa/.app)"),
            "archive": self.tr("Open a data-export archive (Google, Meta, Amazon, Apple)"),
            "demo": self.tr("Try with demo data"),
        }
        for key, button in self.buttons.items():
            button.setText(labels[key])
            button.setAccessibleName(labels[key])
        self.drop_hint.setText(self.tr("…or drop files and folders anywhere in this window."))
