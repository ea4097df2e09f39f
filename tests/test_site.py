"""The fixture archive built end to end with `mkdocs build --strict`: every page, every link."""

import gzip
import json

import yaml

from archive_fixture import archive_sources
from sitecheck import check_site


def readout_pages(content):
    """The readouts' own pages: not the index, not a page at a readout's earlier address."""
    return sorted(p for p in (content / "readouts").glob("*.md")
                  if p.stem != "index" and "redirect" not in front_matter(p))


def front_matter(page):
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def test_every_readout_has_a_page(built_archive):
    content, site = built_archive
    pages = readout_pages(content)
    assert len(pages) == len([s for s in archive_sources() if s.suffix == ".txt"])
    for page in pages:
        assert (site / "readouts" / page.stem / "index.html").is_file()


def test_section_pages_exist(built_archive):
    _, site = built_archive
    for page in (
        "index.html", "readouts/index.html", "leaders/index.html", "topics/index.html",
        "countries/index.html", "timeline/index.html", "timeline/2022/index.html",
        "timeline/2023/index.html", "timeline/2024/index.html",
        "leaders/xi-jinping/index.html", "leaders/emmanuel-macron/index.html",
        "leaders/keir-starmer/index.html", "leaders/joe-biden/index.html",
        "leaders/sergei-lavrov/index.html", "leaders/olaf-scholz/index.html",
        "countries/china/index.html", "countries/united-kingdom/index.html",
        "pairs/china--france/index.html", "pairs/china--russia/index.html",
        "pairs/united-kingdom--united-states/index.html",
        "topics/ukraine-crisis/index.html", "topics/climate-change/index.html",
        "events/index.html", "events/2024-05-16-xi-jinping-vladimir-putin/index.html",
        "summits/index.html", "summits/g20/index.html", "summits/g20-2019/index.html",
        "summits/apec-2023/index.html",
    ):
        assert (site / page).is_file(), page


def test_pairs_come_from_two_sided_meetings_only(built_archive):
    """The 19-country summit session adds no pair: only the fixtures' bilateral meetings do."""
    content, _ = built_archive
    assert sorted(p.stem for p in (content / "pairs").glob("*.md")) == [
        "china--france", "china--russia", "china--united-states", "france--united-kingdom",
        "germany--united-kingdom", "ukraine--united-kingdom", "united-kingdom--united-states",
    ]


def test_events_and_summits_are_in_the_navigation(built_archive):
    _, site = built_archive
    tabs = (site / "index.html").read_text(encoding="utf-8").split('class="md-content"')[0]
    assert 'href="events/"' in tabs and 'href="summits/"' in tabs


def test_recurring_leaders_and_pairs_list_several_readouts(built_archive):
    content, _ = built_archive
    def links_to_readouts(page):
        return page.read_text(encoding="utf-8").count("](../readouts/")
    assert links_to_readouts(content / "leaders" / "xi-jinping.md") >= 4
    assert links_to_readouts(content / "pairs" / "china--france.md") >= 2
    assert links_to_readouts(content / "pairs" / "united-kingdom--united-states.md") >= 2


def test_every_internal_link_and_anchor_resolves(built_archive):
    _, site = built_archive
    assert check_site(site) == []


def test_readouts_stay_out_of_the_navigation(built_archive):
    """With every readout in the nav each page would carry the whole list (N² growth)."""
    content, site = built_archive
    home = (site / "index.html").read_text(encoding="utf-8")
    for page in readout_pages(content):
        assert f"readouts/{page.stem}/" not in home.split('class="md-content"')[0]


def search_fragments(site):
    """Pagefind's record of each indexed page: gzip of a signature and a JSON document."""
    records = []
    for path in sorted((site / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def test_search_index_holds_every_readout_and_nothing_else(built_archive):
    """Pagefind indexed exactly the readout pages (not listings, not the site's chrome), and
    Material's lunr index, downloaded whole on a first search, is gone."""
    content, site = built_archive
    bundles = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert bundles and all((site / "pagefind" / b["path"] / "pagefind-entry.json").is_file()
                           for b in bundles)
    assert (site / "pagefind" / bundles[0]["path"] / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    records = search_fragments(site)
    assert sorted(r["url"] for r in records) == [f"/readouts/{p.stem}/" for p in readout_pages(content)]
    for record in records:
        assert "Related readouts" not in record["content"]
        assert "Cite as" not in record["content"]
        assert "¶" not in record["content"]
        assert "Principals:" not in record["content"]  # the facts box: excerpts quote the text
        # the Search page finds "every readout" by this word (EVERY_READOUT in assets/search.js)
        assert "readout · " in record["content"]


def test_search_index_holds_names_topics_text_and_facets(built_archive):
    _, site = built_archive
    records = search_fragments(site)
    text = " ".join(r["meta"]["title"] + " " + r["content"] for r in records)
    for needle in ("Vladimir Putin", "Ukraine crisis", "shimmering waters", "Keir Starmer",
                   "Zelenskiy"):  # a spelling the registry knows, not the readout
        assert needle in text
    talks = next(r for r in records if r["url"] == "/readouts/000-7dcf29c1458b0db6/")
    assert talks["meta"] == {
        "title": "Xi Jinping Holds Small-group Talks with Russian President Vladimir Putin at Zhongnanhai",
        "day": "16 May 2024",
        "principals": "Xi Jinping, Vladimir Putin",
        "publisher": "Ministry of Foreign Affairs of the People's Republic of China",
    }
    assert "Chinese Foreign Ministry" in talks["content"]  # the publisher's short name finds it
    filters = talks["filters"]
    assert filters["month"] == ["2024-05"]
    assert set(filters["leader"]) == {"Xi Jinping", "Vladimir Putin", "Cai Qi", "Wang Yi"}
    assert filters["country"] == ["China", "Russia"]
    assert "Ukraine crisis" in filters["topic"]
    assert (filters["year"], filters["format"]) == (["2024"], ["talks"])
    assert all(set(r["filters"]) >= {"leader", "country", "year", "format"} for r in records)


def test_search_page_and_header_box(built_archive):
    _, site = built_archive
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    for facet in ("leader", "topic", "country", "year", "format"):
        assert f'data-facet="{facet}"' in search
    assert 'src="../assets/search.js"' in search
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'action="search/"' in home and 'name="q"' in home
    assert 'href="search/"' in home.split('class="md-content"')[1]  # a way in from the home page
    assert "search_index.json" not in home


def test_facts_of_fixture_readouts_follow_the_contract(built_archive):
    content, _ = built_archive
    required = {"title", "date", "published", "format", "format_detail", "location",
                "participants", "mentioned", "countries", "mentioned_countries", "topics", "source"}
    for page in readout_pages(content):
        meta = front_matter(page)
        assert required <= set(meta), page.name
        assert meta["countries"] == sorted(meta["countries"])
        ids = [p["id"] for p in meta["participants"]]
        assert len(ids) == len(set(ids)), page.name
