"""The open-data files (generator/export.py) take the rows of readouts whose pages have the last
build's inputs from the files that build wrote, and make only the others: each build must equal
a fresh one, whatever the rows hold and whatever happened to the files in between."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from generator import export
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.synthetic import write_archive  # noqa: E402

DATA_FILES = ("readouts.json", "readouts.csv", "participants.csv", "topics.csv")
READOUTS = 150  # enough that most readouts are far from a change in their index lists
SMALL = 30


@pytest.fixture
def made(monkeypatch):
    """The readouts whose open-data record was made (rather than taken from the last build)."""
    slugs: list[str] = []
    record = export._json_record

    def spy(entry, inputs):
        slugs.append(entry.slug)
        return record(entry, inputs)

    monkeypatch.setattr(export, "_json_record", spy)
    return slugs


def _data(content: Path) -> dict[str, bytes]:
    return {name: (content / "data" / name).read_bytes() for name in DATA_FILES}


def _retitle(seed: Path, title: str) -> None:
    seed.with_suffix(".yml").write_text(yaml.safe_dump({"title": title}), encoding="utf-8")


def _fresh(seeds: Path, folder: Path) -> dict[str, bytes]:
    generate(seeds, folder, cache_dir=None, workers=1)
    return _data(folder)


def test_rows_of_unchanged_readouts_come_from_the_last_build(tmp_path, made):
    seeds = tmp_path / "seeds"
    write_archive(seeds, READOUTS)
    for number, seed in enumerate(sorted(seeds.glob("*.txt"))):
        # cells that CSV must quote, and whitespace it folds: each row stays one line
        _retitle(seed, f'Talks "in depth", at last;\n\tand again, {number}')
    first, second = sorted(seeds.glob("*.txt"))[:2]
    content = tmp_path / "content"
    generate(seeds, content, workers=1)
    assert len(made) == READOUTS

    made.clear()
    _retitle(second, "A new title, with a comma")
    write_archive(seeds, 1, start=READOUTS)
    assert not generate(seeds, content, workers=1).errors
    assert 2 <= len(made) < READOUTS // 2  # the two, and those whose related candidates moved
    assert _data(content) == _fresh(seeds, tmp_path / "fresh")

    made.clear()
    first.unlink()
    first.with_suffix(".yml").unlink()
    assert not generate(seeds, content, workers=1).errors
    assert len(made) < READOUTS // 2
    assert _data(content) == _fresh(seeds, tmp_path / "fresh-2")


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_data_file_changed_since_the_last_build_is_made_whole(tmp_path, made, name):
    seeds = tmp_path / "seeds"
    write_archive(seeds, SMALL)
    content = tmp_path / "content"
    generate(seeds, content, workers=1)
    edited = content / "data" / name
    lines = edited.read_text(encoding="utf-8").split("\n")
    lines[1] += "x"  # a readout's row no longer what the build wrote, though still its own
    edited.write_text("\n".join(lines), encoding="utf-8")

    made.clear()
    _retitle(sorted(seeds.glob("*.txt"))[0], "Retitled")
    assert not generate(seeds, content, workers=1).errors
    assert len(made) == SMALL
    assert _data(content) == _fresh(seeds, tmp_path / "fresh")
