"""Connects the History page to the user's store: save scans, list, compare, delete."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from checker.history import diff
from checker.knowledge.base import Knowledge
from checker.models import Report
from checker.report import to_dict
from checker.store import Store
from ui import i18n
from ui.history_page import HistoryPage


def tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


class HistoryController(QObject):
    def __init__(self, page: HistoryPage, parent_window: QWidget, knowledge: Knowledge) -> None:
        super().__init__()
        self.page = page
        self.window = parent_window
        self.knowledge = knowledge
        page.compare_requested.connect(self.compare)
        page.delete_requested.connect(self.delete)
        page.delete_all_requested.connect(self.delete_all)

    def save(self, report: Report, inputs: list[str]) -> int:
        with Store() as store:
            return store.save_scan(
                report.generated_at,
                inputs,
                report.knowledge.version,
                to_dict(report, self.knowledge, i18n.current()),
            )

    def refresh(self) -> None:
        with Store() as store:
            records = store.scans()
        headers = [tr("Scan"), tr("When"), tr("Apps"), tr("Trackers"), tr("Score"), tr("Checked")]
        rows = [
            [
                f"#{r.id}",
                r.created_at.replace("T", " ")[:16],
                r.apps,
                r.trackers,
                r.score,
                ", ".join(r.inputs),
            ]
            for r in records
        ]
        self.page.model.reset(headers, rows, [str(r.id) for r in records])

    def compare(self, older: int, newer: int) -> None:
        with Store() as store:
            before, after = store.scan_report(older), store.scan_report(newer)
        if before is None or after is None:
            return
        change = diff(before, after)
        lines = [
            tr("Score {before} → {after}").format(
                before=change.score_before, after=change.score_after
            )
        ]
        lines += [tr("New app: {app}").format(app=a) for a in change.added_apps]
        lines += [tr("App gone: {app}").format(app=a) for a in change.removed_apps]
        lines += [
            tr("{app}: new trackers {trackers}").format(app=a, trackers=", ".join(t))
            for a, t in change.trackers_appeared.items()
        ]
        lines += [
            tr("{app}: trackers gone {trackers}").format(app=a, trackers=", ".join(t))
            for a, t in change.trackers_gone.items()
        ]
        lines += [
            tr("New company receiving data: {company}").format(company=c)
            for c in change.new_companies
        ]
        if change.unchanged:
            lines.append(tr("Nothing changed."))
        QMessageBox.information(
            self.window,
            tr("Scan #{older} → scan #{newer}").format(older=older, newer=newer),
            "\n".join(lines),
        )

    def delete(self, scan_id: int) -> None:
        with Store() as store:
            store.delete_scans(scan_id)
        self.refresh()

    def delete_all(self) -> None:
        answer = QMessageBox.question(
            self.window, tr("Delete all history"), tr("Delete every saved scan for good?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            with Store() as store:
                store.delete_scans(None)
            self.refresh()
