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
    "network": "/network/",
    "year": "/timeline/2024/",
    "search": "/search/?q=Ukraine&country=United+Kingdom&from=2024-04",
    "data": "/data/",
    "event": "/events/2024-05-16-xi-jinping-vladimir-putin/",
    "summit": "/summits/g20-2019/",
    "series": "/summits/g20/",
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


def visible_labels(page):
    """The boxes of the network drawing's labels that show on the screen."""
    return page.locator("figure.network--archive text").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        "          .map(e => { const b = e.getBoundingClientRect();"
        "                      return [b.left, b.top, b.right, b.bottom]; })")


def overlapping(boxes):
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_for_maintainers(browser, site_server, width):
    """The timeline, a leader, the network, a topic's statements, a search with filters and a
    readout with its citation, as a reader sees them; the charts' columns must have a size one
    can read, and the network's names a size one can read, none over another."""
    viewport = DESKTOP if width == "desktop" else PHONE
    for kind in ("timeline", "leader", "network", "statements", "search", "readout"):
        context, page = open_page(browser, site_server, PAGES[kind], viewport, "light")
        try:
            if kind in ("timeline", "leader"):
                box = page.locator(".activity-chart svg").bounding_box()
                text = page.locator("article").bounding_box()
                assert box["width"] >= text["width"] * 0.9 and box["height"] >= 80, (box, text)
                year = page.locator(".activity-chart__years span").first.bounding_box()
                assert year["height"] >= 12, year
            if kind == "network":
                box = page.locator("figure.network--archive svg").bounding_box()
                text = page.locator("article").bounding_box()
                assert box["width"] >= text["width"] * 0.9, (box, text)
                labels = visible_labels(page)
                assert len(labels) == 10  # the fixture's ten leaders, all named on a phone too
                assert min(bottom - top for _, top, _, bottom in labels) >= 10, labels
                assert overlapping(labels) == []
            screenshot(page, f"{kind}-{width}")
        finally:
            context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_loads_without_a_failed_request_or_console_error(browser, site_server, kind):
    """Nothing a page asks for is missing, and its scripts log no error."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    failures = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: failures.append(f"console {m.text}") if m.type == "error" else None)
    page.goto(site_server + PAGES[kind])
    page.wait_for_load_state("networkidle")
    context.close()
    assert failures == [], failures
