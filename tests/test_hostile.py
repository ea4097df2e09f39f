"""Hostile and broken input: a catalogue of bad seeds, each with the outcome the build must give.

Every case is run as a seeds folder holding the bad file(s) plus one good readout. Whatever the bad
file does, `generate()` must not raise, the good readout must get its page, and the bad file must
either be read correctly ("read": its page exists and its text survives, as text) or be reported
("error": the report names the file and the reason, and it gets no page), or be skipped on purpose
("ignored": hidden files, folders). Small fixtures live in fixtures/hostile/<case>/ (written by
fixtures/hostile/make_fixtures.py); large ones and file-system oddities are made at test time.

The browser test imports HOSTILE_FIXTURES and `materialise` to build a site from the hostile-markup
cases; every script payload in them calls alert(), so any dialog in the browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import markdown
import pytest
import yaml

from archive_fixture import project_mkdocs_config
from generator.model import FORMATS
from generator.pipeline import generate
from generator.registry import DATA_DIR, RegistryError, load_registry
from generator.sources import READOUT_SUFFIXES
from tiny_registry import tiny_registry

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "hostile"))

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
GOOD_NAME = "good.txt"
GOOD = """\
PM call with President Lula of Brazil: 12 March 2025
10 Downing Street
Published 12 March 2025

Prime Minister Keir Starmer spoke with President Luiz Inácio Lula da Silva of Brazil this afternoon.

The leaders discussed preparations for the climate conference in Belém and agreed that their
countries would work together to cut emissions and protect forests.

They also talked about trade between the United Kingdom and Brazil, and agreed to speak again soon.
"""
TITLE = "Xi Jinping Holds Talks with French President Emmanuel Macron"
CURLY_TITLE = "Xi Jinping’s Talks with “Old Friend” Emmanuel Macron"


# ---------------------------------------------------------------- cases made at test time

def _plausible(title: str = TITLE) -> str:
    return (
        f"{title}\n2024-05-06 22:10\n\nOn the morning of May 6, 2024, President Xi Jinping held "
        "talks with French President Emmanuel Macron in Paris.\n"
    )


def _large_file(seeds: Path, outside: Path) -> None:
    """50 MB of readout text: over the size limit, refused before it is read."""
    chunk = (_plausible() * 200).encode()
    with open(seeds / "huge.txt", "wb") as out:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)


def _one_megabyte_line(seeds: Path, outside: Path) -> None:
    sentence = (
        "President Xi Jinping and President Emmanuel Macron discussed trade, climate change and "
        "the Ukraine crisis at length. "
    )
    (seeds / "one-line.txt").write_text((sentence * (2**20 // len(sentence) + 1))[: 2**20])


def _symlink_out(seeds: Path, outside: Path) -> None:
    secret = outside / "secret.txt"
    secret.write_text(_plausible("Secret Talks Outside The Seeds Folder"))
    (seeds / "leak.txt").symlink_to(secret)


def _symlink_dangling(seeds: Path, outside: Path) -> None:
    (seeds / "dangling.txt").symlink_to(seeds / "missing.txt")


def _folder_named_txt(seeds: Path, outside: Path) -> None:
    (seeds / "folder.txt").mkdir()
    (seeds / "folder.txt" / "inner.txt").write_text(_plausible())


def _name_with_markup(seeds: Path, outside: Path) -> None:
    (seeds / "<img src=x onerror=alert(1)>[x](javascript:alert(2)).txt").write_text(_plausible())


def _name_with_newline(seeds: Path, outside: Path) -> None:
    (seeds / "talks\nwith macron.txt").write_text(_plausible())


def _symlink_loop(seeds: Path, outside: Path) -> None:
    (seeds / "loop.txt").symlink_to("loop.txt")


def _symlink_alias(seeds: Path, outside: Path) -> None:
    (seeds / "real.txt").write_text(_plausible("The Real Readout Behind an Alias"))
    (seeds / "alias.txt").symlink_to("real.txt")


def _sidecar_symlink_out(seeds: Path, outside: Path) -> None:
    (outside / "secret.yml").write_text("title: Secret Title From Outside The Seeds Folder\n")
    (seeds / "linked-sidecar.txt").write_text(_plausible("Talks With a Linked Sidecar"))
    (seeds / "linked-sidecar.yml").symlink_to(outside / "secret.yml")


def _sidecar_symlink_loop(seeds: Path, outside: Path) -> None:
    (seeds / "looped-sidecar.txt").write_text(_plausible("Talks With a Looped Sidecar"))
    (seeds / "looped-sidecar.yml").symlink_to("looped-sidecar.yml")


def _fifo(seeds: Path, outside: Path) -> None:
    os.mkfifo(seeds / "pipe.txt")  # reading it would wait for a writer forever


def _five_megabyte_title(seeds: Path, outside: Path) -> None:
    (seeds / "huge-title.txt").write_text(_plausible("Talks" + "x" * (5 * 2**20)))


def _name_with_terminal_escapes(seeds: Path, outside: Path) -> None:
    (seeds / "\x1b]0;hijacked\x07\x1b[2J\x1b[31mtalks\u202e.txt").write_text(_plausible())


def _name_forging_a_ci_command(seeds: Path, outside: Path) -> None:
    (seeds / "talks\n::error file=x::forged\r.txt").write_text(_plausible())


def _letters_re_takes_for_others(seeds: Path, outside: Path) -> None:
    """A long s and a dotted capital I, which a pattern ignoring case takes for "s" and "i"
    though lower case keeps them apart, in the date line, the dates and a leader's name."""
    (seeds / "long-s.txt").write_text(
        "Xi Jinping Holds Talks with French President Emmanuel Macron\n5 Auguſt 2024\n\n"
        "On Tueſday, 5 AUGUST 2024, PRESİDENT XI JINPING held talks with French President "
        "EMMANUEL MACRON İN PARİS.\n", encoding="utf-8")


