"""What lets a reader trust and reuse the archive, checked on the built site as its users meet it:
a site address with canonical links and a full sitemap, whose readout it is and where it came
from, citations, Atom feeds read by a real feed parser, open data read with csv and json and
validated as a Frictionless data package, the 404 page under a sub-path, and two builds of the
same seeds byte for byte the same.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import http.server
import io
import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from archive_fixture import FIXTURE_SEEDS, ROOT, run_summit
from searchindex import comparable_site

SITE_URL = "https://example.github.io/archive/"  # served under a sub-path, as GitHub Pages does
SEED = "000-7dcf29c1458b0db6"
MFA = "Ministry of Foreign Affairs of the People's Republic of China"
SEED_URL = "http://al.china-embassy.gov.cn/eng/zgyw/202405/t20240517_11306328.htm"


def build(work: Path) -> tuple[Path, Path]:
    seeds = work / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for source in [*FIXTURE_SEEDS.glob("*.txt"), *(ROOT / "seeds").glob("*.*")]:
        (seeds / source.name).write_bytes(source.read_bytes())
    result = run_summit("build", "--seeds", str(seeds), "--content", str(work / "content"),
                        "--site", str(work / "site"), site_url=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"site address: {SITE_URL}" in result.stdout
    return work / "content", work / "site"


@pytest.fixture(scope="module")
def addressed(tmp_path_factory):
    """(content, site) of the fixture archive built with a site address."""
    return build(tmp_path_factory.mktemp("addressed"))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


def page_address(site: Path, page: Path) -> str:
    relative = page.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if relative == "." else relative + "/")


def readout_count(content: Path) -> int:
    return len([p for p in (content / "readouts").glob("*.md") if p.name != "index.md"
                and "template: redirect.html" not in p.read_text(encoding="utf-8")[:400]])


# ---------------------------------------------------------------- site address

def test_sitemap_lists_every_page_at_its_address(addressed):
    _, site = addressed
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {page_address(site, page) for page in html_pages(site)}
    assert pages and listed == pages


def test_every_page_has_its_canonical_link(addressed):
    _, site = addressed
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{page_address(site, page)}">' in text, page


def test_readout_page_tells_machines_what_it_is(addressed):
    _, site = addressed
    text = (site / "readouts" / SEED / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:url" content="{SITE_URL}readouts/{SEED}/">' in text
    assert '<meta property="og:type" content="article">' in text
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Article" and data["publisher"]["name"] == MFA
    assert data["isBasedOn"] == SEED_URL and data["url"] == f"{SITE_URL}readouts/{SEED}/"
    assert data["about"]["startDate"] == "2024-05-16"
    assert {"Xi Jinping", "Vladimir Putin"} <= {p["name"] for p in data["about"]["attendee"]}


# ---------------------------------------------------------------- publisher, source, citation

def test_seed_names_its_publisher_and_links_the_original(addressed):
    _, site = addressed
    text = (site / "readouts" / SEED / "index.html").read_text(encoding="utf-8")
    facts = html.unescape(text[text.index("Facts"):text.index("<strong>Date:")])
    assert f"Publisher:</strong> {MFA}" in facts
    assert f'href="{SEED_URL}"' in facts


def test_citation_holds_publisher_original_archive_and_accessed_day(addressed):
    _, site = addressed
    text = (site / "readouts" / SEED / "index.html").read_text(encoding="utf-8")
    cite = text[text.index('id="cite-this-readout"'):]
    plain = html.unescape(re.sub(r"<[^>]+>", "", cite.split("<pre>")[0]))
    assert "Ministry of Foreign Affairs of the People's Republic of China. “Xi Jinping Holds" in plain
    assert SEED_URL in plain and f"{SITE_URL}readouts/{SEED}/" in plain
    assert "Accessed 17 May 2024." in plain  # published that day; no retrieved: in the sidecar
    bibtex, csl = [html.unescape(re.sub(r"<[^>]+>", "", b))
                   for b in re.findall(r"<pre>(.*?)</pre>", cite, re.S)]
    assert f"url          = {{{SEED_URL}}}" in bibtex and "urldate      = {2024-05-17}" in bibtex
    item = json.loads(csl)[0]
    assert item["URL"] == SEED_URL and item["archive_location"] == f"{SITE_URL}readouts/{SEED}/"
    assert item["author"] == [{"literal": MFA}] and item["accessed"] == {"date-parts": [[2024, 5, 17]]}


def test_listings_say_whose_readout_it_is(addressed):
    _, site = addressed
    text = re.sub(r"<[^>]+>", "", (site / "readouts" / "index.html").read_text(encoding="utf-8"))
    assert "Chinese Foreign Ministry: Xi Jinping Holds Small-group Talks" in text
    assert "White House: Readout of President" in text


# ---------------------------------------------------------------- feeds

def all_feeds(site: Path) -> list[Path]:
    return [site / "feed.xml", *sorted((site / "feeds").rglob("*.xml"))]


def local_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site / url[len(SITE_URL):]
    return path / "index.html" if url.endswith("/") else path


def test_every_feed_parses_with_entries_dates_and_links(addressed):
    content, site = addressed
    feeds = all_feeds(site)
    assert len(feeds) > 20
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10" and feed.feed.title and feed.feed.updated_parsed
        assert local_file(site, feed.feed.link).is_file(), path
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert local_file(site, self_link) == path
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
        updated = [entry.updated_parsed for entry in feed.entries]
        assert updated == sorted(updated, reverse=True), path
        if updated:
            assert feed.feed.updated_parsed == updated[0]
        for entry in feed.entries:
            assert entry.title and entry.summary and entry.published_parsed
            assert local_file(site, entry.link).is_file(), (path, entry.link)
    archive = feedparser.parse((site / "feed.xml").read_bytes())
    assert len(archive.entries) == min(50, readout_count(content))


def test_leader_feed_holds_that_leaders_readouts(addressed):
    content, site = addressed
    rows = list(csv.DictReader(io.StringIO((site / "data" / "participants.csv").read_text("utf-8"))))
    slugs = {row["readout"] for row in rows if row["person"] == "xi-jinping"}
    feed = feedparser.parse((site / "feeds" / "leaders" / "xi-jinping.xml").read_bytes())
    assert {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries} == slugs
    seed = next(e for e in feed.entries if e.link.endswith(f"/{SEED}/"))
    assert seed.author == "Chinese Foreign Ministry"
    assert {tag.term for tag in seed.tags} >= {"ukraine-crisis", "global-security-initiative"}


def test_feeds_are_linked_from_their_pages_and_advertised_in_head(addressed):
    _, site = addressed
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        advertised = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" '
                                r'title="[^"]*" href="([^"]+)">', text)
        assert advertised, page
        for href in advertised:
            assert (page.parent / href).resolve().is_file(), (page, href)
    leader = (site / "leaders" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/leaders/vladimir-putin.xml"' in leader  # head and body
    assert leader.count("feeds/leaders/vladimir-putin.xml") == 2


def test_feed_keeps_hostile_titles_as_their_own_text(tmp_path):
    """A readout's title full of markup and XML reaches a feed reader as the same text."""
    title = 'Xi & Putin <b>talk</b> "trade" </title><script>alert(1)</script> ]]> {{ x }}'
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "odd.txt").write_text(
        f"Home > China News\n{title}\n2024-05-17 02:14\n\nOn May 16, 2024, President Xi Jinping "
        "held talks with Russian President Vladimir Putin in Beijing.\n", encoding="utf-8")
    result = run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    for path in [tmp_path / "content" / "feed.xml",
                 tmp_path / "content" / "feeds" / "leaders" / "xi-jinping.xml"]:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo
        assert feed.entries[0].title == title
        assert feed.entries[0].link == "../../readouts/odd/" or path.name == "feed.xml"
    assert feedparser.parse((tmp_path / "content" / "feed.xml").read_bytes()).entries[0].link \
        == "readouts/odd/"  # relative without a site address


