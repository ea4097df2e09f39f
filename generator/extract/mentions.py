"""Finding the people a readout names, before any role is given.

Mentions come from five strategies, tried in this order over the title and body:
- a registered name or alias ("Xi Jinping", "Sergey Lavrov"), also written family name first in
  capitals ("KISHIDA Fumio");
- a titled name: an office, then a name ("Russian President Vladimir Putin", "Trade Minister Don
  Farrell", "the President of the Philippines Rodrigo Duterte", "President Alberto Fernandez,
  Argentine Republic"), found even when the person is not registered; the name ends at a
  possessive, at a word that is never part of a name, or at a country;
- a speaker label in a transcript ("PRIME MINISTER KISHIDA:"), read as an office and a surname;
- a surname alone ("Putin said") once the full name has appeared.
A person is one entry however often they are named; their spans say where, for the role rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from ..matcher import Match, phrase_alternation, whole_words
from ..registry import Person, slugify
from .lexicon import Lexicon
from .text import ReadoutText

MAX_NAME_WORDS = 5
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_INITIAL = re.compile(r"[A-Z]\.\Z")
_SUFFIXES = ("Jr.", "Sr.", "Jr", "Sr", "II", "III")
_OWNED_BY_ANOTHER = re.compile(r"\b(?:to|of|for|from|by) the\s+$|['’]s\s+$")
_FAMILY_NAME_FIRST = re.compile(r"\b([A-Z]{2,})[^\S\n]+([A-Z][a-z]+)\b")
_CAPITALISED_WORDS = re.compile(r"[A-Z][\w'’-]*(?:[^\S\n]+(?:of|for|and|the|[A-Z][\w'’-]*))*")
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+")
_BEFORE_A_NUMBER = re.compile(r"\s+\d")  # after a word: "May 16" is a date


@dataclass
class Found:
    """One person found in the text, before roles are given."""

    key: str  # registered id, or slug of an unregistered name
    name: str
    registered: bool
    country: str | None
    title: str | None  # office as the text gives it, first time
    first: int  # offset of the first mention in ReadoutText.full
    how: str  # the strategy that found the person first


@dataclass
class Mentions:
    """Everyone named, and where: person key → (start, end) spans in ReadoutText.full."""

    found: dict[str, Found] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def add(self, key: str, name: str, registered: bool, country: str | None, title: str | None,
            start: int, end: int, how: str) -> None:
        self.spans.setdefault(key, []).append((start, end))
        person = self.found.get(key)
        if person is None:
            self.found[key] = Found(key, name, registered, country, title, start, how)
            return
        if person.title is None and title:
            person.title = title
        if person.country is None and country:
            person.country = country
        if start < person.first:
            person.first = start

    def keys_between(self, start: int, end: int) -> list[str]:
        """People mentioned between two offsets, in order of their first mention there."""
        hits = []
        for key, places in self.spans.items():
            index = bisect.bisect_left(places, (start, -1))
            if index < len(places) and places[index][0] < end:
                hits.append((places[index][0], key))
        return [key for _, key in sorted(hits)]

    def covered(self, offset: int) -> bool:
        return any(start <= offset < end for places in self.spans.values() for start, end in places)


@dataclass(frozen=True)
class Speaker:
    """A transcript's speaker label, resolved: who speaks, and where their turn starts."""

    key: str
    label: str
    offset: int


