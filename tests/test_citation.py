"""Citations and head metadata keep a readout's words as data: BibTeX that LaTeX prints as
written, code blocks whose text shows as itself, JSON-LD that cannot leave its <script>."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import XI, build_entry
from generator.markdown import code_block, plain_code
from generator.metadata import json_ld, script_json
from generator.model import Provenance
from generator.pages.citation import bibtex_text, bibtex_url, cite

HOSTILE_TITLE = 'Xi & Putin {{ x }} 100% #1 $5 a_b ~^ \\end{document} </script> "q"'


def entry(**kw):
    made = build_entry("talks", dt.date(2024, 5, 16), title=HOSTILE_TITLE, principals=[XI],
                       published=dt.datetime(2024, 5, 17, 2, 14), **kw)
    made.facts.publisher = "Ministry & Co {x}"
    return made


def test_citation_parts_and_dates():
    citation = cite(entry(url="https://www.example.gov/a?b=1&c={2}"), "https://site.example/")
    assert citation.archived == "https://site.example/readouts/talks/"
    assert citation.original == "https://www.example.gov/a?b=1&c={2}"
    assert citation.issued == dt.date(2024, 5, 17) and citation.accessed == dt.date(2024, 5, 17)
    assert "url          = {https://www.example.gov/a?b=1&c=%7B2%7D}" in citation.bibtex


def test_accessed_is_the_retrieved_day_when_given():
    made = entry()
    made.facts.source = Provenance("seeds/talks.txt", "0" * 64, None, None, dt.date(2025, 1, 2))
    citation = cite(made, None)
    assert citation.accessed == dt.date(2025, 1, 2) and citation.archived == "readouts/talks/"
    assert citation.original is None and "url          = {readouts/talks/}" in citation.bibtex


def test_bibtex_escapes_every_special_character():
    escaped = bibtex_text(HOSTILE_TITLE)
    assert "\\&" in escaped and "\\%" in escaped and "\\#" in escaped and "\\$" in escaped
    assert "\\_" in escaped and "\\textbackslash{}end\\{document\\}" in escaped
    assert re.search(r"(?<!\\)[{}]", escaped.replace("\\textbackslash{}", "")
                     .replace("\\textasciitilde{}", "").replace("\\textasciicircum{}", "")) is None
    assert bibtex_url("https://x.example/a b{c}%") == "https://x.example/a%20b%7Bc%7D%25"


def test_csl_json_is_json_holding_the_title_as_written():
    item = json.loads(cite(entry(), None).csl_json)[0]
    assert item["title"] == HOSTILE_TITLE and item["author"] == [{"literal": "Ministry & Co {x}"}]
    assert item["issued"] == {"date-parts": [[2024, 5, 17]]}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 \n\t\\`*_[](){}#+-!|<>&;:~=^\"'/%")), max_size=60))
def test_code_block_shows_any_text_as_itself(text):
    rendered = markdown.markdown("Before\n\n" + code_block(text) + "\n\nAfter",
                                 extensions=["md_in_html", "admonition", "toc"])
    inner = re.search(r"<pre><code>(.*?)</code></pre>", rendered, re.S)
    assert inner is not None and "<" not in inner.group(1)
    assert html.unescape(inner.group(1)) == plain_code(text)
    assert re.search(r"(?<!\\)\{[{%#]", code_block(text)) is None


def test_json_ld_cannot_close_its_script():
    meta = {"title": "</script><script>alert(1)</script>", "date": dt.date(2024, 5, 16),
            "published": "2024-05-17 02:14", "participants": [{"name": "A <b>", "country": "X"}],
            "source": {"url": "javascript:alert(1)"}, "publisher": "P & Q", "format": "talks",
            "location": "Here"}
    text = json_ld(meta, "https://site.example/readouts/x/", "Summit Archive", None)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["headline"] == meta["title"] and "isBasedOn" not in data
    assert data["datePublished"] == "2024-05-17" and data["about"]["location"]["name"] == "Here"
    assert json.loads(script_json({"a": "\u2028"})) == {"a": "\u2028"}
