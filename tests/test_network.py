"""Who met whom: ties count meetings of two sides between principals, the network pages stay
bounded however large the archive, and every drawing is laid out the same way each time with no
two labels on top of each other."""

import datetime as dt
import random

import pytest
import yaml

from conftest import LAVROV, MACRON, PUTIN, WANG, XI, build_entry
from generator.link import build_archive
from generator.pages import layout, network
from generator.pages.network import (CIRCLE_SIZE, NETWORK_SIZE, NETWORK_TIES, acquaintances,
                                     draw_network, leader_circle, meeting_ties)
from generator.render import render_content

D = dt.date


@pytest.fixture
def archive(registry):
    entries = [
        # One meeting told by both governments: one meeting, not two.
        build_entry("xi-putin-beijing", D(2024, 5, 16), principals=[XI, PUTIN], attendees=[WANG]),
        build_entry("xi-putin-moscow", D(2024, 5, 16), principals=[PUTIN, XI], attendees=[LAVROV]),
        build_entry("xi-putin-call", D(2023, 2, 1), principals=[XI, PUTIN], format="phone call"),
        build_entry("xi-macron", D(2023, 4, 6), principals=[XI, MACRON]),
        # Three sides: a summit session draws no ties at all.
        build_entry("trio", D(2024, 7, 1), principals=[XI, PUTIN, MACRON], kind="multilateral"),
        build_entry("ministers", None, principals=[WANG, LAVROV]),
    ]
    return build_archive(entries, registry)


def test_ties_count_meetings_between_principals_of_two_sides(archive):
    ties, meetings = meeting_ties(archive.events.values())
    assert ties == {("vladimir-putin", "xi-jinping"): 2, ("emmanuel-macron", "xi-jinping"): 1,
                    ("sergey-lavrov", "wang-yi"): 1}
    # Wang Yi attended the talks across from Putin: attending is no tie.
    assert meetings == {"xi-jinping": 3, "vladimir-putin": 2, "emmanuel-macron": 1,
                        "wang-yi": 1, "sergey-lavrov": 1}


def test_two_principals_of_one_side_are_not_tied_to_each_other(registry):
    li = ("li-qiang", "Li Qiang", "China", "Premier")
    archive = build_archive([build_entry("talks", D(2024, 1, 1), principals=[XI, li, PUTIN])],
                            registry)
    ties, _ = meeting_ties(archive.events.values())
    assert ties == {("vladimir-putin", "xi-jinping"): 1, ("li-qiang", "vladimir-putin"): 1}


def test_network_pages_for_the_archive_and_each_year_with_meetings(archive, registry, tmp_path):
    content = tmp_path / "content"
    render_content(archive, registry, content)
    assert sorted(p.name for p in (content / "network").glob("*.md")) == [
        "2023.md", "2024.md", "index.md"]
    page = (content / "network" / "index.md").read_text(encoding="utf-8")
    front, body = page.split("---\n", 2)[1:]
    assert yaml.safe_load(front)["template"] == "network-page.html"
    assert "- <span data-leader=\"xi-jinping\"></span>" \
           "[Xi Jinping](../leaders/xi-jinping.md), 3 meetings: " \
           "[Vladimir Putin](../leaders/vladimir-putin.md) (2), " \
           "[Emmanuel Macron](../leaders/emmanuel-macron.md) (1)\n" in body
    assert "[2023](../network/2023.md) · [2024](../network/2024.md)" in body
    year = (content / "network" / "2024.md").read_text(encoding="utf-8")
    assert "[Vladimir Putin](../leaders/vladimir-putin.md) (1)" in year  # this year's meetings
    assert "Emmanuel Macron" not in year.split("## Leader by leader")[1]  # the trio draws nothing
    assert 'data-a="vladimir-putin" data-b="xi-jinping"' in year
    assert 'href="../../leaders/xi-jinping/"' in year  # raw HTML: addresses of built pages


def crowd(registry, leaders: int, seed: int = 7):
    """An archive of `leaders` heads of government meeting one another (and Xi Jinping most)."""
    rng = random.Random(seed)
    people = [(f"leader-{n:03d}", f"Leader Number {n}", f"Country {n}", "President")
              for n in range(leaders)]
    entries = []
    for n, person in enumerate(people):
        entries.append(build_entry(f"xi-{n}", D(2024, 1 + n % 12, 1), principals=[XI, person]))
        for other in rng.sample(people, 3):
            if other != person:
                entries.append(build_entry(f"m-{n}-{other[0]}", D(2023, 1 + n % 12, 2),
                                           principals=[person, other]))
    return build_archive(entries, registry)


