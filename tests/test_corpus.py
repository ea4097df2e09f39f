"""Extraction scored on the whole development corpus of real readouts, against committed floors.

The corpus lives outside the project (third-party text): ../shared/corpus beside the repository,
or $SUMMIT_CORPUS. Without it these tests are skipped, unless SUMMIT_REQUIRE_CORPUS is set (as
CI sets it), when they fail: a gate that silently skips is no gate. The floors are in
corpus_floors.yml, the same file `summit eval --floors` reads.
"""

from pathlib import Path

import pytest

from generator.evaluate import Evaluation, evaluate, load_floors
from generator.registry import load_registry
from devcorpus import CORPUS, require_corpus

FLOORS = load_floors(Path(__file__).with_name("corpus_floors.yml"))


@pytest.fixture(scope="module")
def result():
    corpus = require_corpus()
    return evaluate(corpus, corpus / "gold", load_registry())


def test_every_field_has_a_floor():
    assert sorted(FLOORS) == sorted(Evaluation().scores())


def test_every_gold_readout_is_scored(result):
    assert result.errors == []
    assert result.readouts == len(list((CORPUS / "gold").glob("*.yaml")))


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_score_meets_floor(result, field):
    score = result.scores()[field]
    assert score >= FLOORS[field], f"{field} {score:.3f} < {FLOORS[field]}\n{result.render()}"
