"""The fixture archive built end to end with `mkdocs build --strict`: every page, every link."""

import json

import yaml

from archive_fixture import FIXTURE_SEEDS
from sitecheck import check_site


def readout_pages(content):
    return sorted((content / "readouts").glob("2*.md"))


def front_matter(page):
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def test_every_readout_has_a_page(built_archive):
    content, site = built_archive
    pages = readout_pages(content)
    assert len(pages) == len(list(FIXTURE_SEEDS.glob("*.txt"))) + 1  # fixtures plus the seed
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
    ):
        assert (site / page).is_file(), page


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


def test_search_index_holds_names_topics_and_text(built_archive):
    _, site = built_archive
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    for needle in ("Vladimir Putin", "Ukraine crisis", "shimmering waters", "Keir Starmer"):
        assert needle in text


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
