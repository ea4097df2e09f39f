"""A one-line progress bar on a terminal, for builds long enough to wonder about.

Plain stdlib: the line is redrawn with a carriage return. Nothing is drawn when stderr is not a
terminal or when the CI environment variable is set, so logs stay clean.
"""

from __future__ import annotations

import os
import sys
import time

BAR_WIDTH = 30
REDRAW_EVERY = 0.1  # seconds


def wanted(stream=None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """`start(stage, total)`, then `advance()` per item; `finish()` clears the line."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.stage, self.total, self.done = "", 0, 0
        self._drawn_at = 0.0
        self._drawn = False

    def start(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done >= self.total)

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.total or (not force and now - self._drawn_at < REDRAW_EVERY):
            return
        self._drawn_at = now
        share = min(1.0, self.done / self.total)
        filled = int(BAR_WIDTH * share)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.stage:<8} [{bar}] {self.done}/{self.total} {share:4.0%}")
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * (BAR_WIDTH + 40) + "\r")
            self.stream.flush()
            self._drawn = False


def progress_for(stream=None) -> Progress | None:
    """A Progress when a person is watching stderr; None otherwise."""
    return Progress(stream) if wanted(stream) else None
