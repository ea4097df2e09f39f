"""What keeps large builds fast must never change what they produce.

The facts cache, the process pool, the incremental render and the fast front-matter writer are
each checked against the slow way on small synthetic archives (bench/synthetic.py).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.markdown import front_matter
from generator.pages import listing, statements
from generator.cache import default_cache_dir, readout_key
from generator.extract import Extractor
from generator.matcher import AnyCase, PhraseMatcher, whole_words
from generator.pipeline import extract_all, generate
from generator.progress import Progress, progress_for
from generator.registry import load_registry
from generator.sources import find_readouts, read_source
from sitecheck import check_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.synthetic import write_archive  # noqa: E402


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture
def archive(tmp_path):
    seeds = tmp_path / "seeds"
    write_archive(seeds, 30)
    return seeds


def count_extractions(monkeypatch) -> list:
    calls = []
    original = Extractor.extract

    def counting(self, *args, **kwargs):
        calls.append(args[0].provenance.file)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Extractor, "extract", counting)
    return calls


def test_the_fields_of_cached_classes_are_part_of_every_cache_fingerprint(monkeypatch):
    """Cached values hold their fields by place: a class whose fields change (here, two swap
    places) must find no cache of the old layout to read."""
    from generator import cache, model
    from generator.registry import DATA_DIR

    before = cache.data_fingerprint(DATA_DIR)
    fields = cache._FIELD_NAMES[model.Participant]
    monkeypatch.setitem(cache._FIELD_NAMES, model.Participant, (fields[1], fields[0], *fields[2:]))
    assert cache.data_fingerprint(DATA_DIR) != before


def test_cache_hit_skips_extraction(archive, tmp_path, monkeypatch):
    calls = count_extractions(monkeypatch)
    first = generate(archive, tmp_path / "content", workers=1)
    assert len(calls) == 30 and first.readouts_extracted == 30
    calls.clear()
    second = generate(archive, tmp_path / "content", workers=1)
    assert calls == [] and second.readouts_extracted == 0
    assert second.warning_count == first.warning_count  # the report is the same from the cache
    write_archive(archive, 1, start=30)
    third = generate(archive, tmp_path / "content", workers=1)
    assert len(calls) == 1 and third.readouts_read == 31


def test_the_facts_cache_grows_by_a_line_a_readout_and_is_written_whole_when_many_are_gone(archive, tmp_path):
    """A readout added appends its record to the facts file; records of readouts gone stay
    until they are more than an eighth of the live ones; a torn last line is a damaged record,
    and the file is then written whole. Every build equals a fresh one."""
    content = tmp_path / "content"
    generate(archive, content, workers=1)
    [facts] = default_cache_dir(content).glob("facts-*.jsonl")
    before, inode = facts.read_bytes(), facts.stat().st_ino

    def lines() -> int:
        return facts.read_bytes().count(b"\n")

    def equals_a_fresh_build():
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        generate(archive, fresh, cache_dir=None, workers=1)
        return tree(content) == tree(fresh)

    write_archive(archive, 1, start=30)
    report = generate(archive, content, workers=1)
    assert report.readouts_extracted == 1 and facts.stat().st_ino == inode
    assert facts.read_bytes().startswith(before) and lines() == 31
    assert equals_a_fresh_build()
    readouts = sorted(archive.glob("*.txt"))
    for gone in readouts[:3]:  # 3 of 28 live: still within an eighth
        gone.unlink()
    generate(archive, content, workers=1)
    assert lines() == 31 and facts.stat().st_ino == inode and equals_a_fresh_build()
    readouts[3].unlink()  # 4 of 27: the file is written again, with the live records only
    generate(archive, content, workers=1)
    assert lines() == 27 and facts.stat().st_ino != inode and equals_a_fresh_build()
    facts.write_bytes(facts.read_bytes()[:-5])  # a build killed while appending
    write_archive(archive, 1, start=40)
    report = generate(archive, content, workers=1)
    assert any("1 damaged record" in w for ws in report.warnings.values() for w in ws)
    assert report.readouts_extracted == 2 and lines() == 28 and equals_a_fresh_build()
    assert generate(archive, content, workers=1).readouts_extracted == 0


def count_reads(monkeypatch) -> list[str]:
    """Record which readout files the pipeline reads from disk."""
    calls = []
    original = pipeline.read_source

    def counting(candidate):
        calls.append(candidate.label)
        return original(candidate)

    monkeypatch.setattr(pipeline, "read_source", counting)
    return calls


def test_a_readout_file_unchanged_since_it_was_read_is_not_read_again(archive, tmp_path, monkeypatch):
    content = tmp_path / "content"
    monkeypatch.setattr("generator.cache.RECENT_NS", 10 ** 18)  # every file changed a moment ago
    generate(archive, content, workers=1)
    reads = count_reads(monkeypatch)
    generate(archive, content, workers=1)
    assert len(reads) == 30  # their times may not tell a change yet: read again
    monkeypatch.setattr("generator.cache.RECENT_NS", 0)
    reads.clear()
    generate(archive, content, workers=1)
    assert len(reads) == 30
    reads.clear()
    generate(archive, content, workers=1)
    assert reads == []
    changed = sorted(archive.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    report = generate(archive, content, workers=1)
    assert reads == [f"seeds/{changed.name}"] and report.readouts_extracted == 1
    generate(archive, tmp_path / "fresh", cache_dir=None, workers=1)
    assert tree(content) == tree(tmp_path / "fresh")


def test_content_restored_with_new_file_times_counts_as_unchanged(archive, tmp_path):
    """content/ brought back from a CI cache has new inodes and times, but the same bytes."""
    content, kept = tmp_path / "content", tmp_path / "kept"
    generate(archive, content, workers=1)
    shutil.copytree(content, kept)
    shutil.rmtree(content)
    shutil.copytree(kept, content, copy_function=shutil.copyfile)
    assert stats(content) != stats(kept)
    report = generate(archive, content, workers=1)
    assert report.pages_written == 0 and "render" not in report.timings
    write_archive(archive, 1, start=30)
    report = generate(archive, content, workers=1)
    assert 0 < report.pages_written < report.pages / 2
    generate(archive, tmp_path / "fresh", cache_dir=None, workers=1)
    assert tree(content) == tree(tmp_path / "fresh")


def test_unchanged_rerun_writes_no_file(archive, tmp_path):
    content = tmp_path / "content"
    generate(archive, content, workers=1)
    before = stats(content)
    report = generate(archive, content, workers=1)
    assert report.pages_written == 0
    assert stats(content) == before


def test_a_generate_with_nothing_changed_reports_again_without_reading(archive, tmp_path, monkeypatch):
    """Same seeds, code, data and address, content/ untouched: the last report, no readout or
    registry read (uptodate.py). Anything else, down to a touched file, runs the build."""
    content = tmp_path / "content"
    monkeypatch.setattr("generator.cache.RECENT_NS", 0)
    (archive / "notes.yml").write_text("url: https://example.org/\n", encoding="utf-8")  # a warning
    (archive / "empty.txt").write_bytes(b"")  # an error
    first = generate(archive, content, workers=1)
    listed = []
    monkeypatch.setattr(pipeline, "find_readouts", lambda seeds: listed.append(seeds) or
                        find_readouts(seeds))
    again = generate(archive, content, workers=1)
    assert listed == [] and "nothing changed" in again.timings
    assert again.to_data() == first.to_data()
    assert again.warning_count == first.warning_count > 0 and again.error_count == first.error_count > 0
    assert again.render().split("\n")[0] == (
        f"readouts: 30 read of 31 found (0 extracted, 30 from the cache); pages: {first.pages} "
        f"(0 written); warnings: {first.warning_count}; errors: 1")

    page = next(content.glob("readouts/*.md"))
    kept = page.read_bytes()
    page.write_bytes(kept + b"\nA curator's edit.\n")
    assert "nothing changed" not in generate(archive, content, workers=1).timings
    assert page.read_bytes() == kept
    assert "nothing changed" in generate(archive, content, workers=1).timings
    seed = sorted(archive.glob("*.txt"))[0]
    os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 10 ** 9))
    assert "nothing changed" not in generate(archive, content, workers=1).timings
    assert "nothing changed" not in generate(archive, content, workers=1, site_url="https://a.example/").timings
    monkeypatch.setattr("generator.cache.RECENT_NS", 10 ** 18)  # every file changed a moment ago
    assert "nothing changed" not in generate(archive, content, workers=1).timings
    assert "nothing changed" not in generate(archive, content, workers=1).timings
    assert listed


def test_a_changed_template_renders_again_but_rewrites_only_changed_files(archive, tmp_path, monkeypatch):
    """A page whose key changed is rendered again; a file whose bytes did not change is kept."""
    content = tmp_path / "content"
    generate(archive, content, workers=1)
    before = stats(content)
    monkeypatch.setattr("generator.cache._code_fingerprint", "another version of the code")
    report = generate(archive, content, workers=1)
    assert report.pages_written == 0
    assert stats(content) == before


def test_adding_a_readout_keeps_other_pages_and_equals_a_fresh_build(archive, tmp_path):
    content = tmp_path / "content"
    generate(archive, content, workers=1)
    before_bytes, before_stats = tree(content), stats(content)
    write_archive(archive, 1, start=30)
    report = generate(archive, content, workers=1)
    after = tree(content)
    assert 0 < report.pages_written < len(after) / 2
    for name, data in after.items():
        if before_bytes.get(name) == data:
            assert stats(content)[name] == before_stats[name], f"{name} rewritten with the same bytes"
    fresh = generate(archive, tmp_path / "fresh", cache_dir=None, workers=1)
    assert not fresh.errors
    assert tree(tmp_path / "fresh") == after


def test_readout_pages_planned_again_are_those_near_a_change_and_builds_equal_fresh_ones(
        archive, tmp_path, monkeypatch):
    """A readout page is planned again only when its own inputs changed (its meeting among
    them) or a readout came, went or changed near it in one of its people's or topics' lists
    (related readouts are chosen from there); whatever the change, the build equals a fresh
    one."""
    from generator import link
    from generator.pages import readout

    monkeypatch.setattr(link, "NEAREST_IN_INDEX", 2)  # windows narrow enough to miss most
    planned = []
    plan_page = readout._readout_page
    monkeypatch.setattr(readout, "_readout_page",
                        lambda entry, inputs: planned.append(entry.slug) or plan_page(entry, inputs))
    content = tmp_path / "content"
    seeds = sorted(archive.glob("*.txt"))
    generate(archive, content, workers=1)
    assert len(planned) == 30
    changes = [
        lambda: write_archive(archive, 1, start=30),  # a readout added
        lambda: seeds[4].unlink(),  # one gone
        lambda: seeds[9].write_text(seeds[9].read_text(encoding="utf-8") + "\nA closing line.\n",
                                    encoding="utf-8"),  # one changed
        lambda: seeds[12].with_suffix(".yml").write_text(  # one moved in time, on other topics
            "date: 2011-03-04\ntopics: [trade, climate-change]\n", encoding="utf-8"),
        lambda: [seed.with_suffix(".yml").write_text(  # two told as one meeting by a curator
            "event: one-meeting\n", encoding="utf-8") for seed in (seeds[20], seeds[25])],
    ]
    for number, change in enumerate(changes):
        change()
        planned.clear()
        report = generate(archive, content, workers=1)
        assert not report.errors
        assert 0 < len(planned) < report.readouts_read, number  # 13 to 20 of 30 here
        fresh = tmp_path / f"fresh-{number}"
        generate(archive, fresh, cache_dir=None, workers=1)
        assert tree(content) == tree(fresh), number
    planned.clear()
    report = generate(archive, content, workers=1, site_url="https://archive.example/")
    assert len(planned) == report.readouts_read  # another address: every page planned again


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10 ** 6), unique=True, max_size=40),
       st.lists(st.tuples(st.sampled_from(["insert", "remove", "change"]), st.integers(0, 40)),
                max_size=4),
       st.integers(1, 4))
def test_readouts_whose_related_candidates_change_are_near_the_changed_run(before, edits, near):
    """Whatever was inserted into, removed from or changed in an index list, every readout in it
    whose window of candidates (`near` either side) is not what it was lies within `near` + 1
    of the run `_changed_run` finds, so `unchanged_readouts` never keeps a page it should plan."""
    from generator.pages.readout import _changed_run

    after, fresh = list(before), iter(range(-1, -100, -1))  # new readouts: negative numbers
    for edit, position in edits:
        if edit == "insert":
            after.insert(min(position, len(after)), next(fresh))
        elif after:
            index = position % len(after)
            if edit == "remove":
                del after[index]
            else:  # the readout changed: another digest in the same place
                after[index] = next(fresh)

    def window(items: list, item: int) -> list:
        at = items.index(item)
        return items[max(0, at - near):at + near + 1]

    start, end = _changed_run(before, after)
    assert before[:start] == after[:start] and before[len(before) - len(after) + end:] == after[end:]
    planned = set(after[max(0, start - near - 1):end + near + 1])
    for item in after:
        if item not in before or window(before, item) != window(after, item):
            assert item in planned


def test_removing_a_readout_removes_its_page(archive, tmp_path):
    content = tmp_path / "content"
    generate(archive, content, workers=1)
    gone = sorted(archive.glob("*.txt"))[0]
    gone.unlink()
    generate(archive, content, workers=1)
    generate(archive, tmp_path / "fresh", cache_dir=None, workers=1)
    assert tree(content) == tree(tmp_path / "fresh")


def test_process_pool_equals_serial(archive, registry, monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_ABOVE", 2)
    monkeypatch.setattr(pipeline, "CHUNK", 4)
    candidates, _ = find_readouts(archive)
    sources = [read_source(c) for c in candidates]
    serial = extract_all(sources, registry, workers=1)
    pooled = extract_all(sources, registry, workers=2)
    assert [r.digest for r in pooled] == [r.digest for r in serial]
    assert [r.load() for r in pooled] == [r.load() for r in serial]
    assert len({readout_key(s) for s in sources}) == len(sources)


def test_pages_made_in_worker_processes_equal_pages_made_here(archive, tmp_path, monkeypatch):
    """Signing readouts and subjects, and planning and rendering parts, in forked workers writes
    the same files and remembers the same lookups and signatures; and a build after it that adds
    a readout equals a fresh one."""
    from generator import render
    from generator.pages import plan
    from generator.write import ContentWriter

    monkeypatch.setattr(render, "PARALLEL_ABOVE", 2)
    monkeypatch.setattr(plan, "READOUTS_PER_SHARE", 5)
    monkeypatch.setattr(plan, "SUBJECTS_PER_SHARE", 3)
    sign = render._sign
    # each share of the signatures long enough for the forked copy to start and take some
    monkeypatch.setattr(render, "_sign", lambda share: time.sleep(0.05) or sign(share))
    here, pooled = tmp_path / "here", tmp_path / "pooled"
    generate(archive, here, cache_dir=tmp_path / "cache-here", workers=1)
    generate(archive, pooled, cache_dir=tmp_path / "cache-pooled", workers=2)
    assert tree(here) == tree(pooled)
    writers = [ContentWriter(tmp_path / f"cache-{name}", tmp_path / name)
               for name in ("here", "pooled")]
    remembered = [{path: (r.key, r.looked_up) for path, r in writer.pages.items()}
                  for writer in writers]
    assert remembered[0] == remembered[1] and any(v[1] for v in remembered[0].values())
    signed = [writer.memory for writer in writers]
    assert signed[0] == signed[1] and signed[0]["signatures"] and signed[0]["subjects"]
    write_archive(archive, 1, start=30)
    report = generate(archive, pooled, cache_dir=tmp_path / "cache-pooled", workers=2)
    assert 0 < report.pages_written
    generate(archive, tmp_path / "fresh", cache_dir=None, workers=1)
    assert tree(tmp_path / "fresh") == tree(pooled)


def _pid_and_square(number: int) -> tuple[int, int]:
    if number == 13:
        raise ValueError("thirteen")
    time.sleep(0.05)  # long enough for the forked copy to start and take some
    return os.getpid(), number * number


def test_work_shared_with_forked_workers_comes_back_in_order():
    """This process works alongside its forked copies (one copy fewer for as many busy
    processes), yet the results are the chunks' own, in order, and a failure surfaces."""
    from generator.workers import map_here_and_forked

    results = list(map_here_and_forked(_pid_and_square, range(12), workers=2))
    assert [square for _, square in results] == [n * n for n in range(12)]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids and len(pids) == 2
    with pytest.raises(ValueError, match="thirteen"):
        list(map_here_and_forked(_pid_and_square, range(20), workers=2))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50)), st.integers(min_value=1, max_value=9))
