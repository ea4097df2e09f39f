"""Who met whom: leaders as points, the two-sided meetings between them as lines.

A tie joins two principals who were on the two sides of a two-sided meeting (archive/sides.py)
and counts meetings, that is events: talks that both governments published count once. A summit
draws no ties (each summit's page says who attended), nor does an official who only attended.

The network page draws the most connected leaders of the whole archive, and a page per year
those of that year, so that no page grows with the archive; each leader's page draws their
circle: the counterparts they met most, and which of them also met each other. Each drawing is
laid out when the site is built (layout.py) and comes with the same ties as a plain list, for
screen readers and for reading without the picture.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..archive.sides import BILATERAL
from ..link import Archive, Event
from ..markdown import front_matter
from ..write import Page
from .addresses import person_path
from .base import PlanInputs
from .chart import url_between
from .layout import Box, Footprint, bounds, force_layout, ring, separate

Pair = tuple[str, str]  # two person ids, in order

NETWORK = "network/index.md"
NETWORK_SIZE = 40  # leaders a network page draws: those with the most counterparts
NETWORK_TIES = 120  # lines it draws at most: the most meetings first, and each leader's strongest
NAMED_ON_PHONE = 12  # leaders a phone's narrow drawing names (larger); the list names them all
CIRCLE_SIZE = 12  # counterparts a leader's circle draws, the most met first

# Sizes in the drawing's own units. The network page is laid out in a WIDTH × HEIGHT box that a
# wide screen shows at most NETWORK_SCALE times larger and a phone about 0.35 times: its labels
# are LABEL_SIZE units on a wide screen and PHONE_LABEL_SIZE on a phone
# (overrides/assets/summit.css reads both from the drawing), where only the NAMED_ON_PHONE
# leaders are named. A leader's circle is small enough to be shown whole everywhere.
WIDTH, HEIGHT = 1000.0, 640.0
NETWORK_SCALE, CIRCLE_SCALE = 1.2, 1.0
LABEL_SIZE, PHONE_LABEL_SIZE = 12.0, 30.0
POINT_RADIUS = (5.0, 14.0)  # the least and the most met leader of a drawing
LINE_WIDTH = (1.0, 6.0)  # screen pixels, whatever the drawing's size
CIRCLE_LABEL_SIZE = 17.0
CIRCLE_RADIUS = 130.0
CENTRE_RADIUS = 12.0
CHAR_WIDTH = 0.6  # a character's width in a label, as a share of the font size (generous)
LINE_HEIGHT = 1.15  # of a label's lines, in ems
LABEL_LINE = 13  # characters beyond which a name is written on two lines


def meeting_ties(events: Iterable[Event]) -> tuple[Counter, Counter]:
    """(ties, meetings): meetings of each pair of principals on the two sides of a two-sided
    meeting, and of each principal the two-sided meetings they had."""
    ties: Counter = Counter()
    meetings: Counter = Counter()
    for event in events:
        if event.encounter != BILATERAL:
            continue
        pairs = {(a, b) for a in event.principals for b in event.principals
                 if a < b and event.side_of[a] != event.side_of[b]}
        ties.update(pairs)
        meetings.update({person for pair in pairs for person in pair})
    return ties, meetings


def acquaintances(ties: Counter) -> dict[str, Counter]:
    """Each person's counterparts in `ties`, with the meetings they had."""
    known: dict[str, Counter] = defaultdict(Counter)
    for (a, b), count in ties.items():
        known[a][b] = count
        known[b][a] = count
    return known


# ---------------------------------------------------------------- drawings


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    lines: tuple[str, ...]
    anchor: str  # SVG text-anchor: start, middle or end
    baseline: str  # SVG dominant-baseline: hanging (below its point), central, or auto (above)

    @property
    def first_dy(self) -> str:
        """How far the first line sits from y, so that the lines stand where `baseline` says."""
        extra = len(self.lines) - 1
        shift = {"hanging": 0, "central": -extra * LINE_HEIGHT / 2, "auto": -extra * LINE_HEIGHT}
        return f"{round(shift[self.baseline], 3)}em"


@dataclass(frozen=True)
class Point:
    id: str
    name: str
    country: str | None
    href: str  # the leader's page, relative to the drawing's page
    x: float
    y: float
    r: float
    label: Label
    named_on_phone: bool = True
    centre: bool = False


