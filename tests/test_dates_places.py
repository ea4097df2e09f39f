"""Dates and places in every shape readouts take, on fixture readouts written for the project.

Each fixture in tests/fixtures/dates-places is one shape: a dateline, a transcript's venue line,
a publication line in another language, a title ending with the day, an announcement dated by
its statement, a place named only in passing. The expected facts and the strategy that should
find them are in that folder's EXPECTED.yaml.
"""

from pathlib import Path

import pytest
import yaml

from generator.extract import Extractor
from generator.extract.text import ReadoutText
from generator.parse import parse
from generator.registry import load_registry
from generator.sources import Candidate, read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dates-places"
EXPECTED = yaml.safe_load((FIXTURES / "EXPECTED.yaml").read_text(encoding="utf-8"))["readouts"]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_registry())


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in FIXTURES.glob("*.txt")) == sorted(e["file"] for e in EXPECTED)


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_date_and_place_of_each_shape(extractor, expected):
    readout = parse(read_source(Candidate(FIXTURES / expected["file"], expected["file"])))
    facts, _ = extractor.extract(readout)
    why = {e.fact: e.strategy for e in facts.evidence}
    assert facts.date == expected["date"]
    assert why.get("date") == expected.get("date_by")
    assert facts.location == expected["location"]
    assert why.get("location") == expected.get("location_by")
    if "lead" in expected:
        assert ReadoutText(readout).lead.startswith(expected["lead"])