def test_shares_of_a_kind_cover_its_pages_once_and_weigh_about_the_same(weights, count):
    """The shares a kind of page is planned in take every item once, in order; none weighs more
    than an even share and one item."""
    from generator.pages.base import share_of

    items = list(enumerate(weights))
    shares = [share_of(items, (number, count), lambda item: item[1]) for number in range(count)]
    assert [item for share in shares for item in share] == items
    heaviest = max(weights, default=0)
    for share in shares:
        assert sum(w for _, w in share) <= sum(weights) / count + heaviest
    # items alike (no weight given): a slice each, the very runs weights of 1 make
    alike = [share_of(items, (number, count)) for number in range(count)]
    assert alike == [share_of(items, (number, count), lambda item: 1) for number in range(count)]


def test_long_listings_split_by_year_and_every_link_resolves(archive, tmp_path, monkeypatch):
    from generator.site import build_site

    monkeypatch.setattr(listing, "PAGINATE_ABOVE", 4)
    monkeypatch.setattr(statements, "STATEMENTS_PER_PAGE", 6)
    content, site = tmp_path / "content", tmp_path / "site"
    report = generate(archive, content, workers=1)
    assert not report.errors
    year_pages = sorted(content.glob("readouts/by-year/*.md"))
    assert len(year_pages) > 2
    index = (content / "readouts" / "index.md").read_text(encoding="utf-8")
    assert "](../readouts/by-year/" in index and not re.search(r"\]\(\.\./readouts/(?!by-year/)", index)
    assert any(content.glob("leaders/*/*.md")) and any(content.glob("topics/*/*.md"))
    listed = sum(len(re.findall(r"^- .*\]\(\.\./\.\./readouts/", p.read_text(encoding="utf-8"), re.M))
                 for p in year_pages)
    assert listed == report.readouts_read
    # a long statements page keeps the newest and splits the rest by year, a busy year by month
    topic_page = max((content / "statements" / "topics").glob("*.md"),
                     key=lambda p: p.read_text(encoding="utf-8").count("\n- "))
    parts = sorted(topic_page.with_suffix("").glob("*.md"))
    assert parts and any(re.fullmatch(r"\d{4}-\d{2}", p.stem) for p in parts)
    main = topic_page.read_text(encoding="utf-8")
    total = int(re.search(r"(\d+) statements, newest first", main).group(1))
    quoted = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()
              if line.startswith("- ")]
    assert len(quoted) == total
    assert all(len([line for line in p.read_text(encoding="utf-8").splitlines()
                    if line.startswith("- ")]) <= 6 or re.fullmatch(r"\d{4}-\d{2}", p.stem)
               for p in parts)
    assert build_site(ROOT / "mkdocs.yml", content, site)
    assert check_site(site) == []


