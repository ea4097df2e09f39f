"""`summit eval` on the fixture archive, whose expected facts were written with the fixtures."""

import subprocess
import sys
from pathlib import Path

import pytest

from generator.evaluate import evaluate
from generator.registry import load_registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archive"


def test_fixture_archive_scores():
    result = evaluate(FIXTURES, FIXTURES / "EXPECTED.yaml", load_registry())
    scores = result.scores()
    assert result.readouts == 11 and not result.errors
    for field in ("date", "format", "location", "principals F1", "attendees F1", "countries F1"):
        assert scores[field] == 1.0, result.render()
    assert scores["topic recall"] >= 0.7 and scores["topic precision"] >= 0.7


def test_eval_command_prints_scores_and_misses():
    run = subprocess.run(
        [sys.executable, "-m", "generator", "eval", "--gold", str(FIXTURES / "EXPECTED.yaml")],
        capture_output=True, text=True, check=True,
    )
    assert "principals F1    1.000" in run.stdout
    assert "misses (file, field, expected, found):" in run.stdout


# ------------------------------------------------------------------ topic precision and the gate

CALL = (
    "Prime Minister call with President Macron: 3 March 2025\n\n"
    "Prime Minister Keir Starmer spoke with President Emmanuel Macron of France on 3 March 2025.\n\n"
    "The leaders discussed climate change and agreed that climate finance must grow. They also "
    "spoke about the situation in the Middle East.\n"
)
CALL_GOLD = """\
file: call.txt
date: 2025-03-03
format: phone call
location: null
principals:
- {name: Keir Starmer, title: Prime Minister, country: United Kingdom}
- {name: Emmanuel Macron, title: President, country: France}
countries: [United Kingdom, France]
topics: [climate change, history of the Second World War]
"""


@pytest.fixture
def gold(tmp_path):
    """One readout and its gold: every field right but half the topics (Middle East is extra)."""
    (tmp_path / "call.txt").write_text(CALL, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "call.yaml").write_text(CALL_GOLD, encoding="utf-8")
    return tmp_path


def summit_eval(gold, *options):
    return subprocess.run(
        [sys.executable, "-m", "generator", "eval", "--gold", str(gold / "gold"),
         "--readouts", str(gold), *options],
        capture_output=True, text=True,
    )


def test_topic_precision_counts_extracted_topics_that_share_a_word_with_the_gold(gold):
    result = evaluate(gold, gold / "gold", load_registry())
    scores = result.scores()
    assert (scores["topic recall"], scores["topic precision"]) == (0.5, 0.5), result.render()
    assert ("call.txt", "extra topic", "climate change; history of the Second World War",
            "Middle East") in result.misses


def test_without_a_floor_eval_reports_and_succeeds(gold):
    run = summit_eval(gold)
    assert run.returncode == 0, run.stderr
    assert "topic recall     0.500  (1/2)" in run.stdout
    assert "topic precision  0.500  (1/2)" in run.stdout


def test_min_fails_when_any_field_is_below_it(gold):
    assert summit_eval(gold, "--min", "0.5").returncode == 0
    run = summit_eval(gold, "--min", "0.6")
    assert run.returncode == 1
    assert "topic recall 0.500 is below its floor 0.60" in run.stderr
    assert "topic precision 0.500 is below its floor 0.60" in run.stderr
    assert "date" not in run.stderr


def test_floors_file_sets_a_floor_per_field(gold, tmp_path):
    floors = tmp_path / "floors.yml"
    floors.write_text("date: 1.0\ntopic recall: 0.5\n", encoding="utf-8")
    assert summit_eval(gold, "--floors", str(floors)).returncode == 0
    floors.write_text("date: 1.0\ntopic precision: 0.75\n", encoding="utf-8")
    run = summit_eval(gold, "--floors", str(floors))
    assert run.returncode == 1
    assert run.stderr.strip() == "summit: topic precision 0.500 is below its floor 0.75"
    # a field the file names overrides --min; the others keep it
    floors.write_text("topic recall: 0.5\ntopic precision: 0.5\n", encoding="utf-8")
    assert summit_eval(gold, "--min", "0.9", "--floors", str(floors)).returncode == 0


def test_an_unreadable_gold_readout_fails_the_gate(gold):
    (gold / "call.txt").unlink()
    run = summit_eval(gold, "--min", "0")
    assert run.returncode == 1
    assert "not scored:" in run.stderr and "call.txt" in run.stderr


@pytest.mark.parametrize(
    "floors, message",
    [
        ("dates: 0.9\n", "unknown field 'dates'"),
        ("date: 1.5\n", "date: floor must be a number from 0 to 1"),
        ("- date\n", "expected a mapping of field to floor"),
        ("date: [0.9\n", "cannot be read"),
    ],
)
def test_a_bad_floors_file_is_an_error_naming_it(gold, tmp_path, floors, message):
    path = tmp_path / "floors.yml"
    path.write_text(floors, encoding="utf-8")
    run = summit_eval(gold, "--floors", str(path))
    assert run.returncode == 2
    assert str(path) in run.stderr and message in run.stderr


def test_min_must_be_a_share(gold):
    run = summit_eval(gold, "--min", "95")
    assert run.returncode == 2
    assert "'95' is not a number from 0 to 1" in run.stderr


def test_missing_gold_is_an_error_naming_it(tmp_path):
    run = subprocess.run([sys.executable, "-m", "generator", "eval", "--gold", str(tmp_path / "none")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert str(tmp_path / "none") in run.stderr and "Traceback" not in run.stderr
