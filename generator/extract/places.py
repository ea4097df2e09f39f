"""Where the event took place: the venue, or the city it was in - never a place named in passing.

A place counts when the words put the event there: a transcript's venue line, "at the Kremlin",
"met in Shanghai", "visiting Beijing", "on the sidelines of the G20 Summit in Bali", a dateline
city, "here in Brussels". A place in a clause about something else - a condolence, a journey, an
earlier or later meeting (data/places_in_passing.yml) - is passed over, and so is a venue that
stands for its government ("Pentagon Press Secretary", "a Kremlin spokesman").
"""

from __future__ import annotations

import re

from ..matcher import Match
from ..registry import Place
from .evidence import Finding
from .lexicon import Lexicon
from .text import ReadoutText

REMOTE_FORMATS = {"phone call", "video call"}
OPENING_SENTENCES = 3  # a venue named this early is the event's: "… met at Bogor Palace."
# Words that put an event at the place that follows them.
_LOCATIVE = re.compile(
    r"\b(?:in|at|inside|visiting|(?:visit|visits|trip|journey|travell?ed|arrived|came)\s+to"
    r"|welcomed?\s+(?:(?!to\b)[\w.'-]+\s+){1,5}to)\s+(?:the\s+)?$",
    re.I,
)
# A speaker placing the event where they stand: "here in Brussels", "welcome my friends to Tokyo".
_SPEAKER_HERE = re.compile(
    r"\b(?:here\s+(?:in|at)|welcome\s+(?:(?!to\b)[\w.'-]+\s+){0,4}to)\s+(?:the\s+)?$", re.I
)
# Words that take someone to the country that follows them: "visiting Brazil", "the State visit
# of the President, Emmanuel Macron, to Brazil".
_JOURNEY_TO = re.compile(
    r"\b(?:visiting|(?:visits?|trip|journey|travell?ed|went|arrived)\b[^.;:]{0,80}?\bto)\s+"
    r"(?:the\s+)?", re.I)