def test_summit_sessions_make_no_pairs_and_both_accounts_one_event(tmp_path):
    """The synthetic archive's summits stay out of pair pages, so pages grow with readouts, not
    with the square of a summit's size; its meetings told twice make one event page each."""
    seeds = tmp_path / "seeds"
    write_archive(seeds, 60)
    content = tmp_path / "content"
    report = generate(seeds, content, workers=1)
    kinds = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8").split("---\n", 2)[1])
             for p in (content / "readouts").glob("*.md") if p.stem != "index"}
    summits = [slug for slug, meta in kinds.items() if meta["kind"] == "multilateral"]
    assert summits and all(len(kinds[slug]["countries"]) >= 6 for slug in summits)
    assert all(kinds[slug]["summit"] for slug in summits)
    pairs = " ".join(p.read_text(encoding="utf-8") for p in (content / "pairs").glob("*.md"))
    assert not [slug for slug in summits if f"readouts/{slug}.md" in pairs]
    events = [p for p in (content / "events").glob("*.md") if p.stem != "index"]
    assert events and all(p.read_text(encoding="utf-8").count("](../readouts/") >= 4 for p in events)
    two_sided = [meta for meta in kinds.values() if len(meta["countries"]) == 2]
    assert 0 < len(list((content / "pairs").glob("*.md"))) <= len(two_sided)
    assert report.readouts_read == 60


