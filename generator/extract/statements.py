"""Who said what: the sentences of a readout that report a participant's words.

A readout is built of reported speech: "Xi Jinping pointed out that …", "Putin said …", "The two
sides agreed …", "…, the Premier added.", and a later "He stressed that …" going on with the last
speaker. A sentence is a statement when a verb of speech (speech.yml) has for its subject, in
the clause just before it, one of:
- `named`: people the mention finder found there, with nothing else but their offices, words of
  address and "and" ("Russian President Vladimir Putin", "Mr. Sullivan and President Hassan");
- `office`: "the Premier", "The Russian President", when one participant holds that office;
- `both sides`: "the two sides", "the leaders", "They" - every principal together;
- `pronoun`: "He", "She" - the one person the text was last about (the speaker of the last
  statement, or the person a later sentence opens with), in the same paragraph or the one before.
People who narrate the meeting (a spokesperson: rank "narrator" in titles.yml) report it and
are no speaker. A transcript's turns are the speakers' own words, not reported speech, and are
left to the page that shows them. Each statement keeps the readout's topics it speaks of.
"""

from __future__ import annotations

import re

from ..matcher import phrase_alternation
from ..model import PRINCIPAL, Participant, Statement
from .lexicon import Lexicon
from .roles import NARRATOR, Context, Sentence
from .topics import mentions_in

NAMED, OFFICE, BOTH_SIDES, PRONOUN = "named", "office", "both sides", "pronoun"
# Where a clause ends before the speaker: "As permanent members of the Council, the leaders
# agreed", "“…,” Prime Minister Albanese said", "…; he added".
_CLAUSE_BREAK = re.compile(r"[,;:\"“”]")
_WORD = re.compile(r"[\w'’.&-]+")
_PLAIN_WORDS = frozenset({"the", "and", "of", "for", "&", "his", "her", "counterpart", "'s", "’s"})


class SpeechWords:
    """speech.yml compiled, with the words that may stand beside a name in a speaker."""

    def __init__(self, lexicon: Lexicon):
        words = lexicon.registry.speech
        self.verbs = re.compile(rf"(?<![\w-])(?:{phrase_alternation(words['speech_verbs'])})(?![\w-])",
                                re.I)
        self.meeting_with_person = frozenset(w.lower() for w in words["meeting_with_person"])
        self.joint = frozenset(w.lower() for w in words["joint_subjects"])
        self.pronouns = frozenset(w.lower() for w in words["pronouns"])
        self.trailing_fillers = re.compile(
            rf"(?:\s+(?:{phrase_alternation(words['fillers'])}))+\s*\Z", re.I)
        names = lexicon.registry.names
        phrases = [*lexicon.titles, *names.office_heads, *names.office_domains, *names.honorifics,
                   *names.lowering, *lexicon.demonyms, *lexicon.country_names]
        self.beside_names = frozenset(w.lower() for p in phrases for w in _WORD.findall(p)) | _PLAIN_WORDS
        self.offices = lexicon.titles  # phrase as written → office title
        self.demonyms = lexicon.demonyms


def statements(ctx: Context, participants: list[Participant], words: SpeechWords,
               lexicon: Lexicon, readout_topics: list[str], publisher_country: str | None
               ) -> list[Statement]:
    """The readout's statements in text order, each with its speakers and the rule that found them."""
    reader = _Reader(ctx, words, participants, publisher_country)
    found: list[Statement] = []
    starts = _paragraph_starts(ctx)
    turns_from = _first_turn(ctx)
    for sentence in ctx.sentences:
        if sentence.paragraph >= turns_from:
            break
        said = reader.speakers(sentence)
        if said is None:
            reader.note_subject(sentence)
            continue
        speakers, how, verb = said
        start = sentence.start - starts[sentence.paragraph] + _cut(ctx, sentence.paragraph)
        found.append(Statement(speakers, sentence.paragraph, start, start + len(sentence.text),
                               verb, how, _topics(sentence.text, lexicon, readout_topics)))
    return found


class _Reader:
    """Reads one readout's sentences in order, remembering whom the text was last about: the
    person a later "He" means."""

    def __init__(self, ctx: Context, words: SpeechWords, participants: list[Participant],
                 publisher_country: str | None):
        self.ctx, self.words, self.participants = ctx, words, participants
        self.publisher_country = publisher_country
        self.principals = tuple(dict.fromkeys(p.id for p in participants if p.role == PRINCIPAL))
        self.last: tuple[tuple[str, ...], int] | None = None  # (people, paragraph)

    def speakers(self, sentence: Sentence) -> tuple[tuple[str, ...], str, str] | None:
        """Who speaks in a sentence, by the first verb of speech whose subject names a speaker."""
        text = sentence.text
        for verb in self.words.verbs.finditer(text):
            if self.ctx.future_before(text, verb.start()):
                continue
            if (verb.group(0).lower() in self.words.meeting_with_person
                    and _person_follows(self.ctx, sentence, verb.end(), self.words)):
                continue
            for start, end in _subjects(text, verb.start()):
                found = self.subject(sentence, start, end)
                speakers = tuple(k for k in found[0] if _speaks(self.ctx, k)) if found else ()
                if speakers:
                    self.last = (speakers, sentence.paragraph)
                    return speakers, found[1], verb.group(0)
        return None

    def note_subject(self, sentence: Sentence) -> None:
        """A sentence that is no statement may still change whom "He" means: "President X set
        out his plans. He stressed …" - its opening names, up to its first plain word."""
        plain = next((m for m in _WORD.finditer(sentence.text)
                      if m.group(0)[:1].islower() and m.group(0).lower() not in self.words.beside_names),
                     None)
        if plain is None:
            return
        found = self.subject(sentence, 0, plain.start())
        if found and found[1] != PRONOUN:
            self.last = (found[0], sentence.paragraph)

    def subject(self, sentence: Sentence, start: int, end: int):
        """(people, rule) when text[start:end] of the sentence is a speaker and nothing more."""
        words = self.words
        text = sentence.text[start:end]
        filler = words.trailing_fillers.search(" " + text)
        if filler:
            text = text[: max(0, filler.start() - 1)]
        lead = len(text) - len(text.lstrip(" \"“”'‘’("))
        subject = text.strip(" \"“”'‘’(")
        if not subject:
            return None
        folded = " ".join(subject.lower().split())
        if folded in words.joint:
            return (self.principals, BOTH_SIDES) if len(self.principals) > 1 else None
        if folded in words.pronouns:
            return self.last_person(sentence)
        absolute = sentence.start + start + lead
        named = _named(self.ctx, absolute, absolute + len(subject), words)
        if named:
            return named, NAMED
        holder = _office_holder(subject, words, self.participants, self.publisher_country)
        return ((holder,), OFFICE) if holder else None

    def last_person(self, sentence: Sentence):
        """ "He said …": the one person the text was last about, in this paragraph or the one
        before."""
        if self.last is None:
            return None
        people, paragraph = self.last
        if len(people) != 1 or sentence.paragraph - paragraph > 1:
            return None
        return people, PRONOUN


