"""Publisher detection: each shape a publisher's pages have names it, and nothing else does.

The texts here are written for these tests in the shapes the publishers print (no readout's own
lines); the last test runs detection over the development corpus in place, where SOURCES.yaml
says who published each readout.
"""

from __future__ import annotations


import pytest

from generator.extract import Extractor
from generator.model import Provenance, SourceText
from generator.parse import parse
from generator.registry import RegistryError, load_registry
from generator.sources import Candidate, read_source
from devcorpus import require_corpus

MFA = "Ministry of Foreign Affairs of the People's Republic of China"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_registry())


def publisher_of(extractor, text, fmt="text", url=None):
    source = SourceText(Provenance("seeds/t.txt", "0" * 64, url=url), text, "utf-8", fmt)
    facts, _ = extractor.extract(parse(source))
    why = [e.strategy for e in facts.evidence if e.fact == "publisher"]
    return facts.publisher, (why[0] if why else None), facts


BODY = "On March 3, 2025, the two ministers held talks on trade and the climate in Geneva.\n"


@pytest.mark.parametrize("text, publisher, strategy", [
    ("Home > China News\nWang Yi Holds Talks with a Visiting Minister\n\n" + BODY, MFA,
     "publisher section"),
    ("Home > Chinese Diplomatic News\nA Minister Visits the Capital\n\n" + BODY, MFA,
     "publisher section"),
    ("THE WHITE HOUSE\nOffice of the Press Secretary\nMarch 3, 2025\n\n" + BODY, "The White House",
     "publisher masthead"),
    ("Talks in Geneva\n\nGENEVA, March 3 (Xinhua) -- " + BODY, "Xinhua News Agency",
     "publisher wire dateline"),
    ("Talks in Geneva\n\nGENEVA, March 3. /TASS/. " + BODY, "TASS Russian News Agency",
     "publisher wire dateline"),
    ("Ministers talk trade\nSource: Xinhua| 2025-03-04 10:11:12|Editor: Someone\n\n" + BODY,
     "Xinhua News Agency", "publisher credit line"),
    ("Japan-France Relations\nForeign Minister Sato's Meeting in Geneva\nMarch 3, 2025\n\n" + BODY,
     "Ministry of Foreign Affairs of Japan", "publisher section"),
    ("Press release on Foreign Minister Ivanov's talks in Geneva\n3 March 202516:40\n\n" + BODY,
     "Ministry of Foreign Affairs of the Russian Federation", "publisher title shape"),
    ("Ministers talk in Geneva\n3 March 202516:40\n\n" + BODY,
     "Ministry of Foreign Affairs of the Russian Federation", "publisher date line style"),
    ("Premier meets a visiting minister\nUpdated: Mar 3,2025 4:05 PM english.gov.cn\n\n" + BODY,
     "State Council of the People's Republic of China", "publisher date line style"),
    ("Ministers talk in Geneva\n\n" + BODY + "\nreporter@korea.kr\n",
     "Korean Culture and Information Service", "publisher contact address"),
    ("PM call with President Example: 3 March 2025\n\n" + BODY,
     "Prime Minister's Office, 10 Downing Street", "publisher title shape"),
])
def test_each_shape_names_its_publisher(extractor, text, publisher, strategy):
    assert publisher_of(extractor, text)[:2] == (publisher, strategy)


def test_a_title_shape_naming_another_sides_leader_names_no_publisher(extractor):
    """'Remarks by President …' is the White House's shape, but not when the President is
    another country's registered leader; a readout of the publisher's own leader's calls with
    foreign leaders still is."""
    assert publisher_of(extractor, "Remarks by President Ramaphosa at the Summit\n\n" + BODY)[0] is None
    assert publisher_of(extractor, "Remarks by President Biden at the Summit\n\n" + BODY)[0] == \
        "The White House"
    assert publisher_of(extractor, "Readout of the President's Call with President Ramaphosa\n\n"
                        + BODY)[0] == "The White House"


def test_source_address_names_the_longest_matching_domain(extractor):
    found = publisher_of(extractor, "Talks\n\n" + BODY, url="https://www.fmprc.gov.cn/eng/x.html")
    assert found[:2] == (MFA, "publisher of source address")
    found = publisher_of(extractor, "Talks\n\n" + BODY, url="https://english.www.gov.cn/news/1")
    assert found[0] == "State Council of the People's Republic of China"


