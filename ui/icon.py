"""The app's icon: one SVG, drawn at whatever size a desktop asks for (sharp on HiDPI screens).

Qt's SVG icon engine renders it lazily; where that plugin is missing (a trimmed
bundle), we draw the usual sizes ourselves.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from checker import paths

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    path = str(paths.resources_dir() / "icons" / "app.svg")
    icon = QIcon(path)
    if not icon.pixmap(32, 32).isNull():
        return icon
    return _drawn(QSvgRenderer(path))


def _drawn(renderer: QSvgRenderer) -> QIcon:
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
