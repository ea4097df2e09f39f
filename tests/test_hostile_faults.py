"""Faults rather than bad files: random seeds trees, a damaged or forged cache, a killed build.

- A property test builds random trees of readouts, links (loops, aliases, dangling), odd names
  and sidecars: the build always ends, fails only with per-file errors, gives every good readout
  its page, and changes nothing outside its output folder.
- Random bits flipped in the cache, a hundred times: never an exception, never a page that
  differs from a build without the cache.
- A cache file is data: a pickle planted in the cache folder is never loaded.
- `kill -9` of a build: its pool workers end with it, and the next run leaves no staging folder.
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_fixture import FIXTURE_SEEDS, ROOT, run_summit
from generator.cache import FactsCache, default_cache_dir
from generator.pipeline import generate
from test_hostile import GOOD, readout_pages
from tiny_registry import tiny_registry


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return tiny_registry(tmp_path_factory.mktemp("registry"))


def tree(folder: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every entry under `folder` (links as their target's name, not followed), `skip` left out."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = b"/"
    return found


# ---------------------------------------------------------------- random seeds trees

def good_text(number: int) -> str:
    return GOOD.replace("PM call with President Lula", f"PM call number {number} with President Lula")


ODD = st.text(alphabet=st.sampled_from(list("ab Zé会-_.~'\"\n\t\x1b\u202e\u200b[]()<>&;$")),
              min_size=0, max_size=8)
KINDS = ["good", "good", "good", "garbage", "empty", "link", "link", "dangling", "self-loop",
         "folder", "bad-sidecar", "good-sidecar", "yaml-sidecar", "lonely-sidecar"]
entry = st.tuples(ODD, st.sampled_from([".txt", ".md", ".html", ".TXT"]), st.sampled_from(KINDS),
                  st.integers(0, 20))


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(entries=st.lists(entry, min_size=1, max_size=7))
def test_any_seeds_tree_builds_and_loses_only_its_bad_files(registry, entries):
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        seeds, outside, content = work / "seeds", work / "outside", work / "content"
        seeds.mkdir()
        outside.mkdir()
        (outside / "elsewhere.txt").write_text(good_text(99))
        good: list[str] = []
        names: list[str] = []
        for number, (odd, suffix, kind, target) in enumerate(entries):
            stem = f"{odd.lstrip('.')}{number}"
            name = stem + suffix
            path = seeds / name
            names.append(name)
            if kind.startswith("good") or kind.endswith("sidecar"):
                path.write_text(good_text(number), encoding="utf-8")
                good.append(name)
                sidecar = {"bad-sidecar": "date: not a date\n", "good-sidecar": "location: Paris\n",
                           "yaml-sidecar": "title: never read\n"}.get(kind)
                if kind == "bad-sidecar":
                    good.pop()
                if sidecar:
                    suffix = ".yaml" if kind == "yaml-sidecar" else ".yml"
                    (seeds / f"{stem}{suffix}").write_text(sidecar, encoding="utf-8")
                if kind == "lonely-sidecar":
                    (seeds / f"lonely-{number}.yml").write_text("title: alone\n")
            elif kind == "garbage":
                path.write_bytes(bytes(random.Random(number).randrange(256) for _ in range(200))
                                 + b"\x00")
            elif kind == "empty":
                path.write_bytes(b"")
            elif kind == "link":
                path.symlink_to(names[target % len(names)])  # maybe itself, maybe a loop
            elif kind == "dangling":
                path.symlink_to(outside / "missing.txt")
            elif kind == "self-loop":
                path.symlink_to(name)
            elif kind == "folder":
                path.mkdir()
                (path / "inner.txt").write_text(good_text(number))
        (seeds / "escape.txt").symlink_to(outside / "elsewhere.txt")
        before = tree(work, skip=content)

        report = generate(seeds, content, registry, cache_dir=None)

        assert tree(work, skip=content) == before  # nothing outside the output folder changed
        pages = readout_pages(content)
        for name in good:
            assert len(pages.get(f"seeds/{name}", [])) == 1, (name, report.render())
        assert all(file.startswith("seeds/") for file in report.errors)
        assert report.failed() == bool(report.errors)
        assert "seeds/escape.txt" in report.errors
        assert 0 <= report.readouts_extracted <= report.readouts_read


# ---------------------------------------------------------------- a damaged cache

def _fixture_seeds(folder: Path, count: int = 4) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir()
    for source in sorted(FIXTURE_SEEDS.glob("*.txt"))[:count]:
        shutil.copyfile(source, seeds / source.name)
    return seeds


def _flip_a_bit(files: list[Path], chance: random.Random) -> None:
    path = chance.choice(files)
    data = bytearray(path.read_bytes())
    index = chance.randrange(len(data))
    data[index] ^= 1 << chance.randrange(8)
    path.write_bytes(bytes(data))


def test_random_bit_flips_in_the_cache_never_change_a_page(tmp_path, registry):
    seeds = _fixture_seeds(tmp_path)
    generate(seeds, tmp_path / "reference", registry, cache_dir=None)
    expected = tree(tmp_path / "reference")
    cache, content = tmp_path / "cache", tmp_path / "content"
    generate(seeds, content, registry, cache_dir=cache)
    chance = random.Random(13)
    damaged_seen = 0
    for _ in range(100):
        files = sorted(p for p in cache.iterdir() if p.is_file() and p.stat().st_size)
        assert files
        _flip_a_bit(files, chance)
        report = generate(seeds, content, registry, cache_dir=cache)  # never raises
        assert not report.errors, report.render()
        assert tree(content) == expected
        damaged_seen += any("damaged" in w for ws in report.warnings.values() for w in ws)
    assert damaged_seen >= 30  # the flips were noticed, not merely harmless


def test_bit_flips_in_the_registry_cache_read_the_registry_afresh(tmp_path):
    seeds = _fixture_seeds(tmp_path, count=2)
    cache = tmp_path / "cache"
    generate(seeds, tmp_path / "reference", cache_dir=cache)
    expected = tree(tmp_path / "reference")
    [registry_file] = cache.glob("registry-*.json")
    chance = random.Random(7)
    for _ in range(3):
        _flip_a_bit([registry_file], chance)
        report = generate(seeds, tmp_path / "content", cache_dir=cache)
        assert any("registry was read afresh" in w for w in report.warnings[str(registry_file)])
        assert tree(tmp_path / "content") == expected


def test_a_pickle_planted_in_the_cache_is_never_loaded(tmp_path, registry):
    class Payload:
        def __reduce__(self):
            return (Path.write_text, (tmp_path / "pwned", "ran"))

    seeds = _fixture_seeds(tmp_path, count=1)
    cache = tmp_path / "cache"
    generate(seeds, tmp_path / "content", registry, cache_dir=cache)
    for path in list(cache.iterdir()):
        for planted in (path, path.with_suffix(".pickle")):
            planted.write_bytes(pickle.dumps({"build": Payload()}))
    report = generate(seeds, tmp_path / "content", registry, cache_dir=cache)
    assert not (tmp_path / "pwned").exists()
    assert not report.errors and report.readouts_extracted == 1


def test_a_forged_record_with_a_valid_digest_can_build_only_known_data(tmp_path):
    """Digests catch damage, not forgery: a record rewritten by hand decodes to the generator's own
    dataclasses or not at all, and the command says so without a traceback."""
    import hashlib

    seeds = _fixture_seeds(tmp_path, count=1)
    content = tmp_path / "content"
    assert run_summit("generate", "--seeds", str(seeds), "--content", str(content)).returncode == 0
    [facts] = default_cache_dir(content).glob("facts-*.jsonl")
    line = facts.read_bytes().rstrip(b"\n")
    body = line.split(b" ", 1)[1].replace(b"$Readout", b"$Popen", 1)
    facts.write_bytes(hashlib.sha256(body).hexdigest().encode() + b" " + body + b"\n")
    assert FactsCache(facts.parent, "x").records == {}  # another fingerprint's file: not read
    (seeds / "zz-new.txt").write_text(good_text(1))  # so the pages are built again
    result = run_summit("generate", "--seeds", str(seeds), "--content", str(content))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--no-cache" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- kill -9

def _session(leader: int) -> list[int]:
    """Live processes of the session a command was started in (its workers included)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == leader and fields[0] != "Z":
            members.append(int(entry))
    return members


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_build_leaves_no_process_and_no_staging_folder(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (FIXTURE_SEEDS / "wh-2024-07-06-biden-starmer-call.txt").read_text(encoding="utf-8")
    for day in range(1, 151):  # enough to extract in a pool of workers for a few seconds
        (seeds / f"call-{day:03}.txt").write_text(
            text.replace("July 6, 2024", f"March {day % 28 + 1}, {2000 + day % 24}")
                .replace("Call with", f"Call number {day} with"), encoding="utf-8")
    content = tmp_path / "content"
    command = [sys.executable, "-m", "generator", "generate", "--seeds", str(seeds),
               "--content", str(content), "--workers", "2"]

    # killed while its workers extract
    build = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert _wait_for(lambda: len(_session(build.pid)) >= 3, 60), "the pool never started"
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert _wait_for(lambda: not _session(build.pid), 10), _session(build.pid)

    # killed while it writes the new content folder
    build = subprocess.Popen([*command, "--no-cache"], cwd=ROOT, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = lambda: [p for p in tmp_path.iterdir() if p.name.startswith(".content.new-")]
    assert _wait_for(staging, 120), "the build never started writing"
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert _wait_for(lambda: not _session(build.pid), 10), _session(build.pid)
    assert staging()  # what the killed build left behind

    result = run_summit("generate", "--seeds", str(seeds), "--content", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not staging() and not [p for p in tmp_path.iterdir() if ".content." in p.name]
    assert len(list((content / "readouts").glob("call-*"))) == 150
