"""Extraction scored on the development corpus of real readouts (skipped when it is absent).

The corpus lives outside the project (third-party text); the floors are pinned at what the
extractor reaches, so a change that loses accuracy fails here. Raise them as it improves.
"""

import os
from pathlib import Path

import pytest

from generator.evaluate import evaluate
from generator.registry import load_registry

CORPUS = Path(os.environ.get("SUMMIT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
FLOORS = {
    "date": 0.94,
    "format": 0.94,
    "location": 0.85,
    "topic recall": 0.72,
    "principals F1": 0.95,
    "attendees F1": 0.9,
    "participants F1": 0.95,
    "countries F1": 0.95,
}

pytestmark = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="development corpus not present")


@pytest.fixture(scope="module")
def result():
    return evaluate(CORPUS, CORPUS / "gold", load_registry())


def test_every_gold_readout_is_scored(result):
    assert result.errors == []
    assert result.readouts == len(list((CORPUS / "gold").glob("*.yaml")))


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_score_meets_floor(result, field):
    score = result.scores()[field]
    assert score >= FLOORS[field], f"{field} {score:.3f} < {FLOORS[field]}\n{result.render()}"