def _subjects(text: str, verb_start: int) -> list[tuple[int, int]]:
    """Where the verb's subject may lie: the clause right before it, and when that clause is
    empty and the sentence opens with a name set off by an aside ("Wang Yi, who …, said"), the
    sentence's first clause."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, verb_start)]
    start = breaks[-1] if breaks else 0
    spans = [(start, verb_start)]
    if len(breaks) >= 2 and not text[start:verb_start].strip():
        spans.append((0, breaks[0] - 1))
    return spans


def _named(ctx: Context, start: int, end: int, words: SpeechWords) -> tuple[str, ...]:
    """The people named in full[start:end], when the rest of it is only their offices, words
    of address and "and"."""
    full = ctx.text.full
    spans = sorted((s, e, key) for key, places in ctx.mentions.spans.items()
                   for s, e in places if start <= s and e <= end)
    if not spans:
        return ()
    rest, position = [], start
    for s, e, _ in spans:
        rest.append(full[position:s])
        position = max(position, e)
    rest.append(full[position:end])
    leftover = _WORD.findall(" ".join(rest))
    if any(w.lower().strip(".") not in words.beside_names and w.lower() not in words.beside_names
           for w in leftover):
        return ()
    return tuple(dict.fromkeys(key for _, _, key in spans))


def _office_holder(subject: str, words: SpeechWords, participants: list[Participant],
                   publisher_country: str | None) -> str | None:
    """ "the Premier", "The Russian President": the one participant holding that office, or of
    several, the one of the publishing government."""
    words_of = subject.split()
    if words_of and words_of[0].lower() == "the":
        words_of = words_of[1:]
    elif not subject[:1].isupper():
        return None
    for country_words in (0, 1):  # "the Prime Minister", then "the Russian President"
        office = words.offices.get(" ".join(words_of[country_words:]))
        country = words.demonyms.get(" ".join(words_of[:country_words])) if country_words else None
        if office is None or (country_words and country is None):
            continue
        holders = {p.id: p.country for p in participants
                   if p.title == office and (country is None or p.country == country)}
        if len(holders) > 1:  # "the President" of a White House readout is the American one
            holders = {k: c for k, c in holders.items() if c == publisher_country}
        return next(iter(holders)) if len(holders) == 1 else None
    return None


def _person_follows(ctx: Context, sentence: Sentence, offset: int, words: SpeechWords) -> bool:
    """A person is named right after the verb, past their office at most: "welcomed Prime
    Minister X" reports a visit."""
    position = sentence.start + offset
    for places in ctx.mentions.spans.values():
        for start, _ in places:
            if position <= start <= position + 60 and all(
                w.lower() in words.beside_names for w in _WORD.findall(ctx.text.full[position:start])
            ):
                return True
    return False


def _speaks(ctx: Context, key: str) -> bool:
    """Narrators (spokespeople) report the meeting; they are not one of its speakers."""
    return key in ctx.mentions.found and ctx.rank(key) != NARRATOR


def _topics(text: str, lexicon: Lexicon, readout_topics: list[str]) -> tuple[str, ...]:
    """The readout's topics whose signals this sentence holds, in the readout's order."""
    named = {topic for _, topic, _ in mentions_in(text, lexicon)}
    return tuple(t for t in readout_topics if t in named)


def _paragraph_starts(ctx: Context) -> list[int]:
    """Where each paragraph begins in ReadoutText.full."""
    starts, offset = [], len(ctx.text.title) + 2
    for paragraph in ctx.text.paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    return starts


def _cut(ctx: Context, paragraph: int) -> int:
    """How much of a paragraph's start the text extraction reads was cut (a dateline: "MOSCOW,
    May 23. /TASS/."): statements point into the readout's own paragraphs."""
    return len(ctx.text.readout.paragraphs[paragraph]) - len(ctx.text.paragraphs[paragraph])


def _first_turn(ctx: Context) -> int:
    """The paragraph where a transcript's first speaker's turn begins (past the end if none)."""
    if not ctx.speakers:
        return len(ctx.text.paragraphs)
    starts = _paragraph_starts(ctx)
    first = min(s.offset for s in ctx.speakers)
    return max(i for i, start in enumerate(starts) if start <= first)