# ---------------------------------------------------------------- open data

def test_open_data_holds_every_readout(addressed):
    content, site = addressed
    data = site / "data"
    readouts = json.loads((data / "readouts.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((data / "readouts.csv").read_text("utf-8"))))
    count = readout_count(content)
    assert len(readouts) == len(rows) == count
    assert [r["slug"] for r in readouts] == [row["slug"] for row in rows]
    seed = next(r for r in readouts if r["slug"] == SEED)
    assert seed["publisher"] == MFA and seed["source"]["url"] == SEED_URL
    assert seed["page"] == f"{SITE_URL}readouts/{SEED}/" and seed["date"] == "2024-05-16"
    people = list(csv.DictReader(io.StringIO((data / "participants.csv").read_text("utf-8"))))
    assert len(people) == sum(len(r["participants"]) for r in readouts)
    assert {"readout": SEED, "person": "xi-jinping", "name": "Xi Jinping", "role": "principal",
            "title": "President", "country": "China"} in people
    topics = list(csv.DictReader(io.StringIO((data / "topics.csv").read_text("utf-8"))))
    assert [t["topic"] for t in topics if t["readout"] == SEED] == seed["topics"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home and (data / "index.html").is_file()


def test_data_package_validates(addressed):
    frictionless = pytest.importorskip("frictionless")
    jsonschema = pytest.importorskip("jsonschema")
    data = addressed[1] / "data"
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    schema = next(r for r in package["resources"] if r["path"] == "readouts.json")["jsonSchema"]
    jsonschema.validate(json.loads((data / "readouts.json").read_text(encoding="utf-8")), schema)
    assert package["licenses"][0]["name"] == "CC0-1.0"


def test_data_package_check_can_fail(addressed, tmp_path):
    """The validation is real: a date no calendar has, or a missing slug, fails it."""
    frictionless = pytest.importorskip("frictionless")
    data = addressed[1] / "data"
    for name in ("datapackage.json", "readouts.json", "participants.csv", "topics.csv"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    lines = (data / "readouts.csv").read_text(encoding="utf-8").split("\n")
    lines[1] = re.sub(r",\d{4}-\d{2}-\d{2},", ",2024-02-30,", lines[1], count=1)
    (tmp_path / "readouts.csv").write_text("\n".join(lines), encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


# ---------------------------------------------------------------- 404 under a sub-path

class _SubPath(http.server.SimpleHTTPRequestHandler):
    """A site served under /archive/ as GitHub Pages serves a project site: 404.html for a
    missing address."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        prefix = "/archive/"
        return super().translate_path("/" + path[len(prefix):] if path.startswith(prefix)
                                      else "/no-such-file")

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve_under_sub_path(site: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SubPath, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_404_page_works_under_a_sub_path(addressed, page):
    _, site = addressed
    with serve_under_sub_path(site) as base:
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/archive/readouts/no-such-readout/")
        assert missing.value.code == 404
        response = page.goto(f"{base}/archive/readouts/no-such-readout/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "404 - Not found"
        # The theme's stylesheet loaded: the header is laid out, not unstyled text.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")\
            in ("sticky", "fixed")
        page.locator(".md-header__button.md-logo").click()
        page.wait_for_load_state()
        assert page.url == f"{base}/archive/" and "Summit Archive" in page.title()


# ---------------------------------------------------------------- same seeds, same bytes

def test_two_builds_are_byte_identical(addressed, tmp_path):
    """Pagefind's filter and metadata files are compared by what they say (searchindex.py)."""
    content, site = addressed
    again_content, again_site = build(tmp_path)
    assert tree(again_content) == tree(content)
    first, second = comparable_site(site), comparable_site(again_site)
    assert "sitemap.xml.gz" in first and "feed.xml" in first and "data/readouts.json" in first
    assert second == first
    rebuilt = run_summit("build", "--seeds", str(tmp_path / "seeds"), "--content",
                         str(tmp_path / "content"), "--site", str(tmp_path / "site"),
                         site_url=SITE_URL)
    assert rebuilt.returncode == 0 and "(0 written)" in rebuilt.stdout, rebuilt.stdout
    assert "(0 of " in rebuilt.stdout  # the site too: no page made again
    assert comparable_site(tmp_path / "site") == first
