"""Who took part and in what role: principals, attendees, and people merely mentioned.

A person is found by a registered name or alias ("Xi Jinping", "Sergei Lavrov"), by a title before
a name even when unregistered ("Indonesian Foreign Minister Retno Marsudi"), or by a surname once
the full name has appeared or when a title makes it unambiguous ("Premier Li" in 2017). Roles come
from the sentence structure: the subject and the object of the opening sentence's meeting verb and
the people in the title are principals; those who "attended", "were present" or "accompanied" are
attendees; everyone else is mentioned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from ..model import ATTENDEE, PRINCIPAL, Mention, Participant
from ..registry import slugify
from .evidence import Evidence, Finding, shorten
from .lexicon import Lexicon
from .text import ReadoutText

# Title-case words that end a name in headlines: "Frank-Walter Steinmeier Meets with Wang Yi".
_NAME_STOPS = {
    "Holds", "Held", "Hold", "Meets", "Met", "Meeting", "Has", "Had", "Talks", "Speaks", "Spoke",
    "Calls", "Call", "Called", "Receives", "Received", "Attends", "Attended", "Visits", "Says",
    "Said", "Sends", "On", "At", "In", "With", "And", "The", "Of", "To", "For", "During", "Today",
    "Jointly", "Also", "Has", "Will", "Said", "Thanked", "Congratulated", "Welcomed",
}
_MEETING_VERB = re.compile(
    r"\b(held|holds|hold|had|has|have|met|meets|meet|spoke|speaks|talked|talks|called|calls|"
    r"received|receives|telephoned|phoned|sat down|hosted|hosts|welcomed|paid)\b"
)
_CLAUSE_BREAK = re.compile(
    r",\s*(?:who|which|where|when|while|on the|during|as |after|before|to |in order|and (?:the|both))"
    r"|,\s*\w+ing\b|,?\s*accompanied by|;|\.\s+(?=[a-z])|\s+(?:about|regarding|to discuss|on the (?:occasion|sidelines|margins))\b"
)
_OWNED_BY_ANOTHER = re.compile(r"\b(?:to|of|for|from|by) the\s+$|['’]s\s+$")
_FAMILY_NAME_FIRST = re.compile(r"\b([A-Z]{2,})[^\S\n]+([A-Z][a-z]+)\b")
_ATTENDED = re.compile(
    r"\b(attended|were present|was present|were also present|also attended|joined|"
    r"(?:also )?(?:participated|took part) in the (?:meeting|talks|call|event|conversation))\b"
)
# Attendees named after the words: "accompanied by X", "Also present were X and Y".
_ACCOMPANIED = re.compile(
    r"\baccompanied by\b|\b(?:present|attending|in attendance|participating|joining)\b"
    r"(?:\s+(?:at|during|in|on)\s+the\s+\w+)?"
    r"\s+(?:were|was|included)\b",
    re.I,
)
_UNNAMED = re.compile(
    r"(?:^|\bthe\s+|\bThe\s+)(?P<title>President|Prime Minister|PM|Chancellor|Premier|Foreign Secretary|"
    r"Secretary of State|Vice President)(?!\s+(?:of\s+)?[A-Z])",
)
_MEETING_TITLE = re.compile(
    r"\b(talks?|meets?|met|meeting|call|calls|phone|telephone|conversation|visit|summit|receives?|"
    r"received|spoke|speaks|video|banquet|press conference)\b",
    re.I,
)


@dataclass
class Found:
    """One person found in the text, before roles are given."""

    key: str  # registered id, or slug of an unregistered name
    name: str
    registered: bool
    country: str | None
    title: str | None  # office as the text gives it, first time
    first: int  # offset of the first mention in ReadoutText.full


@dataclass
class PeopleResult:
    participants: list[Participant]
    mentioned: list[Mention]
    unregistered: list[str]  # names a curator may want to register
    warnings: list[str]
    spans: dict[str, list[tuple[int, int]]]  # person key → mention spans in ReadoutText.full
    evidence: list[Evidence]  # why each participant has their role


class PeopleExtractor:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.registry = lexicon.registry

    def extract(
        self, text: ReadoutText, day: dt.date | None, publisher_country: str | None
    ) -> PeopleResult:
        """Everyone named in the readout, with the role the text gives them and why."""
        full = text.full
        found: dict[str, Found] = {}
        spans: dict[str, list[tuple[int, int]]] = {}

        def add(key, name, registered, country, title, start, end):
            spans.setdefault(key, []).append((start, end))
            if key not in found:
                found[key] = Found(key, name, registered, country, title, start)
            elif found[key].title is None and title:
                found[key].title = title

        for match in self.lexicon.people.find(full):
            person = self.registry.people[match.value]
            add(person.id, match.text, True, person.country, self._title_before(full, match.start),
                match.start, match.end)
            if len(match.text) > len(found[person.id].name):
                found[person.id].name = match.text  # the fullest form the text uses
        for match in _FAMILY_NAME_FIRST.finditer(full):  # "KISHIDA Fumio", as Tokyo writes names
            written = f"{match.group(2)} {match.group(1).title()}"
            person_id = next((m.value for m in self.lexicon.people.find(written)
                              if m.end - m.start == len(written)), None)
            if person_id:
                person = self.registry.people[person_id]
                add(person_id, person.name, True, person.country,
                    self._title_before(full, match.start()), match.start(), match.end())
        registered = _Spans(place for places in spans.values() for place in places)
        for match in self.lexicon.titled_name.finditer(full):
            start, end = match.span("name")
            if not (registered.cover(start) or registered.any_within(start, end)):
                self._add_titled(match, full, day, found, add)
        self._add_surnames(full, found, spans, add)
        for places in spans.values():
            places.sort()

        title_end = len(text.title)
        principals = self._principals(text, found, spans, title_end)
        warnings = []
        unnamed = self._unnamed_principal(text, day, publisher_country, found, principals, warnings)
        if unnamed is not None and unnamed.id not in found:
            add(unnamed.id, unnamed.name, True, unnamed.country, unnamed.title_on(day), -1, -1)
            spans[unnamed.id] = []
        if unnamed is not None:
            principals[unnamed.id] = Finding("unnamed office-holder of the publishing government",
                                             text.title if _UNNAMED.search(text.title) else text.lead)
        attendees = {key: finding for key, finding in self._attendees(text, spans, title_end).items()
                     if key not in principals}

        participants, mentioned, evidence = [], [], []
        for person in sorted(found.values(), key=lambda f: (f.first, f.key)):
            if person.key in principals or person.key in attendees:
                role = PRINCIPAL if person.key in principals else ATTENDEE
                title = person.title
                if title is None and role == PRINCIPAL and person.registered:
                    title = self.registry.people[person.key].title_on(day)
                participants.append(
                    Participant(person.key, person.name, role, person.country, title, person.registered)
                )
                why = (principals if role == PRINCIPAL else attendees)[person.key]
                evidence.append(Evidence(role, person.name, why.value, shorten(why.quote)))
            else:
                mentioned.append(Mention(person.key, person.name, person.registered))
        unregistered = [f.name for f in found.values() if not f.registered]
        return PeopleResult(participants, mentioned, unregistered, warnings,
                            {k: v for k, v in spans.items() if v}, evidence)

    # ------------------------------------------------------------------ finding people

    def _title_before(self, full: str, start: int) -> str | None:
        """The office written just before a name: "Russian President" → President.

        Not an office someone else holds: in "Chief Advisor to the President of Brazil Celso
        Amorim" the title belongs to the President, not to Amorim.
        """
        window = full[max(0, start - 80):start]
        best = None
        for match in self.lexicon.title_matcher.find(window):
            if _OWNED_BY_ANOTHER.search(window[: match.start]):
                continue
            if window[match.end:].strip(" ,") in ("", "Mr.", "Ms.", "Mr", "Ms") or re.fullmatch(
                r"\s+of\s+(?:the\s+)?[A-Z][\w'’ ]+\s*", window[match.end:]
            ):
                best = match.value
        return best

    def _add_titled(self, match: re.Match, full: str, day, found, add) -> None:
        tokens = []
        for token in match.group("name").split():
            token = re.sub(r"(?:'s|’s)$", "", token)
            if token in _NAME_STOPS or token in self.lexicon.country_names or token in self.lexicon.demonyms:
                break
            if re.fullmatch(r"[\w'’-]{2,}\.", token) and token not in ("Jr.", "Sr."):
                tokens.append(token[:-1])  # a full stop ends the sentence, and the name
                break
            tokens.append(token)
            if len(tokens) == 5:
                break
        if not tokens:
            return
        name = " ".join(tokens)
        start = match.start("name")
        end = start + len(name)
        office = self._office(match.group("title"))
        if _OWNED_BY_ANOTHER.search(full[max(0, match.start() - 20):match.start()]):
            office = None  # "Advisor to the President of Kenya X": X is not the President
        registered = self._resolve_name(name, office, day, found)
        if registered is not None:
            person = self.registry.people[registered]
            add(person.id, person.name, True, person.country, office, start, end)
            return
        if len(tokens) < 2 or name in self.lexicon.people or not slugify(name):
            return  # a lone unknown word after a title is too weak to be a person
        country = None
        for group in ("demonym", "of_before", "of_after"):
            value = match.group(group)
            if value:
                country = self.lexicon.demonyms.get(value) or self.lexicon.country_names.get(value)
                break
        add(slugify(name), name, False, country, office, start, end)

    def _office(self, title_text: str) -> str:
        parts = re.split(r"\s+(?:and|&)\s+", title_text)
        offices = [self.lexicon.titles.get(p, p) for p in parts]
        return self.lexicon.titles.get(title_text) or " and ".join(offices)

    def _resolve_name(self, name: str, office: str | None, day, found) -> str | None:
        """A registered person for a name written after a title: full name, or a surname."""
        for match in self.lexicon.people.find(name):
            if match.start == 0 and match.end == len(name):
                return match.value
        if " " in name:
            surname = name.split()[-1]
            if name.split()[0] not in self.lexicon.by_surname:
                return None
        else:
            surname = name
        candidates = self.lexicon.by_surname.get(surname, [])
        if len(candidates) > 1:
            seen = [c for c in candidates if c in found]
            if len(seen) == 1:
                return seen[0]
            candidates = [c for c in candidates if self._holds(c, office, day)] or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _holds(self, person_id: str, office: str | None, day) -> bool:
        person = self.registry.people[person_id]
        return any(
            (office is None or o.title.startswith(office) or office.endswith(o.title))
            and (day is None or o.held_on(day))
            for o in person.offices
        )

    def _add_surnames(self, full: str, found, spans, add) -> None:
        """Surname alone ("Putin said") for people whose full name already appeared."""
        surnames = {}
        for person in list(found.values()):
            if person.registered:
                surname = self.registry.people[person.key].surname
                surnames.setdefault(surname, person.key)
            elif len(person.name.split()) > 1:
                surnames.setdefault(person.name.split()[-1], person.key)
        if not surnames:
            return
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, surnames)) + r")(?!\w)")
        named = {key: _Spans(places) for key, places in spans.items()}  # before surnames are added
        for match in pattern.finditer(full):
            if re.match(r"\s+\d", full[match.end():]):
                continue  # "May 16": a date, not Theresa May
            key = surnames[match.group(1)]
            if key in named and named[key].cover(match.start()):
                continue
            person = found[key]
            add(key, person.name, person.registered, person.country, None, match.start(), match.end())

    # ------------------------------------------------------------------ roles

    def _principals(self, text: ReadoutText, found, spans, title_end: int) -> dict[str, Finding]:
        principals: dict[str, Finding] = {}
        if _MEETING_TITLE.search(text.title):
            for key in _keys_in(spans, 0, title_end):
                principals[key] = Finding("named in a meeting title", text.title)
        lead = text.lead
        lead_start = text.full.find(lead, title_end) if lead else -1
        if lead_start >= 0:
            verb = _MEETING_VERB.search(lead)
            if verb:
                rest = lead[verb.end():]
                stop = _CLAUSE_BREAK.search(rest)
                object_end = verb.end() + (stop.start() if stop else len(rest))
                for key in _keys_in(spans, lead_start, lead_start + object_end):
                    principals.setdefault(key, Finding("subject or object of the meeting verb", lead))
        if not principals:
            ordered = sorted(found.values(), key=lambda f: f.first)
            principals = {f.key: Finding("first named people", lead) for f in ordered[:2]}
        return principals

    def _attendees(self, text: ReadoutText, spans, title_end: int) -> dict[str, Finding]:
        attendees: dict[str, Finding] = {}
        offset = title_end
        for sentence in text.sentences:
            start = text.full.find(sentence, offset)
            if start < 0:
                continue
            offset = start
            attended = _ATTENDED.search(sentence)
            if attended:
                for key in _keys_in(spans, start, start + attended.start()):
                    attendees.setdefault(key, Finding("said to attend", sentence))
            accompanied = _ACCOMPANIED.search(sentence)
            if accompanied:
                rest = sentence[accompanied.end():]
                stop = _CLAUSE_BREAK.search(rest)
                end = accompanied.end() + (stop.start() if stop else len(rest))
                for key in _keys_in(spans, start + accompanied.end(), start + end):
                    attendees.setdefault(key, Finding("named as accompanying or present", sentence))
        return attendees

    def _unnamed_principal(self, text: ReadoutText, day, publisher_country, found, principals,
                           warnings):
        """ "The Prime Minister spoke to …": the publishing government's office-holder that day.

        When a principal already named in the text holds that office, "the President" is them.
        """
        lead = text.lead
        verb = _MEETING_VERB.search(lead)
        subject = lead[: verb.start()] if verb else ""
        match = _UNNAMED.search(text.title) or _UNNAMED.search(subject)
        if not match:
            return None
        office = self.lexicon.titles.get(match.group("title"), match.group("title"))
        for key in sorted(principals):
            if found[key].registered and self._holds(key, office, day) and (
                publisher_country is None or found[key].country == publisher_country
            ):
                return self.registry.people[key]
        if publisher_country is None or day is None:
            warnings.append(
                f"unnamed principal 'the {office}': publishing government or date unknown"
            )
            return None
        person = self.registry.holder(publisher_country, office, day)
        if person is None:
            warnings.append(
                f"unnamed principal 'the {office}' of {publisher_country} on {day} is not registered"
            )
        return person


class _Spans:
    """Non-overlapping (start, end) spans, asked in log time whether they cover an offset."""

    def __init__(self, spans):
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def cover(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]

    def any_within(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, start)
        return index < len(self._starts) and self._starts[index] < end


def _keys_in(spans: dict[str, list[tuple[int, int]]], start: int, end: int) -> set[str]:
    """People mentioned between two offsets; spans are kept in text order, so bisect finds them."""
    found = set()
    for key, places in spans.items():
        index = bisect.bisect_left(places, (start, -1))
        if index < len(places) and places[index][0] < end:
            found.add(key)
    return found

