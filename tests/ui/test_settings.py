"""Preferences: consents, the token in the keyring (or not), language, clearing everything."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backends.fail
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from checker import net
from checker.knowledge import overlay
from checker.lookup import FEATURE_APP_LOOKUP
from checker.store import Consent, Store
from ui.main_window import MainWindow


def test_without_a_keyring_the_token_feature_says_so_and_stays_off(window: MainWindow) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    dialog = window.open_preferences()
    assert not dialog.token.isEnabled() and not dialog.save_token.isEnabled()
    assert "No system keyring" in dialog.token_where.text()


def test_the_token_goes_to_the_keyring_and_the_dialog_says_where(window: MainWindow) -> None:
    dialog = window.open_preferences()
    assert "would be stored in: test keyring" in dialog.token_where.text()
    dialog.token.setText("secret-123")
    dialog.save_token.click()
    assert keyring.get_password("exposure-checker", "exodus-api-token") == "secret-123"
    assert dialog.token.text() == "" and "is stored in: test keyring" in dialog.token_where.text()
    dialog.remove_token.click()
    assert keyring.get_password("exposure-checker", "exodus-api-token") is None


def test_online_features_stay_off_until_ticked(window: MainWindow) -> None:
    dialog = window.open_preferences()
    assert not dialog.kb_update.isChecked() and not dialog.app_lookup.isChecked()
    dialog.app_lookup.setChecked(True)
    with Store() as store:
        assert store.consent(FEATURE_APP_LOOKUP) is Consent.YES
        assert store.consent(net.FEATURE_KB_UPDATE) is Consent.NOT_ASKED


def test_language_from_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.waitUntil(lambda: window.welcome.buttons["demo"].text().startswith("Essayer"))
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Préférences")


def test_clear_all_data(window: MainWindow, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    with Store() as store:
        store.save_scan(
            "2026-01-01T00:00:00+00:00", ["a.apk"], "kb", {"apps": [], "score": {"value": 0}}
        )
        store.set_consent(FEATURE_APP_LOOKUP, True)
    overlay.overlay_path().write_text("{}")
    keyring.set_password("exposure-checker", "exodus-api-token", "tok")
    window.show_demo()
    dialog = window.open_preferences()
    dialog.clear_all.click()
    with Store() as store:
        assert store.scans() == [] and store.consent(FEATURE_APP_LOOKUP) is Consent.NOT_ASKED
    assert not overlay.overlay_path().exists()
    assert keyring.get_password("exposure-checker", "exodus-api-token") is None
    assert window.report is None and window.pages.currentWidget() is window.welcome