@dataclass(frozen=True)
class Line:
    a: str
    b: str
    meetings: int
    x1: float
    y1: float
    x2: float
    y2: float
    width: float  # screen pixels
    spoke: bool = False  # from a circle's centre to a counterpart


@dataclass(frozen=True)
class Drawing:
    view: tuple[float, float, float, float]  # SVG viewBox: left, top, width, height
    points: tuple[Point, ...]
    lines: tuple[Line, ...]
    label_size: float
    phone_label_size: float
    scale: float  # the most a page enlarges the drawing: its labels' largest size

    @property
    def view_box(self) -> str:
        return " ".join(_number(v) for v in self.view)

    @property
    def max_width(self) -> str:
        """The drawing's widest, in CSS pixels; narrower screens show it smaller."""
        return f"{round(self.view[2] * self.scale)}px"

    def name(self, person_id: str) -> str:
        return next(p.name for p in self.points if p.id == person_id)


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def label_lines(name: str) -> tuple[str, ...]:
    """A name on one line, or on two split at the space that makes the longer line shortest."""
    if len(name) <= LABEL_LINE or " " not in name:
        return (name,)
    spaces = [i for i, c in enumerate(name) if c == " "]
    split = min(spaces, key=lambda i: (max(i, len(name) - i - 1), i))
    return (name[:split], name[split + 1:])


def _label_box(lines: tuple[str, ...], size: float, anchor: str, baseline: str,
               dx: float, dy: float) -> Box:
    """The box a label covers, relative to its point, when it is written at (dx, dy)."""
    width = max(len(line) for line in lines) * size * CHAR_WIDTH
    height = len(lines) * size * LINE_HEIGHT
    left = {"start": dx, "middle": dx - width / 2, "end": dx - width}[anchor]
    top = {"hanging": dy, "central": dy - height / 2, "auto": dy - height}[baseline]
    return (left, top, left + width, top + height)


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _radius(meetings: int, most: int, low: float, high: float) -> float:
    """A point's radius: its area grows with the meetings, up to `most`."""
    return round(low + (high - low) * math.sqrt(meetings / most), 1)


def _width(meetings: int, most: int) -> float:
    """A line's width in pixels: one meeting the thinnest, `most` the thickest."""
    low, high = LINE_WIDTH
    return round(low + (high - low) * (meetings - 1) / (most - 1), 1) if most > 1 else low


def draw_network(chosen: list[str], ties: dict[Pair, int], meetings: Counter,
                 name: Callable[[str], str], country: Callable[[str], "str | None"],
                 page: str) -> Drawing:
    """The leaders `chosen` (most connected first) and the `ties` between them, laid out; the
    first NAMED_ON_PHONE are named on a phone too."""
    index = {person: position for position, person in enumerate(chosen)}
    strongest = max(ties.values())
    pulls = [(index[a], index[b], math.sqrt(n / strongest)) for (a, b), n in sorted(ties.items())]
    most = max(meetings[p] for p in chosen)
    radii = [_radius(meetings[p], most, *POINT_RADIUS) for p in chosen]
    lines = [label_lines(name(p)) for p in chosen]
    footprints: list[Footprint] = []
    for position, (r, label) in enumerate(zip(radii, lines)):
        circle = (-r, -r, r, r)
        wide = _union(circle, _label_box(label, LABEL_SIZE, "middle", "hanging", 0, r + 2))
        phone = (_union(circle, _label_box(label, PHONE_LABEL_SIZE, "middle", "hanging", 0, r + 2))
                 if position < NAMED_ON_PHONE else circle)
        footprints.append((wide, phone))
    places = separate(force_layout(len(chosen), pulls, WIDTH, HEIGHT), footprints)
    places = [(round(x, 1), round(y, 1)) for x, y in places]
    points = tuple(
        Point(person, name(person), country(person), url_between(page, person_path(person)),
              x, y, r, Label(x, round(y + r + 2, 1), label, "middle", "hanging"),
              named_on_phone=position < NAMED_ON_PHONE)
        for position, (person, (x, y), r, label) in enumerate(zip(chosen, places, radii, lines))
    )
    at = {point.id: point for point in points}
    drawn = tuple(
        Line(a, b, n, at[a].x, at[a].y, at[b].x, at[b].y, _width(n, strongest))
        for (a, b), n in sorted(ties.items(), key=lambda item: (item[1], item[0]))
    )  # the most meetings last: drawn on top
    return Drawing(_view(places, footprints), points, drawn, LABEL_SIZE, PHONE_LABEL_SIZE,
                   NETWORK_SCALE)


