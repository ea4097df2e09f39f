"""Property tests: whatever text or bytes arrive, the early stages answer in their own terms.

`sources.decode` returns text or raises ReadoutError; `read_sidecar` returns overrides or raises
SidecarError; `parse` always returns a Readout; `Extractor.extract` always returns Facts that keep
the front-matter contract of DESIGN.md. Inputs are random text and bytes, and mutations of a
plausible readout (its lines shuffled, cut, repeated, mixed with random unicode). Bounded so the
module runs in well under half a minute.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import Extractor
from generator.model import ATTENDEE, FORMATS, PRINCIPAL, Facts, Provenance, Readout, SourceText
from generator.parse import parse
from generator.sidecar import FIELDS, SidecarError, read_sidecar
from generator.sources import ReadoutError, decode
from tiny_registry import tiny_registry

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def extractor(tmp_path_factory):
    return Extractor(tiny_registry(tmp_path_factory.mktemp("registry")))


def assert_contract(facts: Facts) -> None:
    """The front-matter contract, on the typed Facts every page is written from."""
    assert isinstance(facts, Facts)
    assert isinstance(facts.title, str) and facts.title.strip()
    assert facts.date is None or (isinstance(facts.date, dt.date) and not isinstance(facts.date, dt.datetime))
    assert facts.published is None or isinstance(facts.published, dt.date)
    assert facts.format in FORMATS
    assert facts.format_detail is None or isinstance(facts.format_detail, str)
    assert facts.location is None or isinstance(facts.location, str)
    ids = [p.id for p in facts.participants]
    assert len(ids) == len(set(ids)), ids
    for person in facts.participants:
        assert person.role in (PRINCIPAL, ATTENDEE)
        assert isinstance(person.id, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", person.id)
        assert isinstance(person.name, str) and person.name.strip()
        assert person.country is None or isinstance(person.country, str)
    assert all(isinstance(m.id, str) and m.id for m in facts.mentioned)
    assert facts.countries == sorted(set(facts.countries))
    assert all(isinstance(c, str) for c in facts.countries)
    assert all(isinstance(c, str) for c in facts.mentioned_countries)
    assert isinstance(facts.topics, list) and all(isinstance(t, str) for t in facts.topics)
    assert isinstance(facts.source, Provenance)
    assert facts.end_date is None or isinstance(facts.end_date, dt.date)


def assert_readout(readout: Readout) -> None:
    assert isinstance(readout, Readout)
    assert readout.title is None or (isinstance(readout.title, str) and readout.title)
    assert readout.published is None or isinstance(readout.published, dt.date)
    assert all(isinstance(p, str) and p for p in readout.paragraphs)
    assert all(isinstance(b, str) for b in readout.breadcrumb)


def source(text: str, fmt: str = "text") -> SourceText:
    return SourceText(Provenance("seeds/fuzz.txt", "0" * 64), text, "utf-8", fmt)


# ---------------------------------------------------------------- strategies

BREADCRUMBS = ["Home > China News", "Home > News > Readouts", "首页 > 新闻", "Home › Briefing Room"]
TITLES = [
    "Xi Jinping Holds Talks with French President Emmanuel Macron",
    "PM call with President Zelenskyy: 7 July 2022",
    "Readout of President Biden’s Call with Prime Minister Starmer",
    "Li Qiang Meets with Brazilian President Luiz Inácio Lula da Silva",
    "Wang Yi Holds Phone Talks with Russian Foreign Minister Sergey Lavrov",
    "习近平同法国总统马克龙举行会谈",
]
STAMPS = [
    "2024-05-06 22:10", "6 May 2024", "May 6, 2024", "Published 7 July 2022", "2024-02-30 10:00",
    "17 July 202018:33", "Updated: March 3, 2025 4:05 PM", "2099-12-31", "1900-01-01 00:00",
    "Tuesday, 5 August 2024 14:00",
]
PARAGRAPHS = [
    "On the morning of May 6, 2024, President Xi Jinping held talks with French President "
    "Emmanuel Macron at the Élysée Palace in Paris.",
    "Prime Minister Keir Starmer spoke to President Volodymyr Zelenskyy this afternoon about the "
    "war in Ukraine.",
    "The two leaders agreed to deepen cooperation on trade and climate change.",
    "Wang Yi and Cai Qi attended the talks.",
    "President Biden and President Xi met in Woodside, California, on November 15.",
    "Putin said Russia valued its ties with China, and Lavrov added that talks would continue.",
    "On Monday, President Lula da Silva spoke with President Macron by phone.",
    "The Prime Minister and President Macron will meet again on 30 February.",
    "当地时间2024年5月6日上午，国家主席习近平在巴黎同法国总统马克龙举行会谈。",
    "Xi Jinping said that the Global Security Initiative supports a multipolar world.",
]
FOOTERS = ["Suggest To a Friend:", "Share this page", "Print", "Back to top", "###", "Top",
           "Published 7 July 2022", "<Suggest To A Friend>", "[Photo]"]
PIECES = BREADCRUMBS + TITLES + STAMPS + PARAGRAPHS + FOOTERS

unicode_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=80
)
line = st.one_of(st.sampled_from(PIECES), unicode_line)


@st.composite
def readout_like(draw) -> str:
    """A plausible readout's lines, then shuffled, cut, repeated and salted with random unicode."""
    lines = [
        draw(st.sampled_from(BREADCRUMBS)), draw(st.sampled_from(TITLES)), draw(st.sampled_from(STAMPS)),
        *draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=0, max_size=6)),
        draw(st.sampled_from(FOOTERS)),
    ]
    if draw(st.booleans()):
        lines = draw(st.permutations(lines))
    lines = lines[draw(st.integers(0, 2)): len(lines) - draw(st.integers(0, 2))]
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, draw(line))
    if lines and draw(st.booleans()):
        lines.append(draw(st.sampled_from(lines)))  # a duplicated line
    if lines and draw(st.booleans()):
        index = draw(st.integers(0, len(lines) - 1))
        cut = draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:cut] + draw(unicode_line)  # truncated mid-line
    if lines and draw(st.booleans()):
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = lines[index].translate(RE_CASE_LOOKALIKES)
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\u2028", "\t\n"]))
    return separator.join(lines)