# ---------------------------------------------------------------- the catalogue

@dataclass(frozen=True)
class Case:
    name: str
    outcome: str  # "read" | "error" | "ignored"
    expect: str = ""  # error: part of the reason; read: words the page's title or text holds
    warns: str = ""  # read: part of a warning the report must give the file
    make: Callable[[Path, Path], None] | None = None  # made at test time, not a fixture folder
    hostile: bool = False  # carries markup that must stay text on the site
    pages: int = 1  # pages the bad files get when read


CATALOGUE = [
    # empty and binary
    Case("empty", "error", "file is empty"),
    Case("whitespace-only", "error", "only whitespace"),
    Case("png-bytes", "error", "binary file (a PNG image)"),
    Case("nul-bytes", "error", "contains NUL bytes"),
    Case("gzip-bytes", "error", "binary file"),
    # encodings
    Case("utf16-le-bom", "read", CURLY_TITLE),
    Case("utf16-le-no-bom", "read", CURLY_TITLE),
    Case("utf16-be-bom", "read", CURLY_TITLE),
    Case("utf16-truncated", "error", "not valid utf-16"),
    Case("utf8-bom", "read", CURLY_TITLE),
    Case("gb18030-chinese", "read", "习近平同法国总统马克龙举行会谈"),
    Case("cp1252-curly-quotes", "read", CURLY_TITLE),
    Case("invalid-utf8-mid-file", "read", CURLY_TITLE, warns="not all UTF-8: stray bytes from byte"),
    Case("crlf-line-ends", "read", TITLE),
    Case("cr-line-ends", "read", TITLE),
    Case("control-characters", "read", "Xi Jinping Holds Talks"),
    # size
    Case("file-of-50-mb", "error", "byte limit", make=_large_file),
    Case("single-line-of-1-mb", "read", "President Xi Jinping and President Emmanuel Macron",
         warns="no title line", make=_one_megabyte_line),
    # shape
    Case("no-title", "read", "On the morning of May 6, 2024", warns="no title line"),
    Case("no-date", "read", TITLE, warns="undated"),
    Case("future-date", "read", TITLE, warns="in the future"),
    Case("impossible-date", "read", TITLE, warns="undated"),
    Case("only-site-chrome", "read", "Untitled readout", warns="no paragraphs"),
    Case("title-one-long-word", "read", "Talks" + "x" * 100),
    Case("same-readout-twice", "read", TITLE, warns="skipped as a duplicate"),
    Case("titles-slugify-alike", "read", "Emmanuel Macron", pages=2),
    Case("letters-re-takes-for-others", "read", "5 AUGUST 2024", make=_letters_re_takes_for_others),
    # markup that must stay text
    Case("markup-script-iframe", "read", "<script>alert('title')</script>", hostile=True),
    Case("markup-markdown-in-text", "read", "[click](javascript:alert(1))", hostile=True),
    Case("markup-html-readout", "read", "<script>alert(2)</script>", hostile=True),
    Case("markup-markdown-readout", "read", "<script>alert(1)</script>", hostile=True),
    Case("markup-jinja", "read", "{{ 'pwn' ~ 'ed' }}", hostile=True),
    Case("yaml-breakers-in-title", "read", "&anchor *alias !!python/object:os.system", hostile=True),
    Case("markup-in-sidecar", "read", "<iframe src=javascript:alert(1)></iframe>", hostile=True),
    # file names
    Case("name-with-spaces", "read", TITLE),
    Case("name-unicode", "read", TITLE),
    Case("name-leading-dot", "ignored"),
    Case("name-with-dot-dot", "read", TITLE),
    Case("name-upper-case-suffix", "read", TITLE),
    Case("name-with-markup", "read", TITLE, make=_name_with_markup, hostile=True),
    Case("name-with-newline", "read", TITLE, make=_name_with_newline),
    Case("folder-named-txt", "ignored", make=_folder_named_txt),
    Case("symlink-out-of-seeds", "error", "pointing outside the seeds folder", make=_symlink_out),
    Case("symlink-dangling", "error", "broken symbolic link", make=_symlink_dangling),
    # sidecars
    Case("sidecar-invalid-yaml", "error", "broken-sidecar.yml is not valid YAML at line 2"),
    Case("sidecar-unknown-field", "error", "unknown field 'speakers'"),
    Case("sidecar-wrong-type", "error", "field 'date' must be an ISO date"),
    Case("sidecar-impossible-date", "error", "impossible date"),
    Case("sidecar-python-tag", "error", "not valid YAML"),
    Case("sidecar-javascript-url", "error", "field 'url' must be an http(s) URL"),
    Case("sidecar-not-a-mapping", "error", "must be a mapping"),
    Case("sidecar-unsafe-participant", "error", "field 'participants' must be"),
    Case("sidecar-unsafe-topic", "error", "field 'topics' must be"),
    Case("sidecar-unsafe-event", "error", "field 'event' must be an event id"),
    Case("sidecar-non-latin-country", "error", "field 'countries' must be"),
    Case("sidecar-deeply-nested", "error", "nested too deeply"),
    Case("sidecar-billion-laughs", "error", "field 'topics' must be"),
    # second round (issue 13): links, limits, encodings, invisible characters, sidecar mistakes
    Case("symlink-loop", "error", "symbolic link loop", make=_symlink_loop),
    Case("symlink-alias-inside-seeds", "read", "The Real Readout Behind an Alias",
         warns="read once, under its own name", make=_symlink_alias),
    Case("fifo-named-txt", "error", "not a regular file", make=_fifo),
    Case("title-of-5-mb", "read", "Talksxxxx", warns="cut to 300", make=_five_megabyte_title),
    Case("name-with-terminal-escapes", "read", TITLE, make=_name_with_terminal_escapes),
    Case("name-forging-a-ci-command", "read", TITLE, make=_name_forging_a_ci_command),
    Case("shift-jis-japanese", "read", "日中首脳会談についての発表", warns="read as SHIFT-JIS"),
    Case("utf8-with-cp1252-bytes", "read", CURLY_TITLE, warns="not all UTF-8"),
    Case("bidi-and-invisible-in-title", "read", "Xi Jinping Holds Talks with Emmanuel Macron at the"),
    Case("sidecar-bidi-in-names", "read", "Xi Jinping Meets a Delegation"),
    Case("sidecar-symlink-out-of-seeds", "error", "pointing outside the seeds folder",
         make=_sidecar_symlink_out),
    Case("sidecar-symlink-loop", "error", "cannot be read", make=_sidecar_symlink_loop),
    Case("sidecar-long-topic-id", "error", "field 'topics': topic id"),
    Case("sidecar-long-countries", "error", "field 'countries': country"),
    Case("sidecar-long-participant-id", "error", "field 'participants': id"),
    Case("sidecar-too-many-participants", "error", "101 people, over the limit of 100"),
    Case("sidecar-oversized", "error", "over the 65,536-byte limit"),
    Case("sidecar-long-title", "read", "Long title words", warns="cut to 300"),
    Case("sidecar-yaml-suffix", "read", "Talks Whose Sidecar Ends in yaml",
         warns="rename it to yaml-suffix.yml"),
    Case("sidecar-upper-case-suffix", "read", "Talks With an Upper-case Sidecar",
         warns="rename it to upper-suffix.yml"),
    Case("sidecar-without-readout", "ignored", warns="sidecar with no readout"),
    Case("sidecar-claimed-twice", "read", "Talks Told in", warns="has the same name", pages=2),
    Case("sidecar-unknown-topic", "read", "Talks With a Made-up Topic",
         warns="'evil-topic' is not in generator/data/topics.yml"),
    Case("sidecar-free-form-country", "read", "Talks With a Made-up Country",
         warns="'Atlantis' is not in generator/data/countries.yml"),
]
LARGE = (_large_file, _one_megabyte_line, _five_megabyte_title)  # each timed alone
CASES = {case.name: case for case in CATALOGUE}
HOSTILE_FIXTURES = [case.name for case in CATALOGUE if case.hostile]
# Fixture → outcome, for reading at a glance and for other tests.
OUTCOMES = {case.name: (case.outcome, case.expect) for case in CATALOGUE}

