"""Render the main screens in English and French to docs/screenshots/ (``make screenshots``).

Runs offscreen with a private data directory, so it never touches the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("EXPOSURE_CHECKER_HOME", tempfile.mkdtemp(prefix="screenshots-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from checker.demo import demo_report
from checker.report import to_dict
from checker.store import Store
from ui import app as ui_app
from ui import i18n

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(application: QApplication) -> None:
    """Let posted events (language change, then the layout requests it causes) all run."""
    for _ in range(3):
        application.sendPostedEvents()
        application.processEvents()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    application, window = ui_app.create(sys.argv[:1])
    window.resize(1200, 760)
    window.show()
    demo = demo_report(window.knowledge)
    with Store() as store:  # two scans in the private history, so the History page has rows
        for when in ("2026-11-01T09:30:00+00:00", "2026-11-20T18:05:00+00:00"):
            store.save_scan(
                when, ["~/Downloads/apks"], demo.knowledge.version, to_dict(demo, window.knowledge)
            )
    for lang in ("en", "fr"):
        i18n.install(lang)
        window.pages.setCurrentWidget(window.welcome)
        settle(application)
        window.grab().save(str(OUT / f"welcome-{lang}.png"))
        window.show_demo()
        settle(application)
        window.grab().save(str(OUT / f"results-{lang}.png"))
        for tab, name in enumerate(("companies", "data", "exports"), start=1):
            window.results.tabs.setCurrentIndex(tab)
            settle(application)
            window.grab().save(str(OUT / f"{name}-{lang}.png"))
        window.results.tabs.setCurrentIndex(0)
        window.show_history()
        settle(application)
        window.grab().save(str(OUT / f"history-{lang}.png"))
        dialog = window.open_preferences()
        settle(application)
        dialog.grab().save(str(OUT / f"preferences-{lang}.png"))
        dialog.close()
        window.pages.setCurrentWidget(window.working)
        window.working.show_progress(3, 12, "~/Downloads/apks/speedtest.apk")
        settle(application)
        window.grab().save(str(OUT / f"working-{lang}.png"))
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
