"""What the pages make of an archive for reading it: activity charts, statements pages and the
words search finds a readout by."""

import datetime as dt
import posixpath

from hypothesis import given
from hypothesis import strategies as st

from conftest import MACRON, PUTIN, XI, build_entry
from generator.link import build_archive
from generator.model import Statement
from generator.pages.addresses import Lookups
from generator.pages.chart import _relative, activity_chart, month_anchor, url_between
from generator.pages.search import search_terms
from generator.pages.statements import quoted_statements, quotes_by_person, quotes_by_topic
from generator.registry import Person, Publisher
from generator.render import render_content


def _entry(slug, day, kind="bilateral", **facts):
    entry = build_entry(slug, day, **facts)
    entry.facts.kind = kind
    return entry


def test_chart_spans_whole_years_and_stacks_kinds():
    entries = [
        _entry("a", dt.date(2023, 11, 2), principals=[XI, PUTIN]),
        _entry("b", dt.date(2023, 11, 20), "multilateral", principals=[XI, MACRON]),
        _entry("c", dt.date(2024, 2, 1), principals=[XI, MACRON]),
        _entry("d", None, principals=[XI, PUTIN]),
    ]
    chart = activity_chart(entries, lambda y, m: f"#{month_anchor(y, m)}")
    assert chart.width == 24 and [y.year for y in chart.years] == [2023, 2024]
    assert chart.kinds == ("bilateral", "multilateral")
    assert (chart.total, chart.peak, chart.peak_label) == (3, 2, "November 2023")
    november = chart.busy_months[0]
    assert november.x == 10 and november.by_kind == (1, 1) and november.href == "#m-2023-11"
    assert [(s.kind, s.y, s.height) for s in november.segments] == [
        ("bilateral", 50, 50), ("multilateral", 0, 50)]
    assert [(m.label, m.x) for m in chart.busy_months] == [("November 2023", 10),
                                                           ("February 2024", 13)]
    assert activity_chart([entries[-1]], lambda y, m: None) is None


def test_addresses_between_pages_follow_the_site_folders():
    assert url_between("timeline/index.md", "timeline/2024.md", "may") == "./2024/#may"
    assert url_between("leaders/xi-jinping.md", "leaders/xi-jinping.md", "m-2024-05") == "#m-2024-05"
    assert url_between("leaders/xi-jinping.md", "leaders/xi-jinping/2019.md") == "./2019/"
    assert url_between("topics/trade.md", "timeline/2024.md") == "../../timeline/2024/"


@given(st.lists(st.sampled_from(["leaders", "topics", "2024", "xi-jinping", "index"]), max_size=4),
       st.lists(st.sampled_from(["leaders", "topics", "2024", "xi-jinping", "index"]), max_size=4))
def test_relative_folders_are_what_relpath_gives(target, start):
    """Links between pages are worked out from the names of their folders alone, as
    posixpath.relpath would from the working folder."""
    target, start = "/".join(target), "/".join(start)
    assert _relative(target, start) == posixpath.relpath(target or ".", start or ".")


def test_statements_gather_by_speaker_and_by_topic_with_its_broader_ones(registry):
    entry = _entry("talks", dt.date(2024, 5, 16), principals=[XI, PUTIN], topics=["ukraine-crisis"],
                   paragraphs=["Xi met Putin.", "Xi said peace matters. The two sides agreed."])
    entry.facts.statements = [
        Statement(("xi-jinping",), 1, 0, 22, "said", "named", ("ukraine-crisis",)),
        Statement(("xi-jinping", "vladimir-putin"), 1, 23, 44, "agreed", "both sides"),
        Statement(("someone-unknown",), 0, 0, 13, "said", "named"),
    ]
    archive = build_archive([entry], registry)
    quoted = quoted_statements(archive)
    by_person = quotes_by_person(quoted)
    assert [q.text for q in by_person["xi-jinping"]] == ["Xi said peace matters.", "The two sides agreed."]
    assert [q.joint for q in by_person["vladimir-putin"]] == [True]
    assert "someone-unknown" not in by_person
    by_topic = quotes_by_topic(quoted, archive)
    assert sorted(by_topic) == ["regional-issues", "ukraine-crisis"]
    assert by_topic["ukraine-crisis"][0].paragraph == "readouts/talks.md#p2"


def test_leader_and_topic_pages_show_statements_and_charts(tmp_path, registry):
    entry = _entry("talks", dt.date(2024, 5, 16), principals=[XI, PUTIN], topics=["ukraine-crisis"],
                   paragraphs=["Xi met Putin.", "Xi said <b>peace</b> matters."])
    entry.facts.statements = [Statement(("xi-jinping",), 1, 0, 29, "said", "named", ("ukraine-crisis",))]
    render_content(build_archive([entry], registry), registry, tmp_path / "content")
    leader = (tmp_path / "content" / "leaders" / "xi-jinping.md").read_text(encoding="utf-8")
    assert "## Statements" in leader
    assert "“Xi said &lt;b&gt;peace&lt;/b&gt; matters.” ([paragraph 2](../readouts/talks.md#p2)" in leader
    assert '<a href="#m-2024-05" tabindex="-1">' in leader
    assert '- <span id="m-2024-05"></span>16 May 2024' in leader
    topic = (tmp_path / "content" / "topics" / "ukraine-crisis.md").read_text(encoding="utf-8")
    assert "[1 statement on Ukraine crisis](../statements/topics/ukraine-crisis.md)" in topic
    statements = tmp_path / "content" / "statements" / "topics" / "ukraine-crisis.md"
    assert "[Xi Jinping](../../leaders/xi-jinping.md): “Xi said" in statements.read_text(encoding="utf-8")


