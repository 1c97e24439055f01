"""Qt table models over the engine's results (rows of display values, sortable)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Ranked:
    """A cell shown as words but sorted by rank (e.g. 'High' above 'Medium')."""

    text: str
    rank: int

    def __str__(self) -> str:
        return self.text


class RowsModel(QAbstractTableModel):
    """Rows of values; numbers sort as numbers, text as text. Each row may carry a key."""

    def __init__(
        self,
        headers: Sequence[str] = (),
        rows: Sequence[Sequence[Any]] = (),
        keys: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._keys = list(keys)

    def reset(
        self, headers: Sequence[str], rows: Sequence[Sequence[Any]], keys: Sequence[str] = ()
    ) -> None:
        self.beginResetModel()
        self._headers, self._rows, self._keys = list(headers), [list(r) for r in rows], list(keys)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value)
        if role == SORT_ROLE:
            if isinstance(value, Ranked):
                return value.rank
            return value if isinstance(value, int | float) else str(value).casefold()
        if role == KEY_ROLE and index.row() < len(self._keys):
            return self._keys[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section < len(self._headers)
        ):
            return self._headers[section]
        return None
