"""Where the development corpus is, and what a test does when it is not there.

The corpus lives outside the project (third-party text): ../shared/corpus beside the repository,
or $SUMMIT_CORPUS. Without it a test that needs it is skipped, unless SUMMIT_REQUIRE_CORPUS is set
(as CI sets it), when it fails: a gate that silently skips is no gate.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SUMMIT_CORPUS", ROOT.parent / "shared" / "corpus"))


def require_corpus() -> Path:
    """The corpus folder with its gold annotations; skips or fails the test without them."""
    if not (CORPUS / "gold").is_dir():
        reason = f"development corpus not found at {CORPUS} (set SUMMIT_CORPUS)"
        if os.environ.get("SUMMIT_REQUIRE_CORPUS"):
            pytest.fail(reason + "; SUMMIT_REQUIRE_CORPUS is set, so the corpus tests must run")
        pytest.skip(reason)
    return CORPUS
