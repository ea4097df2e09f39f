"""Extraction on readouts written for this project in the shapes real readouts take.

Each file in tests/fixtures/shapes/ is one shape that extraction once got wrong (a call with a list
of leaders, a transcript, a possessive in a title, an announcement …); EXPECTED.yaml says what a
careful reader finds in it. The shapes are the project's own texts, not copies of real readouts.
"""

from pathlib import Path

import pytest
import yaml

from generator.extract import Extractor
from generator.parse import parse
from generator.registry import load_registry
from generator.sources import Candidate, read_source

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
EXPECTED = yaml.safe_load((SHAPES / "EXPECTED.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_registry())


def facts_of(extractor, name):
    source = read_source(Candidate(SHAPES / name, name))
    facts, _ = extractor.extract(parse(source), source.overrides)
    return facts


def test_every_shape_has_expectations():
    assert sorted(EXPECTED) == sorted(p.name for p in SHAPES.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shape(extractor, name):
    expected = EXPECTED[name]
    facts = facts_of(extractor, name)
    found = {
        "kind": facts.kind,
        "format": facts.format,
        "location": facts.location,
        "date": facts.date,
        "end_date": facts.end_date,
        "principals": [p.name for p in facts.participants if p.role == "principal"],
        "attendees": [p.name for p in facts.participants if p.role == "attendee"],
        "countries": facts.countries,
        "mentioned": [m.name for m in facts.mentioned],
        "titles": {p.name: p.title for p in facts.participants},
    }
    for field, value in expected.items():
        if field == "shape":
            continue
        if field in ("principals", "attendees"):
            assert sorted(found[field]) == sorted(value), (field, expected["shape"])
        elif field == "titles":  # the titles of the participants listed
            assert {n: found[field].get(n) for n in value} == value, (field, expected["shape"])
        else:
            assert found[field] == value, (field, expected["shape"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_name_found_is_a_person(extractor, name):
    """No fragment of a title becomes a person: no headline word, no office, no country."""
    registry = extractor.registry
    never = set(registry.names.stops) | set(registry.titles) | set(extractor.lexicon.demonyms)
    facts = facts_of(extractor, name)
    for person in [*facts.participants, *facts.mentioned]:
        words = person.name.replace("’s", "").replace("'s", "").split()
        assert not never.intersection(words), person.name
        assert person.name not in extractor.lexicon.country_names, person.name
