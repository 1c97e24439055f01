"""Export a report as HTML, PDF (Qt's own writer), CSV or JSON, chosen by the file's extension."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPageSize, QPdfWriter, QTextDocument

from checker.knowledge.base import Knowledge
from checker.models import Report
from checker.report import to_csv, to_json
from checker.report_html import to_html


def export_report(report: Report, knowledge: Knowledge, path: Path, lang: str) -> None:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(150)
        print_report(report, knowledge, writer, lang)
        return
    renderers = {".csv": to_csv, ".json": to_json}
    text = renderers.get(suffix, to_html)(report, knowledge, lang)
    temp = path.with_name(f".{path.name}.partial")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


def print_report(
    report: Report, knowledge: Knowledge, device: QPagedPaintDevice, lang: str
) -> None:
    """Lay the HTML report out in pages on a printer or a PDF writer (its print stylesheet)."""
    document = QTextDocument()
    document.setHtml(to_html(report, knowledge, lang))
    document.print_(device)