def test_short_listings_are_not_split(archive, tmp_path):
    generate(archive, tmp_path / "content", workers=1)
    assert not (tmp_path / "content" / "readouts" / "by-year").exists()


# ---------------------------------------------------------------- fast writers, same bytes

def _pyyaml(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=400, deadline=None)
@given(text, st.lists(text, max_size=3), st.one_of(st.none(), st.dates(), text))
def test_front_matter_writer_matches_pyyaml(value, values, other):
    data = {"title": value, "date": other, "participants": [{"id": v, "name": value} for v in values],
            "mentioned": [], "countries": values, "source": {"file": value, "url": None}}
    assert front_matter(data) == _pyyaml(data)


yaml_pieces = st.sampled_from([
    *":#-?'\" ,[]{}&*!|>%@`_/.=<~+0123456789aZé’–…", "\u2028", "\xa0", "\ufeff", "\U0001F600",
    ": ", " #", "- ", "? ", "yes", "No", "null", "1.5", ".inf", "0x1F", "---", "...", "2024-05-16",
    "10:30", "<<", "  "])


@settings(max_examples=2000, deadline=None)
@given(st.lists(yaml_pieces, min_size=1, max_size=6).map("".join))
def test_front_matter_writer_matches_pyyaml_on_what_yaml_reads_as_syntax(value):
    """Indicators, document markers, values that read as numbers or dates, quotes, spaces at
    the ends: the writer's plain and single-quoted strings are PyYAML's own."""
    data = {"title": value, "names": [value]}
    assert front_matter(data) == _pyyaml(data)


