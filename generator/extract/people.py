"""Who took part and in what role: principals, attendees, and people merely mentioned.

People are found first (`mentions.py`: registered names, titled names, speaker labels,
surnames), then given roles by the sentence structure and office rank (`roles.py`). A readout that
announces a meeting still to come has no participants: everyone in it is mentioned. "The Prime
Minister" with no name is the publishing government's office-holder that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import PRINCIPAL, Mention, Participant
from .evidence import Evidence, shorten
from .lexicon import Lexicon
from .mentions import MentionFinder, Mentions
from .roles import MODERATING, Context, RoleWords, assign_roles, unnamed_office_holder_applies
from .text import ReadoutText

@dataclass
class PeopleResult:
    participants: list[Participant]
    mentioned: list[Mention]
    unregistered: list[str]  # names a curator may want to register
    warnings: list[str]
    spans: dict[str, list[tuple[int, int]]]  # person key → mention spans in ReadoutText.full
    evidence: list[Evidence]  # why each participant has their role


def _own_officials(mentions: Mentions, given, publisher_country: str | None) -> None:
    """A participant named with no country ("Defense Secretary Leon Panetta") is the publishing
    government's own: readouts name their own officials without a nationality. A moderator
    speaks for no side."""
    for key, (_, rule, _) in given.items():
        person = mentions.found[key]
        if person.country is None and not person.registered and rule != MODERATING:
            person.country = publisher_country


def _host_named_without_country(mentions: Mentions, given, host: str) -> None:
    """With no publisher known: the one principal named without a country, at a place in a
    country no other principal is from, is the host ("President Gabriel Boric received Prime
    Minister Chris Hipkins of New Zealand at La Moneda Palace"). With several such principals
    (leaders addressed at a summit) nothing tells which is the host."""
    principals = [mentions.found[k] for k, (role, _, _) in given.items() if role == PRINCIPAL]
    without = [p for p in principals if p.country is None and not p.registered]
    if len(without) == 1 and host not in {p.country for p in principals}:
        without[0].country = host


class PeopleExtractor:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.registry = lexicon.registry
        self.finder = MentionFinder(lexicon)
        self.words = RoleWords(self.registry.roles)

    def context(self, text: ReadoutText, day: dt.date | None) -> Context:
        """The people a readout names, ready for the role rules (and the kind of event)."""
        mentions, speakers = self.finder.find(text, day)
        return Context(text, mentions, speakers, self.registry, self.words, day)

    def extract(self, ctx: Context, publisher_country: str | None, announced: bool,
                place_country: str | None = None) -> PeopleResult:
        """Everyone named in the readout, with the role the text gives them and why.

        `place_country` is the country the event took place in: when the publisher is not
        known, it tells whose office-holder a transcript's "PRIME MINISTER:" is, and who the host
        named without a country is."""
        mentions = ctx.mentions
        warnings: list[str] = []
        given = {} if announced else assign_roles(ctx)
        principals = [k for k, g in given.items() if g[0] == PRINCIPAL]
        if not announced:
            unnamed = self._unnamed_principal(ctx, publisher_country, principals, warnings)
            if unnamed is not None:
                self._add_office_holder(ctx, given, unnamed, "unnamed office-holder of the "
                                        "publishing government", ctx.text.title if
                                        self.lexicon.unnamed_office.search(ctx.text.title)
                                        else ctx.text.lead)
            speaking = self._office_speaking(ctx, publisher_country or place_country, principals)
            if speaking is not None and speaking[0].id not in given:
                self._add_office_holder(ctx, given, *speaking)
            _own_officials(mentions, given, publisher_country)
            if publisher_country is None and place_country:
                _host_named_without_country(mentions, given, place_country)
        return self._result(ctx, mentions, given, warnings)

    def _result(self, ctx: Context, mentions: Mentions, given, warnings) -> PeopleResult:
        participants, mentioned, evidence = [], [], []
        for person in sorted(mentions.found.values(), key=lambda f: (f.first, f.key)):
            if person.key not in given:
                mentioned.append(Mention(person.key, person.name, person.registered))
                continue
            role, rule, quote = given[person.key]
            title = person.title
            if title is None and role == PRINCIPAL and person.registered:
                title = self.registry.people[person.key].title_on(ctx.day)
            participants.append(
                Participant(person.key, person.name, role, person.country, title, person.registered)
            )
            evidence.append(Evidence(role, person.name, f"{rule} (found as {person.how})",
                                     shorten(quote)))
        unregistered = [f.name for f in mentions.found.values() if not f.registered]
        return PeopleResult(participants, mentioned, unregistered, warnings,
                            {k: v for k, v in mentions.spans.items() if v}, evidence)

    def _add_office_holder(self, ctx: Context, given, person, rule: str, quote: str) -> None:
        """A principal the text names by office only: the registered holder that day."""
        mentions = ctx.mentions
        if person.id not in mentions.found:
            mentions.add(person.id, person.name, True, self.registry.home(person, ctx.day),
                         person.title_on(ctx.day), -1, -1, "office-holder that day")
            mentions.spans[person.id] = []
        given[person.id] = (PRINCIPAL, rule, quote)

    def _office_speaking(self, ctx: Context, home_country: str | None, principals):
        """A transcript's turns labelled by an office alone ("PRIME MINISTER:"): that day's holder
        of the office in the government whose transcript it is - the publisher's, else the
        host's. (person, rule, label), or None."""
        if home_country is None:
            return None
        for label, _ in ctx.text.speaker_labels:
            office = self.lexicon.titles_folded.get(label.lower())
            if office in self.registry.unnamed_offices:
                person = unnamed_office_holder_applies(ctx.day, home_country, self.registry,
                                                       office, sorted(principals))
                if person is not None:
                    return person, "office-holder speaking in the transcript", label
        return None

    def _unnamed_principal(self, ctx: Context, publisher_country, principals, warnings):
        """ "The Prime Minister spoke to …": the publishing government's office-holder that day.

        When a principal already named in the text holds that office, "the President" is them.
        """
        lead = ctx.text.lead
        verb = ctx.meeting_match(lead)
        subject = lead[: verb.start()] if verb else ""
        unnamed = self.lexicon.unnamed_office
        match = unnamed.search(ctx.text.title) or unnamed.search(subject)
        if not match:
            return None
        office = self.lexicon.titles.get(match.group("title"), match.group("title"))
        person = unnamed_office_holder_applies(ctx.day, publisher_country, self.registry, office,
                                               sorted(principals))
        if person is None and (publisher_country is None or ctx.day is None):
            warnings.append(
                f"unnamed principal 'the {office}': publishing government or date unknown"
            )
        elif person is None:
            warnings.append(
                f"unnamed principal 'the {office}' of {publisher_country} on {ctx.day} is not registered"
            )
        return person