def test_no_shape_no_publisher(extractor):
    """A plain date line, a title no office owns: the publisher stays unknown, not guessed."""
    assert publisher_of(extractor, "Ministers Talk Trade\n2025-03-03 10:00\n\n" + BODY)[0] is None


def test_a_news_agency_speaks_for_no_side(extractor):
    """An official a wire service names without a nationality is not its country's."""
    text = ("Defense chiefs meet\n\nWASHINGTON, March 3 (Xinhua) -- Defense Secretary John "
            "Example met with his counterpart in Washington on Monday to discuss cooperation.\n")
    publisher, _, facts = publisher_of(extractor, text)
    assert publisher == "Xinhua News Agency"
    assert facts.publisher_country is None and "China" not in facts.countries


def test_html_page_gives_its_address_and_site_name(extractor):
    page = ("<html><head><title>Talks in Geneva</title>"
            '<link rel="canonical" href="https://www.whitehouse.gov/briefing-room/talks/">'
            '<meta property="og:site_name" content="The White House"></head>'
            "<body><h1>Talks in Geneva</h1><p>" + BODY + "</p></body></html>")
    publisher, strategy, facts = publisher_of(extractor, page, fmt="html")
    assert (publisher, strategy) == ("The White House", "publisher masthead")
    assert facts.source.url == "https://www.whitehouse.gov/briefing-room/talks/"


@pytest.mark.parametrize("head, url", [
    ('<meta property="og:url" content="https://kremlin.example/events/1">', "https://kremlin.example/events/1"),
    ('<link rel="canonical" href="javascript:alert(1)">', None),
    ('<link rel="canonical" href="/relative/path">', None),
])
def test_html_page_address_must_be_plainly_http(extractor, head, url):
    page = f"<html><head>{head}</head><body><h1>Talks</h1><p>{BODY}</p></body></html>"
    assert publisher_of(extractor, page, fmt="html")[2].source.url == url


def test_sidecar_publisher_by_short_name_or_country(extractor):
    registry = extractor.registry
    assert registry.publisher("White House").name == "The White House"
    assert registry.publisher("China").name == MFA  # the government office, not the news agency
    assert registry.publisher("Russia").name == "President of Russia"


def test_publishers_name_registered_sides(tmp_path):
    from generator.registry import DATA_DIR

    for name in DATA_DIR.glob("*.yml"):
        (tmp_path / name.name).write_bytes(name.read_bytes())
    text = (tmp_path / "publishers.yml").read_text(encoding="utf-8")
    (tmp_path / "publishers.yml").write_text(text.replace("country: Japan", "country: Japon", 1),
                                             encoding="utf-8")
    with pytest.raises(RegistryError, match="country 'Japon' is not registered"):
        load_registry(tmp_path)


# Who published each development-corpus readout, by its file's prefix (SOURCES.yaml says so).
# Readouts of eu-, id- and za- are reposted copies without a sign of their publisher.
CORPUS_PUBLISHERS = {
    "cn": MFA,
    "cngov": "State Council of the People's Republic of China",
    "dod": "U.S. Department of Defense",
    "jp": "Ministry of Foreign Affairs of Japan",
    "kr": "Korean Culture and Information Service",
    "ru": "Ministry of Foreign Affairs of the Russian Federation",
    "tass": "TASS Russian News Agency",
    "uk": "Prime Minister's Office, 10 Downing Street",
    "wh": "The White House",
    "xinhua": "Xinhua News Agency",
}
CORPUS_FLOOR = 30  # of 37 readouts named; none may be named wrongly


def test_corpus_publishers():
    files = sorted(require_corpus().glob("*.txt"))
    extractor = Extractor(load_registry())
    named, wrong = 0, []
    for path in files:
        source = read_source(Candidate(path, path.name))
        facts, _ = extractor.extract(parse(source), source.overrides)
        expected = CORPUS_PUBLISHERS.get(path.name.split("-")[0])
        if facts.publisher is not None and facts.publisher != expected:
            wrong.append(f"{path.name}: {facts.publisher} (expected {expected})")
        named += facts.publisher is not None and facts.publisher == expected
    assert wrong == []
    assert named >= CORPUS_FLOOR, f"{named} of {len(files)} corpus readouts name their publisher"