def _flat_matcher_find(phrases, text_, ignore_case):
    keys = {}
    for phrase in phrases:
        key = phrase.strip()
        if key:
            keys.setdefault(key.lower() if ignore_case else key, phrase)
    body = "|".join(re.escape(p) for p in sorted(keys, key=lambda p: (-len(p), p))) or r"(?!x)x"
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)
    return [(m.start(), m.end()) for m in pattern.finditer(text_)]


words = st.sampled_from(["Xi", "Xi Jinping", "Jin", "South", "South Korea", "Korea", "a", "ab",
                         "abc", "New York", "New", "Saint-Denis", "O'Neill"])


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=1, max_size=8, unique=True),
       st.lists(st.one_of(words, st.sampled_from([" ", "-", "x", ". ", "'s "])), max_size=12),
       st.booleans())
def test_trie_matcher_finds_what_a_flat_alternation_finds(phrases, pieces, ignore_case):
    sample = "".join(pieces)
    sample = sample.upper() if ignore_case and len(sample) % 2 else sample
    matcher = PhraseMatcher(((p, p) for p in phrases), ignore_case=ignore_case)
    assert [(m.start, m.end) for m in matcher.find(sample)] == _flat_matcher_find(
        phrases, sample, ignore_case)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Xi", "Xia", "May", "Li", "Lin", "da Silva", "Silva", "O'Neill", "_x", "é"]),
                min_size=1, max_size=5, unique=True),
       st.lists(st.sampled_from(["Xi", "Xia", "May", "Li", "Lin", "da Silva", "Silva", "O'Neill", "_", "é",
                                 " ", "-", "2", ". ", "'s ", "a", "É"]), max_size=14))
