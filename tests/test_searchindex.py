"""The search index in bundles (generator/searchindex.py): how readout pages are grouped, what of
a page is indexed, and that a bundle is indexed again only when what search reads of it changed."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from generator import searchindex
from generator.searchindex import UNDATED, bundles_of, index_search, page_record, search_document


def page(month: str, words: str = "talks", around: str = "") -> str:
    """A built readout page in the shape the theme gives it: chrome around a body element that
    holds divs of its own."""
    facets = (f'<span data-pagefind-filter="month[data-value]" data-value="{month}"></span>'
              if month else "")
    return (f'<!doctype html><html lang="en" class="no-js"><head><title>t</title></head><body>'
            f'<nav><div class="md-nav">Leaders Topics</div></nav>'
            f'<div data-pagefind-body><h1>A meeting</h1><div class="facts"><div>Facts</div></div>'
            f'<p>The leaders held {words}.</p><div class="search-facets" hidden>{facets}</div></div>'
            f'<h2>Related readouts</h2><p>{around}</p><div class="md-footer">footer</div>'
            f'</body></html>')


def records(months: dict[str, int]) -> dict[str, list[str]]:
    pages = {}
    for month, count in months.items():
        for i in range(count):
            pages[f"readouts/{month or 'undated'}-{i}/index.html"] = [month, f"{month}-{i}"]
    return pages


def test_the_body_element_is_cut_out_whole_and_alone():
    document = search_document(page("2020-05", around="Next meeting"))
    assert "<h1>A meeting</h1>" in document and "The leaders held talks." in document
    assert "data-value=\"2020-05\"" in document and document.count("<div") == document.count("</div")
    assert "Related readouts" not in document and "md-nav" not in document
    assert document.startswith('<!doctype html><html lang="en">')


def test_a_truncated_page_or_one_without_a_body_gives_nothing():
    assert search_document(page("2020-05")[:200]) is None
    assert page_record("<html><body><p>A listing</p></body></html>") is None


def test_the_record_changes_with_the_body_only():
    first = page_record(page("2020-05", around="no later meeting"))
    assert first[0] == "2020-05"
    assert page_record(page("2020-05", around="next: 3 June 2021")) == first
    assert page_record(page("2020-05", words="a call")) != first
    assert page_record(page(""))[0] == ""


def test_years_share_a_bundle_while_they_fit_and_a_big_year_goes_by_months(monkeypatch):
    monkeypatch.setattr(searchindex, "BUNDLE_PAGES", 10)
    pages = records({"2015-03": 3, "2016-07": 4, "2017-01": 2, "2018-02": 6, "2019-01": 7,
                     "2019-02": 5, "2019-03": 1, "": 2})
    bundles = bundles_of(pages)
    assert [b.key for b in bundles] == ["2019-02_2019-03", "2019-01", "2018", "2015_2017", UNDATED]
    assert [len(b.pages) for b in bundles] == [6, 7, 6, 9, 2]
    assert bundles[-1].filter == {"year": "Undated"}
    assert bundles[0].filter == {"month": {"any": ["2019-02", "2019-03"]}}
    assert bundles[3].filter == {"year": {"any": ["2015", "2016", "2017"]}}
    assert sorted(p for b in bundles for p in b.pages) == sorted(pages)


def test_a_readout_of_the_newest_year_changes_only_the_newest_bundle(monkeypatch):
    monkeypatch.setattr(searchindex, "BUNDLE_PAGES", 10)
    before = bundles_of(records({"2015-03": 4, "2016-07": 4, "2017-01": 5, "2018-02": 3}))
    after = bundles_of(records({"2015-03": 4, "2016-07": 4, "2017-01": 5, "2018-02": 4}))
    assert [(b.key, b.pages) for b in before[1:]] == [(b.key, b.pages) for b in after[1:]]


def test_only_a_bundle_whose_pages_changed_is_indexed_again(tmp_path, monkeypatch):
    """Real Pagefind runs over two years in two bundles: a change beside the body keeps both, a
    change in one year's text indexes that year again, a bundle not whole is indexed again."""
    monkeypatch.setattr(searchindex, "BUNDLE_PAGES", 1)
    site, store = tmp_path / "site", tmp_path / "store"

    def build(words: str, around: str = "") -> int | None:
        pages = {}
        for month, text in (("2020-05", "trade"), ("2021-03", words)):
            path, html = f"readouts/r{month}/index.html", page(month, words=text, around=around)
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(html, encoding="utf-8")
            pages[path] = page_record(html)
        return index_search(site, pages, store)

    assert build("climate") == 2
    listed = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert listed == [{"path": "2021/", "filter": {"year": {"any": ["2021"]}}},
                      {"path": "2020/", "filter": {"year": {"any": ["2020"]}}}]
    assert (site / "pagefind" / "2021" / "pagefind.js").is_file()
    assert not list((site / "pagefind").glob("*/pagefind-ui.js"))  # Pagefind's own interface
    assert build("climate", around="the next meeting") == 0
    assert build("energy") == 1
    (store / "2020" / "pagefind-entry.json").unlink()
    assert build("energy") == 1
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2020", "2021", "bundles.json"]


def test_a_reader_searches_an_index_of_many_bundles_in_date_order(built_archive, page, tmp_path,
                                                                 monkeypatch):
    """The fixture archive indexed two readouts to a bundle: the Search page merges them all,
    finds a readout by a phrase, and lists every readout newest or oldest first across them."""
    from archive_fixture import serve
    from test_browser import settled

    monkeypatch.setattr(searchindex, "BUNDLE_PAGES", 2)
    site = tmp_path / "site"
    shutil.copytree(built_archive[1], site)
    pages = {path.relative_to(site).as_posix(): page_record(path.read_text(encoding="utf-8"))
             for path in site.glob("readouts/*/index.html")}
    pages = {path: record for path, record in pages.items() if record}
    assert index_search(site, pages, None) >= 4
    with serve(site) as base:
        page.goto(base + "/search/?q=Zhongnanhai")
        assert settled(page).count() >= 1
        for order in ("newest", "oldest"):
            page.goto(base + f"/search/?q=President&sort={order}")
            settled(page)
            while page.locator(".summit-search__more").is_visible():
                page.locator(".summit-search__more").click()
                settled(page)
            days = [dt.datetime.strptime(day.split(" · ")[0], "%d %B %Y")
                    for day in page.locator(".summit-search__day").all_inner_texts()]
            assert len(days) >= 5
            assert days == sorted(days, reverse=order == "newest")
