"""Topics: the weighing rule, the evidence kept, and a taxonomy that reads many governments' words.

Every readout here is written for these tests, in the shapes real readouts take.
"""

import datetime as dt

import pytest

from generator.extract import Extractor
from generator.model import Provenance, SourceText
from generator.parse import parse
from generator.registry import load_registry

LEAD = "On March 3, 2025, Prime Minister Keir Starmer spoke with President Emmanuel Macron."


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_registry())


def facts_of(extractor, title, *paragraphs):
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    source = SourceText(Provenance("seeds/t.txt", "0" * 64), text, "utf-8", "text")
    facts, _ = extractor.extract(parse(source), today=dt.date(2026, 1, 1))
    return facts


def topic_evidence(facts, topic):
    return [e for e in facts.evidence if e.fact == "topic" and e.value == topic]


def test_one_common_word_in_the_body_is_no_topic_but_in_the_title_it_is(extractor):
    body = facts_of(extractor, "Prime Minister's call with President Macron", LEAD, "They spoke of trade.")
    titled = facts_of(extractor, "Prime Minister's call with President Macron on trade", LEAD, "They spoke.")
    assert "trade" not in body.topics
    assert "trade" in titled.topics


def test_the_most_evidence_ranks_first_and_each_topic_keeps_its_evidence(extractor):
    facts = facts_of(
        extractor, "Prime Minister's call with President Macron", LEAD,
        "They discussed climate change and food security. Both stressed that the climate crisis "
        "demands faster emissions cuts before the next Conference of the Parties.",
    )
    assert facts.topics[0] == "climate-change"
    assert "food-security" in facts.topics
    [why] = topic_evidence(facts, "climate-change")
    assert why.strategy.startswith("signal phrases: “climate change”, “climate crisis”")
    assert why.quote == "They discussed climate change and food security."
    assert len(topic_evidence(facts, "food-security")) == 1


def test_relations_of_two_countries_are_a_topic_with_their_phrase_as_evidence(extractor):
    facts = facts_of(extractor, "Readout", LEAD, "They reviewed UK-France relations at length.")
    [why] = topic_evidence(facts, "france-united-kingdom-relations")
    assert why.strategy == "relations named: “UK-France relations”"


@pytest.mark.parametrize(
    "sentence, not_a_topic",
    [
        ("The Prime Minister was joined by Trade Minister Jane Hollis and others.", "trade"),
        ("The Minister for Climate Change and Energy, Tom Ward, also attended.", "climate-change"),
        ("The deputy director of the National Security Office briefed reporters.", "security"),
        ("She was joined by the Assistant to the President for Energy Security, Ana Ruiz.", "energy-security"),
    ],
)
def test_words_that_name_an_office_are_no_topic(extractor, sentence, not_a_topic):
    facts = facts_of(extractor, "Readout", LEAD + " " + sentence, "They spoke briefly.")
    assert not_a_topic not in facts.topics


def test_a_narrower_topic_with_as_much_evidence_replaces_its_broader_one(extractor):
    narrower = facts_of(
        extractor, "Readout", LEAD,
        "They discussed the nuclear issue and non-proliferation. They backed the IAEA.",
    )
    assert "non-proliferation" in narrower.topics and "nuclear-issues" not in narrower.topics
    broader = facts_of(
        extractor, "Readout", LEAD,
        "They discussed the nuclear issue, nuclear weapons and the nuclear threat. They backed the IAEA.",
    )
    assert {"non-proliferation", "nuclear-issues"} <= set(broader.topics)


def test_a_passing_mention_in_a_long_transcript_is_no_topic(extractor):
    filler = " ".join(f"We talked about point number {n} at some length." for n in range(45))
    facts = facts_of(
        extractor, "Remarks by the Prime Minister and the President", LEAD,
        "PRIME MINISTER: " + filler + " Food security matters to every family. "
        "We will also say a word on climate change. And food security is why we meet.",
    )
    assert "food-security" in facts.topics
    assert "climate-change" not in facts.topics


def test_at_most_ten_topics(extractor):
    facts = facts_of(
        extractor, "Readout", LEAD,
        "They discussed climate change, food security, energy security, the Indo-Pacific, the "
        "Korean Peninsula, Syria, Afghanistan, the Taiwan Strait, counter-terrorism, migration, "
        "cybersecurity and the South China Sea.",
    )
    assert len(facts.topics) == 10


@pytest.mark.parametrize(
    "sentence, topic",
    [
        ("The leaders reaffirmed their commitment to collective defence under Article 5.", "deterrence-and-defence"),
        ("They welcomed progress towards nuclear-powered submarines under AUKUS.", "aukus"),
        ("The Quad will deliver on maritime domain awareness for partners in the region.", "maritime-cooperation"),
        ("Both sides called for de-escalation and a diplomatic solution to the standoff.", "conflict-resolution"),
        ("They agreed to reduce dependence on imported fossil fuels and strengthen energy security.", "energy-security"),
        ("They discussed liquefied natural gas supplies for the coming winter.", "oil-and-gas"),
        ("The leaders condemned the illegal annexation and affirmed Ukraine's sovereignty.", "ukraine-crisis"),
        ("They reaffirmed respect for sovereignty and territorial integrity.", "sovereignty-and-territorial-integrity"),
        ("They agreed to mobilise private capital and concessional finance for development.", "development-finance"),
        ("The summit of the Southern African Development Community opened in the capital.", "sadc"),
        ("The President raised the threat posed by al-Shabaab and other terrorist groups.", "terrorism"),
        ("The ministers pledged to support industrialisation and value addition across the region.", "industrial-development"),
        ("They discussed desalination and water scarcity in the region.", "water"),
        ("They agreed to widen cross-border data flows with strong data protection.", "digital-economy"),
        ("They discussed sanctions relief and the lifting of sanctions.", "sanctions"),
        ("They welcomed the global economic recovery and inclusive growth.", "growth-and-recovery"),
        ("They stressed that the IAEA must have access to the enriched uranium stockpile.", "non-proliferation"),
        ("They welcomed the OSCE's monitoring role.", "osce"),
        ("The leaders praised the strength of the transatlantic partnership.", "transatlantic-relations"),
        ("Good governance and the fight against corruption are vital to democracy.", "democracy"),
    ],
)
def test_the_taxonomy_reads_general_phrasing(extractor, sentence, topic):
    facts = facts_of(extractor, "Readout", LEAD, sentence)
    assert topic in facts.topics, (facts.topics, facts.evidence)


def test_explain_lists_each_topic_with_its_signals_and_sentence(extractor):
    from generator.explain import render

    facts = facts_of(
        extractor, "Prime Minister's call with President Macron", LEAD,
        "They discussed climate change. The Prime Minister raised the situation in the Middle East.",
    )
    shown = render(facts, [])
    assert (
        "topics:       2\n"
        "  - climate-change\n"
        "      by signal phrases: “climate change”\n"
        "        “They discussed climate change.”\n"
        "  - middle-east\n"
        "      by signal phrases: “situation in the Middle East”\n"
        "        “The Prime Minister raised the situation in the Middle East.”"
    ) in shown


def test_a_signal_inside_a_country_name_is_not_a_mention(extractor):
    facts = facts_of(
        extractor, "Ramaphosa Meets Lula",
        "President Cyril Ramaphosa of South Africa met President Lula of Brazil in Pretoria. "
        "The two leaders discussed trade between South Africa and Brazil.",
    )
    assert "africa" not in facts.topics
