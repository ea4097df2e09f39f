"""Raw readout text → Readout: breadcrumb, title, timestamp, paragraphs; site chrome stripped.

Readouts come in the shapes their sites print: a breadcrumb line or none, a title or none, a date
line before or after the title (or only in a "Published …" footer), share widgets at the end. The
parser reads the head of the text line by line until the first sentence of the body, and drops
every line that belongs to the site rather than to the readout. A press transcript's head ends
with a venue line and a time line ("East Room" / "5:01 P.M. EDT"): the venue is kept, the time is
neither title nor masthead. Wire copy opens its first paragraph with a dateline ("WASHINGTON,
Feb. 1 (Xinhua) --"), which is recorded apart from the words of the lead.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from functools import cache

from .datetext import TIME_LINE, month_names, parse_timestamp, weekday_names
from .model import Dateline, Readout, SourceText

# Lines that belong to the publishing site, never to the readout.
_CHROME = re.compile(
    r"""^(?:
        <?\s*suggest\s+to\s+a\s+friend\s*:?\s*>?
      | \#{3,}
      | print(?:\s+this\s+page)?
      | share(?:\s+this\s+(?:page|article))?:?
      | (?:news\s+story|press\s+release|speech|statement|readout)
      | filed\s+under:?.*
      | (?:back\s+to\s+top|close\s+window|related\s+(?:news|links|content)):?
      | e-?mail(?:\s+this\s+page)?
      | \[?\s*(?:photo|video)\s*\]?
      | top
    )$""",
    re.I | re.X,
)
_BREADCRUMB = re.compile(r"^(?:home|首页)\s*(?:>|›|»|/)\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?。\"”]\s*$")
# Chinese, Japanese and Korean run words together; each character counts as a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MAX_HEAD_LINES = 8
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")


def parse(source: SourceText) -> Readout:
    """Split a decoded readout into its parts; never raises on odd text."""
    text = source.text
    page = PageMeta()
    if source.format == "html":
        text, page = html_to_text(text)
    elif source.format == "markdown":
        text = markdown_to_text(text)
    lines = [_clean(line) for line in text.split("\n")]
    breadcrumb: tuple[str, ...] = ()
    title = None
    published = None
    date_line = None
    masthead: list[str] = []
    head_candidates: list[str] = []
    place_line = None
    head_dateline = None  # a head line of place and day alone: "Berlin, 10 July 2023"
    previous = None  # the head line before this one, when it was a candidate for the title
    index = 0
    while index < len(lines) and len(head_candidates) + len(masthead) < MAX_HEAD_LINES:
        line = lines[index]
        if not line or _CHROME.match(line):
            index += 1
            continue
        candidate = None
        if not breadcrumb and _BREADCRUMB.match(line):
            breadcrumb = tuple(p.strip() for p in re.split(r"\s*(?:>|›|»)\s*", line) if p.strip())
        elif published is None and parse_timestamp(line) is not None:
            published, date_line = parse_timestamp(line), line
        elif head_dateline is None and (found := read_place_and_day_line(line)):
            head_dateline = found
        elif TIME_LINE.match(line):
            if previous is not None and len(head_candidates) > 1:  # the title stays the title
                place_line = head_candidates.pop()
        elif _is_body(line) or _continues(lines, index) or line.endswith((":", ",")):
            # a line introducing what follows ("… provided the following readout:") is body, and
            # so is a speech's salutation ("Your Excellency President X, …, ladies and gentlemen,")
            break
        elif _BYLINE.match(line):
            masthead.append(line)  # a reporter's byline is never the title
        else:
            head_candidates.append(line)
            candidate = line
        previous = candidate
        index += 1
    if head_candidates:
        title = max(head_candidates, key=len)  # section names and mastheads are shorter
        masthead += [line for line in head_candidates if line is not title]
    paragraphs = []
    for block in _blocks(lines[index:]):
        stamp = parse_timestamp(block)
        if stamp is not None:
            if published is None:  # a "Published 7 July 2022" footer
                published, date_line = stamp, block
        elif not _CHROME.match(block):
            paragraphs.append(block)
    provenance = source.provenance
    if provenance.section is None and len(breadcrumb) > 1:
        provenance = replace(provenance, section=breadcrumb[-1])
    if provenance.url is None and page.url:
        provenance = replace(provenance, url=page.url)
    if page.site_name and page.site_name not in masthead:
        masthead.insert(0, page.site_name)
    return Readout(
        provenance=provenance,
        title=title,
        published=published,
        breadcrumb=breadcrumb,
        paragraphs=tuple(paragraphs),
        masthead=tuple(masthead),
        dateline=(read_dateline(paragraphs[0]) if paragraphs else None) or head_dateline,
        place_line=place_line,
        date_line=date_line,
    )


_CAPITALS = r"(?!(?:[A-Z]\.)+\s)[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}"  # not "U.S."
_TITLED = r"[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][a-z]{0,4}\.(?:\s?[A-Z][a-z]{0,3}\.)*)?"  # "PALM BEACH, Fla.,"


def _day_shapes(year: str) -> str:
    """A day as datelines write it; `year` is "?" where the year may be left out."""
    return (rf"(?:{month_names()}\s+[0-3]?\d(?:,\s*(?:19|20)\d\d){year}"
            rf"|[0-3]?\d(?:st|nd|rd|th)?\s+{month_names()}(?:,?\s+(?:19|20)\d\d){year}"
            r"|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)")


@cache
def _place_and_day_line() -> re.Pattern:
    """A head line that is only a place and a full date: "Berlin, 10 July 2023", "NEW DELHI,
    June 25, 2023.", "Jakarta, Wednesday, 21 December 2022". The year must be there: without it
    the line could be a title."""
    return re.compile(rf"^(?P<place>{_TITLED}|{_CAPITALS}){_REGION},\s*(?:{weekday_names()},?\s+)?"
                      rf"(?P<day>{_day_shapes('')})\.?$")


def read_place_and_day_line(line: str) -> Dateline | None:
    """A dateline printed on a line of its own above the text, or None."""
    match = _place_and_day_line().match(line)
    return Dateline(line, match.group("place"), match.group("day")) if match else None


@cache
def _datelines() -> tuple[re.Pattern, ...]:
    """The shapes of wire copy's datelines, most common first."""
    day = _day_shapes("?")
    capitals, titled, region = _CAPITALS, _TITLED, _REGION
    source = r"(?:\s*\.?\s*(?:\([^()]{1,40}\)|/[^/\s]{1,40}/))?"  # "(Xinhua)", "/TASS/"
    dash = r"\s*(?:--|—|–|-)\s+"
    then = r"(?=[^\W\d_]|[\"“‘(])"
    return (
        # "WASHINGTON, Feb. 1 (Xinhua) --", "CHICAGO  –"
        re.compile(rf"^(?P<place>{capitals}){region}(?:,\s*(?P<day>{day}))?{source}{dash}{then}"),
        # "MOSCOW, May 23. /TASS/."
        re.compile(rf"^(?P<place>{capitals}){region},\s*(?P<day>{day}){source}\.\s+{then}"),
        # "Washington, Oct. 20, 2011 —"
        re.compile(rf"^(?P<place>{titled}){region},\s*(?P<day>{day}){source}{dash}{then}"),
        # "14.6.2021 –"
        re.compile(rf"^(?P<place>)(?P<day>{day}){dash}{then}"),
    )


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline a first paragraph opens with, or None."""
    for pattern in _datelines():
        match = pattern.match(paragraph)
        if match:
            return Dateline(match.group(0), match.group("place") or None, match.group("day"))
    return None


def _clean(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def _is_body(line: str) -> bool:
    """A line of running text rather than a heading: a long line, or a sentence."""
    words = len(line.split()) + len(_CJK.findall(line))
    return words > 40 or (words >= 6 and bool(_SENTENCE_END.search(line)))


def _continues(lines: list[str], index: int) -> bool:
    """A line wrapped mid-sentence: the next line goes on in lower case. Titles never do."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return following[:1].islower()