# Raw sequences that would make markup on the site; their escaped forms are fine.
FORBIDDEN = [
    re.compile(r"<\s*script", re.I),
    re.compile(r"<\s*iframe", re.I),
    re.compile(r"<[a-z][^<>]*\son\w+\s*=", re.I),  # a raw tag carrying onerror=, onload=, …
    re.compile(r"\]\(\s*(?:javascript|data):", re.I),  # [text](javascript:…)
    re.compile(r"<(?:javascript|data):", re.I),  # <javascript:…> autolink
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:javascript|data):", re.I | re.M),  # reference link
    re.compile(r"(?<!\\)\{[{%#]"),  # unescaped Jinja, should a template pass ever follow
]


def materialise(name: str, seeds: Path, outside: Path | None = None) -> list[str]:
    """Put a case's bad files into `seeds` (beside whatever is there); returns their names."""
    case = CASES[name]
    before = set(os.listdir(seeds))
    if case.make:
        outside = outside or seeds.parent / "outside"
        outside.mkdir(exist_ok=True)
        case.make(seeds, outside)
    else:
        for file in (HOSTILE / name).iterdir():
            shutil.copyfile(file, seeds / file.name)
    return sorted(set(os.listdir(seeds)) - before)


# ---------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return tiny_registry(tmp_path_factory.mktemp("registry"))


