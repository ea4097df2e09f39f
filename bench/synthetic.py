"""A synthetic archive of plausible readouts, for benchmarks and scale tests.

Readouts are drawn, with a seeded random generator, from the curated registry: registered leaders
who held their office on the day, places from places.yml, topic signal phrases from topics.yml,
in the three shapes the archive meets most (Chinese foreign ministry, White House, No. 10).
Some are sessions of a summit edition from summits.yml, its participants listed (multilateral:
they must make no pairs), and some pairs of readouts are both governments' accounts of one
meeting (one event, two readouts). The same (n, seed) always writes the same files, byte for byte.

    python bench/synthetic.py N FOLDER [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.registry import Person, Registry, SummitEdition, load_registry  # noqa: E402

FIRST_DAY = dt.date(2010, 1, 1)
DAYS = 15 * 365
HEAD_TITLES = ("President", "Prime Minister", "Chancellor", "King", "Premier", "Emir", "Crown Prince")
FORMATS = ("talks", "meeting", "phone call", "video call", "state visit", "banquet")
SHAPES = ("China", "United States", "United Kingdom")
SUMMIT_SHARE = 0.08  # readouts that are a summit's session, its participants listed
TOLD_TWICE_SHARE = 0.2  # pairs of readouts (2k, 2k + 1) that tell one meeting, one per government
SUMMIT_SIZE = (6, 20)  # leaders listed at a summit session
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_SUMMIT_FILLER = (
    "The leaders reviewed the state of the world economy and the risks to growth in the year ahead.",
    "Participants agreed to keep working together through the summit's ministerial tracks and to "
    "review progress at the next meeting.",
    "The chair summed up the discussion and thanked the participants for a frank exchange of views.",
    "Several leaders stressed the importance of an open, rules-based international order.",
)

_FILLER = (
    "The two sides agreed to maintain close communication at all levels and to follow up on the "
    "outcomes of the meeting through the existing mechanisms.",
    "Both leaders stressed that the relationship had grown steadily over the past decade and that "
    "there was considerable room to deepen cooperation across a wide range of areas.",
    "They reviewed the progress made since their last meeting and discussed the priorities for the "
    "months ahead, including exchanges between ministries, businesses and universities.",
    "The leaders noted that frank and in-depth exchanges of this kind help to build mutual trust "
    "and to manage differences in a constructive manner.",
    "It was agreed that officials would work closely together to prepare for the next round of "
    "high-level exchanges and to deliver the commitments made today.",
    "The two sides also exchanged views on a number of questions of common concern and agreed to "
    "stay in touch as events develop.",
    "Both sides expressed satisfaction with the steady growth of trade and investment, and agreed "
    "to open new areas of cooperation in infrastructure, health and green development.",
)


@dataclass(frozen=True)
class Leader:
    person: Person
    title: str
    country: str


class Drawer:
    """Everything the writer draws from, prepared once from the registry."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.heads: list[tuple[Person, object]] = [
            (person, office)
            for person in registry.people.values() if person.country
            for office in person.offices if office.title in HEAD_TITLES
        ]
        self.signals = sorted(
            signal for topic in registry.topics.values() for signal in topic.signals
            if " " in signal  # phrases only: strong evidence
        )
        self.places_by_country: dict[str, list[str]] = {}
        for place in registry.places.values():
            self.places_by_country.setdefault(place.country, []).append(place.name)
        for names in self.places_by_country.values():
            names.sort()
        last_day = FIRST_DAY + dt.timedelta(days=DAYS)
        self.editions: list[SummitEdition] = sorted(
            (e for e in registry.editions.values() if FIRST_DAY <= e.start < last_day),
            key=lambda e: (e.start, e.id))
        self.demonym = {c.name: (c.demonyms[0] if c.demonyms else None)
                        for c in registry.countries.values()}
        self.capital = {c.name: c.capital for c in registry.countries.values()}

    def leaders_on(self, day: dt.date, country: str | None = None, other_than: str | None = None):
        found = [
            Leader(person, office.title, person.country)
            for person, office in self.heads
            if office.held_on(day)
            and (country is None or person.country == country)
            and person.country != other_than
        ]
        return sorted(found, key=lambda l: (l.person.id, l.title))

    def attendees_on(self, day: dt.date, country: str, exclude: str) -> list[Person]:
        return sorted(
            (p for p in self.registry.people.values()
             if p.country == country and p.id != exclude
             and any(o.held_on(day) for o in p.offices)),
            key=lambda p: p.id,
        )


