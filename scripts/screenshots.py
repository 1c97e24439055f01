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

from ui import app as ui_app
from ui import i18n

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    application, window = ui_app.create(sys.argv[:1])
    window.resize(1200, 760)
    window.show()
    for lang in ("en", "fr"):
        i18n.install(lang)
        window.pages.setCurrentWidget(window.welcome)
        application.processEvents()
        window.grab().save(str(OUT / f"welcome-{lang}.png"))
        window.show_demo()
        application.processEvents()
        window.grab().save(str(OUT / f"results-{lang}.png"))
        window.results.tabs.setCurrentIndex(1)
        application.processEvents()
        window.grab().save(str(OUT / f"companies-{lang}.png"))
        window.results.tabs.setCurrentIndex(0)
        window.pages.setCurrentWidget(window.working)
        window.working.show_progress(3, 12, "~/Downloads/apks/speedtest.apk")
        application.processEvents()
        window.grab().save(str(OUT / f"working-{lang}.png"))
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
