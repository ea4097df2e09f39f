"""Which office published a readout: readers see whose account it is, and it tells extraction
whose "the Prime Minister" the text means.

A readout shows its publisher by the shapes of its page: a masthead line ("10 Downing Street") or
a credit line ("Source: Xinhua"), a breadcrumb section ("Home > China News"), a wire dateline
opening the text ("MOSCOW, May 23. /TASS/."), the host of its source URL or of a reporter's
e-mail address, a title shape only one office writes ("PM call with …"), the style of its date
line ("2024-05-17 02:14"). publishers.yml holds each publisher's shapes; strategies.py lists
these strategies in the order they are tried, surest first.
"""

from __future__ import annotations

import re

from ..model import Readout
from ..registry import Registry
from .evidence import Finding


def publisher_masthead(readout: Readout, registry: Registry) -> Finding | None:
    for line in (*readout.masthead, *readout.breadcrumb):
        publisher = registry.publisher_by_masthead(line)
        if publisher:
            return Finding(publisher, line)
    return None


_CREDIT = re.compile(r"^Source:\s*(?P<name>[^|]+?)\s*(?:\||$)", re.I)


def publisher_credit_line(readout: Readout, registry: Registry) -> Finding | None:
    """A head line crediting the source by name: "Source: Xinhua| 2018-02-02 …"."""
    for line in _head_lines(readout):
        credit = _CREDIT.match(line)
        publisher = credit and registry.publisher_by_masthead(credit.group("name"))
        if publisher:
            return Finding(publisher, line)
    return None


def publisher_section(readout: Readout, registry: Registry) -> Finding | None:
    """A breadcrumb section or a section line at the head that is one publisher's own."""
    for line in (*readout.breadcrumb[1:], *readout.masthead):
        publisher = registry.publisher_by_shape("sections", line)
        if publisher:
            quote = " > ".join(readout.breadcrumb) if line in readout.breadcrumb else line
            return Finding(publisher, quote)
    return None


def publisher_wire_dateline(readout: Readout, registry: Registry) -> Finding | None:
    """A news agency's dateline opening the text: "WASHINGTON, Feb. 1 (Xinhua) --"."""
    if not readout.paragraphs:
        return None
    opening = readout.paragraphs[0]
    publisher = registry.publisher_by_shape("datelines", opening)
    return Finding(publisher, opening) if publisher else None


def publisher_of_source_address(readout: Readout, registry: Registry) -> Finding | None:
    publisher = registry.publisher_by_url(readout.provenance.url)
    return Finding(publisher, readout.provenance.url) if publisher else None


_ADDRESS = re.compile(r"\b[\w.+-]+@(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", re.I)
CLOSING_PARAGRAPHS = 2  # where a reporter's address is printed


def publisher_contact_address(readout: Readout, registry: Registry) -> Finding | None:
    """A reporter's or press office's e-mail address closing the text, at a publisher's domain."""
    for paragraph in readout.paragraphs[-CLOSING_PARAGRAPHS:]:
        for address in _ADDRESS.finditer(paragraph):
            publisher = registry.publisher_by_host(address.group("host"))
            if publisher:
                return Finding(publisher, address.group(0))
    return None


def publisher_title_shape(readout: Readout, registry: Registry) -> Finding | None:
    """A title only one office writes ("Remarks by President …"), unless the leader it goes on to
    name is registered for another side only: "Remarks by President Ramaphosa at the BRICS
    Summit" is not the White House's."""
    title = readout.title or ""
    publisher = registry.publisher_by_shape("title_shapes", title)
    if publisher is None:
        return None
    shape = next(m for m in (p.search(title) for p in publisher.title_shapes) if m)
    named = re.match(r"\s+([^\W\d_][\w'’-]*)", title[shape.end():])
    if named:
        sides = {side for person in registry.people.values() if person.surname == named.group(1)
                 for side in (person.country, person.organization) if side}
        if sides and publisher.country not in sides:
            return None
    return Finding(publisher, title)


def publisher_date_line_style(readout: Readout, registry: Registry) -> Finding | None:
    """The date line printed as only one publisher prints it: the weakest sign, tried last."""
    if not readout.date_line:
        return None
    publisher = registry.publisher_by_shape("date_lines", readout.date_line)
    return Finding(publisher, readout.date_line) if publisher else None


def _head_lines(readout: Readout) -> tuple[str, ...]:
    return tuple(line for line in (readout.title, *readout.masthead, readout.date_line) if line)