# letters that a pattern ignoring case takes for others, though lower case keeps them apart
RE_CASE_LOOKALIKES = str.maketrans({"s": "ſ", "i": "İ", "I": "ı", "k": "\u212a"})


def as_format(text: str, fmt: str) -> str:
    if fmt == "html":
        return "".join(f"<p>{line}</p>\n" for line in text.split("\n"))
    if fmt == "markdown":
        return "\n".join(f"# {line}" if i == 1 else line for i, line in enumerate(text.split("\n")))
    return text


formats = st.sampled_from(["text", "html", "markdown"])
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\x89PNG\r\n\x1a\n", b"%PDF"]


# ---------------------------------------------------------------- sources.decode

@FUZZ
@given(data=st.binary(max_size=3000), prefix=st.sampled_from(BOMS))
def test_decode_random_bytes_is_text_or_readout_error(data, prefix):
    try:
        text, encoding, _ = decode(prefix + data, "seeds/fuzz.txt")
    except ReadoutError as exc:
        assert exc.file == "seeds/fuzz.txt" and exc.reason
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@FUZZ
@given(text=readout_like(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "gb18030", "cp1252"]))
def test_decode_round_trips_encoded_readouts(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # cp1252 cannot hold every character
    try:
        decoded, _, _ = decode(data, "seeds/fuzz.txt")
    except ReadoutError:
        return  # NUL-like bytes, or UTF-16 of text with too few Latin letters to recognise
    if encoding in ("utf-8", "utf-16"):  # self-describing: must come back exactly
        assert decoded.lstrip("\ufeff") == text


# ---------------------------------------------------------------- sidecars

sidecar_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.dates(),
              st.sampled_from(FORMATS), st.sampled_from(["France", "China", "中国", "xi-jinping",
                                                          "https://example.org/", "../x"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["id", "name", "role", "country", "title"]),
                                            inner, max_size=4)),
    max_leaves=8,
)
sidecar = st.dictionaries(st.sampled_from(sorted(FIELDS) + ["speakers"]), sidecar_value, max_size=4)

