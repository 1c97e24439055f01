"""Qt translation from our own catalog: every ``self.tr()`` string has its French here.

A ``QTranslator`` subclass answers from a dict, so translations need no build
step (.ts/.qm) and a test can check that every string in ``ui/`` is covered.
Switching language at run time installs another translator; widgets retranslate
on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from ui.translations_fr import FRENCH

LANGUAGES = ("en", "fr")


class Retranslating:
    """Mixed in before a Qt widget class: on a language switch, the widget's
    ``retranslate()`` sets its texts again."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt class after us in the MRO


class CatalogTranslator(QTranslator):
    def __init__(self, catalog: dict[str, str]) -> None:
        super().__init__()
        self._catalog = catalog

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty string would be taken as the translation and blank out Qt's
        # own texts (standard buttons, file dialogs), which Qt's catalog then translates.
        return self._catalog.get(source)

    def isEmpty(self) -> bool:
        return not self._catalog


_installed: CatalogTranslator | None = None
_qt_french: QTranslator | None = None


def system_language() -> str:
    return "fr" if QLocale.system().name().startswith("fr") else "en"


def install(lang: str) -> None:
    """Make ``lang`` the interface language (English needs no translator)."""
    global _installed, _qt_french
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in (_installed, _qt_french):
        if translator is not None:
            app.removeTranslator(translator)
    _installed = _qt_french = None
    if lang == "fr":
        qt_french = QTranslator()
        if qt_french.load(
            "qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            _qt_french = qt_french
            app.installTranslator(qt_french)  # Qt's own words: Close, Cancel, file dialogs
        _installed = CatalogTranslator(FRENCH)
        app.installTranslator(_installed)


def current() -> str:
    return "fr" if _installed is not None else "en"
