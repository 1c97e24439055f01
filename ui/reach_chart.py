"""A bar chart of how many company groups can get each kind of your data (the Data tab)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from checker.phrases import ReachRow

ROW_HEIGHT = 40  # the bar, then the apps it comes through in small type
BAR_HEIGHT = 22
LABEL_SHARE = 0.42  # of the width, for the names of the kinds of data


class ReachChart(QWidget):
    """One bar per kind of data, longest first; the text lines are also its accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReachRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[ReachRow]) -> None:
        self.rows = rows
        self.setAccessibleDescription("\n".join(row.line for row in rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, max(1, len(self.rows)) * ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        label_width = self.width() * LABEL_SHARE
        bar_room = max(1.0, self.width() - label_width - 48)
        most = max(row.groups for row in self.rows) or 1
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        normal = painter.font()
        for index, row in enumerate(self.rows):
            top = 4 + index * ROW_HEIGHT
            painter.setFont(normal)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = QRectF(4, top, label_width - 12, BAR_HEIGHT)
            elided = painter.fontMetrics().elidedText(
                row.name, Qt.TextElideMode.ElideRight, int(label.width())
            )
            painter.drawText(
                label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided
            )
            bar = QRectF(label_width, top + 4, bar_room * row.groups / most, BAR_HEIGHT - 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(bar, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            number = QRectF(bar.right() + 6, top, 42, BAR_HEIGHT)
            painter.drawText(
                number, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(row.groups)
            )
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            apps = QRectF(label_width, top + BAR_HEIGHT - 2, self.width() - label_width - 8, 16)
            painter.drawText(
                apps,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    row.apps, Qt.TextElideMode.ElideRight, int(apps.width())
                ),
            )
        painter.end()