def seeds_with_good(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / GOOD_NAME).write_text(GOOD, encoding="utf-8")
    return seeds


def readout_pages(content: Path) -> dict[str, list[tuple[dict, str]]]:
    """Readout pages by source file: [(front matter, Markdown body)]."""
    pages: dict[str, list[tuple[dict, str]]] = {}
    for page in sorted((content / "readouts").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue  # an index page without front matter
        head, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        if isinstance(meta, dict) and isinstance(meta.get("source"), dict):
            pages.setdefault(meta["source"]["file"], []).append((meta, body))
    return pages


def check_front_matter(meta: dict) -> None:
    """The front-matter contract of DESIGN.md."""
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert meta["date"] is None or type(meta["date"]).__name__ == "date"
    assert meta["format"] in FORMATS
    ids = [p["id"] for p in meta["participants"]]
    assert len(ids) == len(set(ids))
    assert all(p["role"] in ("principal", "attendee") for p in meta["participants"])
    assert meta["countries"] == sorted(set(meta["countries"]))
    assert all(isinstance(t, str) for t in meta["topics"])
    assert set(meta["source"]) >= {"file", "sha256", "url", "section"}


class _Markup(HTMLParser):
    """What a browser would act on in rendered HTML: elements, handlers, link targets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "frame", "base", "meta"):
            self.problems.append(f"<{tag}>")
        for key, value in attrs:
            target = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key.startswith("on"):
                self.problems.append(f"{tag} {key}=")
            elif key in ("href", "src", "action", "formaction", "xlink:href", "data") and (
                target.startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"{tag} {key}={value}")


def html_problems(page_markdown: str) -> list[str]:
    """Render a page as MkDocs Material would (its usual Markdown extensions) and list dangers."""
    extensions = ["admonition", "attr_list", "md_in_html", "tables", "footnotes", "abbr",
                  "def_list", "toc", "pymdownx.details", "pymdownx.superfences"]
    html = markdown.markdown(page_markdown, extensions=extensions)
    checker = _Markup()
    checker.feed(html)
    return checker.problems


def assert_no_markup(content: Path) -> None:
    """No page of the site, readout or listing, lets readout text become markup in its Markdown.

    The front matter is data (test_front_matter_keeps_titles_as_data); the built site is checked
    by test_built_site_runs_no_readout_markup.
    """
    for page in sorted(content.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        body = text[4:].split("\n---\n", 1)[1] if text.startswith("---\n") else text
        for pattern in FORBIDDEN:
            match = pattern.search(body)
            assert not match, f"{page.relative_to(content)}: raw {match.group(0)!r}"
        assert not html_problems(body), (page.relative_to(content), html_problems(body))
        assert "pwned" not in text and "looploop" not in text and "leaked" not in text


# ---------------------------------------------------------------- the catalogue, case by case

def test_catalogue_is_large_enough():
    assert len(CATALOGUE) >= 32
    assert len(CASES) == len(CATALOGUE)
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_dir()}
    assert on_disk == {c.name for c in CATALOGUE if not c.make}


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_bad_input(case: Case, tmp_path: Path, registry):
    seeds = seeds_with_good(tmp_path)
    bad = materialise(case.name, seeds, tmp_path / "outside")
    readouts = [n for n in bad if Path(n).suffix.lower() in READOUT_SUFFIXES]
    content = tmp_path / "content"

    report = generate(seeds, content, registry)  # never raises

    pages = readout_pages(content)
    assert len(pages.get(f"seeds/{GOOD_NAME}", [])) == 1, report.render()
    assert f"seeds/{GOOD_NAME}" not in report.errors
    for entries in pages.values():
        for meta, _ in entries:
            check_front_matter(meta)
    labels = [f"seeds/{n}" for n in readouts]
    warnings = [w for name in bad for w in report.warnings.get(f"seeds/{name}", [])]
    assert 0 <= report.readouts_extracted <= report.readouts_read <= report.readouts_found
    if case.outcome == "error":
        assert len(labels) == 1
        assert labels[0] in report.errors, report.render()
        assert any(case.expect in reason for reason in report.errors[labels[0]]), report.render()
        assert labels[0] not in pages
        assert report.failed()
        assert report.readouts_read == 1 and report.readouts_found == 2
    elif case.outcome == "ignored":
        assert set(pages) == {f"seeds/{GOOD_NAME}"}
        assert not report.errors and report.readouts_found == 1
        assert not any(label in report.warnings for label in labels)
        assert not case.warns or any(case.warns in w for w in warnings), report.render()
    else:
        assert not report.errors, report.render()
        assert not report.failed()
        produced = [entry for label in labels for entry in pages.get(label, [])]
        assert len(produced) == case.pages, report.render()
        for meta, body in produced:
            assert case.expect in meta["title"] or case.expect in body.replace("\\", ""), meta
        if case.warns:
            assert any(case.warns in w for w in warnings), report.render()
    if case.hostile:
        assert_no_markup(content)
    if case.make in LARGE:
        for name in bad:
            (seeds / name).unlink()  # pytest keeps the last runs' tmp folders; not 50 MB each


# ---------------------------------------------------------------- what a case must get right

def test_chinese_and_rare_characters_decode(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("gb18030-chinese", seeds)
    generate(seeds, tmp_path / "content", registry)
    [(meta, body)] = readout_pages(tmp_path / "content")["seeds/chinese.txt"]
    assert meta["title"] == "习近平同法国总统马克龙举行会谈"
    assert "中法建交60周年" in body and "𠮷" in body  # a four-byte GB18030 character
    assert str(meta["published"]).startswith("2024-05-06")


def test_byte_order_marks_and_controls_leave_no_trace(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    for name in ("utf8-bom", "utf16-le-bom", "control-characters"):
        materialise(name, seeds)
    generate(seeds, tmp_path / "content", registry)
    for page in (tmp_path / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "\ufeff" not in text and "\x1b" not in text and "\x07" not in text


def test_a_fault_of_the_generator_on_one_readout_costs_that_readout_only(tmp_path, registry, monkeypatch):
    """Whatever a text makes the extraction code fail with, the build goes on: the readout is an
    error naming it and the fault, every other readout has its page."""
    from generator.extract import Extractor

    seeds = seeds_with_good(tmp_path)
    (seeds / "trips-a-fault.txt").write_text(_plausible("Talks That Trip a Fault"), encoding="utf-8")
    extract = Extractor.extract

    def failing_on_one(self, readout, *args, **kwargs):
        if "Trip a Fault" in (readout.title or ""):
            raise KeyError("auguſt")
        return extract(self, readout, *args, **kwargs)

    monkeypatch.setattr(Extractor, "extract", failing_on_one)
    report = generate(seeds, tmp_path / "content", registry, workers=1)  # never raises
    assert set(readout_pages(tmp_path / "content")) == {f"seeds/{GOOD_NAME}"}
    [reason] = report.errors["seeds/trips-a-fault.txt"]
    assert "the generator failed on it (KeyError: 'auguſt')" in reason and report.failed()


def test_impossible_date_is_never_a_date(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("impossible-date", seeds)
    generate(seeds, tmp_path / "content", registry)
    [(meta, _)] = readout_pages(tmp_path / "content")["seeds/february-30.txt"]
    assert meta["date"] is None and meta["published"] is None
    assert meta["slug"] == "february-30"  # the address is the file's, whatever the date


def test_titles_that_slugify_alike_get_two_addresses(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("titles-slugify-alike", seeds)
    generate(seeds, tmp_path / "content", registry)
    pages = readout_pages(tmp_path / "content")
    slugs = {pages[f"seeds/{n}"][0][0]["slug"] for n in ("alike-a.txt", "alike-b.txt")}
    assert len(slugs) == 2
    assert slugs == {"alike-a", "alike-b"}  # addresses come from file names, never from titles


def test_yaml_breakers_round_trip_through_front_matter(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("yaml-breakers-in-title", seeds)
    generate(seeds, tmp_path / "content", registry)
    [(meta, body)] = readout_pages(tmp_path / "content")["seeds/yaml-title.txt"]
    assert meta["title"].startswith("Xi Jinping: Talks --- \"Quoted\" 'single' &anchor *alias")
    assert "\u2028" in meta["title"] and meta["title"].endswith(" end")
    assert set(meta) >= {"title", "date", "participants", "source"}  # "title: injected" did not


def test_symlink_target_outside_seeds_is_never_published(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("symlink-out-of-seeds", seeds, tmp_path / "outside")
    generate(seeds, tmp_path / "content", registry)
    for page in (tmp_path / "content").rglob("*.md"):
        assert "Secret Talks" not in page.read_text(encoding="utf-8")


def test_every_case_at_once(tmp_path, registry):
    """All bad files in one folder: the good ones still get their pages, the build still ends."""
    seeds = seeds_with_good(tmp_path)
    for case in CATALOGUE:
        if case.make not in LARGE:
            materialise(case.name, seeds, tmp_path / "outside")
    report = generate(seeds, tmp_path / "content", registry)
    pages = readout_pages(tmp_path / "content")
    assert f"seeds/{GOOD_NAME}" in pages and "seeds/chinese.txt" in pages
    errors = {c.name for c in CATALOGUE if c.outcome == "error"} - {"file-of-50-mb"}
    assert len(report.errors) == len(errors)
    assert_no_markup(tmp_path / "content")


class _Executable(HTMLParser):
    """Places in built HTML where a browser would run or load something readout-made.

    A JSON-LD script is data a browser never runs: it must hold one whole JSON document, which
    it would not if a readout's words had closed the element early.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.json_ld = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        self.json_ld = self.in_script and ("type", "application/ld+json") in attrs
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"<{tag}>")
        for key, value in attrs:
            target = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if key.startswith("on") and "alert" in target:
                self.problems.append(f"<{tag} {key}={value}>")
            elif key in ("href", "src", "action", "formaction", "xlink:href") and target.startswith(
                ("javascript:", "data:text", "data:image/svg", "vbscript:")
            ):
                self.problems.append(f"<{tag} {key}={value}>")

    def handle_endtag(self, tag):
        self.in_script = self.json_ld = False

    def handle_data(self, data):
        if self.json_ld:
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"<script type=application/ld+json>{data[:60]}")
        elif self.in_script and re.search(r"alert|pwned|document\.cookie", data):
            self.problems.append(f"<script>{data[:60]}")


