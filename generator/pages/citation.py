"""How to cite a readout: the parts of a plain citation, and the same as BibTeX and CSL-JSON.

A citation names the publisher, the title, the day the publisher issued it, the original address,
the archive's page and the day accessed. "Accessed" is `Facts.accessed` - the day the text was
taken from its source (the sidecar's `retrieved:`, which `summit add` writes), else the day it
was published - never the day of a build, so rebuilding changes no citation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..markdown import one_line, safe_url
from ..model import Entry
from .addresses import page_url, readout_path, readout_title, site_address

ARCHIVE_NAME = "Summit Archive"


@dataclass(frozen=True)
class Citation:
    publisher: str | None
    title: str
    issued: dt.date | None
    original: str | None  # the source's own address, when known and plainly http(s)
    archived: str  # the readout's page: absolute with a site address, else from the site's root
    accessed: dt.date | None
    bibtex: str
    csl_json: str

    @property
    def original_site(self) -> str | None:
        """The host of the original address, as a link names it: www.fmprc.gov.cn."""
        return self.original.split("/")[2] if self.original else None


def cite(entry: Entry, site_url: str | None) -> Citation:
    facts = entry.facts
    title = one_line(readout_title(entry))
    publisher = one_line(facts.publisher) if facts.publisher else None
    original = facts.source.url if safe_url(facts.source.url) else None
    archived = site_address(site_url, page_url(readout_path(entry.slug)))
    key = f"summit:{entry.slug}"
    return Citation(publisher, title, facts.issued, original, archived, facts.accessed,
                    _bibtex(key, publisher, title, facts.issued, original, archived, facts.accessed),
                    _csl_json(key, publisher, title, facts.issued, original, archived, facts.accessed))


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def bibtex_text(text: str) -> str:
    """Text that BibTeX and LaTeX print as it is."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex_url(url: str) -> str:
    """An address whose every character is safe inside a BibTeX field's braces."""
    return re.sub(r"[{}\\%\s]", lambda m: f"%{ord(m.group(0)):02X}", url)


def _bibtex(key, publisher, title, issued, original, archived, accessed) -> str:
    # Author and title are braced whole, so BibTeX keeps them as written (an office is no
    # person's name, a title's capitals stay): "{…}" in quotes rather than {{…}}.
    fields = []
    if publisher:
        fields.append(("author", '"{' + bibtex_text(publisher) + '}"'))
    fields.append(("title", '"{' + bibtex_text(title) + '}"'))
    fields.append(("howpublished", "{Readout}"))
    if issued:
        fields += [("year", f"{{{issued.year}}}"), ("date", f"{{{issued.isoformat()}}}")]
    fields.append(("url", "{" + bibtex_url(original or archived) + "}"))
    if accessed:
        fields.append(("urldate", f"{{{accessed.isoformat()}}}"))
    fields.append(("note", f"{{Archived in {ARCHIVE_NAME}: " + bibtex_url(archived) + "}"))
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _csl_json(key, publisher, title, issued, original, archived, accessed) -> str:
    item: dict = {"id": key, "type": "webpage", "genre": "Readout", "title": title}
    if publisher:
        item["author"] = [{"literal": publisher}]
        item["publisher"] = publisher
    if issued:
        item["issued"] = _date_parts(issued)
    item["URL"] = original or archived
    if accessed:
        item["accessed"] = _date_parts(accessed)
    item["archive"] = ARCHIVE_NAME
    item["archive_location"] = archived
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()]
    return "[\n  {\n" + ",\n".join(lines) + "\n  }\n]"  # a field a line, nothing folded


def _date_parts(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}
