"""Incremental site builds: MkDocs makes again only the pages whose Markdown changed, and the
site it leaves is the one a full build of the same content makes, byte for byte (the search
index compared by what it says: see searchindex.py). Whatever an incremental build cannot
account for makes it a full one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from archive_fixture import FIXTURE_SEEDS, ROOT, archive_sources, run_summit
from searchindex import comparable_site

from generator.pipeline import generate
from generator.site import build_site

MADE_AGAIN = re.compile(r"site written to .* \((\d+) of (\d+) pages made again;")
FULL_BUILD = re.compile(r"site written to .* \(a full build: (.*);")
SEARCH_AGAIN = re.compile(r"; search: (\d+) of its bundles indexed again\)")
MACRON_TALKS = FIXTURE_SEEDS / "cn-2023-04-06-xi-macron-talks.txt"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def seeds_in(work: Path) -> Path:
    seeds = work / "seeds"
    seeds.mkdir(parents=True)
    for source in archive_sources():
        shutil.copyfile(source, seeds / source.name)
    return seeds


def summit_build(seeds: Path, work: Path, *extra: str, config: Path = ROOT / "mkdocs.yml"):
    """Build; the match of how many pages were made again, or None after a full build."""
    result = run_summit("build", "--seeds", str(seeds), "--content", str(work / "content"),
                        "--site", str(work / "site"), "--config", str(config), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    full = FULL_BUILD.search(result.stdout)
    summit_build.full_because = full and full.group(1)
    summit_build.search_again = int(SEARCH_AGAIN.search(result.stdout).group(1))
    return MADE_AGAIN.search(result.stdout)


def full_build(seeds: Path, work: Path) -> Path:
    """The same seeds built from nothing, keeping nothing: the site to compare with."""
    assert summit_build(seeds, work, "--no-cache") is None
    return work / "site"


def another_account(day: str = "April 9") -> str:
    """A second readout of talks, written in the shape of the fixture's talks on another day."""
    return MACRON_TALKS.read_text(encoding="utf-8").replace("April 6", day)


def test_a_new_readout_makes_only_changed_pages_and_equals_a_full_build(tmp_path):
    seeds = seeds_in(tmp_path)
    assert summit_build(seeds, tmp_path / "built") is None  # nothing to keep: a full build
    assert summit_build.search_again > 0
    (seeds / "zz-talks-again.txt").write_text(another_account(), encoding="utf-8")
    incremental = summit_build(seeds, tmp_path / "built")
    assert incremental, "the second build should have kept the pages that did not change"
    made, pages = map(int, incremental.groups())
    assert 0 < made < pages / 2
    site = tmp_path / "built" / "site"
    assert (site / "readouts" / "zz-talks-again" / "index.html").is_file()
    fresh = full_build(seeds, tmp_path / "fresh")
    assert tree(tmp_path / "built" / "content") == tree(tmp_path / "fresh" / "content")
    assert comparable_site(site) == comparable_site(fresh)
    again = summit_build(seeds, tmp_path / "built")
    assert again and again.group(1) == "0"  # nothing changed: no page made
    assert summit_build.search_again == 0  # nor any of the search index
    assert comparable_site(site) == comparable_site(fresh)


def test_a_build_restored_from_a_ci_cache_stays_incremental(tmp_path):
    """CI brings content/, site/ and the cache folder back with new inodes and times: the files
    are known by their bytes, so adding a readout still makes only the pages it changes."""
    seeds = seeds_in(tmp_path)
    built, saved = tmp_path / "built", tmp_path / "saved"
    assert summit_build(seeds, built) is None
    shutil.copytree(built, saved)
    shutil.rmtree(built)
    shutil.copytree(saved, built, copy_function=shutil.copyfile)  # new inodes, new times
    (seeds / "zz-talks-again.txt").write_text(another_account(), encoding="utf-8")
    incremental = summit_build(seeds, built)
    assert incremental, summit_build.full_because
    made, pages = map(int, incremental.groups())
    assert 0 < made < pages / 2
    assert comparable_site(built / "site") == comparable_site(full_build(seeds, tmp_path / "fresh"))


