"""What a reader does, in a real headless browser: search, open a readout, follow a leader,
reach the timeline."""

import re



def search(page, query):
    """Type a query as a reader does; the search index loads in a worker, so retype until the
    worker has answered."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    for _ in range(10):
        field.fill("")
        field.press_sequentially(query, delay=30)
        try:
            results.first.wait_for(timeout=2000)
            return results
        except Exception:  # noqa: BLE001  (not answered yet)
            continue
    raise AssertionError(f"search for {query!r} showed no results")


def test_search_finds_a_readout_by_leader_name_and_phrase(page, site_server):
    page.goto(site_server + "/")
    results = search(page, "Putin")
    assert results.count() > 0
    titles = " ".join(results.all_inner_texts())
    assert "Putin" in titles
    page.goto(site_server + "/")
    results = search(page, "shimmering")
    assert "Zhongnanhai" in " ".join(results.all_inner_texts())


def test_reader_opens_readout_follows_leader_and_reaches_timeline(page, site_server):
    page.goto(site_server + "/")
    results = search(page, "Zhongnanhai")
    results.locator("a[href*='readouts/2024-05-16']").first.click()
    page.wait_for_url(re.compile(r"/readouts/2024-05-16-"))
    assert "Small-group Talks" in page.locator("h1").first.inner_text()

    page.locator("article a[href*='leaders/vladimir-putin']").first.click()
    page.wait_for_url(re.compile(r"/leaders/vladimir-putin/"))
    assert "Vladimir Putin" in page.locator("h1").first.inner_text()
    assert page.locator("article a[href*='readouts/']").count() >= 2

    page.locator(".md-tabs__link", has_text="Timeline").click()
    page.wait_for_url(re.compile(r"/timeline/"))
    assert "2024" in page.locator("article").inner_text()
