"""Light, dark, or the system's look."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
_default_style: str | None = None


def apply(app: QApplication, theme: str) -> None:
    global _default_style
    if _default_style is None:
        _default_style = app.style().name()
    if theme == "system":
        app.setStyle(QStyleFactory.create(_default_style) or app.style())
        app.setPalette(app.style().standardPalette())
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = QPalette()
    if theme == "dark":
        colors = {
            QPalette.ColorRole.Window: "#1f2329", QPalette.ColorRole.WindowText: "#e8eaed",
            QPalette.ColorRole.Base: "#15181d", QPalette.ColorRole.AlternateBase: "#22262d",
            QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2a2f37",
            QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d7bd9",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2f37",
            QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
            QPalette.ColorRole.Mid: "#9aa0a6",
        }  # fmt: skip
        for role, color in colors.items():
            palette.setColor(role, QColor(color))
    else:
        palette = app.style().standardPalette()
    app.setPalette(palette)