class MentionFinder:
    """Compiled once per registry; `find` reads one readout."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.registry = lexicon.registry
        words = self.registry.names
        self.stops = frozenset(words.stops)
        self.particles = frozenset(words.particles)
        self.domains = frozenset(words.office_domains)
        self.anonymous = frozenset(words.anonymous_speakers)
        self.lowering = frozenset(words.lowering)
        self.address_words = frozenset(w for phrase in words.honorifics for w in phrase.split())
        self.postnominals = frozenset(words.postnominals)
        self.institution_heads = frozenset(words.institution_heads)
        # registered surnames that begin with a particle, which no capitalised name does
        lower = [p.surname for p in self.registry.people.values() if p.surname[:1].islower()]
        self.lower_surname = re.compile(
            rf"[^\S\n]*({phrase_alternation(lower) if lower else '(?!)'})(?![\w-])")
        # a name just after words of address: "H.E. Mr.", "the Hon.", "His Royal Highness"
        self.addressed = re.compile(rf"(?<![\w.])(?:{phrase_alternation(words.honorifics)})[^\S\n]+\Z")

    def find(self, text: ReadoutText, day: dt.date | None) -> tuple[Mentions, list[Speaker]]:
        full = text.full
        mentions = Mentions()
        self._registered(full, day, mentions)
        self._family_name_first(full, day, mentions)
        offices = self.lexicon.offices.find(full)  # both ways of naming an office read them
        self._appositive(full, offices, day, mentions)
        self._titled(full, offices, day, mentions)
        speakers = self._speakers(text, day, mentions)
        self._surnames(full, mentions)
        for places in mentions.spans.values():
            places.sort()
        return mentions, speakers

    # ------------------------------------------------------------------ strategies

    def _registered(self, full: str, day, mentions: Mentions) -> None:
        """Registered names and aliases; a full name also when a later word lost its capital."""
        taken: list[tuple[int, int]] = []
        for match in self.lexicon.people.find(full):
            self._add_registered(full, day, mentions, match.value, match.text, match.start,
                                 match.end, "registered name")
            taken.append((match.start, match.end))
        for match in self.lexicon.people_any_case.find(full):
            if match.text[:1].isupper() and not any(s <= match.start < e for s, e in taken):
                self._add_registered(full, day, mentions, match.value, None, match.start,
                                     match.end, "registered name")

    def _add_registered(self, full: str, day, mentions: Mentions, person_id: str,
                        written: str | None, start: int, end: int, how: str) -> None:
        person = self.registry.people[person_id]
        title = self._title_before(full, start)
        mentions.add(person.id, written or person.name, True, self.registry.home(person, day), title,
                     start, end, how)
        found = mentions.found[person.id]
        if written and len(written) > len(found.name):
            found.name = written  # the fullest form the text uses

    def _family_name_first(self, full: str, day, mentions: Mentions) -> None:
        """Tokyo's way: "KISHIDA Fumio" is Fumio Kishida."""
        for match in _FAMILY_NAME_FIRST.finditer(full):
            written = f"{match.group(2)} {match.group(1).title()}"
            person_id = next((m.value for m in self.lexicon.people.find(written)
                              if m.end - m.start == len(written)), None)
            if person_id and not mentions.covered(match.start()):
                self._add_registered(full, day, mentions, person_id, None, match.start(), match.end(),
                                     "registered name, family name first")

    def _titled(self, full: str, offices: list[Match], day, mentions: Mentions) -> None:
        """An office, then a name: registered people by surname, others by the name written."""
        for office in offices:
            office_end, name_start, name_end, name, country = self._name_after(full, office.end)
            if not name:
                continue
            if any(s < name_end and name_start < e
                   for places in mentions.spans.values() for s, e in places):
                continue  # a name already found there, registered or under another title
            title, office_start = office.value, office.start
            if title is None:  # an office read by its shape: "Trade Minister", "Minister of X"
                office_start = self._qualifiers_before(full, office.start)
                title = re.sub(r"\s+", " ", full[office_start:office_end]).strip(" ,")
            lowered = re.search(r"(\S+)[^\S\n]+\Z", full[max(0, office_start - 30):office_start])
            if title and lowered and lowered.group(1) in self.lowering:
                office_start -= len(lowered.group(0))
                title = f"{lowered.group(1).capitalize()} {title}"  # "Deputy Secretary General"
            left_country = self._country_before(full, office_start)
            title = title or None  # a relation ("counterpart") names no office
            if _OWNED_BY_ANOTHER.search(full[max(0, office.start - 20):office.start]):
                title = None  # "Advisor to the President of Kenya X": X is not the President
            country = country or left_country
            person_id = self._resolve(name, title, day, mentions)
            if person_id is not None:
                person = self.registry.people[person_id]
                mentions.add(person.id, person.name, True, self.registry.home(person, day), title, name_start,
                              name_end, "titled name")
                continue
            known = self._already_found(name, mentions)
            if known is not None:
                person = mentions.found[known]
                mentions.add(known, person.name, person.registered, country, title, name_start,
                             name_end, "titled name")
                continue
            if len(name.split()) < 2 or not slugify(name):
                continue  # a lone unknown word after a title is too weak to be a person
            mentions.add(slugify(name), name, False, country, title, name_start, name_end,
                         "titled name")

    def _appositive(self, full: str, offices: list[Match], day, mentions: Mentions) -> None:
        """A name, then its office: "H.E. Mr. Xavier Espot Zamora, Head of Government of Andorra",
        "Mr. KISHIDA Fumio, Prime Minister of Japan", as ministries that put the name first
        write them."""
        for office in offices:
            comma = re.search(r",[^\S\n]*(?:the[^\S\n]+)?\Z", full[max(0, office.start - 8):office.start])
            if not comma or office.value == "":
                continue
            name_end = office.start - len(comma.group(0))
            named_here = next((key for key, places in mentions.spans.items()
                               if any(e == name_end for _, e in places)), None)
            if named_here is not None:  # "Mr. KISHIDA Fumio, Prime Minister of Japan"
                person = mentions.found[named_here]
                person.title = person.title or self._office_after_name(full, office)[0]
                continue
            span = self._name_before(full, name_end)
            if span is None:
                continue
            start, end = span
            title, country = self._office_after_name(full, office)
            before = full[max(0, start - 30):start]
            addressed = bool(self.addressed.search(before))
            if not (addressed or country):
                continue
            known = next((key for key, places in mentions.spans.items()
                          if any(s < end and start < e for s, e in places)), None)
            if known is not None:
                person = mentions.found[known]
                person.title = person.title or title
                continue
            name = full[start:end]
            person_id = self._resolve(name, title, day, mentions)
            if person_id is not None:
                person = self.registry.people[person_id]
                mentions.add(person.id, person.name, True, self.registry.home(person, day), title,
                             start, end, "name before its office")
            else:
                mentions.add(slugify(name), name, False, country, title, start, end,
                             "name before its office")

    def _name_before(self, full: str, name_end: int) -> tuple[int, int] | None:
        """The span of a name of two or more words ending at `name_end`, after any words of
        address ("H.E. Mr. Xavier Espot Zamora")."""
        offset = max(0, name_end - 80)
        words = list(re.finditer(r"[^\s,;:()]+", full[offset:name_end]))
        tokens = []
        for word in reversed(words):
            text = word.group(0)
            if not tokens and text in self.postnominals:
                continue  # "Anthony Albanese MP, Prime Minister of Australia"
            if text in self.address_words or text in self.lexicon.titles or not (
                self._name_word(text, ["x"]) or text in self.particles
            ):
                break
            tokens.insert(0, word)
        if len(tokens) < 2 or tokens[0].group(0) in self.particles:
            return None
        return offset + tokens[0].start(), offset + tokens[-1].end()

    def _office_after_name(self, full: str, office) -> tuple[str | None, str | None]:
        """The office as written after a name, and the country it is of: "Secretary of Foreign
        Affairs of the Republic of the Philippines" → ("Secretary of Foreign Affairs", …). The
        country may end the clause after "and" and words the office does not take in ("Deputy
        Prime Minister and Minister for Defence of Australia", "Minister of Industry and Advanced
        Manufacturing of Singapore"); not after a name ("Prime Minister Albanese of Australia")."""
        office_end, country = self._office_extent(full, office.end)
        if country is None and re.match(r"[^\S\n]+(?:and|&)[^\S\n]", full[office_end:office_end + 6]):
            country = self._country_ending_clause(full, office_end)
        title = office.value or re.sub(r"\s+", " ", full[office.start:office_end]).strip(" ,")
        return title, country

    def _country_ending_clause(self, full: str, position: int) -> str | None:
        """The country named last in the clause from `position`, as "of (the) COUNTRY"."""
        clause = re.match(r"[^,;.\n]*", full[position:position + 120]).group(0).rstrip()
        for of in re.finditer(r"[^\S\n]of[^\S\n]+(?:the[^\S\n]+)?", clause):
            named = self._country_at(full, position + of.end())
            if named and of.end() + named[1] == len(clause):
                return named[0]
        return None

    def _office_extent(self, full: str, cursor: int) -> tuple[int, str | None]:
        """Where an office's words end ("… of Foreign Affairs"), and the country it is of."""
        for _ in range(2):  # "of Foreign Affairs", then "of the Philippines"
            of = re.match(r"[^\S\n]+(?:of|for)[^\S\n]+(?:the[^\S\n]+)?", full[cursor:cursor + 12])
            if not of:
                break
            named = self._country_at(full, cursor + of.end())
            if named:
                return cursor, named[0]
            domain_end = self._skip_domain(full, cursor + of.end())
            if domain_end == cursor + of.end():
                break
            cursor = domain_end
        return cursor, None

    def _speakers(self, text: ReadoutText, day, mentions: Mentions) -> list[Speaker]:
        """Transcript turns: "PRIME MINISTER KISHIDA:" is Prime Minister Kishida speaking."""
        speakers = []
        for label, offset in text.speaker_labels:
            if label in self.anonymous:
                continue
            title, rest = self._split_label(label)
            if not rest:
                continue
            name = " ".join(w.lower() if w.lower() in self.particles else w.capitalize()
                            for w in rest.split())
            key = self._speaker_key(name, title, day, mentions)
            if key is None:
                if len(name.split()) < 2:
                    continue
                key = slugify(name)
                mentions.add(key, name, False, None, title, offset, offset + len(label),
                             "speaker label")
            else:
                mentions.add(key, mentions.found[key].name if key in mentions.found else name,
                             key in self.registry.people, None, title, offset,
                             offset + len(label), "speaker label")
                if key in self.registry.people and mentions.found[key].country is None:
                    mentions.found[key].country = self.registry.home(self.registry.people[key], day)
            speakers.append(Speaker(key, label, offset))
        return speakers

    def _surnames(self, full: str, mentions: Mentions) -> None:
        """A surname alone ("Putin said") for people whose full name already appeared."""
        surnames: dict[str, str] = {}
        for person in sorted(mentions.found.values(), key=lambda f: f.first):
            if person.registered:
                surnames.setdefault(self.registry.people[person.key].surname, person.key)
            elif len(person.name.split()) > 1:
                surnames.setdefault(person.name.split()[-1], person.key)
        surnames = {s: k for s, k in surnames.items() if s not in self.stops}
        if not surnames:
            return
        named = {key: list(places) for key, places in mentions.spans.items()}
        for start, end, surname in whole_words(full, list(surnames)):
            if _BEFORE_A_NUMBER.match(full, end):
                continue  # "May 16": a date, not Theresa May
            key = surnames[surname]
            if any(s <= start < e for s, e in named.get(key, ())):
                continue
            person = mentions.found[key]
            mentions.add(key, person.name, person.registered, person.country, None,
                         start, end, "surname after the full name")

    # ------------------------------------------------------------------ reading names

    def _name_after(self, full: str, position: int) -> tuple[int, int, int, str, str | None]:
        """Where the office ends, the name that follows it, and a country written with it.

        Skips "of the Philippines", ministry words ("of Foreign Affairs"), a comma and words of
        address; the name is then capitalised words up to a stop word, a possessive, a sentence
        end or a country ("President Alberto Fernandez, Argentine Republic").
        """
        country = None
        cursor = position
        rest = full[cursor:cursor + 160]
        of_country = re.match(r"[^\S\n]+(?:of|for|at|in)[^\S\n]+(?:the[^\S\n]+)?", rest)
        if of_country:
            named = self._country_at(full, cursor + of_country.end())
            if named:
                country, length = named
                cursor += of_country.end() + length
            else:
                cursor = (self._past_institution(full, cursor + of_country.end())
                          or self._skip_domain(full, cursor + of_country.end()))
        office_end = cursor
        cursor = self._skip_address(full, cursor)
        lower_surname = self.lower_surname.match(full, cursor)
        if lower_surname:  # "President von der Leyen"
            start, end = lower_surname.span(1)
            return office_end, start, end, lower_surname.group(1), country
        tokens = []
        for token in _TOKEN.finditer(full, cursor, min(len(full), cursor + 120)):
            gap = full[cursor:token.start()]
            if tokens and (gap.strip() or "\n" in gap):
                break
            if not tokens and ("\n" in gap or gap.strip(" \t,")):
                return office_end, 0, 0, "", None
            word = token.group(0)
            cursor = token.end()
            bare = _POSSESSIVE.sub("", word) if _POSSESSIVE.search(word) else word
            if bare.endswith(".") and not _INITIAL.match(bare) and bare not in _SUFFIXES:
                bare = bare.rstrip(".")
                if self._name_word(bare, tokens):
                    tokens.append((token.start(), token.start() + len(bare), bare))
                break  # a full stop ends the sentence, and the name
            if not self._name_word(bare, tokens):
                break
            tokens.append((token.start(), token.start() + len(bare), bare))
            if bare != word or len(tokens) == MAX_NAME_WORDS:
                break  # a name ends at a possessive: "President Putin's Visit"
        while tokens and (tokens[-1][2] in self.particles or _INITIAL.match(tokens[-1][2])):
            tokens.pop()
        if not tokens or any(m.start == 0 for m in
                             self.lexicon.offices.find(full[tokens[0][0]:tokens[-1][1]])):
            return office_end, 0, 0, "", None  # another office follows: "…, Prime Minister of X"
        start, end = tokens[0][0], tokens[-1][1]
        after_name = self._past_postnominals(full, end)
        tail = re.match(r"(?:,[^\S\n]*|[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?)", full[after_name:after_name + 80])
        if tail and country is None:
            named = self._country_at(full, after_name + tail.end())
            if named and (tail.group(0).strip() != "," or self._ends_item(full, after_name + tail.end() + named[1])):
                country = named[0]
        return office_end, start, end, " ".join(t[2] for t in tokens), country

    def _qualifiers_before(self, full: str, position: int) -> int:
        """Where an office read by its shape begins: "Trade Minister", "Special Presidential
        Envoy" - capitalised ministry words just before the head belong to it."""
        start = position
        for match in reversed(list(re.finditer(r"[A-Z][\w'’-]*[^\S\n]+", full[max(0, position - 80):position]))):
            absolute = max(0, position - 80) + match.start()
            if absolute + len(match.group(0)) != start or match.group(0).strip() not in self.domains:
                break
            start = absolute
        return start

    def _past_institution(self, full: str, position: int) -> int | None:
        """Past an institution's name that an office is of ("Secretary-General of the Mekong River
        Commission, Dr. X"): capitalised words up to a word that heads institutions; else None."""
        words = _CAPITALISED_WORDS.match(full, position, min(len(full), position + 80))
        if words is None:
            return None
        heads = [position + word.end() for word in re.finditer(r"\S+", words.group(0))
                 if word.group(0) in self.institution_heads]
        return heads[-1] if heads else None

    def _past_postnominals(self, full: str, position: int) -> int:
        """Past letters after a name ("Anthony Albanese MP, …"): where what follows the name begins."""
        while True:
            word = re.match(r"[^\S\n]+([A-Z]{2,4})\b", full[position:position + 12])
            if not word or word.group(1) not in self.postnominals:
                return position
            position += word.end()

    def _name_word(self, word: str, tokens: list) -> bool:
        if word in self.particles or re.fullmatch(r"(?:al|el|ad|bin)-[A-Z][\w'’-]*", word):
            return bool(tokens)
        if (not word[:1].isupper() or word in self.stops or word in self.postnominals
                or word.isupper() and len(word) > 3):
            return False
        return word not in self.lexicon.country_names and word not in self.lexicon.demonyms

    def _skip_domain(self, full: str, cursor: int) -> int:
        """Past a ministry's words ("Foreign Affairs", "economic development", "Labour and
        Employment, Environment, Forest and Climate Change") to where the name begins. A joining
        word the ministry's words do not go on after ("of Industry and | Advanced Technology")
        is left out: what follows it is no name."""
        last = scanned = cursor
        for token in _TOKEN.finditer(full, cursor, min(len(full), cursor + 160)):
            gap = full[scanned:token.start()]
            if "\n" in gap or gap.strip(" \t,"):
                break
            word = token.group(0)
            if word in ("of", "for"):
                country_next = re.match(r"[^\S\n]+(?:the[^\S\n]+)?", full[token.end():token.end() + 6])
                if country_next and self._country_at(full, token.end() + country_next.end()):
                    break  # "… of Foreign Affairs | of the Philippines": the office ends here
            if word in ("and", "&"):
                scanned = token.end()
                continue
            bare = word.rstrip(".")  # "… and Youth Development." ends the sentence
            if bare in self.domains or bare.islower():
                last = scanned = token.start() + len(bare)
                if bare != word:
                    break
                continue
            break
        return last

    def _skip_address(self, full: str, cursor: int) -> int:
        """Past a comma and words of address ("H.E.", "His Royal Highness Sheikh")."""
        match = self.lexicon.address.match(full, cursor)
        return match.end() if match else cursor

    def _country_at(self, full: str, position: int) -> tuple[str, int] | None:
        """The country named at `position`, by name or alias, also behind a form of state the
        registry does not list ("the Principality of Andorra")."""
        window = full[position:position + 80]
        state_form = self.lexicon.state_form.match(window)
        for skip in (0, state_form.end() if state_form else None):
            if skip is None:
                continue
            for match in self.lexicon.countries.find(window[skip:]):
                if match.start == 0:
                    return match.value.name, skip + match.end
                break
        return None

    def _ends_item(self, full: str, position: int) -> bool:
        """A list item or sentence ends here: "…, Argentine Republic" then a line break."""
        return bool(re.match(r"[^\S\n]*(?:[,;.]?[^\S\n]*(?:\n|$)|;|,[^\S\n]+and\b)", full[position:position + 20]))

    def _country_before(self, full: str, position: int) -> str | None:
        """A country just before the office: "Russian President", "the Philippine Minister",
        "Czech Republic Prime Minister", "U.S. Secretary of Defense"."""
        window = full[max(0, position - 40):position]
        if not window.endswith((" ", "\t")):
            return None
        ends_here = [m for m in self.lexicon.countries.find(window) if not window[m.end:].strip()]
        if ends_here and not ends_here[-1].value.is_organization:
            return ends_here[-1].value.name
        match = re.search(r"([A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*)?)[^\S\n]+\Z", window)
        if not match:
            return None
        for candidate in (match.group(1), match.group(1).split()[-1]):
            if candidate in self.lexicon.demonyms:
                return self.lexicon.demonyms[candidate]
        return None

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
            between = window[match.end:]
            if self.lexicon.address.fullmatch(between) or re.fullmatch(
                r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w'’ ]+,?[^\S\n]*", between
            ):
                best = match.value
        return best

    def _already_found(self, name: str, mentions: Mentions) -> str | None:
        """A shorter form of someone already named: "President Hassan Sheikh" after "President
        Hassan Sheikh Mohamud"."""
        words = name.split()
        for person in mentions.found.values():
            parts = person.name.split()
            if len(words) < len(parts) and parts[:len(words)] == words:
                return person.key
        return None

    def _split_label(self, label: str) -> tuple[str | None, str]:
        """ "PRIME MINISTER KISHIDA" → ("Prime Minister", "KISHIDA")."""
        match = self.lexicon.label_office.match(label)
        if not match:
            return None, re.sub(r"^(?:MR|MS|MRS|DR)\.?\s+", "", label)
        office = match.group(0).strip()
        title = self.lexicon.titles_folded.get(office.lower(), office.title())
        return title, label[match.end():].strip()

    def _speaker_key(self, name: str, title: str | None, day, mentions: Mentions) -> str | None:
        folded = name.lower()
        for person in mentions.found.values():
            parts = person.name.lower().split()
            if folded in parts or folded == person.name.lower() or (
                len(folded.split()) > 1 and folded in person.name.lower()
            ):
                return person.key
        return self._resolve(name, title, day, mentions)

    def _resolve(self, name: str, office: str | None, day, mentions: Mentions) -> str | None:
        """A registered person for a name written after a title: full name, or a surname."""
        without_initials = " ".join(w for w in name.split() if not _INITIAL.match(w))
        for written in (name, without_initials):
            for match in self.lexicon.people.find(written):
                if match.start == 0 and match.end == len(written):
                    return match.value
        words = without_initials.split()
        if name in self.lexicon.by_surname:  # a surname of several words: "von der Leyen"
            surname = name
        elif len(words) > 1 and words[0] not in self.lexicon.by_surname:
            return None
        else:
            surname = words[-1] if len(words) > 1 else name
        candidates = self.lexicon.by_surname.get(surname) or self.lexicon.by_surname.get(name, [])
        if len(candidates) > 1:
            seen = [c for c in candidates if c in mentions.found]
            if len(seen) == 1:
                return seen[0]
            candidates = [c for c in candidates if self._holds(c, office, day)] or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _holds(self, person_id: str, office: str | None, day) -> bool:
        return holds(self.registry.people[person_id], office, day)


def holds(person: Person, office: str | None, day: dt.date | None) -> bool:
    """Whether a registered person held an office (any, when None) on a day (any, when None)."""
    return any(
        (office is None or o.title.startswith(office) or office.endswith(o.title))
        and (day is None or o.held_on(day))
        for o in person.offices
    )