def test_a_removed_readout_or_a_lost_anchor_makes_a_full_build(tmp_path):
    """A page gone may be linked from a page kept; a paragraph gone, linked to by its anchor."""
    seeds = seeds_in(tmp_path)
    (seeds / "zz-talks-again.txt").write_text(another_account(), encoding="utf-8")
    summit_build(seeds, tmp_path / "built")
    (seeds / "zz-talks-again.txt").unlink()
    assert summit_build(seeds, tmp_path / "built") is None
    assert summit_build.full_because.endswith(("is gone", "more)"))
    assert not (tmp_path / "built" / "site" / "readouts" / "zz-talks-again").exists()
    (seeds / "zz-talks-again.txt").write_text(another_account(), encoding="utf-8")
    assert summit_build(seeds, tmp_path / "built")
    paragraphs = another_account().split("\n\n")
    shortened = [p for p in paragraphs if not p.startswith("The two sides also discussed")]
    assert len(shortened) == len(paragraphs) - 1  # its topics are still the first account's
    (seeds / "zz-talks-again.txt").write_text("\n\n".join(shortened), encoding="utf-8")
    assert summit_build(seeds, tmp_path / "built") is None
    assert summit_build.full_because.startswith("readouts/zz-talks-again.md no longer has #p")
    assert comparable_site(tmp_path / "built" / "site") == comparable_site(
        full_build(seeds, tmp_path / "fresh"))


def test_a_changed_theme_or_config_makes_a_full_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides",
                    ignore=shutil.ignore_patterns("__pycache__"))
    config = project / "mkdocs.yml"
    seeds = seeds_in(tmp_path)
    summit_build(seeds, tmp_path / "built", config=config)
    style = project / "overrides" / "assets" / "summit.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n/* a curator's change */\n",
                     encoding="utf-8")
    assert summit_build(seeds, tmp_path / "built", config=config) is None
    assert "the theme" in summit_build.full_because
    assert (tmp_path / "built" / "site" / "assets" / "summit.css").read_bytes() == style.read_bytes()
    assert summit_build(seeds, tmp_path / "built", config=config)  # and then incremental again
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_description: Official readouts", "site_description: The official readouts"),
        encoding="utf-8")
    assert summit_build(seeds, tmp_path / "built", config=config) is None
    assert b"The official readouts" in (tmp_path / "built" / "site" / "index.html").read_bytes()


def test_links_from_a_changed_page_into_a_kept_page_are_checked(tmp_path, capsys, caplog):
    """A page made again that links to an anchor a kept page does not have fails the build, as
    a full build would; the failed build leaves no state, so the next build is a full one."""
    seeds = seeds_in(tmp_path)
    content, site, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    generate(seeds, content, cache_dir=cache, workers=1)
    assert build_site(ROOT / "mkdocs.yml", content, site, cache_dir=cache)
    talks = "readouts/cn-2023-04-06-xi-macron-talks.md"
    page = content / "topics" / "trade.md"
    original = page.read_text(encoding="utf-8")

    page.write_text(original + f"\nSee [the opening](../{talks}#p1).\n", encoding="utf-8")
    capsys.readouterr()
    assert build_site(ROOT / "mkdocs.yml", content, site, cache_dir=cache)
    assert MADE_AGAIN.search(capsys.readouterr().out).group(1) == "1"

    page.write_text(original + f"\nSee [nothing](../{talks}#p999).\n", encoding="utf-8")
    assert not build_site(ROOT / "mkdocs.yml", content, site, cache_dir=cache)
    assert "strict mode" in capsys.readouterr().err
    assert "does not contain an anchor '#p999'" in caplog.text

    page.write_text(original, encoding="utf-8")
    assert build_site(ROOT / "mkdocs.yml", content, site, cache_dir=cache)
    assert MADE_AGAIN.search(capsys.readouterr().out) is None  # after a failure: a full build
