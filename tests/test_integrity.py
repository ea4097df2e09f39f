"""Same input, same bytes; permanent addresses; atomic replacement of content/ even when killed."""

import gzip
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive_fixture import FIXTURE_SEEDS, ROOT, archive_sources, run_summit
from searchindex import comparable_site

# What MkDocs itself stamps into a build: the sitemap's dates and the gzip header's time.
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def site_tree(folder: Path) -> dict[str, object]:
    """The site's files; Pagefind's filter and metadata files by what they say (searchindex.py)."""
    return comparable_site(folder, STAMPED)


def tree(folder: Path, skip=frozenset()) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() not in skip
    }


def seeds_copy(tmp_path: Path, name: str = "seeds") -> Path:
    seeds = tmp_path / name
    seeds.mkdir()
    for source in archive_sources():
        if source.suffix == ".txt":
            shutil.copyfile(source, seeds / source.name)
    return seeds


def test_two_builds_are_byte_identical(tmp_path):
    seeds = seeds_copy(tmp_path)
    outputs = []
    for run in ("one", "two"):
        result = run_summit("build", "--seeds", str(seeds), "--content", str(tmp_path / run / "content"),
                            "--site", str(tmp_path / run / "site"))
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(tmp_path / run)
    one, two = outputs
    assert tree(one / "content") == tree(two / "content")
    assert site_tree(one / "site") == site_tree(two / "site")
    strip = re.compile(rb"<lastmod>[^<]*</lastmod>")
    assert strip.sub(b"", (one / "site" / "sitemap.xml").read_bytes()) == strip.sub(
        b"", (two / "site" / "sitemap.xml").read_bytes())
    assert strip.sub(b"", gzip.decompress((one / "site" / "sitemap.xml.gz").read_bytes())) == strip.sub(
        b"", gzip.decompress((two / "site" / "sitemap.xml.gz").read_bytes()))


def test_adding_a_readout_renames_no_page(tmp_path):
    seeds = seeds_copy(tmp_path)
    run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "before"))
    before = set(tree(tmp_path / "before" / "readouts"))
    text = (FIXTURE_SEEDS / "cn-2023-04-06-xi-macron-talks.txt").read_text(encoding="utf-8")
    (seeds / "zz-another.txt").write_text(text.replace("April 6", "April 7"), encoding="utf-8")
    run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "after"))
    after = set(tree(tmp_path / "after" / "readouts"))
    assert before < after and len(after - before) == 1


def test_removed_readout_leaves_no_stale_page(tmp_path):
    seeds = seeds_copy(tmp_path)
    content = tmp_path / "content"
    run_summit("generate", "--seeds", str(seeds), "--content", str(content))
    count = len(list((content / "readouts").glob("*.md")))
    assert (content / "readouts" / "cn-2023-04-06-xi-macron-talks.md").is_file()
    (seeds / "cn-2023-04-06-xi-macron-talks.txt").unlink()
    run_summit("generate", "--seeds", str(seeds), "--content", str(content))
    assert len(list((content / "readouts").glob("*.md"))) == count - 1
    assert not list(content.rglob("*xi-macron-talks*"))


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.6, 2.5])
def test_killed_build_leaves_previous_content_intact(tmp_path, delay):
    """Kill `summit generate` midway: content/ is the old tree or the new one, never a mix."""
    seeds = seeds_copy(tmp_path)
    content = tmp_path / "content"
    assert run_summit("generate", "--seeds", str(seeds), "--content", str(content)).returncode == 0
    old = tree(content)
    text = (FIXTURE_SEEDS / "wh-2024-07-06-biden-starmer-call.txt").read_text(encoding="utf-8")
    for day in range(1, 200):  # enough readouts that generating takes a few seconds
        (seeds / f"extra-{day:03}.txt").write_text(
            text.replace("July 6, 2024", f"March {day % 28 + 1}, {2000 + day % 24}")
                .replace("Call with", f"Call number {day} with"),
            encoding="utf-8",
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "--seeds", str(seeds), "--content", str(content)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    now = tree(content)
    if now != old:  # the build finished before the kill: then it must be whole
        assert run_summit("generate", "--seeds", str(seeds), "--content", str(tmp_path / "fresh")).returncode == 0
        assert now == tree(tmp_path / "fresh")
    assert run_summit("generate", "--seeds", str(seeds), "--content", str(content)).returncode == 0
    assert len(list((content / "readouts").glob("*.md"))) == 1 + len(list(seeds.glob("*.txt")))  # and the index
