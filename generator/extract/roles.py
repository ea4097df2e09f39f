"""Who took part and how: principals, attendees, and everyone else merely mentioned.

Roles come from the sentence structure around the words in roles.yml, tried in the order of
`RULES` below; a person keeps the first role a rule gives them, with the rule's name and the
sentence as evidence. Two rules then weigh office rank (titles.yml): people who join or are
listed at a leader's rank are principals, others attendees; and a principal's compatriot of
lower rank named beside them is accompanying them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from ..matcher import AnyCase, lowered, phrase_alternation
from ..model import ATTENDEE, PRINCIPAL
from ..registry import RANKS, Registry, rank_of
from .evidence import Finding
from .mentions import Mentions, Speaker, holds
from .text import ReadoutText, is_introduction

MODERATOR = "moderator"  # attends the meeting; speaks for no side
MODERATING = "moderating"  # the rule name a moderator's evidence carries
LEADER = RANKS.index("leader")
NARRATOR = RANKS.index("narrator")
LIST_ITEM = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")


class RoleWords:
    """roles.yml compiled: the phrases each rule looks for, in any case."""

    def __init__(self, words: dict[str, tuple[str, ...]]):
        def phrases(key: str) -> str:
            return phrase_alternation(sorted({lowered(phrase) for phrase in words[key]}))

        def cue(*keys: str) -> AnyCase:
            """Any phrase of the lists `keys`, as whole words."""
            return AnyCase(rf"\b(?:{'|'.join(phrases(key) for key in keys)})\b")

        self.meeting = cue("meeting_verbs", "meeting_nouns")
        self.participation = cue("participation_verbs")
        self.presence = cue("presence_verbs")
        self.described_event = AnyCase(rf"\s*(?:{phrases('described_event')})\b")
        self.attendee_cue = cue("attendee_cues")
        self.joining_cue = AnyCase(rf"\b(?:{phrases('joining_cues')})\b:?")
        # any of the three above: a sentence says someone took part (one search, not three)
        self.taking_part = cue("participation_verbs", "presence_verbs", "joining_cues")
        self.host_cue = cue("host_cues")
        self.moderator_cue = cue("moderator_cues")
        self.session_lead = cue("session_leads")
        self.future = AnyCase(
            rf"\b(?:{phrases('future_cues')})\s+(?:\w+\s+){{0,2}}?(?:{phrases('future_events')})\b")
        self.future_before = AnyCase(
            rf"\b(?:{phrases('future_cues')}|to)\s+(?:[\w'’-]+\s+){{0,4}}$")
        self.meeting_title = cue("meeting_title_words")
        self.joint_statement_title = cue("joint_statement_titles")
        self.delegates = AnyCase(
            rf"\b(?:{phrases('delegates')})[^\S\n]+(?:of|from)[^\S\n]+(?:the[^\S\n]+)?")
        # right after a grouping's name: "APEC Virtual Leaders' Retreat", "G20 Summit"
        self.gathering = AnyCase(
            rf"(?:[^\S\n]+[\w'’-]+){{0,3}}?[^\S\n]+(?:{phrases('gatherings')})\b")


# Where a clause that names people ends: before the main verb, at a semicolon or sentence end.
_CLAUSE_END = re.compile(
    r",\s*(?:who|which|where|when|while|on the|during|as (?!well as)|after|before|to |in order|and (?:the|both))"
    r"|,\s*\w+ing\b|,?\s*accompanied by|,?\s*joined by|;|\.\s+(?=[a-z])"
    r"|\s+(?:about|regarding|to discuss|to underscore|to reaffirm|to review|on the (?:occasion|sidelines|margins))\b"
)
_INCLUDING = re.compile(r",\s*including\b")
_SENTENCE_ENDS = re.compile(r"[^\S\n]*[.;!]?[^\S\n]*$")  # "X also attended."
_SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines|margins|fringes) of\b[^,.;]*", re.I)
_NARRATION = re.compile(r",?\s*(?:[\w.'’ -]{0,80})\bsaid(?: today| on \w+)?[.,]|according to\b", re.I)


@dataclass
class Sentence:
    start: int  # offset in ReadoutText.full
    text: str
    paragraph: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Context:
    """What the role rules read: the text, the people found, and the registry's ranks."""

    text: ReadoutText
    mentions: Mentions
    speakers: list[Speaker]
    registry: Registry
    words: RoleWords
    day: dt.date | None

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Body sentences with their offsets in `full`; list items count as sentences."""
        found, offset = [], len(self.text.title)
        for index, paragraph in enumerate(self.text.paragraphs):
            from .text import sentences

            for sentence in sentences(paragraph):
                start = self.text.full.find(sentence, offset)
                if start < 0:
                    continue
                found.append(Sentence(start, sentence, index))
                offset = start + len(sentence)
        return found

    @cached_property
    def meeting_sentences(self) -> list[Sentence]:
        """The opening sentences that report the meeting: the lead, and when the lead reports no
        meeting or names no one in it, the first sentence of the opening that does both; when
        the lead names one side only ("X paid an official visit to India"), the first that
        names another side too ("Prime Minister Y and Prime Minister X held the summit")."""
        opening = [s for s in self.sentences if not is_introduction(s.text)]
        if not opening:
            return []
        lead = opening[0]
        following = [s for s in opening[1:4] if s.paragraph <= lead.paragraph + 1]
        lead_sides = self._sides_in(lead)
        if self.reports_meeting(lead) and self.people_in(lead.start, lead.end):
            if len(lead_sides) != 1:
                return [lead]
            meeting = next((s for s in following
                            if self.reports_meeting(s) and self._sides_in(s) - lead_sides), None)
            return [lead, meeting] if meeting else [lead]
        meeting = next((s for s in following
                        if self.reports_meeting(s) and self.people_in(s.start, s.end)), None)
        return [lead, meeting] if meeting else [lead]

    def _sides_in(self, sentence: Sentence) -> set[str]:
        """The countries of the people a sentence names (those with a country known)."""
        found = self.mentions.found
        return {found[key].country for key in self.people_in(sentence.start, sentence.end)
                if found[key].country}

    @cached_property
    def title_sentence(self) -> Sentence:
        return Sentence(0, self.text.title, -1)

    def meeting_object(self, text: str) -> tuple[int, int]:
        """Where the object of a sentence's meeting word lies: from the word to the clause end.

        A group met ("a call with leaders of more than 20 countries") goes on into the list of its
        members that follows it (", including Prime Minister X of Italy, …")."""
        match = self.meeting_match(text)
        if match is None:
            return 0, 0
        rest = text[match.end():]
        stop = _CLAUSE_END.search(rest)
        if stop and _INCLUDING.match(rest, stop.start()) and self.words.delegates.search(rest, 0, stop.start()):
            stop = _CLAUSE_END.search(rest, stop.end())
        return match.end(), match.end() + (stop.start() if stop else len(rest))

    def reports_meeting(self, sentence: Sentence) -> bool:
        return self.meeting_match(sentence.text) is not None

    def meeting_match(self, text: str) -> re.Match | None:
        """The first meeting word not about a future event ("intends to attend the Summit")."""
        for match in self.words.meeting.finditer(text):
            if not self.future_before(text, match.start()):
                return match
        return None

    def future_before(self, text: str, position: int) -> bool:
        """Whether the words before `position` make what follows a future event."""
        return bool(self.words.future_before.search(text[max(0, position - 60):position]))

    def people_in(self, start: int, end: int) -> list[str]:
        return [k for k in self.mentions.keys_between(start, end) if self.rank(k) != NARRATOR]

    def rank(self, key: str) -> int:
        """A person's standing: the office the text gives them, else the registry's that day."""
        person = self.mentions.found[key]
        ranks = self.registry.ranks
        if person.title and rank_of(person.title, ranks) < RANKS.index("official"):
            return rank_of(person.title, ranks)
        registered = self.registry.people.get(key)
        if registered:
            return rank_of(registered.title_on(self.day), ranks)
        return rank_of(person.title, ranks)


Roles = dict[str, Finding]  # person key → Finding(role, passage)


def accompanying(ctx: Context) -> Roles:
    """ "accompanied by X", "attended by X, Y and Z", "Also present were X", "moderated by X":
    attendees."""
    found: Roles = {}
    for sentence in ctx.sentences:
        for cue in ctx.words.attendee_cue.finditer(sentence.text):
            for key in _listed(ctx, *_clause_after(ctx, sentence, cue.end())):
                found.setdefault(key, Finding(ATTENDEE, sentence.text))
        for cue in ctx.words.moderator_cue.finditer(sentence.text):
            for key in ctx.people_in(*_clause_after(ctx, sentence, cue.end())):
                found.setdefault(key, Finding(MODERATOR, sentence.text))
    return found


def joining(ctx: Context) -> Roles:
    """ "joined by X", "Joining the call were …", "Participants included: - X - Y": each joins
    at their rank - a leader as a principal, anyone else as an attendee."""
    found: Roles = {}
    for sentence in ctx.sentences:
        for cue in ctx.words.joining_cue.finditer(sentence.text):
            start, end = _clause_after(ctx, sentence, cue.end())
            if sentence.text.rstrip().endswith(":") and end >= sentence.end - 1:
                end = _list_end(ctx, sentence)
            for key in _listed(ctx, start, end):
                found.setdefault(key, Finding("joining", sentence.text))
    return found


def named_in_meeting_title(ctx: Context) -> Roles:
    """People named in a title that names a meeting ("X Holds Talks with Y", "Remarks by X and Y
    at the Summit", "Joint Statement by X, Y and Z")."""
    title = ctx.text.title
    if not ctx.words.meeting_title.search(title):
        return {}
    return {key: Finding(PRINCIPAL, title) for key in ctx.people_in(0, len(title))}


def subject_or_object_of_meeting(ctx: Context) -> Roles:
    """Who met whom in the sentences that report the meeting: the subject and the object of the
    meeting verb or noun ("X held talks with Y", "negotiations with the President of Z")."""
    found: Roles = {}
    if ctx.text.speaker_labels:
        return found  # a transcript opens with a greeting or a question, not who met whom
    for sentence in ctx.meeting_sentences:
        text = _outside_narration(outside_sidelines(sentence.text))
        _, end = ctx.meeting_object(text)
        keys = ctx.people_in(sentence.start, sentence.start + (end or len(text)))
        for key in keys:
            found.setdefault(key, Finding(PRINCIPAL, sentence.text))
    return found


def said_to_attend(ctx: Context) -> Roles:
    """ "Cai Qi and Wang Yi attended the above event", "X also attended.", "X was also present":
    attendees of the meeting described."""
    found: Roles = {}
    for sentence in ctx.sentences:
        text = sentence.text
        for verb in ctx.words.participation.finditer(text):
            if ctx.words.described_event.match(text, verb.end()) or _SENTENCE_ENDS.match(text, verb.end()):
                for key in ctx.people_in(sentence.start, sentence.start + verb.start()):
                    found.setdefault(key, Finding(ATTENDEE, text))
        for verb in ctx.words.presence.finditer(text):
            for key in ctx.people_in(sentence.start, sentence.start + verb.start()):
                found.setdefault(key, Finding(ATTENDEE, text))
    return found


def hosting_or_taking_part(ctx: Context) -> Roles:
    """In the opening paragraph, "hosted by X", "chaired by X" name a host; "X participated in
    the Summit" a participant; "asked X to chair a session" someone who takes part."""
    found: Roles = {}
    for sentence in [s for s in ctx.sentences if s.paragraph == ctx.sentences[0].paragraph]:
        text = sentence.text
        for cue in ctx.words.host_cue.finditer(text):
            for key in ctx.people_in(*_clause_after(ctx, sentence, cue.end())):
                found.setdefault(key, Finding("joining", text))
        for cue in ctx.words.session_lead.finditer(text):
            before = ctx.people_in(sentence.start, sentence.start + cue.start())
            if before:
                found.setdefault(before[-1], Finding("joining", text))
        for verb in ctx.words.participation.finditer(text):
            if not ctx.words.described_event.match(text, verb.end()):
                for key in ctx.people_in(sentence.start, sentence.start + verb.start()):
                    found.setdefault(key, Finding(PRINCIPAL, text))
    return found


def speakers_of_transcript(ctx: Context) -> Roles:
    """Everyone who speaks in a transcript of remarks takes part in it."""
    found: Roles = {}
    for speaker in ctx.speakers:
        if speaker.key in ctx.mentions.found and ctx.rank(speaker.key) != NARRATOR:
            found.setdefault(speaker.key, Finding("joining", speaker.label + ":"))
    return found


# The rules in the order they are tried; a person keeps the first role given.
RULES = (
    accompanying,
    said_to_attend,
    named_in_meeting_title,
    subject_or_object_of_meeting,
    joining,
    hosting_or_taking_part,
    speakers_of_transcript,
)


def assign_roles(ctx: Context) -> dict[str, tuple[str, str, str]]:
    """Person key → (role, rule name, passage), for everyone who took part."""
    given: dict[str, tuple[str, str, str]] = {}
    for rule in RULES:
        for key, finding in rule(ctx).items():
            if key not in given:
                given[key] = (finding.value, rule.__name__.replace("_", " "), finding.quote)
    principals_rank = min((ctx.rank(k) for k, g in given.items() if g[0] == PRINCIPAL),
                          default=LEADER)
    for key, (role, rule, quote) in list(given.items()):
        if role == MODERATOR:
            given[key] = (ATTENDEE, MODERATING, quote)
        if role == "joining":
            joined = PRINCIPAL if ctx.rank(key) <= max(principals_rank, LEADER) else ATTENDEE
            given[key] = (joined, rule + " at their rank", quote)
    _leaders_speak_for_their_side(ctx, given)
    _compatriots_accompany(ctx, given)
    return given


def _leaders_speak_for_their_side(ctx: Context, given: dict[str, tuple[str, str, str]]) -> None:
    """An attendee at a leader's rank whose side has no principal is that side's principal:
    "The Summit was attended by H.E. X, Prime Minister of Y, …" names the leaders who met, not
    people accompanying someone."""
    sides = {ctx.mentions.found[key].country for key, (role, _, _) in given.items()
             if role == PRINCIPAL}
    for key, (role, rule, quote) in list(given.items()):
        country = ctx.mentions.found[key].country
        if role == ATTENDEE and rule != MODERATING and country and country not in sides \
                and ctx.rank(key) <= LEADER:
            given[key] = (PRINCIPAL, rule + " at a leader's rank, for their side", quote)


def _compatriots_accompany(ctx: Context, given: dict[str, tuple[str, str, str]]) -> None:
    """A principal's compatriot of lower rank named beside them is accompanying them."""
    top: dict[str, int] = {}
    for key, (role, _, _) in given.items():
        country = ctx.mentions.found[key].country
        if role == PRINCIPAL and country:
            top[country] = min(top.get(country, NARRATOR), ctx.rank(key))
    for key, (role, rule, quote) in list(given.items()):
        country = ctx.mentions.found[key].country
        if role == PRINCIPAL and country and ctx.rank(key) > top[country]:
            given[key] = (ATTENDEE, "compatriot of a higher-ranking principal", quote)


def _listed(ctx: Context, start: int, end: int) -> list[str]:
    """The people of a list, in order; one named without a country belongs to the side of the
    one before them ("Foreign Minister Lavrov, presidential aide Yuri Ushakov, …")."""
    keys = ctx.people_in(start, end)
    side = None
    for key in keys:
        person = ctx.mentions.found[key]
        if person.country is None and not person.registered:
            person.country = side
        side = person.country or side
    return keys


def _clause_after(ctx: Context, sentence: Sentence, offset: int) -> tuple[int, int]:
    """The list of people after a cue: up to the main verb, a semicolon or the sentence end; a
    semicolon before a capitalised word ("…, Minister of Foreign Affairs; and Dr. Y, …")
    separates the list's items."""
    rest = sentence.text[offset:]
    verb = ctx.words.meeting.search(rest)
    ends = [m.start() for m in (verb, re.search(r";(?![^\S\n]*(?:and[^\S\n]+)?[A-Z])|\)", rest)) if m]
    end = offset + min(ends) if ends else len(sentence.text)
    return sentence.start + offset, sentence.start + end


def _list_end(ctx: Context, sentence: Sentence) -> int:
    """A sentence ending in ":" introduces the list items (or one paragraph) that follow it."""
    end = sentence.end
    following = [s for s in ctx.sentences if s.paragraph > sentence.paragraph]
    paragraphs = ctx.text.paragraphs
    for item in following:
        if not LIST_ITEM.match(paragraphs[item.paragraph]) and item.paragraph != sentence.paragraph + 1:
            break
        end = item.end
    return end


def outside_sidelines(text: str) -> str:
    """The sentence with "on the sidelines of the G20 Summit" blanked (same length)."""
    return _SIDELINES.sub(lambda m: " " * len(m.group(0)), text)


def _outside_narration(text: str) -> str:
    """The sentence with "…, Press Secretary X said today." blanked: the narrator's clause."""
    match = _NARRATION.search(text)
    return text if match is None else text[:match.start()] + " " * (len(text) - match.start())


def unnamed_office_holder_applies(day, publisher_country, registry: Registry, office: str,
                                  principals: list[str]):
    """ "The Prime Minister spoke to …": the publishing government's office-holder that day, or
    a named principal who holds that office."""
    for key in principals:
        person = registry.people.get(key)
        if person and holds(person, office, day) and (
            publisher_country is None or registry.home(person, day) == publisher_country
        ):
            return person
    if publisher_country is None or day is None:
        return None
    return registry.holder(publisher_country, office, day)
