"""Preferences: language, theme, online features (each off until you agree), token, your data."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checker import net, paths, secrets
from checker.errors import CheckerError
from checker.knowledge import overlay
from checker.lookup import FEATURE_APP_LOOKUP
from checker.store import DATABASE_NAME, Consent, Store
from ui.i18n import Retranslating


class SettingsDialog(Retranslating, QDialog):
    language_changed = Signal(str)  # "system", "en" or "fr"
    theme_changed = Signal(str)
    data_cleared = Signal()

    def __init__(self, parent: QWidget | None, settings: QSettings) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = QComboBox()
        self.theme = QComboBox()
        self.kb_update = QCheckBox()
        self.app_lookup = QCheckBox()
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_where = QLabel()
        self.token_where.setWordWrap(True)
        self.save_token, self.remove_token = QPushButton(), QPushButton()
        self.data_folder = QLabel(str(paths.data_dir()))
        self.data_folder.setWordWrap(True)
        self.open_folder, self.clear_all = QPushButton(), QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.general, self.online, self.data = QGroupBox(), QGroupBox(), QGroupBox()
        self._layout()
        self._load()
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(self.language.currentData())
        )
        self.theme.currentIndexChanged.connect(
            lambda _i: self.theme_changed.emit(self.theme.currentData())
        )
        self.kb_update.toggled.connect(lambda on: self._consent(net.FEATURE_KB_UPDATE, on))
        self.app_lookup.toggled.connect(lambda on: self._consent(FEATURE_APP_LOOKUP, on))
        self.save_token.clicked.connect(self._save_token)
        self.remove_token.clicked.connect(self._remove_token)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        self.clear_all.clicked.connect(self._clear_all)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()

    def open_dialog(self) -> None:
        """Show the dialog (never from the constructor, so tests can drive it without a loop)."""
        self.show()
        self.raise_()

    def _layout(self) -> None:
        general = QFormLayout(self.general)
        general.addRow(QLabel(), self.language)
        general.addRow(QLabel(), self.theme)
        online = QVBoxLayout(self.online)
        online.addWidget(self.kb_update)
        online.addWidget(self.app_lookup)
        token_row = QHBoxLayout()
        for widget in (self.token, self.save_token, self.remove_token):
            token_row.addWidget(widget)
        online.addLayout(token_row)
        online.addWidget(self.token_where)
        data = QVBoxLayout(self.data)
        data.addWidget(self.data_folder)
        data_buttons = QHBoxLayout()
        data_buttons.addWidget(self.open_folder)
        data_buttons.addWidget(self.clear_all)
        data.addLayout(data_buttons)
        layout = QVBoxLayout(self)
        for group in (self.general, self.online, self.data):
            layout.addWidget(group)
        layout.addWidget(self.buttons)

    def _load(self) -> None:
        """Show the stored consents without storing anything back (a reload is not an answer)."""
        with Store() as store:
            for box, feature in (
                (self.kb_update, net.FEATURE_KB_UPDATE),
                (self.app_lookup, FEATURE_APP_LOOKUP),
            ):
                box.blockSignals(True)
                box.setChecked(store.consent(feature) is Consent.YES)
                box.blockSignals(False)

    def _consent(self, feature: str, granted: bool) -> None:
        with Store() as store:
            store.set_consent(feature, granted)

    def _keyring_state(self) -> None:
        where = secrets.backend_name()
        usable = where is not None
        for widget in (self.token, self.save_token, self.remove_token):
            widget.setEnabled(usable)
        if not usable:
            self.token_where.setText(
                self.tr(
                    "No system keyring is available, so the token cannot be stored safely; this feature stays off."
                )
            )
        elif secrets.get(secrets.EXODUS_TOKEN):
            self.token_where.setText(
                self.tr("Your token is stored in: {where}").format(where=where)
            )
        else:
            self.token_where.setText(
                self.tr("A token would be stored in: {where}").format(where=where)
            )

    def _save_token(self) -> None:
        value = self.token.text().strip()
        if not value:
            return
        with contextlib.suppress(CheckerError):  # no usable keyring: the label already says so
            secrets.store(secrets.EXODUS_TOKEN, value)
        self.token.clear()
        self._keyring_state()

    def _remove_token(self) -> None:
        secrets.delete(secrets.EXODUS_TOKEN)
        self._keyring_state()

    def _clear_all(self) -> None:
        answer = QMessageBox.question(self, self.tr("Clear all data"), self.tr(
            "Delete your history, the imported tracker list, your answers to online features, the token "
            "and the preferences? The apps you checked are not touched."))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        with Store() as store:
            store.delete_scans(None)
        (paths.data_dir() / DATABASE_NAME).unlink(missing_ok=True)
        overlay.reset()
        secrets.delete(secrets.EXODUS_TOKEN)
        self.settings.clear()
        self._load()
        self._keyring_state()
        self.data_cleared.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.general.setTitle(self.tr("General"))
        self.online.setTitle(self.tr("Online features (off until you allow them)"))
        self.data.setTitle(self.tr("Your data"))
        form = self.general.layout()
        assert isinstance(form, QFormLayout)
        labels = (self.tr("Language"), self.tr("Theme"))
        for row, text in enumerate(labels):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(text)
        current_language = str(self.settings.value("language", "system"))
        current_theme = str(self.settings.value("theme", "system"))
        for combo, entries, current in (
            (
                self.language,
                (("system", self.tr("Follow the system")), ("en", "English"), ("fr", "Français")),
                current_language,
            ),
            (
                self.theme,
                (
                    ("system", self.tr("Follow the system")),
                    ("light", self.tr("Light")),
                    ("dark", self.tr("Dark")),
                ),
                current_theme,
            ),
        ):
            combo.blockSignals(True)
            combo.clear()
            for code, text in entries:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.kb_update.setText(self.tr("Update the tracker list from εxodus when I ask"))
        self.app_lookup.setText(
            self.tr("Look up listed apps in εxodus's public reports when I ask")
        )
        self.token.setPlaceholderText(self.tr("εxodus API token"))
        self.save_token.setText(self.tr("Save in keyring"))
        self.remove_token.setText(self.tr("Remove"))
        self.open_folder.setText(self.tr("Open data folder"))
        self.clear_all.setText(self.tr("Clear all data…"))
        self._keyring_state()