def test_a_large_archive_draws_a_bounded_network(registry, tmp_path):
    archive = crowd(registry, 150)
    content = tmp_path / "content"
    render_content(archive, registry, content)
    page = (content / "network" / "index.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("- <span data-leader")]
    assert len(rows) <= NETWORK_SIZE
    assert rows[0].startswith('- <span data-leader="xi-jinping">')  # the most connected first
    assert page.count("<line ") <= NETWORK_TIES + NETWORK_SIZE
    assert "of the 151 who met someone" in page
    assert "counterparts more, not drawn" in page
    assert len(page.encode()) < 150_000
    xi = (content / "leaders" / "xi-jinping.md").read_text(encoding="utf-8")
    assert xi.count('<a class="network__point') == CIRCLE_SIZE
    assert "they met most in two-sided meetings, of 150" in xi


def test_a_leader_circle_draws_the_most_met_and_who_among_them_met(archive):
    known = acquaintances(meeting_ties(archive.events.values())[0])
    circle = leader_circle("xi-jinping", known, archive, "leaders/xi-jinping.md")
    assert circle.rows == (("vladimir-putin", 2, ()), ("emmanuel-macron", 1, ()))
    drawn = [p.id for p in circle.drawing.points]
    assert drawn == ["xi-jinping", "vladimir-putin", "emmanuel-macron"]  # the leader first
    assert [line.spoke for line in circle.drawing.lines] == [True, True]
    assert leader_circle("wang-yi", known, archive, "leaders/wang-yi.md") is None  # one counterpart


def test_a_circle_joins_counterparts_who_met_each_other(registry):
    archive = build_archive([
        build_entry("a", D(2024, 1, 1), principals=[XI, PUTIN]),
        build_entry("b", D(2024, 2, 1), principals=[XI, MACRON]),
        build_entry("c", D(2024, 3, 1), principals=[PUTIN, MACRON]),
    ], registry)
    known = acquaintances(meeting_ties(archive.events.values())[0])
    circle = leader_circle("xi-jinping", known, archive, "leaders/xi-jinping.md")
    assert circle.rows == (("emmanuel-macron", 1, ("vladimir-putin",)),
                           ("vladimir-putin", 1, ("emmanuel-macron",)))
    chords = [(line.a, line.b) for line in circle.drawing.lines if not line.spoke]
    assert chords == [("emmanuel-macron", "vladimir-putin")]


def footprints_overlap(drawing, view_of):
    """Pairs of points whose labels (at the sizes of a view) overlap as drawn."""
    boxes = []
    for point in drawing.points:
        size = view_of(point)
        if size is None:
            continue
        label = point.label
        box = network._label_box(label.lines, size, label.anchor, label.baseline,
                                 label.x - point.x, label.y - point.y)
        boxes.append((point.id, (point.x + box[0], point.y + box[1],
                                 point.x + box[2], point.y + box[3])))
    return [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1:]
            if min(p[2], q[2]) > max(p[0], q[0]) and min(p[3], q[3]) > max(p[1], q[1])]


def test_the_layout_is_the_same_each_time_and_no_labels_overlap(registry):
    archive = crowd(registry, 80, seed=3)
    ties, meetings = meeting_ties(archive.events.values())
    chosen = sorted({p for pair in ties for p in pair})[:NETWORK_SIZE]
    among = {pair: n for pair, n in ties.items() if set(pair) <= set(chosen)}
    joined = [p for p in chosen if any(p in pair for pair in among)]

    def draw():
        return draw_network(joined, among, meetings, lambda p: archive.people[p].name,
                            lambda p: archive.people[p].country, "network/index.md")

    first = draw()
    assert first == draw()
    assert footprints_overlap(first, lambda point: network.LABEL_SIZE) == []
    assert footprints_overlap(first, lambda point: network.PHONE_LABEL_SIZE
                              if point.named_on_phone else None) == []
    left, top, width, height = first.view
    for point in first.points:  # the drawing's box holds every point
        assert left <= point.x - point.r and point.x + point.r <= left + width
        assert top <= point.y - point.r and point.y + point.r <= top + height


def test_separation_leaves_no_overlap_and_moves_apart_only_what_overlaps():
    box = ((-10.0, -5.0, 10.0, 5.0),)
    points = [(0.0, 0.0), (1.0, 0.0), (2.0, 1.0), (500.0, 500.0)]
    moved = layout.separate(points, [box] * 4)
    assert moved[3] == (500.0, 500.0)
    for i in range(3):
        for j in range(i + 1, 3):
            (xi, yi), (xj, yj) = moved[i], moved[j]
            assert abs(xi - xj) >= 20 or abs(yi - yj) >= 10


def test_long_names_are_written_on_two_balanced_lines():
    assert network.label_lines("Xi Jinping") == ("Xi Jinping",)
    assert network.label_lines("Volodymyr Zelenskyy") == ("Volodymyr", "Zelenskyy")
    assert network.label_lines("Khalifa bin Zayed Al Nahyan") == ("Khalifa bin", "Zayed Al Nahyan")
    assert network.label_lines("Abcdefghijklmnopqrstuvwxyz") == ("Abcdefghijklmnopqrstuvwxyz",)


def test_names_in_drawings_are_text_never_markup(registry, tmp_path):
    hostile = ("mx", '<script>alert(1)</script> "Mx" {{ x }} *Smith*', "France", "President")
    archive = build_archive([
        build_entry("a", D(2024, 1, 1), principals=[XI, hostile]),
        build_entry("b", D(2024, 2, 1), principals=[PUTIN, hostile]),
    ], registry)
    content = tmp_path / "content"
    render_content(archive, registry, content)
    for page in ("network/index.md", "leaders/mx.md"):
        text = (content / page).read_text(encoding="utf-8").split("---\n", 2)[2]  # the body
        assert "<script" not in text and "{{ x }}" not in text, page
        assert text.count("&lt;script&gt;") >= 2, page  # in the drawing and in the list