def test_whole_words_finds_what_an_alternation_on_word_boundaries_finds(words, pieces):
    text = "".join(pieces)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    assert whole_words(text, words) == [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["met", "held talks", "joined by", "also attended", "x-ray", "visit"]), min_size=1,
                max_size=4, unique=True),
       st.lists(st.sampled_from(["Met", "MET", "met", "Held Talks", "held  talks", "JOINED BY", "Joined by",
                                 "also attended", "X-Ray", "VİSİT", " ", ", ", "İ", "a", "\n"]), max_size=12),
       st.integers(0, 6))
def test_any_case_finds_what_ignorecase_finds_at_the_same_places(phrases, pieces, start):
    text = "".join(pieces)
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    slow = re.compile(rf"\b(?:{body})\b\s*", re.I)
    fast = AnyCase(rf"\b(?:{body})\b\s*")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]
    for method in ("search", "match"):
        found, expected = getattr(fast, method)(text, start), getattr(slow, method)(text, start)
        assert (found and found.span()) == (expected and expected.span())
    with pytest.raises(ValueError):
        AnyCase(rf"\b(?:{body}|Met)\b")  # a capital it would never match


@pytest.mark.parametrize("text", ["President İlham Aliyev", "PRESIDENT İLHAM ALİYEV", "president ilham aliyev"])
def test_ignoring_case_a_capital_that_lowers_to_two_letters_keeps_its_place(text):
    """"İ" lowers to "i" and a combining dot: the match is still found, at its place in the
    text as given, and still names the phrase's value."""
    matcher = PhraseMatcher([("Ilham Aliyev", "ilham-aliyev"), ("President", "office")], ignore_case=True)
    found = matcher.find(f"{text} spoke.")
    assert [(m.text, m.value) for m in found] == [(text[:9], "office"), (text[10:], "ilham-aliyev")]


# ---------------------------------------------------------------- progress and summary

class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert progress_for(io.StringIO()) is None
    assert progress_for(FakeTerminal()) is not None
    monkeypatch.setenv("CI", "true")
    assert progress_for(FakeTerminal()) is None


def test_progress_draws_and_clears_one_line():
    screen = FakeTerminal()
    bar = Progress(screen)
    bar.start("render", 4)
    for _ in range(4):
        bar.advance()
    bar.finish()
    drawn = screen.getvalue()
    assert "\n" not in drawn and "4/4" in drawn and drawn.endswith("\r")


def test_summary_fits_one_screen(archive, tmp_path):
    report = generate(archive, tmp_path / "content", workers=1)
    for i in range(50):
        report.warn(f"seeds/{i}.txt", "something to look at")
    summary = report.summary()
    assert len(summary.splitlines()) <= 24
    assert "pages:" in summary and "render" in summary and "more" in summary
