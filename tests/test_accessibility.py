"""axe-core in headless Chromium on every kind of page, at a desktop's and a phone's width, in
the light and the dark palette: no serious or critical violation. Screenshots of the pages a
reader looks at most are kept under tests/artifacts/ for maintainers to look at."""

import pytest

from browser import DESKTOP, PHONE, screenshot, serious_violations

PAGES = {
    "home": "/",
    "readout": "/readouts/cn-2023-04-06-xi-macron-talks/",
    "leader": "/leaders/xi-jinping/",
    "topic": "/topics/ukraine-crisis/",
    "statements": "/statements/topics/ukraine-crisis/",
    "country": "/countries/china/",
    "pair": "/pairs/china--russia/",
    "timeline": "/timeline/",
    "year": "/timeline/2024/",
    "search": "/search/?q=Ukraine&country=United+Kingdom&from=2024-04",
    "data": "/data/",
}


def open_page(browser, base, address, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + address)
    if address.startswith("/search/"):
        page.locator("#summit-search[aria-busy='false']").wait_for(timeout=10000)
        page.locator(".summit-search__result").first.wait_for(timeout=10000)
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_accessibility_violation(browser, site_server, axe_source, kind, width, scheme):
    context, page = open_page(browser, site_server, PAGES[kind],
                              DESKTOP if width == "desktop" else PHONE, scheme)
    try:
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        assert serious_violations(page, axe_source) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_for_maintainers(browser, site_server, width):
    """The timeline, a leader, a topic's statements, a search with filters and a readout with
    its citation, as a reader sees them; the charts' columns must have a size one can read."""
    viewport = DESKTOP if width == "desktop" else PHONE
    for kind in ("timeline", "leader", "statements", "search", "readout"):
        context, page = open_page(browser, site_server, PAGES[kind], viewport, "light")
        try:
            if kind in ("timeline", "leader"):
                box = page.locator(".activity-chart svg").bounding_box()
                text = page.locator("article").bounding_box()
                assert box["width"] >= text["width"] * 0.9 and box["height"] >= 80, (box, text)
                year = page.locator(".activity-chart__years span").first.bounding_box()
                assert year["height"] >= 12, year
            screenshot(page, f"{kind}-{width}")
        finally:
            context.close()