_LIST_ITEM = re.compile(r"^(?:[-•*–·]|\d{1,2}[.)])\s+\S")


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs: blocks between blank lines, or single lines when the text has no blank lines.

    A list item ("- Polish President Andrzej Duda") is a paragraph of its own even without a
    blank line before it, so a list of participants stays a list.
    """
    if "" not in lines[:-1]:
        return [line for line in lines if line]
    blocks, current = [], []
    for line in lines + [""]:
        if current and _LIST_ITEM.match(line):
            blocks.append(" ".join(current))
            current = []
        if line:
            current.append(line)
        elif current:
            blocks.append(" ".join(current))
            current = []
    return blocks


@dataclass(frozen=True)
class PageMeta:
    """What an HTML page says about itself in its head: its own address (the canonical link,
    else og:url) and its site's name (og:site_name)."""

    url: str | None = None
    site_name: str | None = None


# An address a page gives itself is kept only when it is plainly http(s) and of a sane length.
_PAGE_URL = re.compile(r"https?://[^\s<>\"'`\\]{1,2000}\Z", re.I)


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element; scripts and styles dropped;
    the page's own address and site name noted from its head."""

    _BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section",
               "article", "header", "footer", "blockquote", "td", "dd", "dt"}
    _HIDDEN = {"script", "style", "noscript", "template", "nav", "iframe", "object", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag in ("link", "meta"):
            self._note_meta(tag, dict(attrs))
        elif tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("link", "meta"):
            self.handle_endtag(tag)

    def _note_meta(self, tag: str, attrs: dict) -> None:
        """The first canonical link, og:url and og:site_name the page declares."""
        if tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            key = "canonical"
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        else:
            return
        value = " ".join((attrs.get("href" if tag == "link" else "content") or "").split())
        if key in ("canonical", "og:url", "og:site_name") and value:
            self.meta.setdefault(key, value)

    def page_meta(self) -> PageMeta:
        urls = [self.meta.get(k) for k in ("canonical", "og:url")]
        url = next((u for u in urls if u and _PAGE_URL.match(u)), None)
        name = self.meta.get("og:site_name")
        return PageMeta(url, name[:200] if name else None)

    def handle_endtag(self, tag):
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: str) -> tuple[str, PageMeta]:
    """The page's visible text, and what its head says about it."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    text = "".join(extractor.parts)
    return re.sub(r"\n\s*\n(\s*\n)*", "\n\n", text), extractor.page_meta()


_MARKDOWN_BLOCK_START = re.compile(r"\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\|)")


def markdown_to_text(markup: str) -> str:
    """Plain text of a Markdown readout: front matter, heading marks and emphasis removed.

    Lines wrapped inside a paragraph are joined, as Markdown itself does; otherwise a paragraph
    hard-wrapped by an editor would reach the parser as a run of short lines, read as a heading.
    """
    markup = re.sub(r"\A---\n.*?\n---\n", "", markup, flags=re.S)
    lines: list[str] = []
    for line in markup.split("\n"):
        heading = re.match(r"\s{0,3}#{1,6}(?:\s|$)", line)
        joins = lines and lines[-1].strip() and not lines[-1].lstrip().startswith("#")
        if joins and line.strip() and not _MARKDOWN_BLOCK_START.match(line):
            lines[-1] = lines[-1].rstrip() + " " + line.strip()
        else:
            lines.append(line)
        if heading:
            lines.append("")  # a heading ends its block, even without a blank line after it
    markup = "\n".join(lines)
    markup = re.sub(r"^\s{0,3}#{1,6}\s*", "", markup, flags=re.M)
    markup = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markup)
    markup = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", markup)
    return html.unescape(markup)
