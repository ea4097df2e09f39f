"""Who said what: statements read from reported speech, on sentences written for these tests, and
their precision on the development corpus against hand-marked attributions
(statement_labels.yml: each a corpus file, the offset where the attributed sentence begins in
it, the speakers extraction gave, and whether that is right - labels, never the corpus's text).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.extract import Extractor
from generator.model import Provenance, Readout
from generator.parse import parse, read_dateline
from generator.registry import RegistryError, load_registry
from generator.sources import find_readouts, read_source
from devcorpus import require_corpus

LABELS = Path(__file__).with_name("statement_labels.yml")
PRECISION_FLOOR = 0.9
LABELLED_AT_LEAST = 60


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_registry())


def said(extractor, title: str, *paragraphs: str, publisher: str | None = None):
    """(speakers, how, sentence) of each statement of a readout made of these lines."""
    readout = Readout(Provenance("seeds/test.txt", "0" * 64), title, None, (), paragraphs,
                      dateline=read_dateline(paragraphs[0]))
    facts, _ = extractor.extract(readout, {"publisher": publisher} if publisher else {})
    return [(s.speakers, s.how, paragraphs[s.paragraph][s.start:s.end]) for s in facts.statements]


def test_named_speaker_and_a_pronoun_that_goes_on(extractor):
    found = said(
        extractor, "Xi Jinping Holds Talks with Russian President Vladimir Putin",
        "On March 3, 2024, President Xi Jinping held talks with Russian President Vladimir Putin "
        "in Beijing.",
        "Xi Jinping underlined that the two neighbours should keep their long friendship. He "
        "further noted that trade between them had grown.",
        "Putin said that Russia valued the talks, adding that he hoped to meet again soon.",
    )
    assert found == [
        (("xi-jinping",), "named", "Xi Jinping underlined that the two neighbours should keep "
                                   "their long friendship."),
        (("xi-jinping",), "pronoun", "He further noted that trade between them had grown."),
        (("vladimir-putin",), "named", "Putin said that Russia valued the talks, adding that he "
                                       "hoped to meet again soon."),
    ]


def test_a_pronoun_means_whom_the_text_was_last_about(extractor):
    found = said(
        extractor, "PM meeting with Chancellor Scholz: 5 February 2025",
        "The Prime Minister met Chancellor Olaf Scholz in London today.",
        "The Prime Minister said the two countries would work together on defence.",
        "Chancellor Scholz toured the new factory in the afternoon. He said it showed what the "
        "two countries build together.",
        publisher="United Kingdom",
    )
    assert [(speakers, how) for speakers, how, _ in found] == [
        (("keir-starmer",), "office"), (("olaf-scholz",), "pronoun"),
    ]


def test_a_statement_after_a_dateline_points_into_the_readouts_own_paragraph(extractor):
    found = said(
        extractor, "Mattis Hosts British Counterpart at Pentagon",
        "WASHINGTON, Feb. 1 (Xinhua) -- U.S. Defense Secretary James Mattis met with British "
        "Defence Secretary Gavin Williamson at the Pentagon on Thursday. Mattis stressed the "
        "value of the alliance.",
    )
    assert found == [(("james-mattis",), "named", "Mattis stressed the value of the alliance.")]


def test_both_sides_speak_for_every_principal(extractor):
    found = said(
        extractor, "Wang Yi Holds Talks with Sergey Lavrov",
        "On June 2, 2023, Foreign Minister Wang Yi held talks with Russian Foreign Minister "
        "Sergey Lavrov in Moscow.",
        "As the talks closed, the two sides agreed to meet again in the autumn.",
        "They also stressed the value of regular contact.",
    )
    assert [(speakers, how) for speakers, how, _ in found] == [
        (("wang-yi", "sergei-lavrov"), "both sides"),
        (("wang-yi", "sergei-lavrov"), "both sides"),
    ]


def test_an_office_named_alone_is_its_holder_and_a_quote_may_come_first(extractor):
    found = said(
        extractor, "PM call with Chancellor Scholz: 5 February 2025",
        "The Prime Minister spoke to Chancellor Olaf Scholz this morning.",
        "“We stand together on Ukraine,” the Prime Minister said after the call.",
        "The German Chancellor welcomed the new defence agreement.",
        publisher="United Kingdom",
    )
    assert [(speakers, how) for speakers, how, _ in found] == [
        (("keir-starmer",), "office"), (("olaf-scholz",), "office"),
    ]


def test_what_is_not_a_statement(extractor):
    found = said(
        extractor, "Wang Yi Meets with Julie Bishop",
        "On May 9, 2017, Foreign Minister Wang Yi met with Australian Foreign Minister Julie "
        "Bishop in Beijing.",
        "Wang Yi welcomed Julie Bishop to China.",  # a visit, not a statement
        "It was noted that the meeting took place in a friendly atmosphere.",  # no speaker
        "As Wang Yi said last year, the region needs calm.",  # a clause, not the subject
        "A spokesperson said the talks were friendly, and the press said so too.",
        "She will visit Shanghai next week.",  # no verb of speech
    )
    assert found == []


def test_a_narrator_is_no_speaker(extractor):
    found = said(
        extractor, "Secretary Austin Meets UK Defence Secretary Grant Shapps",
        "Secretary of Defense Lloyd J. Austin III met today with UK Defence Secretary Grant "
        "Shapps at the Pentagon, Pentagon Press Secretary Pat Ryder said.",
        "The two leaders agreed to deepen cooperation on air defence, Ryder said.",
    )
    assert [(speakers, how) for speakers, how, _ in found] == [
        (("lloyd-austin", "grant-shapps"), "both sides"),
    ]


def test_a_pronoun_far_from_the_last_speaker_is_left_alone(extractor):
    found = said(
        extractor, "Xi Jinping Meets with Emmanuel Macron",
        "On April 6, 2023, President Xi Jinping met with French President Emmanuel Macron.",
        "Macron said France wants balanced trade.",
        "The meeting took place in the Great Hall of the People.",
        "Both delegations were present at the welcome ceremony.",
        "He added that the visit was a success.",
    )
    assert [how for _, how, _ in found] == ["named"]


def test_statement_topics_are_the_readouts_topics_it_speaks_of(extractor):
    readout = Readout(Provenance("seeds/test.txt", "0" * 64),
                      "Xi Jinping Holds Phone Talks with Emmanuel Macron", None, (), (
                          "On May 3, 2023, President Xi Jinping held phone talks with French "
                          "President Emmanuel Macron on climate change and the Ukraine crisis.",
                          "Xi Jinping said that on climate change China will keep its word.",
                          "Macron said the Ukraine crisis must end through talks.",
                      ))
    facts, _ = extractor.extract(readout, {})
    assert {"climate-change", "ukraine-crisis"} <= set(facts.topics)
    assert [s.topics for s in facts.statements] == [("climate-change",), ("ukraine-crisis",)]


def test_speech_words_are_validated(tmp_path):
    from tiny_registry import write_tiny_registry

    folder = write_tiny_registry(tmp_path / "data")
    words = yaml.safe_load((folder / "speech.yml").read_text(encoding="utf-8"))
    words["pronouns"] = ["he", "he"]
    (folder / "speech.yml").write_text(yaml.safe_dump(words), encoding="utf-8")
    with pytest.raises(RegistryError, match=r"speech.yml: pronouns: listed twice: he"):
        load_registry(folder)


# ---------------------------------------------------------------- precision on the corpus


def _collapsed(text: str) -> tuple[str, list[int]]:
    """The text with each run of whitespace one space, and where each character was."""
    out, where = [], []
    for match in re.finditer(r"\s+|\S", text):
        out.append(" " if match.group(0).isspace() else match.group(0))
        where.append(match.start())
    return "".join(out), where


def corpus_attributions(corpus: Path) -> dict[tuple[str, int], tuple[tuple[str, ...], str, str]]:
    """(file, offset of the sentence in the file) → (speakers, verb, rule), for every statement
    extraction finds in the corpus."""
    extractor = Extractor(load_registry())
    found = {}
    candidates, _ = find_readouts(corpus)
    for candidate in candidates:
        source = read_source(candidate)
        readout = parse(source)
        facts, _ = extractor.extract(readout, source.overrides)
        raw = (corpus / candidate.path.name).read_text(encoding="utf-8")
        collapsed, where = _collapsed(raw)
        for statement in facts.statements:
            sentence = " ".join(readout.paragraphs[statement.paragraph][statement.start:statement.end].split())
            at = collapsed.find(sentence)
            assert at >= 0, (candidate.path.name, sentence[:60])
            found[(candidate.path.name, where[at])] = (statement.speakers, statement.verb, statement.how)
    return found


@pytest.fixture(scope="module")
def attributions():
    return corpus_attributions(require_corpus())


def test_statement_precision_on_hand_marked_corpus_attributions(attributions):
    labels = {(label["file"], label["offset"]): label
              for label in yaml.safe_load(LABELS.read_text(encoding="utf-8"))}
    unmarked, right, marked = [], 0, 0
    for (file, offset), (speakers, verb, how) in sorted(attributions.items()):
        label = labels.get((file, offset))
        if label is None or tuple(label["speakers"]) != speakers:
            unmarked.append(f"{file} @{offset}: {', '.join(speakers)} ({how}, {verb!r})")
            continue
        marked += 1
        right += bool(label["right"])
    assert not unmarked, "attributions no one has marked right or wrong yet:\n" + "\n".join(unmarked)
    assert marked >= LABELLED_AT_LEAST
    assert right / marked >= PRECISION_FLOOR, f"precision {right}/{marked}"