def _day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _uk_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _described(leader: Leader, drawer: Drawer) -> str:
    demonym = drawer.demonym.get(leader.country)
    if demonym:
        return f"{demonym} {leader.title} {leader.person.name}"
    return f"{leader.title} {leader.person.name} of {leader.country}"


def _verb(fmt: str) -> tuple[str, str]:
    """(title verb phrase, sentence verb phrase) that say the format in the extractor's words."""
    return {
        "talks": ("Holds Talks with", "held talks with"),
        "meeting": ("Meets with", "met with"),
        "phone call": ("Holds Telephone Talks with", "held telephone talks with"),
        "video call": ("Holds Video Call with", "held a video call with"),
        "state visit": ("Holds Welcome Ceremony for", "held a welcome ceremony for the state visit of"),
        "banquet": ("Hosts State Banquet for", "hosted a state banquet in honour of"),
    }[fmt]


def _place(rng: random.Random, drawer: Drawer, fmt: str, country: str) -> str | None:
    if fmt in ("phone call", "video call"):
        return None
    options = [drawer.capital.get(country)] * 3 + drawer.places_by_country.get(country, [])
    options = [o for o in options if o]
    return rng.choice(options) if options else None


def _body(rng: random.Random, drawer: Drawer, host: Leader, guest: Leader, target: int) -> list[str]:
    hs, gs = host.person.surname, guest.person.surname
    paragraphs = []
    size = 0
    while size < target:
        speaker, other = rng.choice(((host, guest), (guest, host)))
        sentences = [rng.choice(_FILLER), rng.choice(_FILLER)]
        if rng.random() < 0.6:
            sentences.insert(rng.randrange(3), (
                f"{speaker.person.surname} said that {speaker.country} is ready to work with "
                f"{other.country} to make further progress on {rng.choice(drawer.signals)}."))
        if rng.random() < 0.2:
            sentences.append(f"{hs} and {gs} also discussed {rng.choice(drawer.signals)}.")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return paragraphs


@dataclass(frozen=True)
class Meeting:
    """What a readout tells: the day, its host and guest, the format and the place."""

    day: dt.date
    host: Leader
    guest: Leader
    fmt: str
    place: str | None


def _meeting(rng: random.Random, drawer: Drawer, host_shapes=SHAPES, guest_shapes=None) -> Meeting:
    """A meeting hosted by a leader of one of `host_shapes`' countries, with a guest from another
    country (one of `guest_shapes` when given)."""
    for _ in range(100):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        shape = rng.choice(host_shapes)
        hosts = drawer.leaders_on(day, shape)
        guests = [g for g in drawer.leaders_on(day, other_than=shape)
                  if guest_shapes is None or g.country in guest_shapes]
        if hosts and guests:
            break
    else:  # pragma: no cover - the registry always has someone in office
        raise RuntimeError("no leaders in office")
    fmt = rng.choice(FORMATS)
    return Meeting(day, rng.choice(hosts), rng.choice(guests), fmt, _place(rng, drawer, fmt, shape))


def readout(index: int, seed: int, drawer: Drawer) -> tuple[str, str]:
    """(file name, text) of one plausible readout: a summit session, one government's account of a
    meeting the other government of the pair (2k, 2k + 1) also tells, or a meeting told once."""
    rng = random.Random(f"{seed}:{index}")
    if random.Random(f"{seed}:kind:{index}").random() < SUMMIT_SHARE and drawer.editions:
        text = _summit_text(rng, drawer)
    else:
        both = random.Random(f"{seed}:pair:{index // 2}")
        if both.random() < TOLD_TWICE_SHARE:
            first, second = both.sample(SHAPES, 2)
            meeting = _meeting(both, drawer, (first,), (second,))
            if index % 2:  # the guest's government tells it: the same day, place and format
                meeting = Meeting(meeting.day, meeting.guest, meeting.host, meeting.fmt, meeting.place)
        else:
            meeting = _meeting(rng, drawer)
        text = _meeting_text(rng, drawer, meeting)
    tag = hashlib.sha1(f"{index}:{text}".encode()).hexdigest()[:16]
    return f"{index:06d}_{tag}.txt", text