def test_front_matter_keeps_titles_as_data(tmp_path, registry):
    """The front matter holds a readout's title as written; the site escapes it when it prints it
    (overrides/hooks.py), so the contract's consumers read the real title."""
    seeds = seeds_with_good(tmp_path)
    materialise("markup-script-iframe", seeds)
    generate(seeds, tmp_path / "content", registry)
    [(meta, _)] = readout_pages(tmp_path / "content")["seeds/script.txt"]
    assert meta["title"] == "Xi Jinping Holds Talks with Emmanuel Macron <script>alert('title')</script>"


def test_built_site_runs_no_readout_markup(tmp_path, registry):
    """Every hostile fixture through generate() and MkDocs with the project's own configuration:
    no readout-made script, frame, handler or script URL in any built page. (The browser test
    checks the same in Chromium.)"""
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("no mkdocs.yml yet")
    seeds = seeds_with_good(tmp_path)
    for name in HOSTILE_FIXTURES:
        materialise(name, seeds, tmp_path / "outside")
    generate(seeds, tmp_path / "content", registry)
    config = project_mkdocs_config(tmp_path / "content", tmp_path / "site")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 10
    problems = {}
    for page in pages:
        checker = _Executable()
        checker.feed(page.read_text(encoding="utf-8"))
        if checker.problems:
            problems[str(page.relative_to(tmp_path / "site"))] = checker.problems
    assert not problems


