"""Headless Chromium for the browser tests, and axe-core to check what a page offers readers of
every kind.

Chromium: Debian's chromium (or CHROMIUM_PATH); axe-core: `npm install` puts it in node_modules/
(or AXE_CORE_PATH). Without them the browser tests are skipped, and the end of the test run says
so and how to enable them. Where SUMMIT_REQUIRE_BROWSER is set (as .ci/run sets it) a missing
browser or axe-core fails the run instead: a check that silently skips is no check.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots a maintainer looks at (not in git)
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOW_TO_ENABLE = ("install Chromium (apt-get install chromium) and the test dependencies "
                 "(npm install; make test installs the Python ones)")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")

skipped_browser_reasons: list[str] = []  # reported at the end of the run (conftest.py)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def cannot_run(reason: str):
    """Skip the browser tests with a reason - or fail, where they are required to run."""
    if os.environ.get("SUMMIT_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests cannot run: {reason}; SUMMIT_REQUIRE_BROWSER is set")
    skipped_browser_reasons.append(reason)
    pytest.skip(f"browser tests cannot run: {reason}")


@pytest.fixture(scope="session")
def browser():
    """A headless browser; where the browser tests are required, a missing one fails the run."""
    try:
        from playwright import sync_api
    except ImportError:
        cannot_run("the playwright package is not installed")
    path = chromium_path()
    if path is None:
        cannot_run("no Chromium found")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        except Exception as exc:  # noqa: BLE001  (Playwright raises its own error types)
            cannot_run(f"Chromium at {path} does not start: {exc}")
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_PATH", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    if not path.is_file():
        cannot_run(f"axe-core not found at {path} (run `npm install`)")
    return path.read_text(encoding="utf-8")


def serious_violations(page, axe_source: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS
    ]


def screenshot(page, name: str) -> Path:
    """A full-page screenshot kept under tests/artifacts/ for a maintainer to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)  # the theme fades its tab bar in
    page.screenshot(path=str(path), full_page=True)
    return path
