"""Background work: a QRunnable that owns a signals object and emits exactly one ending."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from checker.errors import Cancelled
from checker.models import Report
from checker.scan import Progress
from checker.sources.base import CancelToken

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, current item
    finished = Signal(object)  # a Report
    failed = Signal(object)  # an exception (Cancelled when the user cancelled)


class ScanWorker(QRunnable):
    """Runs ``job(progress, cancel) -> Report`` off the interface thread."""

    def __init__(self, job: Callable[[Callable[[Progress], None], CancelToken], Report]) -> None:
        super().__init__()
        self.signals = WorkerSignals()
        self.cancel_token = CancelToken()
        self._job = job

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:
        def progress(step: Progress) -> None:
            self.signals.progress.emit(step.done, step.total, step.current)

        try:
            report = self._job(progress, self.cancel_token)
        except Cancelled as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # every ending is reported, none is lost
            log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(report)
