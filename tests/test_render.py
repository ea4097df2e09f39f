"""Rendering content/: escaping of readout strings, page set, front matter, determinism, atomicity."""

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LAVROV, MACRON, PUTIN, WANG, XI, build_entry
from generator import write
from generator.link import build_archive
from generator.markdown import escape_markdown, external_link
from generator.render import render_content

D = dt.date
SITE_EXTENSIONS = ["admonition", "toc", "tables", "fenced_code"]  # as MkDocs configures Markdown
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](data:image/png;base64,AAAA)",
    "{{ x }} and {% if y %}",
    "<img src=x onerror=alert(1)>",
    "1. not a list",
    "> not a quote",
    "    not code",
    "~~~",
    "# not a heading",
    "*not emphasis* _nor this_ `nor code`",
    "| not | a | table |",
    "&amp; stays &lt;literal&gt;",
    "<https://autolink.example>",
    "!!! note \"not an admonition\"",
]
CONTRACT_FIELDS = [
    "title", "date", "published", "format", "format_detail", "kind", "location", "participants",
    "mentioned", "countries", "mentioned_countries", "topics", "publisher", "event", "summit", "source",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "src")]


def to_html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=SITE_EXTENSIONS)


def tags_of(html_text: str) -> _Tags:
    parser = _Tags()
    parser.feed(html_text)
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_render_as_their_own_text(text):
    rendered = to_html(escape_markdown(text))
    assert tags_of(rendered).tags == ["p"]
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .\n\t\\`*_[](){}#+-!|<>&;:~=^\"'/")), max_size=40))
def test_any_text_renders_as_itself(text):
    rendered = to_html(escape_markdown(text))
    expected = " ".join(text.split())
    if not expected:
        assert rendered == ""
        return
    assert tags_of(rendered).tags == ["p"]
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == expected


def test_only_plain_web_addresses_become_links():
    assert external_link("https://example.org/a?b=1") == (
        "[https://example.org/a?b=1](https://example.org/a?b=1)"
    )
    assert "](" not in external_link("javascript:alert(1)")
    assert "](" not in external_link("https://x.org/a) [y](javascript:z")


# ---------------------------------------------------------------- whole pages

def small_entries():
    hostile_title = "Xi <script>alert(1)</script> [x](javascript:alert(1)) {{ x }}"
    return [
        build_entry(
            "talks", D(2024, 5, 16), title=hostile_title, principals=[XI, PUTIN], attendees=[WANG],
            mentioned=[("joe-biden", "Joe <b>Biden</b>", False)],
            topics=["ukraine-crisis", "china-russia-relations"], location="Zhongnanhai <i>x</i>",
            format_detail="![i](data:x)", published=dt.datetime(2024, 5, 17, 2, 14),
            url="javascript:alert(1)", section="{% raw %}",
            paragraphs=[
                "Xi Jinping met Vladimir Putin. Xi Jinping said {{ x }}.",
                "Putin and Wang said: <script>alert(2)</script> [y](javascript:z)",
                "Joe <b>Biden</b> was named.",
            ],
        ),
        build_entry(
            "talks-moscow", D(2024, 5, 16), title="Putin <i>and</i> Xi | talk", principals=[PUTIN, XI],
            attendees=[("aide", "Aide [x](javascript:y)", "Russia", "<b>Aide</b>")],
            topics=["energy", "ukraine-crisis"], publisher="<script>Kremlin</script>",
            location="| not | a | cell |", format_detail="*informal*",
        ),
        build_entry("call", D(2024, 2, 1), principals=[XI, PUTIN], format="phone call",
                    topics=["ukraine-crisis"], paragraphs=["Xi spoke with Putin by phone."]),
        build_entry("trio", D(2023, 4, 6), principals=[XI, MACRON, PUTIN], topics=["energy"],
                    published=D(2023, 4, 7)),
        build_entry("ministers", None, principals=[WANG, LAVROV],
                    attendees=[("anon", "<img src=x onerror=alert(1)>", "Russia", "*Aide*")]),
    ]


@pytest.fixture
def content(tmp_path, registry):
    content_dir = tmp_path / "content"
    render_content(build_archive(small_entries(), registry), registry, content_dir)
    return content_dir


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def split_page(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_every_page_is_written(content):
    pages = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert pages == sorted([
        "index.md", "search.md",
        "readouts/index.md", "readouts/talks.md", "readouts/talks-moscow.md", "readouts/call.md",
        "readouts/trio.md", "readouts/ministers.md",
        "events/index.md", "events/2024-05-16-xi-jinping-vladimir-putin.md", "summits/index.md",
        "leaders/index.md", "leaders/xi-jinping.md", "leaders/vladimir-putin.md",
        "leaders/wang-yi.md", "leaders/emmanuel-macron.md", "leaders/sergey-lavrov.md",
        "leaders/joe-biden.md", "leaders/anon.md", "leaders/aide.md",
        "topics/index.md", "topics/ukraine-crisis.md", "topics/regional-issues.md",
        "topics/bilateral-relations.md", "topics/energy.md",  # China–Russia relations: the pair's
        "countries/index.md", "countries/china.md", "countries/russia.md", "countries/france.md",
        "pairs/china--russia.md",  # the three-sided trio makes no pair
        "timeline/index.md", "timeline/2023.md", "timeline/2024.md", "data/index.md",
        "network/index.md", "network/2024.md",  # the trio, in 2023, draws no ties
    ])


def test_readout_front_matter_follows_the_contract(content):
    meta, _ = split_page(content / "readouts/talks.md")
    assert list(meta)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
    assert meta["title"] == "Xi <script>alert(1)</script> [x](javascript:alert(1)) {{ x }}"
    assert meta["date"] == D(2024, 5, 16)
    assert meta["published"] == "2024-05-17 02:14"
    assert meta["participants"][0] == {
        "id": "xi-jinping", "name": "Xi Jinping", "role": "principal", "country": "China",
        "title": "President",
    }
    assert meta["mentioned"] == [{"id": "joe-biden", "name": "Joe <b>Biden</b>"}]
    assert meta["source"] == {
        "file": "seeds/talks.txt", "sha256": f"{5:064x}", "url": "javascript:alert(1)",
        "section": "{% raw %}", "retrieved": None,
    }
    assert (meta["slug"], meta["end_date"], meta["organizations"]) == ("talks", None, [])
    assert split_page(content / "readouts/trio.md")[0]["published"] == D(2023, 4, 7)
    assert split_page(content / "readouts/ministers.md")[0]["date"] is None


# Addresses outside the site that pages link to of their own accord (the Data page's licence).
OWN_EXTERNAL_LINKS = {"https://creativecommons.org/publicdomain/zero/1.0/", "https://datapackage.org/"}
DATA_FILES = {"readouts.json", "readouts.csv", "participants.csv", "topics.csv", "datapackage.json"}


def test_no_readout_string_becomes_markup_anywhere(content):
    for page in content.rglob("*.md"):
        rendered = to_html(split_page(page)[1])
        parsed = tags_of(rendered)
        assert not {"script", "img", "b", "i", "blockquote", "ol"} & set(parsed.tags), page
        # Code blocks are the citation's BibTeX and CSL-JSON, on readout pages only.
        citing = page.parent.name == "readouts" and page.name != "index.md"
        assert parsed.tags.count("pre") == (2 if citing else 0), page
        for href in parsed.hrefs:
            assert href.startswith(("./", "../", "readouts/", "leaders/", "topics/", "countries/",
                                    "pairs/", "timeline/", "events/", "summits/", "search.md",
                                    "network/",
                                    "#", "data/", "feed.xml")
                                   ) or href in OWN_EXTERNAL_LINKS | DATA_FILES, (page, href)
    body = to_html(split_page(content / "readouts/talks.md")[1])
    assert "{{ x }}" in body and "{% raw %}" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_first_mentions_link_to_leader_pages(content):
    _, body = split_page(content / "readouts/talks.md")
    first, second, third = [block for block in body.split("\n\n")
                            if block.startswith(("Xi", "[Xi", "Putin", "Joe", "[Joe"))]
    assert first == (
        "[Xi Jinping](../leaders/xi-jinping.md) met [Vladimir Putin](../leaders/vladimir-putin.md)."
        " Xi Jinping said \\{\\{ x \\}\\}.\n{: #p1 }"  # each paragraph's id: statements link there
    )
    assert second.startswith("Putin and [Wang](../leaders/wang-yi.md) said")  # surname fallback
    assert third == "[Joe &lt;b&gt;Biden&lt;/b&gt;](../leaders/joe-biden.md) was named.\n{: #p3 }"


def test_readout_page_lists_related_and_neighbours(content):
    _, body = split_page(content / "readouts/call.md")
    # the three-sided trio is no China–Russia meeting; the next is the talks both sides told
    assert ("[China–Russia](../pairs/china--russia.md), leaders: no earlier meeting; next "
            "[Xi Jinping and Vladimir Putin, 16 May 2024]"
            "(../events/2024-05-16-xi-jinping-vladimir-putin.md)") in body
    assert "## Related readouts" in body
    _, body = split_page(content / "readouts/talks.md")
    assert "- **Also told by:** [Putin &lt;i&gt;and&lt;/i&gt; Xi \\| talk](../readouts/talks-moscow.md)" in body


def test_event_page_sets_the_accounts_side_by_side(content):
    meta, body = split_page(content / "events/2024-05-16-xi-jinping-vladimir-putin.md")
    assert meta == {"title": "Xi Jinping and Vladimir Putin, 16 May 2024"}
    table = [line for line in body.splitlines() if line.startswith("|")]
    assert table[0] == "| | Account 1 |Account 2 |"
    assert table[2] == "| **Published by** | not identified |&lt;script&gt;Kremlin&lt;/script&gt; |"
    html = to_html(body)
    assert html.count("<table>") == 1 and "<th>Account 2</th>" in html
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(rows) == len(table) - 1  # every line but the rule is a row
    assert all(len(re.findall(r"<t[dh]>", row)) == 3 for row in rows)  # no string opens a cell
    assert "| not | a | cell |" in html
    only = body.split("## What only one account says")[1]
    assert "**Account 1** (" in only and "topics [Ukraine crisis]" not in only
    assert "taking part [Wang Yi](../leaders/wang-yi.md)" in only
    assert "[Energy](../topics/energy.md); taking part [Aide" in only


def test_rendering_twice_gives_identical_bytes(tmp_path, registry):
    outputs = []
    for name in ("one", "two"):
        render_content(build_archive(small_entries(), registry), registry, tmp_path / name)
        outputs.append(snapshot(tmp_path / name))
    assert outputs[0] == outputs[1]


def test_a_failed_render_leaves_previous_content(content, registry, monkeypatch):
    before = snapshot(content)
    written = []

    def fail_on_third(path, text):
        written.append(path)
        if len(written) == 3:
            raise OSError("disk full")

    monkeypatch.setattr(write, "_write_page", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        render_content(build_archive(small_entries()[:1], registry), registry, content)
    assert snapshot(content) == before
    assert [p.name for p in content.parent.iterdir()] == ["content"]  # no staging folder left


def test_pages_of_removed_readouts_vanish(content, registry):
    render_content(build_archive(small_entries()[2:3], registry), registry, content)
    assert not (content / "readouts/talks.md").exists()
    assert not (content / "leaders/wang-yi.md").exists()
    assert (content / "readouts/call.md").exists()
    assert [p.name for p in content.parent.iterdir()] == ["content"]


def test_unsafe_ids_are_refused(tmp_path, registry):
    entries = [build_entry("../escape", D(2024, 1, 1))]
    with pytest.raises(ValueError, match="cannot be used as a page name"):
        render_content(build_archive(entries, registry), registry, tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_leader_page_says_which_side_an_office_spoke_for(tmp_path):
    """Donald Tusk, of Poland, spoke for the European Union as President of the European
    Council: his page's offices say so."""
    from generator.registry import load_registry

    registry = load_registry()
    tusk = ("donald-tusk", "Donald Tusk", "European Union", "President of the European Council")
    abe = ("shinzo-abe", "Shinzo Abe", "Japan", "Prime Minister")
    entries = [build_entry("abe-tusk", D(2017, 3, 21), principals=[abe, tusk], format="meeting")]
    render_content(build_archive(entries, registry), registry, tmp_path / "content")
    page = (tmp_path / "content" / "leaders" / "donald-tusk.md").read_text(encoding="utf-8")
    assert "| President of the European Council (for European Union) |" in page
    assert re.search(r"^\| Prime Minister \| 16 November 2007 \|", page, re.M)


def test_page_keys_do_not_depend_on_the_process(tmp_path, monkeypatch):
    """A page's key is compared with the one the last build, another process, made: nothing
    that varies between processes (the order of a set, string hashing, which objects are shared)
    may enter it, nor what the plan remembers of a build. Two builds of the fixture archive under
    different hash seeds agree."""
    from archive_fixture import archive_sources, run_summit

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in archive_sources():
        (seeds / source.name).write_bytes(source.read_bytes())
    keys = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        cache = tmp_path / f"cache-{seed}"
        result = run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
                            "--cache", str(cache), "--quiet")
        assert result.returncode == 0, result.stderr
        (state,) = cache.glob("render-*.json")
        _, salt, memory, pages = write._load_state(state)
        keys.append(({path: record.key for path, record in pages.items()}, salt, memory))
    assert len(keys[0][0]) > 50 and keys[0][2]["signatures"] and keys[0] == keys[1]