def _meeting_text(rng: random.Random, drawer: Drawer, meeting: Meeting) -> str:
    """The readout of a meeting in its host's government's shape."""
    day, host, guest, fmt, place = meeting.day, meeting.host, meeting.guest, meeting.fmt, meeting.place
    shape = host.country
    target = rng.randrange(3800, 4600)
    title_verb, verb = _verb(fmt)
    where = f" in {place}" if place else ""
    body = _body(rng, drawer, host, guest, target - 600)
    attendees = drawer.attendees_on(day, shape, host.person.id)
    attending = rng.sample(attendees, min(len(attendees), rng.randrange(0, 3)))
    if shape == "China":
        published = dt.datetime.combine(day + dt.timedelta(days=rng.randrange(0, 2)), dt.time(
            rng.randrange(24), rng.randrange(60)))
        lead = (f"On {_day(day)}, {host.title} {host.person.name} {verb} "
                f"{_described(guest, drawer)}{where}.")
        lines = ["Home > China News",
                 f"{host.person.name} {title_verb} {_described(guest, drawer)}",
                 published.strftime("%Y-%m-%d %H:%M"), "", lead, ""]
        tail = []
        if attending:
            tail = [" and ".join(p.name for p in attending) + " attended the above event.", ""]
        footer = ["Suggest To a Friend:"]
    elif shape == "United States":
        lead = (f"On {_day(day)}, {host.title} {host.person.name} {verb} "
                f"{guest.title} {guest.person.name} of {guest.country}{where}.")
        lines = ["THE WHITE HOUSE", "", "Office of the Press Secretary", "", _day(day), "",
                 f"Readout of {host.title} {host.person.name}'s "
                 f"{'Call' if fmt == 'phone call' else 'Meeting'} with {guest.title} "
                 f"{guest.person.name} of {guest.country}", "", lead, ""]
        tail = []
        footer = ["###"]
    else:
        noun = {"phone call": "call", "video call": "video call"}.get(fmt, "meeting")
        lead = (f"Prime Minister {host.person.name} {verb} {guest.title} {guest.person.name} "
                f"of {guest.country}{where} on {_uk_day(day)}.")
        lines = ["News story", "", f"PM {noun} with {guest.title} {guest.person.name}: "
                 f"{_uk_day(day)}", "", lead, ""]
        tail = []
        footer = [f"Published {_uk_day(day)}"]
    for paragraph in body:
        lines += [paragraph, ""]
    return "\n".join(lines + tail + footer) + "\n"


def _summit_text(rng: random.Random, drawer: Drawer) -> str:
    """A session of a summit edition, its participants listed one country each."""
    edition = rng.choice(drawer.editions)
    by_country: dict[str, Leader] = {}
    for leader in drawer.leaders_on(edition.start):
        by_country.setdefault(leader.country, leader)
    countries = sorted(by_country)
    chosen = sorted(rng.sample(countries, min(len(countries), rng.randrange(*SUMMIT_SIZE))))
    lines = [f"{edition.name} in {edition.city}: Leaders' Session", _day(edition.start), "",
             f"On {_day(edition.start)}, leaders met in {edition.city} for a session of the "
             f"{edition.name}.", "", "Participants included:", ""]
    lines += [f"- {by_country[c].title} {by_country[c].person.name}, {c}" for c in chosen]
    lines.append("")
    size, target = 0, rng.randrange(2000, 3000)
    while size < target:
        paragraph = " ".join([rng.choice(_SUMMIT_FILLER),
                              f"The leaders discussed {rng.choice(drawer.signals)}.",
                              rng.choice(_SUMMIT_FILLER)])
        lines += [paragraph, ""]
        size += len(paragraph) + 2
    return "\n".join(lines) + "\n"


def write_archive(folder: Path, n: int, seed: int = 2024, start: int = 0) -> list[Path]:
    """Write readouts number start..start+n-1 into folder (seeded per index); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    drawer = Drawer(load_registry())
    written = []
    for index in range(start, start + n):
        name, text = readout(index, seed, drawer)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args(argv)
    if args.folder.resolve() == (ROOT / "seeds").resolve():
        parser.error("refusing to write into seeds/")
    write_archive(args.folder, args.n, args.seed, args.start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
