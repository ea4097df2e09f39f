"""Markdown out: escaping readout strings, links, the YAML front matter, a page file's text.

Every string that came from a readout passes through `escape_markdown` (or `escape_inline` where a
caller links parts of it) so that a readout can never put HTML or Markdown markup on the site. This
module knows nothing of which pages exist; the page plan (generator/pages/) builds on it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

import yaml

# ---------------------------------------------------------------- escaping

_MARKDOWN_METACHARACTERS = re.compile(r"([\\`*_\[\]()#+\-!|{}])")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # Markdown uses \x02/\x03 internally
_ORDERED_LIST_START = re.compile(r"^(\d+)\.")
_FENCE_START = re.compile(r"^~")  # "~~~" opens a fenced code block, and "\~" is no escape


def escape_markdown(text) -> str:
    """Text that shows literally when placed in a Markdown line: no HTML, links, emphasis, lists."""
    if text is None:
        return ""
    return _escaped(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 14)
def _escaped(text: str) -> str:
    """`escape_markdown` of a string. Pages show the same names, titles and labels again and
    again (hundreds of thousands of times in a large build): each is escaped once."""
    return guard_line_start(escape_inline(one_line(text)))


def one_line(text: str) -> str:
    """One line, no indentation: a readout string can never start a block of its own."""
    return " ".join(text.split())


def escape_inline(text: str) -> str:
    """Text shown literally inside a Markdown line; its start is guarded by `guard_line_start`."""
    text = html.escape(_CONTROL_CHARACTERS.sub("", text), quote=False)
    return _MARKDOWN_METACHARACTERS.sub(r"\\\1", text)


def guard_line_start(markdown: str) -> str:
    """An escaped line that cannot open an ordered list or a fenced code block."""
    markdown = _ORDERED_LIST_START.sub(r"\1\\.", markdown)
    return _FENCE_START.sub("&#126;", markdown)


_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'\\`]+\Z", re.IGNORECASE)


_ATTRIBUTE_PUNCTUATION = re.compile(r"[\\`\[\](){}=]")
_CODE_PUNCTUATION = re.compile(r"[\[\]{}]")


def code_block(text: str) -> str:
    """Text shown literally as a block of code (a citation to copy): raw HTML, which Markdown
    leaves alone, holding no markup and no brace or bracket (as references) that a template
    language or a link could start from, so a readout's words can never leave it. A blank line
    would end the block, so there is none; a tab is a space."""
    escaped = html.escape(plain_code(text), quote=False)
    escaped = _CODE_PUNCTUATION.sub(lambda m: f"&#{ord(m.group(0))};", escaped)
    return "<pre><code>" + escaped + "</code></pre>"


def plain_code(text: str) -> str:
    """The text a code block shows: no control characters, no blank line, spaces for tabs."""
    text = _CONTROL_CHARACTERS.sub("", text.replace("\t", " ")).replace("\r", "")
    return re.sub(r"\n(?:[ ]*\n)+", "\n", text)


def escape_attribute(text) -> str:
    """Text for a double-quoted HTML attribute value written into a page's raw HTML: one line,
    and no character that Markdown or a template language could read as syntax (as references)."""
    if text is None:
        return ""
    escaped = html.escape(one_line(_CONTROL_CHARACTERS.sub("", str(text))), quote=True)
    return _ATTRIBUTE_PUNCTUATION.sub(lambda m: f"&#{ord(m.group(0))};", escaped)


def search_facet(text) -> str:
    """A search filter value as an attribute: Pagefind lists a value holding `"` or `\\` but
    never matches it when filtering, so those two become `'` and `/`."""
    return escape_attribute(str(text).replace('"', "'").replace("\\", "/"))


# ---------------------------------------------------------------- links

def markdown_link(text, target: str) -> str:
    """A link whose text shows literally; `target` is a site address the caller made safe."""
    return f"[{escape_markdown(text)}]({target})"


def safe_url(url: str | None) -> bool:
    """Plainly an http(s) address: nothing in it can end a link or start markup."""
    return bool(url and _SAFE_URL.match(url))


def external_link(url: str | None, text: str | None = None) -> str:
    """A web address as a link (showing `text`, else itself) only when it is plainly http(s);
    anything else shows as text."""
    if safe_url(url):
        return f"[{escape_markdown(text or url)}]({url})"
    return escape_markdown(url)


def linked_line(text: str, spans: list[tuple[int, int, str]]) -> str:
    """One line of text escaped, with each (start, end, target) span a link to its target.

    `text` is already one line (`one_line`), as the spans were found in it. Where two spans
    overlap, the earlier and longer wins; of two alike, the one given first.
    """
    pieces, position = [], 0
    for start, end, target in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < position:
            continue
        pieces.append(escape_inline(text[position:start]))
        pieces.append(f"[{escape_inline(text[start:end])}]({target})")
        position = end
    pieces.append(escape_inline(text[position:]))
    return guard_line_start("".join(pieces))


# ---------------------------------------------------------------- front matter and page text

def front_matter(data: dict) -> str:
    """Front matter exactly as PyYAML's pure-Python `safe_dump` writes it, only faster.

    The pure-Python emitter on purpose: libyaml's writes some characters (emoji, U+0085)
    differently, and pages must be byte-identical wherever they are built. Scalars that are
    plainly safe are written directly; any other is handed to PyYAML alone, so the bytes are
    always PyYAML's (a property test compares the two on arbitrary text).
    """
    lines: list[str] = []
    _emit_mapping(data, "", lines)
    text = "".join(lines)
    if _LINE_BREAKS.search(text.replace("\n", "")) or text.count("\n") != len(lines):
        # a scalar PyYAML spreads over lines: let it indent the continuation lines
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return text


_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9,.'()/\-]*(?: [A-Za-z0-9,.'()/\-]+)*\Z")
_NOT_PLAIN = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split()
)


def _scalar(value) -> str:
    if value is None:
        return "null"
    if type(value) is str:
        if _PLAIN_SAFE.match(value) and value not in _NOT_PLAIN:
            return value
        if _ONE_LINE.match(value):
            return _one_line_scalar(value)
    if type(value) is dt.date:
        return value.isoformat()
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return dumped[3:-1]


# One line of characters PyYAML writes as they are (with allow_unicode): no line break, no
# control character, no byte-order mark, nothing beyond the Basic Multilingual Plane.
_ONE_LINE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+\Z")
_RESOLVER = yaml.resolver.Resolver()
_STRING_TAG = "tag:yaml.org,2002:str"


def _one_line_scalar(value: str) -> str:
    """A one-line string as PyYAML's emitter writes it as a block value (Emitter.analyze_scalar,
    choose_scalar_style): plain unless it has spaces at its ends or an indicator where a plain
    scalar cannot, or reads as another type (a date, a number); else in single quotes."""
    first, second = value[0], value[1:2]
    indicator = (
        first in "#,[]{}&*!|>'\"%@`" or (first in "?:-" and second in ("", " "))
        or ": " in value or value.endswith(":") or " #" in value
        or value.startswith(("---", "..."))
    )
    if (indicator or first == " " or value[-1] == " "
            or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STRING_TAG):
        return "'" + value.replace("'", "''") + "'"
    return value


def _emit_mapping(data: dict, indent: str, lines: list[str], first_prefix: str | None = None) -> None:
    prefix = indent if first_prefix is None else first_prefix
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{prefix}{key}:\n")
            _emit_mapping(value, indent + "  ", lines)
        elif isinstance(value, list) and value:
            lines.append(f"{prefix}{key}:\n")
            for item in value:
                if isinstance(item, dict) and item:
                    _emit_mapping(item, indent + "  ", lines, first_prefix=indent + "- ")
                else:
                    lines.append(f"{indent}- {_scalar(item)}\n")
        elif isinstance(value, (list, dict)):
            lines.append(f"{prefix}{key}: {'[]' if isinstance(value, list) else '{}'}\n")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}\n")
        prefix = indent


def page_text(front: str, body: str) -> str:
    """A page file: front matter, then the body with at most one blank line between blocks and
    one newline at the end (templates may be generous with blank lines)."""
    body = _BLANK_LINES.sub("\n\n", body).strip("\n")
    return f"---\n{front}---\n\n{body}\n"


_BLANK_LINES = re.compile(r"\n{3,}")
