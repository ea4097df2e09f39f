"""A small archive rendered and built by MkDocs strictly: every page exists, every link resolves."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archive_fixture import project_mkdocs_config
from conftest import LAVROV, MACRON, PUTIN, WANG, XI, build_entry, small_registry
from generator.link import build_archive
from generator.render import render_content
from sitecheck import check_site

ROOT = Path(__file__).resolve().parent.parent
D = dt.date
HOSTILE_TITLE = "Xi meets Putin </title><script>alert(1)</script>"


def entries():
    """Six readouts with recurring leaders, so leader and pair pages list several."""
    return [
        build_entry("xi-putin-talks", D(2024, 5, 16), title=HOSTILE_TITLE, principals=[XI, PUTIN],
                    attendees=[WANG, LAVROV], topics=["ukraine-crisis", "china-russia-relations"],
                    paragraphs=["Xi Jinping held talks with Vladimir Putin.", "Wang Yi attended."],
                    url="https://example.org/readout?id=1"),
        build_entry("xi-putin-call", D(2024, 2, 8), principals=[XI, PUTIN], format="phone call",
                    topics=["ukraine-crisis"], paragraphs=["Xi spoke with Putin."]),
        build_entry("xi-macron-talks", D(2023, 4, 6), principals=[XI, MACRON], topics=["energy"],
                    paragraphs=["Xi Jinping met Emmanuel Macron [x](javascript:alert(1))."]),
        build_entry("trilateral", D(2023, 4, 7), principals=[XI, MACRON, PUTIN],
                    mentioned=[("joe-biden", "Joe Biden", False)], paragraphs=["Biden came up."]),
        build_entry("ministers", D(2023, 11, 20), principals=[WANG, LAVROV], format="phone call",
                    topics=["china-russia-relations"]),
        build_entry("undated-note", None, principals=[MACRON, PUTIN], topics=["ukraine-crisis"]),
    ]


def render_and_build(work: Path, damage=None) -> subprocess.CompletedProcess:
    """Render the entries into work/content, optionally damage it, and build with the project's
    mkdocs.yml pointed at work/."""
    registry = small_registry()
    render_content(build_archive(entries(), registry), registry, work / "content")
    if damage:
        damage(work / "content")
    config = project_mkdocs_config(work / "content", work / "site")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # No --quiet: it hides warnings from --strict, which then lets a broken link pass.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("site")
    build = render_and_build(work)
    assert build.returncode == 0, build.stderr
    return work / "site"


def test_every_page_is_built(site):
    expected = [
        "index.html", "404.html", "sitemap.xml", "search/index.html",
        "readouts/index.html", "leaders/index.html", "topics/index.html", "countries/index.html",
        "timeline/index.html", "timeline/2023/index.html", "timeline/2024/index.html",
        *(f"readouts/{e.slug}/index.html" for e in entries()),
        *(f"leaders/{p}/index.html" for p in (
            "xi-jinping", "vladimir-putin", "emmanuel-macron", "wang-yi", "sergey-lavrov", "joe-biden")),
        *(f"topics/{t}/index.html" for t in (
            "ukraine-crisis", "regional-issues", "energy", "bilateral-relations")),  # China–Russia
        # relations: its page is the pair's
        *(f"countries/{c}/index.html" for c in ("china", "russia", "france")),
        *(f"pairs/{p}/index.html" for p in ("china--russia", "china--france", "france--russia")),
        "assets/summit.css",
    ]
    assert [path for path in expected if not (site / path).is_file()] == []


def test_every_internal_link_and_anchor_resolves(site):
    assert check_site(site) == []


def test_readout_pages_stay_out_of_the_nav(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="readouts/xi-putin-call/"' not in home.split('class="md-content"')[0]


def test_readout_strings_stay_text_in_the_built_site(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert 'href="javascript:' not in text, page
    readout = (site / "readouts/xi-putin-talks/index.html").read_text(encoding="utf-8")
    assert "<title>Xi meets Putin &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Summit Archive</title>" in readout


def test_strict_build_fails_on_a_broken_anchor(tmp_path):
    def add_broken_link(content: Path) -> None:
        page = content / "readouts/xi-putin-call.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[gone](trilateral.md#nowhere)\n")

    build = render_and_build(tmp_path, add_broken_link)
    assert build.returncode != 0
    assert "nowhere" in build.stderr


def test_check_site_reports_missing_files_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h1 id="top">A</h1><a href="#top">ok</a>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#top">ok</a><a href="https://x.org/">external</a>'
        '<a href="b/">missing</a><a href="a/#nowhere">bad anchor</a><a href="javascript:x">js</a>'
    )
    assert check_site(tmp_path) == [
        "index.html: b/ (no such file)",
        "index.html: a/#nowhere (no such anchor)",
        "index.html: javascript:x (not a site link)",
    ]
