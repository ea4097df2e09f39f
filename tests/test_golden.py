"""Golden files: the whole generated content/ of the seed readout, and the event, summit and
leader pages of the seed with the event fixtures, byte for byte.

A change to extraction, linking or templates that alters any page shows up here as a diff to
review. After checking that the change is intended, refresh the files with
`UPDATE_GOLDEN=1 make test` and commit them with the change.
"""

import os
import shutil
from pathlib import Path

from archive_fixture import EVENT_SEEDS
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seed"
GOLDEN_EVENTS = ROOT / "tests" / "golden" / "events"
# The seed and the Kremlin's account of the same talks (one event page), a 19-country summit
# session and a meeting on its sidelines (an edition and a series page), and Xi Jinping's page.
EVENT_PAGES = [
    "events/index.md", "events/2024-05-16-xi-jinping-vladimir-putin.md",
    "summits/index.md", "summits/g20.md", "summits/g20-2019.md",
    "leaders/xi-jinping.md", "pairs/china--russia.md",
    "readouts/ru-2024-05-16-putin-xi-informal-conversation.md",
]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def compare(produced: dict[str, bytes], golden: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for old in golden.rglob("*"):
            if old.is_file():
                old.unlink()
        for name, data in produced.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    expected = tree(golden)
    assert sorted(produced) == sorted(expected)
    for name, data in produced.items():
        assert data.decode() == expected[name].decode(), f"{name} differs from its golden file"


def test_seed_content_matches_golden_files(tmp_path):
    report = generate(ROOT / "seeds", tmp_path / "content")
    assert not report.errors
    compare(tree(tmp_path / "content"), GOLDEN)


def test_event_summit_and_leader_pages_match_golden_files(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in [*(ROOT / "seeds").glob("*"), *EVENT_SEEDS.glob("*.txt")]:
        shutil.copyfile(source, seeds / source.name)
    report = generate(seeds, tmp_path / "content")
    assert not report.errors
    produced = tree(tmp_path / "content")
    compare({name: produced[name] for name in EVENT_PAGES}, GOLDEN_EVENTS)


def test_seed_facts_are_exactly_the_readouts(tmp_path):
    """The seed's facts as a careful reader finds them (the issue's acceptance list)."""
    import yaml

    generate(ROOT / "seeds", tmp_path / "content")
    page = (tmp_path / "content" / "readouts" / "000-7dcf29c1458b0db6.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert str(meta["date"]) == "2024-05-16"
    assert str(meta["published"]) == "2024-05-17 02:14"
    assert (meta["format"], meta["format_detail"]) == ("talks", "small-group talks")
    assert meta["location"] == "Zhongnanhai, Beijing"
    people = {(p["name"], p["role"], p["country"], p["title"]) for p in meta["participants"]}
    assert people == {
        ("Xi Jinping", "principal", "China", "President"),
        ("Vladimir Putin", "principal", "Russia", "President"),
        ("Cai Qi", "attendee", "China", None),
        ("Wang Yi", "attendee", "China", None),
    }
    assert meta["countries"] == ["China", "Russia"]
    assert "Ukraine" in meta["mentioned_countries"]
    assert {"ukraine-crisis", "global-security-initiative", "global-governance",
            "china-russia-relations"} <= set(meta["topics"])
    assert meta["source"]["file"] == "seeds/000_7dcf29c1458b0db6.txt"
    assert meta["source"]["section"] == "China News"
    assert len(meta["source"]["sha256"]) == 64