def _view(places: list[tuple[float, float]], footprints: list[Footprint], margin: float = 6.0
          ) -> tuple[float, float, float, float]:
    left, top, right, bottom = bounds(places, footprints)
    return (round(left - margin, 1), round(top - margin, 1),
            round(right - left + 2 * margin, 1), round(bottom - top + 2 * margin, 1))


def draw_circle(person_id: str, known: dict[str, Counter], name: Callable[[str], str],
                country: Callable[[str], "str | None"], page: str) -> Drawing:
    """A leader at the centre, the CIRCLE_SIZE counterparts they met most around them, a spoke
    to each as thick as their meetings, and a dotted line between two of them who met too."""
    others = circle_of(person_id, known)
    most = max(n for _, n in others)
    centre_lines = label_lines(name(person_id))
    below = CENTRE_RADIUS + 3
    points = [Point(person_id, name(person_id), country(person_id), "./", 0.0, 0.0, CENTRE_RADIUS,
                    Label(0.0, below, centre_lines, "middle", "hanging"), centre=True)]
    centre_label = _label_box(centre_lines, CIRCLE_LABEL_SIZE, "middle", "hanging", 0, below)
    footprints = [(_union((-CENTRE_RADIUS, -CENTRE_RADIUS, CENTRE_RADIUS, CENTRE_RADIUS),
                          centre_label),)]
    for (other, n), (x, y, cos) in zip(others, ring(len(others), CIRCLE_RADIUS)):
        r = _radius(n, most, 4.0, 10.0)
        x, y = round(x, 1), round(y, 1)
        dx, dy, anchor, baseline = _outward(cos, y, r + 5)
        lines = label_lines(name(other))
        label = Label(round(x + dx, 1), round(y + dy, 1), lines, anchor, baseline)
        points.append(Point(other, name(other), country(other),
                            url_between(page, person_path(other)), x, y, r, label))
        footprints.append((_union((-r, -r, r, r),
                                  _label_box(lines, CIRCLE_LABEL_SIZE, anchor, baseline, dx, dy)),))
    at = {point.id: point for point in points}
    spokes = [Line(person_id, other, n, 0.0, 0.0, at[other].x, at[other].y, _width(n, most),
                   spoke=True) for other, n in others]
    chords = [Line(a, b, known[a][b], at[a].x, at[a].y, at[b].x, at[b].y, LINE_WIDTH[0])
              for a, b in _pairs_among([other for other, _ in others]) if b in known[a]]
    return Drawing(_view([(p.x, p.y) for p in points], footprints), tuple(points),
                   tuple(chords + spokes), CIRCLE_LABEL_SIZE, CIRCLE_LABEL_SIZE, CIRCLE_SCALE)


def _outward(cos: float, y: float, gap: float) -> tuple[float, float, str, str]:
    """(dx, dy, anchor, baseline) of a label written away from a circle's centre: beside a point
    on the left or right, above one at the top, below one at the bottom."""
    if cos > 0.3:
        return (gap, 0.0, "start", "central")
    if cos < -0.3:
        return (-gap, 0.0, "end", "central")
    return (0.0, -gap, "middle", "auto") if y < 0 else (0.0, gap, "middle", "hanging")


def circle_of(person_id: str, known: dict[str, Counter]) -> list[tuple[str, int]]:
    """The counterparts a leader's circle draws: (id, meetings), the most met first."""
    met = known.get(person_id, Counter())
    return sorted(met.items(), key=lambda item: (-item[1], item[0]))[:CIRCLE_SIZE]


