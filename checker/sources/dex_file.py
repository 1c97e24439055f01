"""A bare ``.dex`` file, e.g. one pulled out of an APK by hand."""

from __future__ import annotations

from pathlib import Path

from checker.errors import LimitExceeded, Unreadable
from checker.formats import dex
from checker.models import AppEvidence, Platform
from checker.sources.base import Probe, ReadContext
from checker.text import clean


class DexFileSource:
    name = "dex"

    def claims(self, probe: Probe) -> bool:
        return dex.is_dex(probe.head[:8])

    def read(self, path: Path, display: str, context: ReadContext) -> list[AppEvidence]:
        try:
            if path.stat().st_size > dex.MAX_DEX_BYTES:
                raise LimitExceeded("DEX file too large")
            data = path.read_bytes()
        except OSError as exc:
            raise Unreadable(exc.strerror or str(exc)) from None
        classes = dex.read_classes(data)
        return [
            AppEvidence(
                id=clean(path.name),
                platform=Platform.ANDROID,
                sources=(display,),
                name=clean(path.name),
                class_text=classes.text,
                class_count=classes.defined,
                class_sources=((display, classes.defined),),
            )
        ]
