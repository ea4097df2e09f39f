"""`summit eval` on the fixture archive, whose expected facts were written with the fixtures."""

import subprocess
import sys
from pathlib import Path

from generator.evaluate import evaluate
from generator.registry import load_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archive"


def test_fixture_archive_scores():
    result = evaluate(FIXTURES, FIXTURES / "EXPECTED.yaml", load_registry())
    scores = result.scores()
    assert result.readouts == 10 and not result.errors
    for field in ("date", "format", "location", "principals F1", "attendees F1", "countries F1"):
        assert scores[field] == 1.0, result.render()
    assert scores["topic recall"] >= 0.7


def test_eval_command_prints_scores_and_misses():
    run = subprocess.run(
        [sys.executable, "-m", "generator", "eval", "--gold", str(FIXTURES / "EXPECTED.yaml")],
        capture_output=True, text=True, check=True,
    )
    assert "principals F1    1.000" in run.stdout
    assert "misses (file, field, expected, found):" in run.stdout