def _pairs_among(people: list[str]) -> Iterator[Pair]:
    ordered = sorted(people)
    return ((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class Row:
    """A leader in a network's list: the counterparts the drawing joins them to, and how many
    more they met."""

    id: str
    meetings: int
    counterparts: tuple[tuple[str, int], ...]  # drawn, the most met first
    more: int  # counterparts not drawn


@dataclass(frozen=True)
class Circle:
    """A leader's circle: its drawing, and the same as a list: each counterpart drawn, their
    meetings, and who else in the circle they met."""

    drawing: Drawing
    rows: tuple[tuple[str, int, tuple[str, ...]], ...]
    counterparts: int  # all the leader's counterparts, drawn or not


def network_path(year: int | None = None) -> str:
    return NETWORK if year is None else f"network/{year}.md"


def network_pages(inputs: PlanInputs) -> Iterator[Page]:
    """The network of the whole archive, and of each year that has a two-sided meeting."""
    events_by_year: dict[int, list[Event]] = defaultdict(list)
    for event in inputs.archive.events.values():
        if event.date:
            events_by_year[event.date.year].append(event)
    by_year = {year: meeting_ties(events) for year, events in sorted(events_by_year.items())}
    years = [year for year, (ties, _) in by_year.items() if ties]
    yield _network_page(None, meeting_ties(inputs.archive.events.values()), years, inputs)
    for year in years:
        yield _network_page(year, by_year[year], years, inputs)


def _network_page(year: int | None, found: tuple[Counter, Counter], years: list[int],
                  inputs: PlanInputs) -> Page:
    archive = inputs.archive
    ties, meetings = found
    path = network_path(year)
    degree = Counter(person for pair in ties for person in pair)
    ranked = sorted(degree, key=lambda p: (-degree[p], -meetings[p], p))
    kept = _drawn_ties(ties, set(ranked[:NETWORK_SIZE]))
    in_drawing = {person for pair in kept for person in pair}
    chosen = [person for person in ranked if person in in_drawing]
    drawn_with = acquaintances(Counter(kept))
    rows = tuple(
        Row(person, meetings[person],
            tuple(sorted(drawn_with[person].items(), key=lambda item: (-item[1], item[0]))),
            degree[person] - len(drawn_with[person]))
        for person in chosen
    )
    countries = Counter(archive.people[p].country for p in chosen if archive.people[p].country)
    title = "Who met whom" if year is None else f"Who met whom in {year}"
    context = {
        "title": title, "year": year, "years": [(y, network_path(y)) for y in years],
        "everything": NETWORK, "rows": rows, "leaders": len(degree),
        "ties": len(ties), "drawn_ties": len(kept), "countries": sorted(countries.items()),
    }
    country_of = {person: archive.people[person].country for person in chosen}

    def build() -> tuple[str, dict]:
        drawing = (draw_network(chosen, kept, meetings, inputs.lookups.person_name,
                                country_of.get, path) if chosen else None)
        return front_matter({"title": title, "template": "network-page.html",
                             "hide": ["navigation", "toc"]}), {**context, "drawing": drawing}

    return Page(path, None, "network.md.j2", None, build=build,
                key_inputs=(context, country_of, [meetings[p] for p in chosen],
                            sorted(kept.items())))


def _drawn_ties(ties: Counter, chosen: set[str]) -> dict[Pair, int]:
    """The ties a network page draws between its leaders: at most NETWORK_TIES, the most
    meetings first, and besides those each leader's strongest, so that no one is left alone."""
    among = sorted(((pair, n) for pair, n in ties.items() if chosen.issuperset(pair)),
                   key=lambda item: (-item[1], item[0]))
    kept = dict(among[:NETWORK_TIES])
    joined = {person for pair in kept for person in pair}
    for pair, n in among[NETWORK_TIES:]:
        if not joined.issuperset(pair):
            kept[pair] = n
            joined.update(pair)
    return kept


def leader_circle(person_id: str, known: dict[str, Counter], archive: Archive, page: str
                  ) -> Circle | None:
    """A leader's circle, when they met two counterparts or more."""
    others = circle_of(person_id, known)
    if len(others) < 2:
        return None
    people = archive.people
    drawing = draw_circle(person_id, known, lambda p: people[p].name,
                          lambda p: people[p].country, page)
    drawn = [other for other, _ in others]
    rows = tuple((other, n, tuple(o for o in drawn if o in known[other])) for other, n in others)
    return Circle(drawing, rows, len(known[person_id]))
