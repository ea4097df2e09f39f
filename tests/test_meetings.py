"""Events and summits end to end, from readout files: one meeting told by two governments, a
curator's sidecar joining and splitting meetings, a summit that makes no pairs."""

import shutil
from pathlib import Path

import yaml

from archive_fixture import EVENT_SEEDS
from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
KREMLIN = EVENT_SEEDS / "ru-2024-05-16-putin-xi-informal-conversation.txt"
SUMMIT = EVENT_SEEDS / "jp-2019-06-28-g20-osaka-summit-session.txt"
EVENT = "2024-05-16-xi-jinping-vladimir-putin"


def seeds_with(tmp_path: Path, *extra: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in [*(ROOT / "seeds").glob("*"), *extra]:
        shutil.copyfile(source, seeds / source.name)
    return seeds


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])


def test_the_seed_and_the_kremlin_account_are_one_meeting(tmp_path):
    content = tmp_path / "content"
    assert not generate(seeds_with(tmp_path, KREMLIN), content).errors
    for readout in ("000-7dcf29c1458b0db6", KREMLIN.stem):
        meta = front_matter(content / "readouts" / f"{readout}.md")
        assert (meta["event"], meta["summit"]) == (EVENT, None)
    page = (content / "events" / f"{EVENT}.md").read_text(encoding="utf-8")
    assert "](../readouts/000-7dcf29c1458b0db6.md)" in page
    assert f"](../readouts/{KREMLIN.stem}.md)" in page
    assert "| **Published by** | Ministry of Foreign Affairs of the People's Republic of China |President of Russia |" in page
    xi = (content / "leaders" / "xi-jinping.md").read_text(encoding="utf-8")
    assert "- [Vladimir Putin](../leaders/vladimir-putin.md) — 1 meeting\n" in xi
    assert "1 meeting, told in 2 readouts" in xi
    pair = (content / "pairs" / "china--russia.md").read_text(encoding="utf-8")
    assert "1 meeting in date order." in pair


def test_a_sidecar_splits_a_meeting_and_joins_another(tmp_path):
    seeds = seeds_with(tmp_path, KREMLIN)
    (seeds / f"{KREMLIN.stem}.yml").write_text("event: putin-xi-evening-walk\n", encoding="utf-8")
    content = tmp_path / "content"
    assert not generate(seeds, content).errors
    assert front_matter(content / "readouts" / f"{KREMLIN.stem}.md")["event"] == "putin-xi-evening-walk"
    assert not (content / "events" / f"{EVENT}.md").exists()  # split: each told once
    (seeds / "000_7dcf29c1458b0db6.yml").write_text(
        (seeds / "000_7dcf29c1458b0db6.yml").read_text(encoding="utf-8")
        + "event: putin-xi-evening-walk\n", encoding="utf-8")
    assert not generate(seeds, content).errors  # the incremental build sees the sidecar change
    assert (content / "events" / "putin-xi-evening-walk.md").exists()  # joined under the curator's id
    fresh = tmp_path / "fresh"
    generate(seeds, fresh, cache_dir=None)
    assert {p.relative_to(fresh) for p in fresh.rglob("*.md")} == {
        p.relative_to(content) for p in content.rglob("*.md")}


def test_a_nineteen_country_summit_makes_no_pairs(tmp_path):
    content = tmp_path / "content"
    assert not generate(seeds_with(tmp_path, SUMMIT), content).errors
    assert sorted(p.name for p in (content / "pairs").glob("*.md")) == ["china--russia.md"]
    meta = front_matter(content / "readouts" / f"{SUMMIT.stem}.md")
    assert (meta["kind"], len(meta["countries"]), meta["summit"]) == ("multilateral", 19, "g20-2019")
    edition = (content / "summits" / "g20-2019.md").read_text(encoding="utf-8")
    attended = {p["id"] for p in meta["participants"]}
    assert len(attended) == 19
    assert all(f"](../leaders/{person}.md)" in edition for person in attended)
    for person in attended:
        page = (content / "leaders" / f"{person}.md").read_text(encoding="utf-8")
        assert "### Met at" in page and "[G20 Summit 2019, Osaka](../summits/g20-2019.md)" in page
        assert ("### In meetings of two sides" in page) == (person in ("xi-jinping", "vladimir-putin"))