_HOSTED_FROM = re.compile(r"\bhost(?:s|ed|ing)?\b[^.;]{0,80}?\bfrom\s+(?:the\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r"[.;:,!?—–\n]|\s-\s")
# "at the President's Office in Berlin": a venue the registry does not know, in a known city.
_VENUE_IN_CITY = re.compile(r"\bat\s+(?:the\s+)?(?P<venue>[A-Z][\w'’.-]*(?:\s+(?:of|the|[A-Z][\w'’.-]*))*?)\s+in\s+(?P<city>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)")


# ------------------------------------------------------------------ strategies


def venue_line_of_transcript(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """A press transcript's head: the line above its time line ("East Room", "Kantei Tokyo,
    Japan", "Hotel X, City, Country"); where the host sat, even for a video event."""
    line = text.readout.place_line
    if not line:
        return None
    parts = [part.strip() for part in line.split(",") if part.strip()]
    while parts and parts[-1] in lexicon.country_names:
        parts.pop()  # "…, Japan"
    if not parts:
        return None
    place = ", ".join(parts)
    venue = next((m.value for m in lexicon.places.find(place) if _is_venue(m.value)), None)
    if venue:
        return Finding(venue.display, line)
    cities = [m for m in lexicon.places.find(parts[-1]) if m.end == len(parts[-1])]
    if cities and len(parts) == 1 and cities[-1].start > 0:  # "Waldorf Astoria Jerusalem Jerusalem"
        named = parts[-1][:cities[-1].start].strip()
        place = f"{named}, {_display(cities[-1].value)}"
    return Finding(place, line)


def venue_in_opening_sentence(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """A registered venue ("the Kremlin"), or "at the X in CITY" for a venue in a known city."""
    lead = text.lead
    for match in lexicon.places.find(lead):
        if _is_venue(match.value) and not _in_passing(lead, match, lexicon) and (
            _after_locative(lead, match) or not lexicon.government_speaking.match(lead, match.end)
        ):
            return Finding(match.value.display, lead)
    for match in _VENUE_IN_CITY.finditer(lead):
        city = match.group("city").rstrip(".")  # "… in Canberra." ends a sentence
        if city in lexicon.places and not lexicon.places.find(match.group("venue")):
            return Finding(f"{match.group('venue')}, {city}", lead)
    return None


def place_of_meeting_in_opening_sentence(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """"met in Shanghai", "who is visiting Beijing", "on the sidelines of the G20 Summit in
    Bali"."""
    return _located(text.lead, lexicon, _LOCATIVE)


def venue_in_opening_sentences(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """A registered venue the first sentences put the event in: "… a meeting in Bogor Palace"."""
    for sentence in text.sentences[:OPENING_SENTENCES]:
        found = _located(sentence, lexicon, _LOCATIVE, venues_only=True)
        if found:
            return found
    return None


def dateline_city(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """The city wire copy is filed from: "CHICAGO –", "WASHINGTON, Feb. 1 (Xinhua) --"; not
    when the lead takes the event to another country ("the State visit … to Brazil"): a
    release is often dated at home about a visit abroad."""
    if text.dateline is None or not text.dateline.place:
        return None
    place = lexicon.place_by_name.get(text.dateline.place.casefold())
    if place is None or _journey_to_another_country(text.lead_paragraph, place, lexicon):
        return None
    return Finding(_display(place), text.dateline.text)


def place_line_in_head(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """A line above the text that is only a registered place: "The Kremlin, Moscow" under the
    date, as the Kremlin prints where each event took place."""
    for line in text.readout.masthead:
        places = _places_making_up(line, lexicon)
        if places:
            venue = next((p for p in places if _is_venue(p)), places[0])
            return Finding(_display(venue), line)
    return None


def _places_making_up(line: str, lexicon: Lexicon) -> list | None:
    """The registered places a line is made of, parts apart by commas ("The Kremlin, Moscow");
    a country may stand among them. None when any part is something else."""
    places = []
    for part in line.split(","):
        part = re.sub(r"^the\s+", "", part.strip(), flags=re.I)
        found = lexicon.places.find(part)
        if found and found[0].start == 0 and found[0].end == len(part):
            places.append(found[0].value)
        elif part not in lexicon.country_names:
            return None
    return places


def place_of_meeting_in_opening_paragraph(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _located(text.lead_paragraph, lexicon, _LOCATIVE)


def place_the_speakers_are_in(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """Remarks that say where they are given: "here in Brussels", "welcome my friends to Tokyo"."""
    for paragraph in text.paragraphs:
        found = _located(paragraph, lexicon, _SPEAKER_HERE)
        if found:
            return found
    return None


def location_in_title(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _located(text.title, lexicon, _LOCATIVE)


def place_hosted_from(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    """A call or video event "hosted from Jerusalem": where its host sat."""
    for sentence in text.sentences[:OPENING_SENTENCES]:
        found = _located(sentence, lexicon, _HOSTED_FROM)
        if found:
            return found
    return None


# ------------------------------------------------------------------ reading a passage


def _journey_to_another_country(passage: str, place, lexicon: Lexicon) -> bool:
    """The passage has someone travel to a country that is not the place's own."""
    home = lexicon.country_of_place(place)
    for match in _JOURNEY_TO.finditer(passage):
        country = lexicon.countries.find(passage[match.end():match.end() + 60])
        if country and country[0].start == 0 and country[0].value.name != home:
            return True
    return False


def _located(passage: str, lexicon: Lexicon, cue: re.Pattern,
             venues_only: bool = False) -> Finding | None:
    """The first place in the passage that `cue` leads up to and that is not named in passing."""
    for match in lexicon.places.find(passage):
        if venues_only and not _is_venue(match.value):
            continue
        if _before_match(passage, match, cue) and not _in_passing(passage, match, lexicon):
            return Finding(_display(match.value), passage)
    return None


def _after_locative(passage: str, match: Match) -> bool:
    return _before_match(passage, match, _LOCATIVE)


def _before_match(passage: str, match: Match, cue: re.Pattern) -> bool:
    return bool(cue.search(passage[max(0, match.start - 80):match.start]))


def _in_passing(passage: str, match: Match, lexicon: Lexicon) -> bool:
    """A place in a clause about something else, or tied to another time: "in Seoul in May";
    or part of a longer name: "the Élysée Treaty", "the Minsk Agreements"."""
    breaks = _CLAUSE_BREAK.finditer(passage, 0, match.start)
    clause_start = max((m.end() for m in breaks), default=0)
    if lexicon.passing_before.search(passage, clause_start, match.start):
        return True
    named_after = _NAMED_AFTER.match(passage, match.end)
    if named_after and named_after.group(1) not in lexicon.places:
        return True
    return bool(lexicon.passing_after.match(passage, match.end))


# A capitalised word right after a place makes them one name: "Élysée Treaty", "Bali Process".
_NAMED_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


def _is_venue(place) -> bool:
    return isinstance(place, Place) and place.city is not None


def _display(place) -> str:
    return place.display if isinstance(place, Place) else place