# Sidecars a curator could plausibly write: mostly well-typed, so most of them are accepted.
_names = st.sampled_from(["Xi Jinping", "Emmanuel Macron", "Keir Starmer", "Wang Yi", "Ana Núñez", "X"])
_countries = st.sampled_from(["France", "China", "United Kingdom", "Atlantis", "Côte d'Ivoire"])
_person = st.fixed_dictionaries(
    {"name": _names},
    optional={"id": st.sampled_from(["xi-jinping", "wang-yi", "new-person"]),
              "role": st.sampled_from([PRINCIPAL, ATTENDEE]), "country": _countries,
              "title": st.sampled_from(["President", "Foreign Minister"])},
)
curated_sidecar = st.fixed_dictionaries({}, optional={
    "title": st.text(min_size=1, max_size=40), "date": st.dates(), "end_date": st.dates(),
    "published": st.one_of(st.dates(), st.datetimes()), "format": st.sampled_from(FORMATS),
    "format_detail": st.text(min_size=1, max_size=20), "location": st.one_of(st.none(), st.text(max_size=20)),
    "participants": st.lists(_person, max_size=4), "mentioned": st.lists(_person, max_size=3),
    "countries": st.lists(_countries, max_size=4), "mentioned_countries": st.lists(_countries, max_size=3),
    "topics": st.lists(st.sampled_from(["trade", "climate-change", "unknown-topic"]), max_size=3),
    "url": st.just("https://example.org/readout"), "section": st.text(min_size=1, max_size=10),
})


def _read_sidecar_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yml"
        path.write_text(text, encoding="utf-8")
        return read_sidecar(path)


@FUZZ
@given(text=st.one_of(st.text(max_size=300), sidecar.map(lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_sidecar_is_overrides_or_sidecar_error(text):
    try:
        overrides = _read_sidecar_text(text)
    except SidecarError as exc:
        assert "fuzz.yml" in str(exc)
        return
    assert isinstance(overrides, dict) and set(overrides) <= set(FIELDS)


@FUZZ
@given(overrides=st.one_of(sidecar, curated_sidecar), text=readout_like())
def test_any_accepted_sidecar_keeps_the_contract(extractor, overrides, text):
    try:
        accepted = _read_sidecar_text(yaml.safe_dump(overrides, allow_unicode=True))
    except SidecarError:
        return
    accepted.pop("url", None), accepted.pop("section", None)  # go to provenance, as sources does
    facts, _ = extractor.extract(parse(source(text)), accepted, today=TODAY)
    assert_contract(facts)


# ---------------------------------------------------------------- parse and extract

@FUZZ
@given(text=st.text(max_size=2000), fmt=formats)
def test_random_text_parses_and_extracts(extractor, text, fmt):
    readout = parse(source(text, fmt))
    assert_readout(readout)
    facts, unregistered = extractor.extract(readout, today=TODAY)
    assert_contract(facts)
    assert all(isinstance(name, str) for name in unregistered)


@FUZZ
@given(text=readout_like(), fmt=formats)
def test_mutated_readouts_parse_and_extract(extractor, text, fmt):
    readout = parse(source(as_format(text, fmt), fmt))
    assert_readout(readout)
    facts, _ = extractor.extract(readout, today=TODAY)
    assert_contract(facts)


@FUZZ
@given(data=st.binary(max_size=2000), fmt=formats)
def test_whatever_decodes_also_parses_and_extracts(extractor, data, fmt):
    try:
        text, _, _ = decode(data, "seeds/fuzz.txt")
    except ReadoutError:
        return
    readout = parse(source(text, fmt))
    assert_readout(readout)
    facts, _ = extractor.extract(readout, today=TODAY)
    assert_contract(facts)