def test_topic_index_counts_a_broader_topic_with_its_narrower_ones(registry):
    from generator.pages.listing import topic_tree

    entries = [
        _entry("a", dt.date(2024, 1, 1), principals=[XI, PUTIN], topics=["ukraine-crisis"]),
        _entry("b", dt.date(2024, 2, 1), principals=[XI, PUTIN], topics=["ukraine-crisis", "regional-issues"]),
        _entry("c", dt.date(2024, 3, 1), principals=[XI, PUTIN], topics=["regional-issues"]),
    ]
    rows = {row.topic.id: row.count for row in topic_tree(build_archive(entries, registry))}
    assert rows == {"regional-issues": 3, "ukraine-crisis": 2}


def test_relations_topic_of_a_pair_lives_on_the_pair_page(tmp_path, registry):
    entries = [
        _entry("met", dt.date(2024, 1, 1), principals=[XI, PUTIN], topics=["china-russia-relations"]),
        _entry("spoke-of", dt.date(2024, 2, 1), principals=[XI, MACRON],
               topics=["china-russia-relations"]),
    ]
    render_content(build_archive(entries, registry), registry, tmp_path / "content")
    content = tmp_path / "content"
    assert not (content / "topics" / "china-russia-relations.md").exists()
    pair = (content / "pairs" / "china--russia.md").read_text(encoding="utf-8")
    assert "## China–Russia relations" in pair
    assert "(../readouts/spoke-of.md)" in pair.split("## China–Russia relations")[1]
    readout = (content / "readouts" / "met.md").read_text(encoding="utf-8")
    assert "[China–Russia relations](../pairs/china--russia.md)" in readout
    index = (content / "topics" / "index.md").read_text(encoding="utf-8")
    assert "[China–Russia relations](../pairs/china--russia.md) — 2" in index
    # The topic's feed is the pair page's: linked there, and leading back there.
    assert "feed: feeds/topics/china-russia-relations.xml" in pair
    assert "feed_title: 'China–Russia relations: new readouts'" in pair
    assert "[Atom feed](../feeds/topics/china-russia-relations.xml)" in pair
    feed = (content / "feeds" / "topics" / "china-russia-relations.xml").read_text(encoding="utf-8")
    assert '<link href="../../pairs/china--russia/" rel="alternate"' in feed


def test_year_pages_lead_to_the_years_around_them_and_home_shows_the_archive(tmp_path, registry):
    entries = [
        _entry("old", dt.date(2019, 1, 1), principals=[XI, PUTIN]),
        _entry("mid", dt.date(2022, 1, 1), principals=[XI, MACRON]),
        _entry("new", dt.date(2024, 1, 1), principals=[XI, MACRON]),
    ]
    entries[-1].facts.publisher = "Ministry <i>of</i> Foreign Affairs"
    render_content(build_archive(entries, registry), registry, tmp_path / "content")
    content = tmp_path / "content"
    mid = (content / "timeline" / "2022.md").read_text(encoding="utf-8")
    assert ("← Previous year: [2019](../timeline/2019.md) · Next year: [2024](../timeline/2024.md) →"
            in mid)
    assert "Previous year" not in (content / "timeline" / "2019.md").read_text(encoding="utf-8")
    home = (content / "index.md").read_text(encoding="utf-8")
    assert "- 1 January 2024 — Ministry &lt;i&gt;of&lt;/i&gt; Foreign Affairs: [Readout new](readouts/new.md)" in home
    assert "## Most active leaders in 2024" in home and "[Xi Jinping](leaders/xi-jinping.md) — 1 readout" in home
    assert '<a href="./timeline/2024/#january" tabindex="-1">' in home


def test_search_finds_a_readout_by_every_spelling_of_a_name_and_by_its_publisher(registry):
    registry.people["xi-jinping"] = Person("xi-jinping", "Xi Jinping", "Xi", "China", None,
                                           ("Xi Jin-ping",), ())
    registry.publishers["Ministry of Foreign Affairs of China"] = Publisher(
        "Ministry of Foreign Affairs of China", "China", (), (), short="Chinese Foreign Ministry")
    entry = _entry("talks", dt.date(2024, 5, 16), principals=[XI, PUTIN], location="Beijing",
                   topics=["ukraine-crisis"])
    entry.facts.publisher = "Ministry of Foreign Affairs of China"
    archive = build_archive([entry], registry)
    terms = search_terms(entry, registry, Lookups(archive, note=lambda *_: None))
    assert {"Xi Jinping", "Xi Jin-ping", "Vladimir Putin", "Beijing", "Ukraine crisis",
            "Ministry of Foreign Affairs of China", "Chinese Foreign Ministry"} <= set(terms)