# ---------------------------------------------------------------- the registry

def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_registry_duplicate_alias_names_file_and_alias(tmp_path):
    data = _copy_data(tmp_path)
    people = yaml.safe_load((data / "people.yml").read_text(encoding="utf-8"))
    first, second = people[0], people[1]
    alias = first["name"]
    second["aliases"] = [*(second.get("aliases") or []), alias]
    (data / "people.yml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(data)
    message = str(caught.value)
    assert "people.yml" in message and repr(alias) in message and second["id"] in message


def test_registry_alias_shared_by_two_countries(tmp_path):
    data = _copy_data(tmp_path)
    countries = yaml.safe_load((data / "countries.yml").read_text(encoding="utf-8"))
    countries[1]["aliases"] = [*(countries[1].get("aliases") or []), countries[0]["name"]]
    (data / "countries.yml").write_text(yaml.safe_dump(countries, allow_unicode=True), encoding="utf-8")
    alias = re.escape(repr(countries[0]["name"]))
    with pytest.raises(RegistryError, match=rf"countries\.yml: .*alias {alias}"):
        load_registry(data)


# ---------------------------------------------------------------- the command line

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def _cli_seeds(tmp_path: Path, *cases: str) -> Path:
    seeds = seeds_with_good(tmp_path)
    for name in cases:
        materialise(name, seeds, tmp_path / "outside")
    return seeds


def test_cli_exits_nonzero_when_a_readout_failed(tmp_path):
    seeds = _cli_seeds(tmp_path, "png-bytes", "sidecar-impossible-date", "symlink-out-of-seeds")
    result = run_cli("--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode != 0
    assert "seeds/photo.txt: binary file (a PNG image)" in result.stdout
    assert "seeds/sidecar-feb-30.txt: sidecar sidecar-feb-30.yml holds an impossible date" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "content" / "readouts").is_dir()  # the good readout was still written


def test_cli_exits_zero_when_all_read_and_strict_fails_on_warnings(tmp_path):
    seeds = _cli_seeds(tmp_path, "future-date")
    content = str(tmp_path / "content")
    plain = run_cli("--seeds", str(seeds), "--content", content)
    strict = run_cli("--seeds", str(seeds), "--content", content, "--strict")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert strict.returncode != 0
    assert "in the future" in strict.stdout
    assert "Traceback" not in plain.stdout + plain.stderr + strict.stdout + strict.stderr


def test_cli_on_every_hostile_fixture_prints_no_traceback(tmp_path):
    seeds = seeds_with_good(tmp_path)
    for case in CATALOGUE:
        if case.make is None:
            materialise(case.name, seeds)
    result = run_cli("--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    missing = run_cli("--seeds", str(tmp_path / "nowhere"), "--content", str(tmp_path / "c2"))
    assert missing.returncode != 0 and "Traceback" not in missing.stdout + missing.stderr


# ---------------------------------------------------------------- second round, case by case

def test_a_loop_of_two_links_costs_each_its_own_page_only(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")
    report = generate(seeds, tmp_path / "content", registry)
    assert set(readout_pages(tmp_path / "content")) == {f"seeds/{GOOD_NAME}"}
    for name in ("a.txt", "b.txt"):
        assert any("symbolic link loop" in r for r in report.errors[f"seeds/{name}"])


def test_an_alias_inside_seeds_gives_the_real_file_its_page_once(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("symlink-alias-inside-seeds", seeds)
    (seeds / "b-alias-of-good.txt").symlink_to(GOOD_NAME)
    content = tmp_path / "content"
    for _ in range(2):  # the second run reads from the cache
        report = generate(seeds, content, registry, cache_dir=tmp_path / "cache")
        pages = readout_pages(content)
        assert {label: len(found) for label, found in pages.items()} == {
            f"seeds/{GOOD_NAME}": 1, "seeds/real.txt": 1}
        assert report.readouts_read == 2 and 0 <= report.readouts_extracted <= 2
        assert "-" not in report.render().split("\n")[0]  # no negative count
    assert report.readouts_extracted == 0


def test_report_lines_can_neither_act_on_a_terminal_nor_be_forged(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    for name in ("name-with-terminal-escapes", "name-forging-a-ci-command", "png-bytes"):
        materialise(name, seeds)
    (seeds / "bad\x1b[2Jname\n::warning::x.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = generate(seeds, tmp_path / "content", registry)
    report.warn("seeds/talks\u2028::error::x.txt", "a reason\nwith ::set-output a line break")
    for text in (report.render(), report.summary()):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text)
        assert not any(line.lstrip().startswith("::") for line in text.split("\n")), text
        assert '"seeds/bad\\x1b[2Jname\\n::warning::x.txt": binary file' in text


def test_invisible_characters_leave_titles_and_names_and_stay_out_of_slugs(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("bidi-and-invisible-in-title", seeds)
    materialise("sidecar-bidi-in-names", seeds)
    generate(seeds, tmp_path / "content", registry)
    pages = readout_pages(tmp_path / "content")
    [(meta, _)] = pages["seeds/bidi.txt"]
    assert meta["title"] == "Xi Jinping Holds Talks with Emmanuel Macron at the Élysée"
    assert re.fullmatch(r"[a-z0-9-]+", meta["slug"])
    [(meta, _)] = pages["seeds/bidi-names.txt"]
    assert [(p["name"], p["country"]) for p in meta["participants"]] == [
        ("Xi Jinping", None), ("Emmanuel Macron", "France")]
    invisible = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
    for page in (tmp_path / "content").rglob("*.md"):
        head = page.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        assert not invisible.search(head), page
        assert not invisible.search(page.name)


def test_shift_jis_is_not_read_as_chinese(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("shift-jis-japanese", seeds)
    materialise("gb18030-chinese", seeds)
    report = generate(seeds, tmp_path / "content", registry)
    pages = readout_pages(tmp_path / "content")
    [(meta, body)] = pages["seeds/japanese.txt"]
    assert meta["title"] == "日中首脳会談についての発表" and "岸田総理大臣" in body
    assert any("a guess" in w for w in report.warnings["seeds/japanese.txt"])
    assert pages["seeds/chinese.txt"][0][0]["title"] == "习近平同法国总统马克龙举行会谈"


def test_stray_windows_bytes_in_utf8_read_as_meant_with_a_warning(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("utf8-with-cp1252-bytes", seeds)
    report = generate(seeds, tmp_path / "content", registry)
    [(meta, body)] = readout_pages(tmp_path / "content")["seeds/mixed.txt"]
    assert meta["title"] == CURLY_TITLE and "â€" not in body
    assert "Élysée" in body and "France’s" in body
    assert any("byte 2" in w for w in report.warnings["seeds/mixed.txt"])


def test_a_5_mb_title_makes_a_small_page(tmp_path, registry):
    seeds = seeds_with_good(tmp_path)
    materialise("title-of-5-mb", seeds)
    generate(seeds, tmp_path / "content", registry)
    size = sum(p.stat().st_size for p in (tmp_path / "content").rglob("*.md"))
    (seeds / "huge-title.txt").unlink()
    assert size < 200_000
    [(meta, _)] = readout_pages(tmp_path / "content")["seeds/huge-title.txt"]
    assert len(meta["title"]) == 300 and meta["title"].endswith("…")


def test_a_readout_of_the_most_participants_allowed_builds_in_seconds(tmp_path, registry):
    """Every participant's page lists the others: the limit keeps that square small."""
    import time

    from make_fixtures import many_people  # noqa: E402 (tests/fixtures/hostile on sys.path)
    from generator.limits import MAX_PEOPLE

    seeds = seeds_with_good(tmp_path)
    (seeds / "summit.txt").write_text(_plausible("A Summit of Many Delegations"))
    (seeds / "summit.yml").write_bytes(many_people(MAX_PEOPLE))
    started = time.perf_counter()
    report = generate(seeds, tmp_path / "content", registry)
    elapsed = time.perf_counter() - started
    assert not report.errors, report.render()
    assert len(list((tmp_path / "content" / "leaders").glob("delegate-*.md"))) == MAX_PEOPLE
    assert elapsed < 10
