"""Nothing a readout contains runs in a reader's browser: every hostile fixture's page, opened in
headless Chromium, shows its payload as text, raises no dialog and holds no javascript: link."""

import pytest

from archive_fixture import run_summit, serve
from test_hostile import HOSTILE_FIXTURES, materialise


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    seeds = work / "seeds"
    seeds.mkdir()
    for name in HOSTILE_FIXTURES:
        materialise(name, seeds, work / "outside")
    result = run_summit("build", "--seeds", str(seeds), "--content", str(work / "content"),
                        "--site", str(work / "site"))
    assert (work / "site" / "index.html").is_file(), result.stdout + result.stderr
    pages = sorted(p.stem for p in (work / "content" / "readouts").glob("*.md") if p.stem != "index")
    with serve(work / "site") as base:
        yield base, pages


def test_hostile_fixtures_have_pages(hostile_site):
    _, pages = hostile_site
    assert len(pages) >= len(HOSTILE_FIXTURES)


def test_no_script_from_a_readout_runs(page, hostile_site):
    base, pages = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for slug in pages:
        page.goto(f"{base}/readouts/{slug}/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # let any onerror/onload handler fire
        links = page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in links if h.strip().lower().startswith(("javascript:", "data:"))], slug
        assert page.locator("article iframe, article object, article embed").count() == 0, slug
        inline = page.eval_on_selector_all(
            "article script, article [onerror], article [onload], article [onclick]", "els => els.length")
        assert inline == 0, slug
    assert dialogs == []
